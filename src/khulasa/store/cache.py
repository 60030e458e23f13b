"""Each story's computed summary and facts, kept until the story changes.

A story changes when an article joins or leaves it or its headline is set; the cache key is a
digest of exactly that (member ids and headline), computed by one indexed query, so a stale entry
is never served and nothing has to remember to invalidate it. Story pages read the cache; a
background worker fills it.
"""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime
from typing import Any

from khulasa.store.db import Store


def story_digest(store: Store, story_id: int) -> str | None:
    """A digest of the story's members and headline; ``None`` when the story does not exist."""
    row = store.conn.execute(
        "SELECT s.headline, (SELECT group_concat(id) FROM (SELECT id FROM articles "
        "WHERE story_id = s.id ORDER BY id)) FROM stories s WHERE s.id = ?",
        (story_id,),
    ).fetchone()
    if row is None or row[1] is None:
        return None
    return hashlib.sha1(f"{row[0]}\x00{row[1]}".encode()).hexdigest()


def cached(store: Store, story_id: int, kind: str, digest: str) -> Any | None:
    """The cached ``kind`` of the story if it was computed for this very ``digest``."""
    row = store.conn.execute(
        "SELECT body FROM story_cache WHERE story_id = ? AND kind = ? AND digest = ?",
        (story_id, kind, digest),
    ).fetchone()
    return None if row is None else json.loads(row[0])


def cached_many(store: Store, story_ids: list[int], kind: str) -> dict[int, Any]:
    """The cached ``kind`` of several stories, whatever their digest (for listings, where a
    slightly old first sentence is better than none)."""
    if not story_ids:
        return {}
    marks = ",".join("?" * len(story_ids))
    rows = store.conn.execute(
        f"SELECT story_id, body FROM story_cache WHERE kind = ? AND story_id IN ({marks})",
        (kind, *story_ids),
    )
    return {story_id: json.loads(body) for story_id, body in rows}


def store_result(
    store: Store,
    story_id: int,
    kind: str,
    digest: str,
    body: Any,
    entities: list[tuple[str, str]] | None = None,
) -> None:
    """Cache ``body`` for the story at ``digest``; ``entities`` ``(label, name)`` replace the
    story's entity index when given (facts)."""
    now = datetime.now(UTC).isoformat(timespec="seconds")
    with store.transaction():
        store.conn.execute(
            "INSERT OR REPLACE INTO story_cache (story_id, kind, digest, body, computed_at) "
            "VALUES (?, ?, ?, ?, ?)",
            (story_id, kind, digest, json.dumps(body, ensure_ascii=False), now),
        )
        if entities is not None:
            store.conn.execute("DELETE FROM story_entities WHERE story_id = ?", (story_id,))
            store.conn.executemany(
                "INSERT OR IGNORE INTO story_entities (story_id, label, name) VALUES (?, ?, ?)",
                [(story_id, label, name) for label, name in entities],
            )
