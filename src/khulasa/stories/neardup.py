"""Near-duplicates: syndicated copies (a wire story run by several papers) form one group.

Every article's MinHash signature is cut into LSH bands; articles sharing a band are candidates,
and a candidate is a copy when the signatures estimate the Jaccard similarity of the two word
3-gram sets at ``threshold`` or more. A copy joins the group of the article it matches best; the
group is named by its first article (``dup_of``) and keeps every copy, so the outlets that ran
the story stay visible.

The band index lives in memory and holds only the recent stream: copies of a story appear within
days, so articles older than ``window_days`` (of stream time) leave it, which keeps memory flat
however long the stream (the newest ``kept_articles`` always stay, dated or not). Signatures
are stored in the database, and the index of the recent window is rebuilt from them when
ingestion resumes.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from khulasa.stories.analyze import band_keys, jaccard


@dataclass(frozen=True)
class DedupSettings:
    threshold: float = 0.5  # estimated Jaccard of shingle sets for "the same text"
    window_days: int = 7  # copies of a story appear within days of each other
    kept_articles: int = 10_000  # the newest articles stay indexed whatever their dates
    max_candidates: int = 200  # newest candidates checked (bounds work on degenerate texts)


@dataclass(frozen=True)
class Duplicate:
    article_id: int  # the stored article it matched best
    root_id: int  # first article of that article's group
    story_id: int | None  # the story of that article
    similarity: float


@dataclass
class _Entry:
    signature: bytes
    bands: tuple[int, ...]
    day: int | None
    root_id: int
    story_id: int | None


class NearDupIndex:
    """LSH buckets over the signatures of the recent stream."""

    def __init__(self, settings: DedupSettings | None = None) -> None:
        self.settings = settings or DedupSettings()
        self._buckets: dict[int, list[int]] = {}
        self._entries: dict[int, _Entry] = {}

    def __len__(self) -> int:
        return len(self._entries)

    def find(self, signature: bytes, bands: tuple[int, ...], day: int | None) -> Duplicate | None:
        """The indexed article this one is a near-copy of, if any."""
        candidates: set[int] = set()
        for key in bands:
            candidates.update(self._buckets.get(key, ()))
        if not candidates:
            return None
        settings = self.settings
        best: Duplicate | None = None
        for article_id in sorted(candidates, reverse=True)[: settings.max_candidates]:
            entry = self._entries[article_id]
            if _days_apart(day, entry.day) > settings.window_days:
                continue
            similarity = jaccard(signature, entry.signature)
            if similarity >= settings.threshold and (best is None or similarity > best.similarity):
                best = Duplicate(article_id, entry.root_id, entry.story_id, similarity)
        return best

    def add(
        self,
        article_id: int,
        signature: bytes,
        day: int | None,
        root_id: int,
        story_id: int | None,
        bands: tuple[int, ...] | None = None,
    ) -> None:
        if bands is None:
            bands = band_keys(np.frombuffer(signature, dtype="<u4"))
        self._entries[article_id] = _Entry(signature, bands, day, root_id, story_id)
        for key in bands:
            self._buckets.setdefault(key, []).append(article_id)

    def expire(self, clock: int | None, newest_article: int) -> int:
        """Drop articles older than the window, once ``kept_articles`` newer ones arrived.

        The second condition keeps the index sane when one far-dated article jumps the clock.
        """
        settings = self.settings
        horizon = None if clock is None else clock - settings.window_days
        oldest = newest_article - settings.kept_articles
        stale = [
            article_id
            for article_id, entry in self._entries.items()
            if article_id < oldest and (entry.day is None or horizon is None or entry.day < horizon)
        ]
        for article_id in stale:
            entry = self._entries.pop(article_id)
            for key in entry.bands:
                bucket = self._buckets.get(key)
                if bucket is not None:
                    bucket.remove(article_id)
                    if not bucket:
                        del self._buckets[key]
        return len(stale)


def _days_apart(day: int | None, other: int | None) -> int:
    """Days between two articles; 0 when either is undated (an undated copy may match any)."""
    return 0 if day is None or other is None else abs(day - other)
