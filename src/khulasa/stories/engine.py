"""The ingest engine: a stream of articles in, stored, de-duplicated and placed in stories.

Work is split by cost. Text analysis (normalizing, stemming, MinHash — most of the CPU) runs in
worker processes, a bounded number of batches ahead; the main process keeps the database and the
clusterer, which must see articles one at a time and in order. Each batch is one transaction
(articles, analyses, story updates, document frequencies, stream clock): a crash or ``kill -9``
loses at most the batch in flight, and because articles are keyed by content hash and URL, running
the same command again skips what was committed and finishes the rest.
"""

from __future__ import annotations

import json
import multiprocessing
import signal
import time
from collections import Counter, deque
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date

from khulasa.ingest.saudinewsnet import is_preclean
from khulasa.language import get_language
from khulasa.model import Article
from khulasa.problems import ERROR, NOTICE, Problem
from khulasa.store import ArticleRow, Store, StoryDelta
from khulasa.stories.analyze import Analysis, Analyzer
from khulasa.stories.arrival import ArrivalState
from khulasa.stories.backfill import Backfill
from khulasa.stories.cluster import ClusterSettings, StoryClusterer
from khulasa.stories.events import EventClusterer, EventSettings
from khulasa.stories.neardup import DedupSettings, Duplicate, NearDupIndex
from khulasa.stories.profile import EventProfile, build_profile

HEADLINE_CHARS = 160

Keyed = tuple[Article, str]  # an article and its content hash, computed once


@dataclass(frozen=True)
class IngestSettings:
    batch_size: int = 500  # articles per transaction
    workers: int = 2  # analysis processes; 0 analyses in this process
    language: str = "ar"
    stories: str = "events"  # "events": one event per story; "topics": the older, looser grouping
    cluster: ClusterSettings = field(default_factory=ClusterSettings)
    events: EventSettings = field(default_factory=EventSettings)
    # Use a date the page states when it has no publication date (marked as inferred).
    infer_dates: bool = True
    dedup: DedupSettings = field(default_factory=DedupSettings)


@dataclass
class IngestReport:
    """What one run did; ``interrupted`` when Ctrl-C stopped it (committed work is kept)."""

    read: int = 0
    added: int = 0
    exact_duplicates: int = 0
    near_duplicates: int = 0
    new_stories: int = 0
    merged: int = 0  # stories folded into another when an article bridged them
    backfilled: int = 0
    problems: list[Problem] = field(default_factory=list)
    interrupted: bool = False
    seconds: float = 0.0

    @property
    def rate(self) -> float:
        return self.read / self.seconds if self.seconds else 0.0


# -- the worker side ------------------------------------------------------------------------

_WORKER_ANALYZER: Analyzer | None = None


def _init_worker(language: str) -> None:
    """Workers leave Ctrl-C to the main process, which stops them after rolling back."""
    global _WORKER_ANALYZER
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _WORKER_ANALYZER = Analyzer(get_language(language))


# analysis, event profile, HTML title, why the article is refused (or None)
Analysed = tuple[Analysis, EventProfile, str | None, str | None]
Job = tuple[str, str, str | None, date | None, bool]  # kind, content, title, published, clean


def _analyse_batch(jobs: Sequence[Job]) -> list[Analysed]:
    assert _WORKER_ANALYZER is not None
    return [_analyse(_WORKER_ANALYZER, *job) for job in jobs]


def _analyse(
    analyzer: Analyzer,
    kind: str,
    content: str,
    title: str | None = None,
    published: date | None = None,
    clean: bool = True,
) -> Analysed:
    """The analysis and event profile of an article's text, the page title when it is HTML,
    and the reason the text cannot be used (not in the store's language, no text), if any."""
    html_title = None
    if kind == "html":
        from khulasa.clean.html import html_to_text

        content, html_title = html_to_text(content)
    elif not clean:
        content = _body(analyzer, content)
    refused = analyzer.language.rejects(content) if content.strip() else "no article text found"
    profile = build_profile(analyzer, title or html_title, content, published)
    return analyzer(content), profile, html_title, refused


