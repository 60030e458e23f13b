"""Candidate pairs of a story's sentences or figures, found through an index, not all pairs.

Agreements, disputes, numeric conflicts and the claim aligner each compare two items only when
they share something (stems, a place, a quantity). Forming every pair made the cost of facts
grow with the square of the story (25 s for 100 articles); these helpers list exactly the pairs
that share that something, in the order the all-pairs loops visited them (a < b, by a then b),
so the callers' output stays the same while the cost follows what the items share.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Hashable, Iterable, Sequence
from itertools import combinations


def sharing(
    left: Sequence[Iterable[str]], right: Sequence[Iterable[str]], at_least: int
) -> set[tuple[int, int]]:
    """Unordered pairs {a, b} (as (min, max), a ≠ b) with ``|left[a] ∩ right[b]| ≥ at_least``.

    ``left`` and ``right`` index the same items (two views of each, as a negated scope and the
    words of a claim); an item with an empty ``left`` is never the left side.
    """
    postings: dict[str, list[int]] = defaultdict(list)
    for n, words in enumerate(right):
        for word in set(words):
            postings[word].append(n)
    found: set[tuple[int, int]] = set()
    for a, words in enumerate(left):
        shared: Counter[int] = Counter()
        for word in set(words):
            shared.update(postings.get(word, ()))
        found.update((min(a, b), max(a, b)) for b, n in shared.items() if n >= at_least and b != a)
    return found


def ordered_sharing(words: Sequence[Iterable[str]], at_least: int) -> list[tuple[int, int]]:
    """Pairs (a, b), a < b in visiting order, of items sharing at least ``at_least`` words."""
    if at_least <= 0:
        return list(combinations(range(len(words)), 2))
    return sorted(sharing(words, words, at_least))


def same_key(keys: Sequence[Hashable | None]) -> list[tuple[int, int]]:
    """Pairs (a, b), a < b in visiting order, of items with one key (None pairs with nothing)."""
    buckets: dict[Hashable, list[int]] = defaultdict(list)
    for n, k in enumerate(keys):
        if k is not None:
            buckets[k].append(n)
    return sorted(pair for ids in buckets.values() for pair in combinations(ids, 2))


def similar(bags: Sequence[Counter[str]], bar: float) -> list[tuple[float, int, int]]:
    """(cosine, a, b) of every pair a < b of stem bags whose cosine reaches ``bar``.

    Two bags that share no stem have cosine 0, so above a positive bar the dot products are
    summed through an inverted index of stems. Counts are integers, so each dot product, and the
    cosine, is exactly what :func:`cosine` gives.
    """
    if bar <= 0:
        return [
            (sim, a, b)
            for a, b in combinations(range(len(bags)), 2)
            if (sim := cosine(bags[a], bags[b])) >= bar
        ]
    postings: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for n, bag in enumerate(bags):
        for stem, count in bag.items():
            postings[stem].append((n, count))
    norms = [sum(v * v for v in bag.values()) for bag in bags]
    found = []
    for a, bag in enumerate(bags):
        dots: dict[int, int] = defaultdict(int)
        for stem, count in bag.items():
            for b, other in postings[stem]:
                if b > a:
                    dots[b] += count * other
        for b, dot in dots.items():
            if norms[a] and norms[b] and (sim := dot / math.sqrt(norms[a] * norms[b])) >= bar:
                found.append((sim, a, b))
    return found


def cosine(a: Counter[str], b: Counter[str]) -> float:
    """Cosine similarity of two bags of stems (0.0 when either is empty)."""
    if not a or not b:
        return 0.0
    dot = sum(v * b[k] for k, v in a.items() if k in b)
    return dot / math.sqrt(sum(v * v for v in a.values()) * sum(v * v for v in b.values()))
