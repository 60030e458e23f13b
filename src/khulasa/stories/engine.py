"""The ingest engine: a stream of articles in, stored, de-duplicated and placed in stories.

Work is split by cost. Text analysis (normalizing, stemming, MinHash — most of the CPU) runs in
worker processes, a bounded number of batches ahead; the main process keeps the database and the
clusterer, which must see articles one at a time and in order. Each batch is one transaction
(articles, analyses, story updates, document frequencies, stream clock): a crash or ``kill -9``
loses at most the batch in flight, and because articles are keyed by content hash and URL, running
the same command again skips what was committed and finishes the rest.
"""

from __future__ import annotations

import multiprocessing
import signal
import time
from collections import Counter, deque
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from khulasa.ingest.saudinewsnet import is_preclean
from khulasa.language import get_language
from khulasa.model import Article
from khulasa.problems import Problem
from khulasa.store import ArticleRow, Store, StoryDelta
from khulasa.stories.analyze import Analysis, Analyzer
from khulasa.stories.cluster import ClusterSettings, StoryClusterer
from khulasa.stories.neardup import DedupSettings, Duplicate, NearDupIndex

HEADLINE_CHARS = 160

Keyed = tuple[Article, str]  # an article and its content hash, computed once


@dataclass(frozen=True)
class IngestSettings:
    batch_size: int = 500  # articles per transaction
    workers: int = 2  # analysis processes; 0 analyses in this process
    language: str = "ar"
    cluster: ClusterSettings = field(default_factory=ClusterSettings)
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


Analysed = tuple[Analysis, str | None, str | None]  # analysis, HTML title, why it is refused


def _analyse_batch(jobs: Sequence[tuple[str, str]]) -> list[Analysed]:
    assert _WORKER_ANALYZER is not None
    return [_analyse(_WORKER_ANALYZER, kind, content) for kind, content in jobs]


def _analyse(analyzer: Analyzer, kind: str, content: str) -> Analysed:
    """The analysis of an article's text, the page title when it is HTML, and the reason the
    text cannot be used (not in the store's language, no text in the HTML), if any."""
    title = None
    if kind == "html":
        from khulasa.clean.html import html_to_text

        content, title = html_to_text(content)
    refused = analyzer.language.rejects(content) if content.strip() else "no article text found"
    return analyzer(content), title, refused


class _Inline:
    """Stands in for a worker's async result when analysing in the main process."""

    def __init__(self, value: list[Analysed]) -> None:
        self._value = value

    def ready(self) -> bool:
        return True

    def get(self) -> list[Analysed]:
        return self._value


# -- the main side --------------------------------------------------------------------------


