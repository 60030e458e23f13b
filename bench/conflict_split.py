"""The one split of the blind conflict gold into a dev part and a held-out part, by event.

    python bench/conflict_split.py        # prints the size of each part

Two pairs about one event (one bombing, its toll told by four outlets) must fall on one side,
or a model fitted on dev would meet the held-out part's sentences again. An event is a
connected group of pairs: pairs that name the same gold ``story`` or share an article URL
belong together (most pairs have no story; their articles recur across pairs instead). Each
group is keyed by its smallest story name or URL and sent to a part by a fixed hash of that
key, so the split depends on the gold's text alone: never on labels, model output or order.
It was fixed before any model was fitted and is not to be re-drawn.
"""

from __future__ import annotations

import hashlib
import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "bench" / "gold" / "conflicts.jsonl"
PARTS = ("dev", "heldout")
SALT = "khulasa-conflicts-v1"  # part of the hash: changing it would re-draw the split


def load_pairs(path: Path = GOLD) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def event_keys(pairs: list[dict]) -> list[str]:
    """Each pair's event key: the smallest story name or URL of its connected group."""
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(x: str, y: str) -> None:
        rx, ry = find(x), find(y)
        if rx != ry:
            parent[max(rx, ry)] = min(rx, ry)  # the smaller name roots the group

    for pair in pairs:
        nodes = [pair["doc_a"], pair["doc_b"]]
        if pair.get("story"):
            nodes.append(f"story:{pair['story']}")
        for node in nodes[1:]:
            union(nodes[0], node)
    return [find(pair["doc_a"]) for pair in pairs]


def part_of_key(key: str) -> str:
    digest = hashlib.sha256(f"{SALT}|{key}".encode()).digest()
    return PARTS[digest[0] % 2]


def split(pairs: list[dict], part: str = "all") -> list[dict]:
    """The pairs of ``part`` ("dev", "heldout" or "all"), in gold order."""
    if part == "all":
        return list(pairs)
    if part not in PARTS:
        raise ValueError(f"unknown part {part!r}: one of dev, heldout, all")
    return [p for p, k in zip(pairs, event_keys(pairs), strict=True) if part_of_key(k) == part]


def main() -> int:
    pairs = load_pairs()
    keys = event_keys(pairs)
    for part in PARTS:
        members = [p for p, k in zip(pairs, keys, strict=True) if part_of_key(k) == part]
        counts = Counter((p["label"], p.get("kind")) for p in members)
        events = len({k for k in keys if part_of_key(k) == part})
        print(
            f"{part}: {len(members)} pairs, {events} events, "
            f"{counts['conflict', 'number']} number conflicts, "
            f"{counts['conflict', 'claim']} claim conflicts, "
            f"{sum(p['label'] == 'compatible' for p in members)} compatible"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
