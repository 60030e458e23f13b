"""Editors' corrections to stories: merge two, move an article, split one out, rename.

Story ids do not survive ``khulasa recluster`` and merges, so a correction is recorded against
*articles*, which do: "these articles belong with that article", "this article does not belong
with those", "the story holding this article is called so". Each correction is then a constraint
that :func:`reapply` can check and restore after any ingest or reclustering, in the order the
corrections were made, so a later correction wins over an earlier one. Every correction keeps
who made it and when; nothing is ever deleted from the log.

Every function here writes inside one transaction; callers that may run beside an ingest hold
``Store.writer()`` so the ingest's in-memory story state is never out of date.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime

from khulasa.store.db import Store

MAX_HEADLINE = 300


class CorrectionError(ValueError):
    """The correction cannot be made (unknown story or article, a no-op, a bad headline)."""


class NotFound(CorrectionError):
    """The story or article the correction names does not exist."""


@dataclass(frozen=True)
class Correction:
    id: int
    action: str
    articles: tuple[int, ...]
    anchor: int | None
    value: str | None
    story_id: int | None
    target_id: int | None
    author: str
    created_at: str

    def to_dict(self) -> dict[str, object]:
        return {
            "id": self.id,
            "action": self.action,
            "articles": list(self.articles),
            "anchor_article": self.anchor,
            "value": self.value,
            "story_id": self.story_id,
            "target_story_id": self.target_id,
            "author": self.author,
            "created_at": self.created_at,
        }


def merge(store: Store, story_id: int, into: int, author: str) -> Correction:
    """Put every article of ``story_id`` into ``into``."""
    if story_id == into:
        raise CorrectionError("a story cannot be merged into itself")
    members = _members(store, story_id)
    anchor = _anchor(store, into)
    return _record(store, "merge", members, anchor, None, story_id, into, author)


def move(store: Store, article_id: int, to_story: int, author: str) -> Correction:
    """Move one article into another story."""
    current = _story_of(store, article_id)
    if current == to_story:
        raise CorrectionError(f"article {article_id} is already in story {to_story}")
    anchor = _anchor(store, to_story)
    return _record(store, "move", (article_id,), anchor, None, current, to_story, author)


def split(store: Store, article_id: int, author: str) -> Correction:
    """Take one article out of its story into a story of its own."""
    current = _story_of(store, article_id)
    companions = [a for a in _members(store, current) if a != article_id]
    if not companions:
        raise CorrectionError(f"article {article_id} is alone in its story already")
    value = json.dumps(companions)
    return _record(store, "split", (article_id,), None, value, current, None, author)


def rename(store: Store, story_id: int, headline: str, author: str) -> Correction:
    """Give a story the headline an editor wrote; the engine no longer changes it."""
    headline = " ".join(headline.split())
    if not headline:
        raise CorrectionError("the headline is empty")
    if len(headline) > MAX_HEADLINE:
        raise CorrectionError(f"the headline is longer than {MAX_HEADLINE} characters")
    anchor = _anchor(store, story_id)
    return _record(store, "rename", (anchor,), anchor, headline, story_id, None, author)


def history(store: Store, story_id: int | None = None) -> list[Correction]:
    """The corrections made, oldest first; with ``story_id``, those that touch the story now."""
    rows = store.conn.execute(
        "SELECT id, action, articles, anchor, value, story_id, target_id, author, created_at "
        "FROM corrections ORDER BY id"
    ).fetchall()
    found = [_correction(row) for row in rows]
    if story_id is None:
        return found
    members = set(_members(store, story_id, must_exist=False))
    return [
        c
        for c in found
        if members.intersection(c.articles)
        or (c.anchor in members)
        or story_id in (c.story_id, c.target_id)
    ]


def reapply(store: Store) -> int:
    """Restore every correction the stories no longer satisfy; return how many were restored."""
    restored = 0
    with store.transaction():
        for correction in history(store):
            restored += _apply(store, correction)
    return restored


# -- applying ----------------------------------------------------------------------------------


def _apply(store: Store, c: Correction) -> int:
    """Make the stories satisfy ``c``; 1 if anything changed, else 0 (inside a transaction)."""
    conn = store.conn
    if c.action in ("merge", "move"):
        target = _current_story(store, c.anchor)
        if target is None:
            return 0
        moving = [a for a in c.articles if _current_story(store, a) not in (None, target)]
        if not moving:
            return 0
        _move(store, moving, target)
        return 1
    if c.action == "split":
        article = c.articles[0]
        current = _current_story(store, article)
        former = json.loads(c.value or "[]")
        marks = ",".join("?" * len(former))
        together = (
            current is not None
            and former
            and conn.execute(
                f"SELECT 1 FROM articles WHERE story_id = ? AND id IN ({marks}) LIMIT 1",
                (current, *former),
            ).fetchone()
        )
        if not together:
            return 0
        story = store.next_story_id()
        store.insert_stories([(story, None)])
        store.set_headlines([(story, article)])
        _move(store, [article], story)
        return 1
    if c.action == "rename":
        story = _current_story(store, c.anchor)
        if story is None:
            return 0
        changed = conn.execute(
            "UPDATE stories SET headline = ?, headline_fixed = 1 "
            f"WHERE id = ? AND (headline {store.dialect.is_not} ? OR headline_fixed = 0)",
            (c.value, story, c.value),
        ).rowcount
        return int(changed > 0)
    return 0


def _move(store: Store, articles: list[int], target: int) -> None:
    """Move articles to ``target``, recount the stories involved, drop the emptied ones."""
    conn = store.conn
    marks = ",".join("?" * len(articles))
    sources = {
        row[0]
        for row in conn.execute(
            f"SELECT DISTINCT story_id FROM articles WHERE id IN ({marks})", articles
        )
    }
    conn.execute(f"UPDATE articles SET story_id = ? WHERE id IN ({marks})", (target, *articles))
    for story in sources | {target}:
        conn.execute(
            "UPDATE stories SET "
            "article_count = (SELECT COUNT(*) FROM articles WHERE story_id = ?1),"
            " first_day = (SELECT MIN(day) FROM articles WHERE story_id = ?1),"
            " last_day = (SELECT MAX(day) FROM articles WHERE story_id = ?1),"
            f" seen_day = {store.dialect.greatest}(COALESCE(seen_day, 0), "
            "COALESCE((SELECT MAX(day) FROM articles "
            "WHERE story_id = ?1), 0)) WHERE id = ?1",
            (story,),
        )
    conn.execute(
        "DELETE FROM story_entities WHERE story_id IN (SELECT id FROM stories "
        "WHERE article_count = 0)"
    )
    conn.execute(
        "DELETE FROM story_cache WHERE story_id IN (SELECT id FROM stories WHERE article_count = 0)"
    )
    conn.execute("DELETE FROM stories WHERE article_count = 0")


# -- recording ---------------------------------------------------------------------------------


def _record(
    store: Store,
    action: str,
    articles: tuple[int, ...] | list[int],
    anchor: int | None,
    value: str | None,
    story_id: int | None,
    target_id: int | None,
    author: str,
) -> Correction:
    author = " ".join(author.split())[:100] or "editor"
    now = datetime.now(UTC).isoformat(timespec="seconds")
    with store.transaction():
        cursor = store.conn.execute(
            "INSERT INTO corrections (action, articles, anchor, value, story_id, target_id, "
            "author, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
            (action, json.dumps(list(articles)), anchor, value, story_id, target_id, author, now),
        )
        correction = Correction(
            int(cursor.fetchone()[0]),
            action,
            tuple(articles),
            anchor,
            value,
            story_id,
            target_id,
            author,
            now,
        )
        _apply(store, correction)
    return correction


def _correction(row: tuple) -> Correction:
    return Correction(row[0], row[1], tuple(json.loads(row[2])), *row[3:])


def _members(store: Store, story_id: int | None, must_exist: bool = True) -> list[int]:
    rows = store.conn.execute(
        "SELECT id FROM articles WHERE story_id = ? ORDER BY id", (story_id,)
    ).fetchall()
    if not rows and must_exist:
        raise NotFound(f"no story {story_id}")
    return [r[0] for r in rows]


def _anchor(store: Store, story_id: int) -> int:
    """The story's oldest article: it stands for the story in the log."""
    return _members(store, story_id)[0]


def _story_of(store: Store, article_id: int) -> int:
    row = store.conn.execute("SELECT story_id FROM articles WHERE id = ?", (article_id,)).fetchone()
    if row is None:
        raise NotFound(f"no article {article_id}")
    if row[0] is None:
        raise CorrectionError(f"article {article_id} is in no story yet")
    return int(row[0])


def _current_story(store: Store, article_id: int | None) -> int | None:
    if article_id is None:
        return None
    row = store.conn.execute("SELECT story_id FROM articles WHERE id = ?", (article_id,)).fetchone()
    return None if row is None else row[0]
