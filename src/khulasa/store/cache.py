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
    row = store.conn.execute("SELECT headline FROM stories WHERE id = ?", (story_id,)).fetchone()
    if row is None:
        return None
    members = store.conn.execute(
        "SELECT id FROM articles WHERE story_id = ? ORDER BY id", (story_id,)
    ).fetchall()
    if not members:
        return None
    ids = ",".join(str(m[0]) for m in members)
    return hashlib.sha1(f"{row[0]}\x00{ids}".encode()).hexdigest()


def cached_text(store: Store, story_id: int, kind: str, digest: str) -> str | None:
    """The cached ``kind`` of the story as stored (JSON text), if computed for this ``digest``.
    Text, not parsed data: a large story's facts run to megabytes, and the API sends them on
    as they are."""
    row = store.conn.execute(
        "SELECT body FROM story_cache WHERE story_id = ? AND kind = ? AND digest = ?",
        (story_id, kind, digest),
    ).fetchone()
    return None if row is None else row[0]


def is_cached(store: Store, story_id: int, kind: str, digest: str) -> bool:
    row = store.conn.execute(
        "SELECT 1 FROM story_cache WHERE story_id = ? AND kind = ? AND digest = ?",
        (story_id, kind, digest),
    ).fetchone()
    return row is not None


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


def store_results(
    store: Store,
    story_id: int,
    digest: str,
    bodies: dict[str, Any],
    entities: list[tuple[str, str]] | None = None,
) -> None:
    """Cache each ``kind: body`` for the story at ``digest``, in one transaction; ``entities``
    ``(label, name)`` replace the story's entity index when given (facts)."""
    now = datetime.now(UTC).isoformat(timespec="seconds")
    with store.transaction():
        store.conn.executemany(
            "INSERT INTO story_cache (story_id, kind, digest, body, computed_at) "
            "VALUES (?, ?, ?, ?, ?) ON CONFLICT(story_id, kind) DO UPDATE SET "
            "digest = excluded.digest, body = excluded.body, computed_at = excluded.computed_at",
            [
                (story_id, kind, digest, json.dumps(body, ensure_ascii=False), now)
                for kind, body in bodies.items()
            ],
        )
        if entities is not None:
            store.conn.execute("DELETE FROM story_entities WHERE story_id = ?", (story_id,))
            store.conn.executemany(
                "INSERT INTO story_entities (story_id, label, name) VALUES (?, ?, ?) "
                "ON CONFLICT DO NOTHING",
                [(story_id, label, name) for label, name in entities],
            )
