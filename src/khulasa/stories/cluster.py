"""Incremental story clustering: each new article joins the best open story or opens one.

An article is a TF-IDF vector over its stems (``Language.terms``, headline and lead counted
twice). A story is the sum of its articles' unit vectors (its centroid), pruned to its heaviest
terms. An article joins the story whose centroid is most similar, if the similarity — cosine
plus a bonus for shared *rare* terms (rare outside that story), the stand-in for the named
entities and figures that Arabic capitalisation cannot mark — clears a threshold; otherwise it
opens a new story. When an article clears the bar for two stories, they are merged: the first
reports of an event often open separate stories that later reports show to be one.

Chaining is the failure mode of every single-pass clusterer (a "story" that grows into "the war"
or "regional news" by small steps): a broad centroid is close to many articles that are each
close to only a few members. So an article also needs a mean similarity to the story's members
(average linkage, ``link_threshold``), and two stories merge only when their members are, on
average, that close (``merge_link``). Both come free from the centroid (a sum of unit vectors:
its dot product with a vector, divided by the member count, is the mean similarity), and they do
not punish a story for being big, only for being loose.

Loosely written stories split the other way: their first reports share too little for the
article-to-story bar. A story-level step (:meth:`StoryClusterer.related_stories`) folds a small
story (``small_story`` members or fewer) into an open story its members link to on average.

Nothing is compared all-against-all: candidate stories come from an inverted index from terms to
open stories, and only the few with the largest partial dot product are scored in full. Stories
close (leave memory) once the stream has moved ``window_days`` past their latest article and
``idle_articles`` articles have arrived since; the second condition keeps a story open when a
stray far-dated article jumps the stream clock.

Dates: a dated article only joins stories whose span, widened by the window, contains it. An
undated article (MultiLing's, scraped pages without metadata) may join any open story, but when
dates cannot back a match up — an undated article and a dated story, or a dated article and a
story holding undated ones — the match needs ``undated_threshold`` (and story-level merges the
linkage bar scaled by ``undated_threshold / threshold``). For expiry an undated article counts as
seen on the stream's current day.
"""

from __future__ import annotations

import heapq
import math
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from operator import itemgetter


@dataclass(frozen=True)
class ClusterSettings:
    """Thresholds of the clusterer, chosen on the MultiLing dev topics and the example story
    hidden in 3,000 SaudiNewsNet articles of 2015-08-06, shuffle seeds 13 and 7
    (bench/cluster_eval.py), on the coherence of the day's largest stories (no blobs), and on
    the five MultiLing topics alone coming back unmixed (a small corpus, three shuffles)."""

    threshold: float = 0.2  # similarity an article needs to join a story
    merge_threshold: float = 0.2  # ... and to join two stories it is similar to into one
    undated_threshold: float = 0.45  # similarity needed when dates cannot back a match up
    min_cosine: float = 0.15  # shared rare terms add to a match, they do not make one
    link_threshold: float = 0.1  # mean similarity to the story's members an article needs
    merge_link: float = 0.1  # mean similarity between two stories' members to merge them ...
    link_evidence: float = 0.5  # ... raised when they have few cross pairs (_link_needed)
    link_rare_scale: float = 0.25  # share of the rare-term bonus that counts for merges
    small_story: int = 8  # stories of up to this many members look for a story to fold into
    # Bar added per doubling of a story's size beyond ``free_size`` articles: the older guard
    # against chaining, off since the linkage bars stop it without punishing coherent stories.
    size_penalty: float = 0.0
    free_size: int = 1
    window_days: int = 3  # how far (in days) a story's span reaches for new articles
    idle_articles: int = 5000  # arrivals a story stays open after its latest article
    article_terms: int = 100  # heaviest terms kept in an article's vector
    story_terms: int = 200  # heaviest terms kept in a story's centroid
    seed_terms: int = 12  # an article's heaviest terms, used to look up candidate stories
    candidates: int = 6  # stories scored in full per article
    common_df: float = 0.05  # terms in more than this share of documents seed no candidates
    common_min: int = 50  # ... provided they are in more than this many
    rare_df: float = 0.002  # terms in at most this share of documents count as rare
    rare_bonus: float = 0.04  # similarity added per shared rare term ...
    rare_bonus_max: float = 0.12  # ... up to this much


