"""What `bench/scale.py` compares between two databases: their stories and their report cache."""

from __future__ import annotations

import hashlib
from collections import Counter

from khulasa.store import Store


def empty_cache(db: str) -> None:
    """Forget every computed report, so that a run computes them all."""
    with Store(db) as store, store.transaction():
        store.conn.execute("DELETE FROM story_cache")
        store.conn.execute("DELETE FROM story_entities")


def cache_digest(db: str, story_ids: set[int] | None = None) -> str:
    """One digest of every cached report (story, kind, body), in a fixed order."""
    with Store(db, readonly=True) as store:
        rows = store.conn.execute(
            "SELECT story_id, kind, body FROM story_cache ORDER BY story_id, kind"
        ).fetchall()
    digest = hashlib.sha256()
    for story_id, kind, body in rows:
        if story_ids is None or story_id in story_ids:
            digest.update(f"{story_id}\x00{kind}\x00{body}\x01".encode())
    return digest.hexdigest()


def _partition(db: str) -> dict[str, int]:
    with Store(db, readonly=True) as store:
        rows = store.conn.execute("SELECT content_hash, story_id FROM articles").fetchall()
    return {content_hash: story_id for content_hash, story_id in rows}


def compare_stories(a: str, b: str) -> dict[str, object]:
    """Whether two databases hold the same articles (by content hash) grouped into the same
    stories, and B³ F1 of ``b``'s stories against ``a``'s over their shared articles."""
    left, right = _partition(a), _partition(b)
    shared = left.keys() & right.keys()
    pairs = Counter((left[h], right[h]) for h in shared)
    size_left = Counter(left[h] for h in shared)
    size_right = Counter(right[h] for h in shared)
    precision = sum(n * n / size_right[r] for (_, r), n in pairs.items()) / max(len(shared), 1)
    recall = sum(n * n / size_left[lft] for (lft, _), n in pairs.items()) / max(len(shared), 1)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    same_stories = len(pairs) == len(size_left) == len(size_right)
    return {
        "articles": len(right),
        "stories": len(set(right.values())),
        "same_articles": left.keys() == right.keys(),
        "same_stories": left.keys() == right.keys() and same_stories,
        "b3_f1": f1,
    }