class Ingestor:
    """Owns a store, and the clusterer and near-duplicate index rebuilt from it."""

    def __init__(self, store: Store, settings: IngestSettings | None = None) -> None:
        self.store = store
        self.settings = settings or IngestSettings()
        self.analyzer = Analyzer(get_language(self.settings.language))
        self.clusterer = StoryClusterer(self.settings.cluster)
        self.dedup = NearDupIndex(self.settings.dedup)
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
            vectors = (clusterer.vector(terms) for _, terms in store.story_member_terms(state.id))
            days = (state.first_day, state.last_day, state.seen_day)
            clusterer.restore(state.id, days, state.max_article_id, vectors, state.undated)
        dedup = self.dedup
        dedup_horizon = (
            None if clusterer.clock is None else clusterer.clock - dedup.settings.window_days
        )
        for article_id, signature, day, root, story in store.recent_signatures(
            dedup_horizon, newest - dedup.settings.kept_articles
        ):
            dedup.add(article_id, signature, day, root, story)

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
        jobs = [(a.kind, a.content) for a, _ in batch]
        if pool is None:
            return _Inline([_analyse(self.analyzer, kind, content) for kind, content in jobs])
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
        near = 0
        with store.transaction():
            # Ids are assigned here: the transaction holds the write lock, so they are ours.
            stored = store.known([h for _, h in batch], [a.url for a, _ in batch if a.url])
            article_id = store.max_article_id()
            story_next = store.next_story_id()
            for (article, content_hash), (analysis, html_title, refused) in zip(
                batch, analyses, strict=True
            ):
                if refused:
                    report.problems.append(Problem(article.origin or article.id, refused))
                    continue
                if content_hash in stored or (article.url and article.url in stored):
                    report.exact_duplicates += 1  # stored meanwhile by another process
                    continue
                article_id += 1
                title = article.title or html_title
                day = article.published.toordinal() if article.published else None
                duplicate, story_id, vector = self._decide(analysis, day)
                if story_id is None:
                    story_id, story_next = story_next, story_next + 1
                    new_stories.append((story_id, _headline(title, article.content)))
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
                    )
                )
                self._record(article_id, analysis, day, duplicate, story_id, vector, deltas)
                analysis_rows.append(
                    (article_id, analysis.signature, analysis.length, analysis.terms_json)
                )
                near += duplicate is not None
            store.insert_stories(new_stories)
            store.insert_articles(rows)
            store.save_analyses(analysis_rows)
            store.grow_stories(deltas.values())
            store.merge_stories(self._merges)
            self._flush_state()
        report.merged += len(self._merges)
        self._merges = []
        report.added += len(rows)
        report.near_duplicates += near
        report.new_stories += len(new_stories)
        self.clusterer.expire(article_id)
        self.dedup.expire(self.clusterer.clock, article_id)

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
        if vector:
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
        self._merged_into[gone] = into
        self._merges.append((gone, into))

    def _flush_state(self) -> None:
        """Write the frequencies and clock of this batch inside its transaction."""
        store, clusterer = self.store, self.clusterer
        store.add_document_frequencies(self._df_delta)
        self._df_delta = Counter()
        store.set_meta("n_docs", str(clusterer.n_docs))
        if clusterer.clock is not None:
            store.set_meta("clock", str(clusterer.clock))

    def _backfill(self) -> None:
        """Analyse, group and (when they have none) place articles stored under schema v1."""
        store = self.store
        after = 0
        while rows := store.pending_analysis(after, self.settings.batch_size):
            deltas: dict[int, StoryDelta] = {}
            saved: list[tuple[int, bytes, int, str]] = []
            with store.transaction():
                for row in rows:
                    analysis, html_title, _ = _analyse(self.analyzer, row.kind, row.content)
                    duplicate, story_id, vector = self._decide(analysis, row.day)
                    if row.story_id is not None:  # v1 already placed it: keep that
                        story_id = row.story_id
                        vector = None if duplicate else self.clusterer.vector(analysis.term_counts)
                        dup_of = duplicate.root_id if duplicate else None
                        store.assign(row.id, story_id, dup_of)
                        self.clusterer.add(story_id, vector, row.day, row.id)
                        self.dedup.add(
                            row.id,
                            analysis.signature,
                            row.day,
                            dup_of or row.id,
                            story_id,
                            analysis.bands,
                        )
                    else:
                        if story_id is None:
                            story_id = store.new_story(
                                _headline(row.title or html_title, row.content)
                            )
                            self._report.new_stories += 1
                        store.assign(row.id, story_id, duplicate.root_id if duplicate else None)
                        self._record(row.id, analysis, row.day, duplicate, story_id, vector, deltas)
                    saved.append((row.id, analysis.signature, analysis.length, analysis.terms_json))
                    self._report.backfilled += 1
                store.save_analyses(saved)
                store.grow_stories(deltas.values())
                store.merge_stories(self._merges)
                self._flush_state()
            self._report.merged += len(self._merges)
            self._merges = []
            after = rows[-1].id


def _headline(title: str | None, content: str) -> str:
    if title:
        return title[:HEADLINE_CHARS]
    first = next((line.strip() for line in content.splitlines() if line.strip()), "")
    return first[:HEADLINE_CHARS]