@dataclass
class OpenStory:
    """A story still taking articles: its centroid and time span."""

    id: int
    centroid: dict[str, float] = field(default_factory=dict)
    norm: float = 0.0
    first_day: int | None = None
    last_day: int | None = None
    seen_day: int | None = None
    newest: int = 0  # id of the latest article that joined
    size: int = 0
    members: int = 0  # articles whose vectors were summed into the centroid (copies add none)
    undated: int = 0  # members without a date
    doc_counts: dict[str, int] = field(default_factory=dict)  # members using each centroid term


@dataclass(frozen=True)
class Match:
    story_id: int
    score: float


class StoryClusterer:
    """The in-memory state of open stories plus document frequencies of the whole stream."""

    def __init__(self, settings: ClusterSettings | None = None) -> None:
        self.settings = settings or ClusterSettings()
        self.df: Counter[str] = Counter()
        self.n_docs = 0
        self.clock: int | None = None  # latest article day seen
        self.stories: dict[int, OpenStory] = {}
        self._postings: dict[str, set[int]] = {}

    # -- document frequencies --------------------------------------------------------------

    def count_document(self, term_counts: Iterable[tuple[str, int]]) -> None:
        """Add one document to the frequencies (call before :meth:`vector` for it)."""
        self.n_docs += 1
        self.df.update([term for term, _ in term_counts])  # Counter: counts in C

    def idf(self, term: str) -> float:
        return math.log((self.n_docs + 1) / (self.df.get(term, 0) + 1)) + 1.0

    def vector(self, term_counts: Sequence[tuple[str, int]]) -> dict[str, float]:
        """Unit-length TF-IDF vector of the heaviest terms (sublinear tf, smoothed idf)."""
        log, df = math.log, self.df
        log_n = log(self.n_docs + 1) + 1.0
        weights = [
            (term, (1.0 + log(count)) * (log_n - log(df.get(term, 0) + 1)))
            for term, count in term_counts
        ]
        if len(weights) > self.settings.article_terms:
            weights.sort(key=lambda w: w[1], reverse=True)
            del weights[self.settings.article_terms :]
        norm = math.sqrt(sum(w * w for _, w in weights)) or 1.0
        return {term: w / norm for term, w in weights}

    # -- matching --------------------------------------------------------------------------

    def best_match(self, vector: dict[str, float], day: int | None) -> Match | None:
        """The open story this article should join, or ``None`` to open a new one."""
        found = self.matches(vector, day)
        return found[0] if found else None

    def matches(self, vector: dict[str, float], day: int | None) -> list[Match]:
        """Open stories similar enough for this article to join, most similar first."""
        settings = self.settings
        found = []
        for story_id in self._shortlist(_heaviest(vector, settings.seed_terms)):
            story = self.stories[story_id]
            if not self._in_window(story, day):
                continue
            cosine, bonus = self._similarity(vector, story)
            score = cosine + bonus
            # When dates cannot back the match up (an undated article and a dated story, or a
            # dated article and a story holding undated ones), ask for more textual evidence.
            mixed = story.first_day is not None if day is None else story.undated > 0
            needed = settings.undated_threshold if mixed else settings.threshold
            needed += self._size_penalty(story.size)
            # A loose story's centroid is broad, close to much it shares little with: ask for a
            # mean similarity to its members too, so it does not grow into a topic by chaining.
            linkage = cosine * story.norm / max(story.members, 1)
            if (
                score >= needed
                and cosine >= settings.min_cosine
                and linkage >= settings.link_threshold
            ):
                found.append(Match(story_id, score))
        found.sort(key=lambda m: m.score, reverse=True)
        return found

    def _shortlist(
        self, weights: Iterable[tuple[str, float]], keep: Callable[[int], bool] | None = None
    ) -> list[int]:
        """The ``candidates`` open stories (passing ``keep``) with the largest partial dot
        product over ``weights``, found through the inverted index; common terms are skipped."""
        settings = self.settings
        common = max(settings.common_min, settings.common_df * self.n_docs)
        partial: dict[int, float] = {}
        postings, df = self._postings, self.df
        for term, weight in weights:
            if df.get(term, 0) > common:
                continue
            for story_id in postings.get(term, ()):
                if keep is None or keep(story_id):
                    partial[story_id] = partial.get(story_id, 0.0) + weight
        best = heapq.nlargest(settings.candidates, partial.items(), key=lambda kv: kv[1])
        return [story_id for story_id, _ in best]

    def merge_threshold(self, into: int, other: int) -> float:
        """Similarity an article needs to both stories to fold them into one."""
        settings = self.settings
        a, b = self.stories[into], self.stories[other]
        base = settings.merge_threshold + self._size_penalty(a.size + b.size)
        dated = a.first_day is not None or b.first_day is not None
        if dated and (a.undated or b.undated):
            return max(base, settings.undated_threshold)
        return base

    def _size_penalty(self, size: int) -> float:
        free = self.settings.free_size
        return self.settings.size_penalty * math.log2(max(size, free) / free)

    def related_stories(self, story_id: int) -> list[Match]:
        """Open stories a small story should be folded into, closest first (story level).

        Single-pass placement splits a loosely written story: its reports may share too little
        with any one story's centroid for the article-to-story bar, yet the parts' *average*
        linkage shows they are one. A story is checked each time it grows while it has at most
        ``small_story`` members (a new one-article story included); bigger stories have had
        their chance. Candidates come from the inverted index (the story's heaviest centroid
        terms), never from a scan.
        """
        settings = self.settings
        stories = self.stories
        story = stories[story_id]
        if not story.members or story.members > settings.small_story:
            return []
        found = []
        weights = _heaviest(story.centroid, 2 * settings.seed_terms)
        for other in self._shortlist(weights, story_id.__ne__):
            candidate = stories[other]
            if not self._spans_meet(story, candidate):
                continue
            linkage = self.linkage(story, candidate)
            if linkage >= self._link_needed(story, candidate):
                found.append(Match(other, linkage))
        found.sort(key=lambda m: m.score, reverse=True)
        return found

    def _link_needed(self, a: OpenStory, b: OpenStory) -> float:
        """Average linkage two stories need to merge.

        A mean over few pairs is a noisy estimate, so the bar is raised by ``link_evidence`` ×
        (``merge_threshold`` − ``merge_link``) over the square root of the number of cross
        pairs, like a standard error: two small parts need a strong link, two established ones
        only a consistent one. (Without it, on the MultiLing topics alone, two one-article
        stories about a naval incident and a climate conference linked through words a small
        corpus cannot yet tell are common.) It is scaled by ``undated_threshold / threshold``
        when dates cannot back the merge up.
        """
        settings = self.settings
        pairs = max(a.members * b.members, 1)
        extra = max(settings.merge_threshold - settings.merge_link, 0.0) / math.sqrt(pairs)
        needed = settings.merge_link + extra * settings.link_evidence
        dated = a.first_day is not None or b.first_day is not None
        if dated and (a.undated or b.undated):
            return needed * settings.undated_threshold / settings.threshold
        return needed

    def linkage(self, a: OpenStory, b: OpenStory) -> float:
        """Average linkage of two stories, plus a bonus for the rare terms they share.

        The centroids are sums of their members' unit vectors, so their dot product is the sum
        of all cross-pair cosines (up to pruned terms): divided by the number of pairs, it is
        the mean similarity between a member of ``a`` and one of ``b``.
        """
        ca, cb, df = a.centroid, b.centroid, self.df
        rare_limit = max(2.0, self.settings.rare_df * self.n_docs)
        counts_a, counts_b = a.doc_counts, b.doc_counts
        dot = 0.0
        shared_rare = 0
        for term in ca.keys() & cb.keys():  # a C-level intersection: few terms are shared
            dot += ca[term] * cb[term]
            outside = df[term] - counts_a[term] - counts_b[term]  # centroid terms have both
            shared_rare += outside <= rare_limit
        bonus = min(self.settings.rare_bonus_max, self.settings.rare_bonus * shared_rare)
        return dot / max(a.members * b.members, 1) + bonus * self.settings.link_rare_scale

    def can_merge(self, into: int, other: int) -> bool:
        """Whether two open stories may merge: close enough in time and, on average, in text."""
        a, b = self.stories[into], self.stories[other]
        return self._spans_meet(a, b) and self.linkage(a, b) >= self._link_needed(a, b)

    def _spans_meet(self, a: OpenStory, b: OpenStory) -> bool:
        """Whether two stories' spans, widened by the window, overlap (or one is undated)."""
        if None in (a.first_day, a.last_day, b.first_day, b.last_day):
            return True
        window = self.settings.window_days
        return a.first_day - window <= b.last_day and b.first_day - window <= a.last_day  # type: ignore[operator]

    def merge(self, into: int, other: int) -> None:
        """Fold open story ``other`` into ``into`` (an article showed they are one story).

        Either may have gone idle here while the event clusterer still holds its members
        (its window is in days, this one's in articles): an idle ``other`` has nothing to move,
        and an idle ``into`` takes over ``other``'s open record."""
        if other not in self.stories:
            return
        if into not in self.stories:
            moved = self.stories[into] = self.stories.pop(other)
            moved.id = into
            for term in moved.centroid:
                postings = self._postings.get(term)
                if postings is not None:
                    postings.discard(other)
                    postings.add(into)
            return
        target, gone = self.stories[into], self.stories.pop(other)
        for term in gone.centroid:
            postings = self._postings.get(term)
            if postings is not None:
                postings.discard(other)
        for first, last in ((gone.first_day, gone.last_day),):
            if first is not None:
                target.first_day = (
                    first if target.first_day is None else min(target.first_day, first)
                )
            if last is not None:
                target.last_day = last if target.last_day is None else max(target.last_day, last)
        if gone.seen_day is not None:
            target.seen_day = max(target.seen_day or gone.seen_day, gone.seen_day)
        target.newest = max(target.newest, gone.newest)
        target.size += gone.size
        target.members += gone.members
        target.undated += gone.undated
        self._merge(target, gone.centroid, 2 * self.settings.seed_terms, doc_counts=gone.doc_counts)

    def _similarity(self, vector: dict[str, float], story: OpenStory) -> tuple[float, float]:
        """``(cosine with the centroid, bonus for shared rare terms)``."""
        centroid, df = story.centroid, self.df
        rare_limit = max(2.0, self.settings.rare_df * self.n_docs)
        counts = story.doc_counts
        dot = 0.0
        shared_rare = 0
        for term in vector.keys() & centroid.keys():
            dot += vector[term] * centroid[term]
            # Rare outside this story: its own articles do not make its names common.
            shared_rare += df[term] - counts[term] <= rare_limit
        cosine = dot / story.norm if story.norm else 0.0
        bonus = min(self.settings.rare_bonus_max, self.settings.rare_bonus * shared_rare)
        return cosine, bonus

    def _in_window(self, story: OpenStory, day: int | None) -> bool:
        if day is None or story.first_day is None or story.last_day is None:
            return True
        window = self.settings.window_days
        return story.first_day - window <= day <= story.last_day + window

    # -- updating --------------------------------------------------------------------------

    def open(self, story_id: int) -> OpenStory:
        story = self.stories.get(story_id)
        if story is None:
            story = self.stories[story_id] = OpenStory(story_id)
        return story

    def add(
        self,
        story_id: int,
        vector: dict[str, float] | None,
        day: int | None,
        article_id: int,
    ) -> int | None:
        """Record that an article joined ``story_id``; return the day it counts as seen.

        ``vector`` is ``None`` for a near-duplicate: it widens the story's span but does not pull
        the centroid towards the copied wording.
        """
        story = self.open(story_id)
        if day is not None:
            self.clock = day if self.clock is None else max(self.clock, day)
            story.first_day = day if story.first_day is None else min(story.first_day, day)
            story.last_day = day if story.last_day is None else max(story.last_day, day)
        seen = day if day is not None else self.clock
        if seen is not None:
            story.seen_day = seen if story.seen_day is None else max(story.seen_day, seen)
        story.newest = max(story.newest, article_id)
        story.size += 1
        story.undated += day is None
        if vector:
            story.members += 1
            self._merge(story, vector)
        return seen

    def restore(
        self,
        story_id: int,
        days: tuple[int | None, int | None, int | None],
        newest: int,
        vectors: Iterable[dict[str, float]],
        undated: int = 0,
    ) -> OpenStory:
        """Reopen a stored story: its ``(first, last, seen)`` days and its members' vectors."""
        story = self.open(story_id)
        story.first_day, story.last_day, story.seen_day = days
        story.undated = undated
        story.newest = max(story.newest, newest)
        for vector in vectors:
            story.size += 1
            story.members += 1
            self._merge(story, vector)
        return story

    def _merge(
        self,
        story: OpenStory,
        vector: dict[str, float],
        index_terms: int | None = None,
        doc_counts: dict[str, int] | None = None,
    ) -> None:
        centroid, counts = story.centroid, story.doc_counts
        squared = story.norm * story.norm  # kept up to date term by term: cheaper than a sum
        for term, weight in vector.items():
            old = centroid.get(term, 0.0)
            centroid[term] = new = old + weight
            squared += new * new - old * old
            counts[term] = counts.get(term, 0) + (doc_counts.get(term, 1) if doc_counts else 1)
        limit = self.settings.story_terms
        if len(centroid) > limit * 2:  # prune in bulk: cheaper than keeping it exact
            kept = dict(heapq.nlargest(limit, centroid.items(), key=itemgetter(1)))
            for term in centroid.keys() - kept.keys():
                counts.pop(term, None)
                postings = self._postings.get(term)
                if postings is not None:
                    postings.discard(story.id)
            story.centroid = centroid = kept
            squared = sum(w * w for w in centroid.values())
        for term, _ in _heaviest(vector, index_terms or self.settings.seed_terms):
            if term in centroid:
                self._postings.setdefault(term, set()).add(story.id)
        story.norm = math.sqrt(max(squared, 0.0))

    def expire(self, newest_article: int) -> list[int]:
        """Close stories past the window in stream time and idle for ``idle_articles``."""
        horizon = None if self.clock is None else self.clock - self.settings.window_days
        idle = newest_article - self.settings.idle_articles
        closed = [
            s.id
            for s in self.stories.values()
            if s.newest < idle and (horizon is None or s.seen_day is None or s.seen_day < horizon)
        ]
        for story_id in closed:
            story = self.stories.pop(story_id)
            for term in story.centroid:
                postings = self._postings.get(term)
                if postings is not None:
                    postings.discard(story_id)
                    if not postings:
                        del self._postings[term]
        return closed


def _heaviest(vector: dict[str, float], count: int) -> list[tuple[str, float]]:
    """The ``count`` largest entries of ``vector`` (a C-level sort beats a heap at these sizes)."""
    return sorted(vector.items(), key=itemgetter(1), reverse=True)[:count]