def _body(analyzer: Analyzer, text: str) -> str:
    """A scraped page's body lines, without its menus, buttons and footer (the boilerplate
    filter on the page alone), so that its lead and headline are the article's own."""
    from khulasa.clean.lines import filter_batch

    verdicts = filter_batch([text.splitlines()], analyzer.language)[0]
    body = "\n".join(v.text for v in verdicts if v.keep)
    return body if body.strip() else text


class _Inline:
    """Stands in for a worker's async result when analysing in the main process."""

    def __init__(self, value: list[Analysed]) -> None:
        self._value = value

    def ready(self) -> bool:
        return True

    def get(self) -> list[Analysed]:
        return self._value


# -- the main side --------------------------------------------------------------------------


class Ingestor(Backfill):
    """Owns a store, and the clusterer and near-duplicate index rebuilt from it."""

    def __init__(self, store: Store, settings: IngestSettings | None = None) -> None:
        self.store = store
        self.settings = settings or IngestSettings()
        self.analyzer = Analyzer(get_language(self.settings.language))
        self.clusterer = StoryClusterer(self.settings.cluster)
        self.dedup = NearDupIndex(self.settings.dedup)
        self.events = (
            EventClusterer(self._frequencies, self.settings.events)
            if self.settings.stories == "events"
            else None
        )
        self._df_delta: Counter[str] = Counter()
        self._merged_into: dict[int, int] = {}  # stories folded into another, this session
        self._merges: list[tuple[int, int]] = []  # merges of the batch being committed
        self._report = IngestReport()
        self._load_state()

    def _load_state(self) -> None:
        """Document frequencies, the stream clock, open stories and recent signatures."""
        store, clusterer = self.store, self.clusterer
        clusterer.df = Counter(dict(store.document_frequencies()))
        clusterer.n_docs = int(store.meta("n_docs", "0") or 0)
        clock = store.meta("clock")
        clusterer.clock = int(clock) if clock else None
        newest = store.max_article_id()
        window = clusterer.settings.window_days
        horizon = None if clusterer.clock is None else clusterer.clock - window
        clusterer.stories.clear()
        for state in store.open_stories(horizon, newest - clusterer.settings.idle_articles):
            vectors = (
                ()
                if self.events is not None
                else (clusterer.vector(terms) for _, terms in store.story_member_terms(state.id))
            )
            days = (state.first_day, state.last_day, state.seen_day)
            clusterer.restore(state.id, days, state.max_article_id, vectors, state.undated)
        if self.events is not None:
            self._load_members(newest)
        dedup = self.dedup
        dedup_horizon = (
            None if clusterer.clock is None else clusterer.clock - dedup.settings.window_days
        )
        for article_id, signature, day, root, story in store.recent_signatures(
            dedup_horizon, newest - dedup.settings.kept_articles
        ):
            dedup.add(article_id, signature, day, root, story)

    def _frequencies(self) -> tuple[Counter[str], int]:
        return self.clusterer.df, self.clusterer.n_docs

    def _load_members(self, newest: int) -> None:
        """The event members a new article may still be compared with, from their stored
        profiles (articles stored before schema v3 have none and are not compared)."""
        events = self.events
        assert events is not None
        clock = self.clusterer.clock
        horizon = None if clock is None else clock - events.settings.window_days - 1
        rows = self.store.event_members(horizon, newest - events.settings.keep_undated)
        for article_id, source, story_id, profile, terms, signature, *state in rows:
            args = (
                article_id,
                source,
                EventProfile.from_json(profile),
                [tuple(t) for t in json.loads(terms)],
                signature,
            )
            if state[0] is None:  # placed before its state was stored: rebuilt, rescored
                member = events.member(*args)
                events.add(member, story_id)
                events.restored(member)
            else:
                member = events.restore_member(*args, ArrivalState.from_json(*state))
                events.add(member, story_id)
        events.take_states()  # nothing reloaded is new
        events.settle_restored()
        # A story's span counts the members that left the window too, as the running engine's.
        for story_id, first, last in self.store.story_days(sorted(events.stories)):
            events.restore_days(story_id, first, last)
        # States of members that left the window after the last run's final batch.
        events.forget_states(self.store.member_state_ids() - events.members.keys())

    def run(
        self, items: Iterable[Article | Problem], tick: Callable[[int], None] | None = None
    ) -> IngestReport:
        """Ingest ``items``; ``tick(n)`` is called after each committed batch of ``n`` read."""
        report = self._report = IngestReport()
        started = time.perf_counter()
        settings = self.settings
        pool = None
        if settings.workers > 0:
            context = multiprocessing.get_context("fork")
            pool = context.Pool(settings.workers, _init_worker, (settings.language,))
        in_flight: deque[tuple[list[Keyed], int, object]] = deque()
        pending: set[str] = set()  # content hashes and URLs read but not yet committed
        limit = 2 * max(settings.workers, 1)
        try:
            self._backfill()
            batch: list[Article] = []
            read_in_batch = 0
            for item in items:
                if isinstance(item, Problem):
                    report.problems.append(item)
                    continue
                report.read += 1
                read_in_batch += 1
                batch.append(item)
                if len(batch) >= settings.batch_size:
                    fresh = self._fresh(batch, pending)
                    in_flight.append((fresh, read_in_batch, self._submit(pool, fresh)))
                    batch, read_in_batch = [], 0
                    # Commit at most one batch per batch read, so workers never run dry.
                    if len(in_flight) > limit or in_flight[0][2].ready():  # type: ignore[attr-defined]
                        self._commit_next(in_flight, pending, tick)
            if batch or read_in_batch:
                fresh = self._fresh(batch, pending)
                in_flight.append((fresh, read_in_batch, self._submit(pool, fresh)))
            while in_flight:
                self._commit_next(in_flight, pending, tick)
        except KeyboardInterrupt:
            report.interrupted = True
        finally:
            if pool is not None:
                pool.terminate()
                pool.join()
            report.seconds = time.perf_counter() - started
        return report

    def _fresh(self, batch: list[Article], pending: set[str]) -> list[Keyed]:
        """The articles of ``batch`` not stored, not in flight and not repeated in the batch."""
        hashes = [a.content_hash for a in batch]
        urls = [a.url for a in batch if a.url]
        seen = pending | self.store.known(hashes, urls)
        fresh = []
        for article, content_hash in zip(batch, hashes, strict=True):
            if content_hash in seen or (article.url and article.url in seen):
                self._report.exact_duplicates += 1
                continue
            seen.add(content_hash)
            pending.add(content_hash)
            if article.url:
                seen.add(article.url)
                pending.add(article.url)
            fresh.append((article, content_hash))
        return fresh

    def _submit(self, pool: object, batch: list[Keyed]) -> object:
        jobs = [(a.kind, a.content, a.title, a.published, is_preclean(a)) for a, _ in batch]
        if pool is None:
            return _Inline([_analyse(self.analyzer, *job) for job in jobs])
        return pool.apply_async(_analyse_batch, (jobs,))  # type: ignore[attr-defined]

    def _commit_next(
        self,
        in_flight: deque[tuple[list[Keyed], int, object]],
        pending: set[str],
        tick: Callable[[int], None] | None,
    ) -> None:
        batch, read, result = in_flight.popleft()
        analyses = result.get()  # type: ignore[attr-defined]
        self._commit(batch, analyses)
        for article, content_hash in batch:
            pending.discard(content_hash)
            if article.url:
                pending.discard(article.url)
        if tick:
            tick(read)

    def _commit(self, batch: list[Keyed], analyses: list[Analysed]) -> None:
        """Store, group and cluster one batch, in one transaction."""
        store, report = self.store, self._report
        deltas: dict[int, StoryDelta] = {}
        rows: list[ArticleRow] = []
        analysis_rows: list[tuple[int, bytes, int, str]] = []
        new_stories: list[tuple[int, str | None]] = []
        touched: set[int] = set()
        near = 0
        with store.transaction():
            # Ids are assigned here: the transaction holds the write lock, so they are ours.
            stored = store.known([h for _, h in batch], [a.url for a, _ in batch if a.url])
            article_id = store.max_article_id()
            story_next = store.next_story_id()
            ordered = (
                _in_order(batch, analyses)
                if self.events is not None
                else zip(batch, analyses, strict=True)
            )
            for (article, content_hash), (analysis, profile, html_title, refused) in ordered:
                if refused:  # a corpus record in another language is a notice, a page an error
                    severity = NOTICE if is_preclean(article) else ERROR
                    report.problems.append(Problem(article.origin or article.id, refused, severity))
                    continue
                if content_hash in stored or (article.url and article.url in stored):
                    report.exact_duplicates += 1  # stored meanwhile by another process
                    continue
                article_id += 1
                title = article.title or html_title
                if profile.day_inferred and not self.settings.infer_dates:
                    profile = replace(profile, day=None, day_inferred=False)
                day = profile.day
                duplicate, story_id, vector = self._decide(analysis, day)
                member = None
                if self.events is not None:
                    member = self.events.member(
                        article_id,
                        article.source,
                        profile,
                        analysis.term_counts,
                        analysis.signature,
                    )
                    if story_id is None:
                        story_id, _, bridged = self.events.decide_with_bridges(member)
                        for gone in bridged:
                            self._fold(gone, story_id)  # type: ignore[arg-type]
                if story_id is None:
                    story_id, story_next = story_next, story_next + 1
                    new_stories.append((story_id, _headline(title, article.content)))
                if member is not None:
                    self.events.add(member, story_id)  # type: ignore[union-attr]
                    touched.add(story_id)
                rows.append(
                    ArticleRow(
                        id=article_id,
                        content_hash=content_hash,
                        url=article.url,
                        ext_id=article.id,
                        source=article.source,
                        title=title,
                        published=article.published,
                        kind=article.kind,
                        origin=article.origin,
                        content=article.content,
                        clean=is_preclean(article),
                        story_id=story_id,
                        dup_of=duplicate.root_id if duplicate else None,
                        day=day,
                        day_inferred=profile.day_inferred,
                    )
                )
                self._record(article_id, analysis, day, duplicate, story_id, vector, deltas)
                analysis_rows.append(
                    (
                        article_id,
                        analysis.signature,
                        analysis.length,
                        analysis.terms_json,
                        profile.to_json(),
                        analysis.section,
                    )
                )
                near += duplicate is not None
            if self.events is not None:
                touched = {self._current(s) for s in touched}
                self._merge_linked(touched)
            store.insert_stories(new_stories)
            store.insert_articles(rows)
            self._write_stories(analysis_rows, deltas, touched)
        report.added += len(rows)
        report.near_duplicates += near
        report.new_stories += len(new_stories)
        self.clusterer.expire(article_id)
        self.dedup.expire(self.clusterer.clock, article_id)
        if self.events is not None:
            self.events.expire(self.clusterer.clock)

    def _write_stories(
        self, analyses: list[tuple], deltas: dict[int, StoryDelta], touched: set[int]
    ) -> None:
        """The story side of a batch, inside its transaction: analyses (``(id, signature,
        length, terms JSON, profile JSON, section)``), sections, counts, merges, headlines,
        frequencies. Shared by ingest and backfill, so both write the same."""
        store = self.store
        store.save_analyses(analyses)
        store.set_sections([(row[0], row[5]) for row in analyses])
        store.grow_stories(deltas.values())
        store.merge_stories(self._merges)
        if self.events is not None:
            store.set_headlines(self._medoids(touched))
            store.save_member_states(
                [(i, *state.to_json()) for i, state in self.events.take_states()]
            )
            store.drop_member_states(self.events.take_gone())
        self._flush_state()
        self._report.merged += len(self._merges)
        self._merges = []

    def _medoids(self, stories: set[int]) -> list[tuple[int, int]]:
        """``(story, its medoid article)`` for the stories a batch touched: the headline is the
        most representative title, and moves as the story grows."""
        assert self.events is not None
        found = ((story, self.events.medoid(story)) for story in sorted(stories))
        return [(story, medoid) for story, medoid in found if medoid is not None]

    def _decide(
        self, analysis: Analysis, day: int | None
    ) -> tuple[Duplicate | None, int | None, dict[str, float] | None]:
        """``(near-duplicate found, story to join or None for a new one, vector to add)``.

        A copy joins its original's story and adds nothing to the centroid, so a wire story
        printed by ten papers does not drown the other reports of the same event.
        """
        clusterer = self.clusterer
        clusterer.count_document(analysis.term_counts)
        self._df_delta.update([term for term, _ in analysis.term_counts])
        duplicate = self.dedup.find(analysis.signature, analysis.bands, day)
        if duplicate is not None and duplicate.story_id is not None:
            return duplicate, self._current(duplicate.story_id), None
        if self.events is not None:
            return duplicate, None, None  # the event decision is taken by the caller
        vector = clusterer.vector(analysis.term_counts)
        found = clusterer.matches(vector, day)
        if not found:
            return duplicate, None, vector
        story_id = found[0].story_id
        for other in found[1:]:
            needed = clusterer.merge_threshold(story_id, other.story_id)
            if other.score >= needed and clusterer.can_merge(story_id, other.story_id):
                self._fold(other.story_id, story_id)
        return duplicate, story_id, vector

    def _current(self, story_id: int) -> int:
        """The story ``story_id`` was merged into, if it was."""
        while story_id in self._merged_into:
            story_id = self._merged_into[story_id]
        return story_id

    def _record(
        self,
        article_id: int,
        analysis: Analysis,
        day: int | None,
        duplicate: Duplicate | None,
        story_id: int,
        vector: dict[str, float] | None,
        deltas: dict[int, StoryDelta],
    ) -> None:
        """Tell the in-memory indexes about a stored article."""
        seen = self.clusterer.add(story_id, vector, day, article_id)
        root = duplicate.root_id if duplicate else article_id
        self.dedup.add(article_id, analysis.signature, day, root, story_id, analysis.bands)
        deltas.setdefault(story_id, StoryDelta(story_id)).add(day, seen)
        if vector and self.events is None:
            self._regroup(story_id)

    def _regroup(self, story_id: int) -> None:
        """Fold a small story that just grew into the open story its members link to best
        (the smaller of the two goes into the larger)."""
        clusterer = self.clusterer
        found = clusterer.related_stories(story_id)
        if not found:
            return
        other = found[0].story_id
        if clusterer.stories[story_id].size <= clusterer.stories[other].size:
            self._fold(story_id, other)
        else:
            self._fold(other, story_id)

    def _fold(self, gone: int, into: int) -> None:
        """Merge open story ``gone`` into ``into``, in memory now and in the store at commit."""
        self.clusterer.merge(into, gone)
        if self.events is not None:
            self.events.merge(gone, into)
        self._merged_into[gone] = into
        self._merges.append((gone, into))

    def _merge_linked(self, touched: set[int]) -> None:
        """Fold together the stories the learned merge decision joins after this batch (the
        story merged into is touched: its headline is chosen again)."""
        assert self.events is not None
        for gone, into in self.events.merges(touched):
            gone, into = self._current(gone), self._current(into)
            if gone != into:
                self._fold(gone, into)
                touched.discard(gone)
                touched.add(into)

    def _flush_state(self) -> None:
        """Write the frequencies and clock of this batch inside its transaction."""
        store, clusterer = self.store, self.clusterer
        store.add_document_frequencies(self._df_delta)
        self._df_delta = Counter()
        store.set_meta("n_docs", str(clusterer.n_docs))
        if clusterer.clock is not None:
            store.set_meta("clock", str(clusterer.clock))


def _in_order(batch: list[Keyed], analyses: list[Analysed]) -> list[tuple[Keyed, Analysed]]:
    """A batch by day, then content hash: the stories a batch gives do not depend on the order
    its articles were read in (undated articles last)."""
    pairs = list(zip(batch, analyses, strict=True))
    return sorted(pairs, key=lambda p: (p[1][1].day is None, p[1][1].day or 0, p[0][1]))


def _headline(title: str | None, content: str) -> str:
    if title:
        return title[:HEADLINE_CHARS]
    first = next((line.strip() for line in content.splitlines() if line.strip()), "")
    return first[:HEADLINE_CHARS]
