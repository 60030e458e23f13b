"""The rows the store hands out and takes in, the same whichever engine holds them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class StoredArticle:
    """An article row as the story commands need it."""

    id: int
    ext_id: str
    source: str | None
    url: str | None
    title: str | None
    published: date | None
    kind: str
    origin: str | None
    content: str
    clean: bool
    dup_of: int | None
    story_id: int | None


@dataclass(frozen=True)
class StoryRow:
    """One line of the story list."""

    id: int
    headline: str | None
    article_count: int
    outlets: tuple[str, ...]
    first: date | None
    last: date | None
    section: str | None = None  # the members' most frequent section


@dataclass(frozen=True)
class OpenStoryState:
    """What the clusterer needs to reload a story that is still open."""

    id: int
    first_day: int | None
    last_day: int | None
    seen_day: int | None
    max_article_id: int
    undated: int  # articles without a date


@dataclass(frozen=True)
class PendingRow:
    """An article stored without analysis (schema v1), to be analysed and placed."""

    id: int
    kind: str
    content: str
    day: int | None
    title: str | None
    story_id: int | None
    source: str | None = None
    published: str | None = None
    clean: bool = True


@dataclass(frozen=True)
class ArticleRow:
    """A new article as the ingest engine writes it."""

    id: int
    content_hash: str
    url: str | None
    ext_id: str
    source: str | None
    title: str | None
    published: date | None
    kind: str
    origin: str | None
    content: str
    clean: bool
    story_id: int
    dup_of: int | None
    day: int | None = None  # the event day: published, else stated in the text
    day_inferred: bool = False


@dataclass
class StoryDelta:
    """What a batch adds to one story: articles, and the days they widen its span to."""

    id: int
    added: int = 0
    first: int | None = None
    last: int | None = None
    seen: int | None = None

    def add(self, day: int | None, seen: int | None) -> None:
        self.added += 1
        if day is not None:
            self.first = day if self.first is None else min(self.first, day)
            self.last = day if self.last is None else max(self.last, day)
        if seen is not None:
            self.seen = seen if self.seen is None else max(self.seen, seen)

    def params(self) -> dict[str, int | None]:
        return {
            "id": self.id,
            "added": self.added,
            "first": self.first,
            "last": self.last,
            "seen": self.seen,
        }
