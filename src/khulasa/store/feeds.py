"""What live ingest remembers: followed feeds, the entries already fetched, the files already read.

Feeds and their items have their own tables (schema v4). Watched files are remembered in the
``meta`` table under ``watched:`` + the file's absolute path, with its size and modification time
when read, so a restarted watcher skips what it has read and re-reads a file that changed; no
schema change was needed for a handful of keys per file.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from khulasa.store.db import Store

WATCHED_PREFIX = "watched:"


@dataclass(frozen=True)
class FeedRow:
    id: int
    url: str
    title: str | None
    etag: str | None
    modified: str | None
    added_at: str
    polled_at: str | None
    status: str | None
    failures: int
    items: int = 0  # entries recorded for it


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


_COLUMNS = "id, url, title, etag, modified, added_at, polled_at, status, failures"


def add_feed(store: Store, url: str) -> tuple[FeedRow, bool]:
    """Follow ``url``: ``(the feed, True)`` when new, ``(the feed, False)`` if followed before."""
    cursor = store.conn.execute(
        "INSERT INTO feeds (url, added_at) VALUES (?, ?) ON CONFLICT(url) DO NOTHING",
        (url, now()),
    )
    feed = get_feed(store, url)
    assert feed is not None
    return feed, cursor.rowcount == 1


def get_feed(store: Store, url: str) -> FeedRow | None:
    row = store.conn.execute(f"SELECT {_COLUMNS} FROM feeds WHERE url = ?", (url,)).fetchone()
    return FeedRow(*row) if row else None


def list_feeds(store: Store) -> list[FeedRow]:
    rows = store.conn.execute(
        f"SELECT {', '.join('f.' + c.strip() for c in _COLUMNS.split(','))}, "
        "(SELECT COUNT(*) FROM feed_items i WHERE i.feed_id = f.id) FROM feeds f ORDER BY f.id"
    )
    return [FeedRow(*row) for row in rows]


def remove_feed(store: Store, url: str) -> bool:
    """Stop following ``url`` and forget its items (the articles stay); False if not followed."""
    with store.transaction() as conn:
        row = conn.execute("SELECT id FROM feeds WHERE url = ?", (url,)).fetchone()
        if not row:
            return False
        conn.execute("DELETE FROM feed_items WHERE feed_id = ?", row)
        conn.execute("DELETE FROM feeds WHERE id = ?", row)
    return True


def record_poll(
    store: Store,
    feed_id: int,
    status: str,
    failed: bool,
    title: str | None = None,
    etag: str | None = None,
    modified: str | None = None,
    clear_validators: bool = False,
) -> None:
    """The outcome of one poll. A success resets the failure count and keeps the validators
    (ETag, Last-Modified) for the next conditional GET, or forgets them (``clear_validators``)
    when the poll was cut short; a failure counts up for the back-off."""
    if failed:
        store.conn.execute(
            "UPDATE feeds SET polled_at = ?, status = ?, failures = failures + 1 WHERE id = ?",
            (now(), status, feed_id),
        )
        return
    if clear_validators:
        store.conn.execute("UPDATE feeds SET etag = NULL, modified = NULL WHERE id = ?", (feed_id,))
    store.conn.execute(
        "UPDATE feeds SET polled_at = ?, status = ?, failures = 0, "
        "title = COALESCE(?, title), etag = COALESCE(?, etag), "
        "modified = COALESCE(?, modified) WHERE id = ?",
        (now(), status, title, etag, modified, feed_id),
    )


def known_items(store: Store, feed_id: int, guids: Sequence[str]) -> set[str]:
    found: set[str] = set()
    for start in range(0, len(guids), 500):
        chunk = tuple(guids[start : start + 500])
        marks = ",".join("?" * len(chunk))
        rows = store.conn.execute(
            f"SELECT guid FROM feed_items WHERE feed_id = ? AND guid IN ({marks})",
            (feed_id, *chunk),
        )
        found.update(r[0] for r in rows)
    return found


def record_items(store: Store, feed_id: int, items: Sequence[tuple[str, str | None, str]]) -> None:
    """``(guid, url, status)`` of entries handled, so each is fetched once."""
    stamp = now()
    with store.transaction() as conn:
        conn.executemany(
            "INSERT INTO feed_items (feed_id, guid, url, seen_at, status) VALUES (?, ?, ?, ?, ?) "
            "ON CONFLICT(feed_id, guid) DO UPDATE SET url = excluded.url, "
            "seen_at = excluded.seen_at, status = excluded.status",
            [(feed_id, guid, url, stamp, status) for guid, url, status in items],
        )


def item_statuses(store: Store, feed_id: int) -> dict[str, str]:
    rows = store.conn.execute("SELECT guid, status FROM feed_items WHERE feed_id = ?", (feed_id,))
    return dict(rows.fetchall())


def stories_of(store: Store, hashes: Sequence[str]) -> dict[str, tuple[int, int | None]]:
    """``content hash → (article id, story id)`` for the stored articles among ``hashes``."""
    found: dict[str, tuple[int, int | None]] = {}
    for start in range(0, len(hashes), 500):
        chunk = tuple(hashes[start : start + 500])
        marks = ",".join("?" * len(chunk))
        rows = store.conn.execute(
            f"SELECT content_hash, id, story_id FROM articles WHERE content_hash IN ({marks})",
            chunk,
        )
        found.update((h, (i, s)) for h, i, s in rows)
    return found


def story_of_url(store: Store, url: str) -> tuple[int, int | None] | None:
    """``(article id, story id)`` of the article stored under ``url``."""
    row = store.conn.execute("SELECT id, story_id FROM articles WHERE url = ?", (url,)).fetchone()
    return (row[0], row[1]) if row else None


def watched(store: Store, path: str) -> dict[str, object] | None:
    """What was recorded when the file at ``path`` was last read (size, mtime_ns, status)."""
    value = store.meta(WATCHED_PREFIX + path)
    return json.loads(value) if value else None


def remember_file(store: Store, path: str, size: int, mtime_ns: int, status: str) -> None:
    store.set_meta(
        WATCHED_PREFIX + path,
        json.dumps({"size": size, "mtime_ns": mtime_ns, "status": status, "at": now()}),
    )


def watched_files(store: Store) -> dict[str, tuple[int, int]]:
    """``path → (size, mtime_ns)`` of every file a watcher has read."""
    rows = store.conn.execute(
        "SELECT key, value FROM meta WHERE key >= ? AND key < ?",
        (WATCHED_PREFIX, WATCHED_PREFIX[:-1] + chr(ord(WATCHED_PREFIX[-1]) + 1)),
    )
    found = {}
    for key, value in rows:
        record = json.loads(value)
        found[key[len(WATCHED_PREFIX) :]] = (int(record["size"]), int(record["mtime_ns"]))
    return found
