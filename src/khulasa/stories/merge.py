"""Should two stories be one? The evidence for merging two open stories, as model features.

The article-by-article decision splits big events: the first reports of a bombing, its death
toll, the funerals and the arrests arrive in different words and open stories of their own, and
later articles that are the same event as several of them only add to one. Counting the strong
article pairs across two stories rejoins them, but the same count also joins two shellings or
two market days that share every word. So the merge is decided by a model over story-level
views as well: the stories' core terms (said by many of their members) and whether the rare
ones of one are missing from the other, their core numbers, their days and outlets, beside the
cross pairs themselves.
"""

from __future__ import annotations

import heapq
import json
import math
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources

from khulasa.stories.pairs import (
    Member,
    SameEventModel,
    Vector,
    cosine,
    linear_weights,
    unit_vector,
)

STRONG = 0.5  # a cross pair this likely counts as evidence, and opens a candidate merge
WEAK = 0.3
CORE_SHARE = 0.3  # a term said by this share of a story's members is one of its core terms
MAX_DAYS = 7

MERGE_FEATURES = (
    "size_min",  # log(1 + the smaller story's size)
    "size_max",
    "strong",  # log(1 + cross pairs with P(same event) ≥ STRONG)
    "weak",  # log(1 + cross pairs ≥ WEAK)
    "strong_per_member",  # strong pairs over the smaller story's size (capped at 3)
    "covered",  # share of the smaller story's members with a strong cross pair
    "best",  # the strongest cross pair
    "top3",  # mean of the three strongest (missing ones count 0)
    "title_cos",  # cosine of the stories' title centroids
    "lead_cos",
    "body_cos",
    "core_jaccard",
    "core_missing",  # log(1 + rare core terms of one story the other never says)
    "numbers_shared",  # log(1 + core numbers in common)
    "numbers_disjoint",  # both have core numbers, none shared
    "day_gap",  # days between the stories' median days, over MAX_DAYS (capped)
    "span",  # the merged story's span, over MAX_DAYS (capped)
    "outlets_jaccard",
)


@dataclass(frozen=True)
class Link:
    """The scored article pairs between two stories."""

    strong: int
    weak: int
    best: float
    top3: float
    covered: float  # share of the smaller story's members with a strong pair to the other
    small: int = 1  # the smaller story's size (open members)


@dataclass(frozen=True)
class StoryView:
    """What the merge decision compares of one story."""

    size: int
    title: Vector
    lead: Vector
    body: Vector
    core: frozenset[str]
    vocabulary: frozenset[str]
    numbers: frozenset[str]
    days: tuple[int, ...]
    outlets: frozenset[str]

    @classmethod
    def of(cls, members: Sequence[Member], body_terms: int = 300) -> StoryView:
        keys: Counter[str] = Counter()
        numbers: Counter[str] = Counter()
        title: Counter[str] = Counter()
        lead: Counter[str] = Counter()
        body: Counter[str] = Counter()
        vocabulary: set[str] = set()
        for member in members:
            keys.update(member.keys)
            numbers.update(member.numbers)
            title.update(member.title)
            lead.update(member.lead)
            body.update(member.body)
            vocabulary.update(member.keys)
            vocabulary.update(member.body)
        need = max(2.0, CORE_SHARE * len(members)) if len(members) > 1 else 1.0
        top = dict(heapq.nlargest(body_terms, body.items(), key=lambda kv: (kv[1], kv[0])))
        return cls(
            size=len(members),
            title=unit_vector(title),
            lead=unit_vector(lead),
            body=unit_vector(top),
            core=frozenset(t for t, c in keys.items() if c >= need),
            vocabulary=frozenset(vocabulary),
            numbers=frozenset(n for n, c in numbers.items() if c >= need),
            days=tuple(sorted(m.day for m in members if m.day is not None)),
            outlets=frozenset(m.outlet for m in members if m.outlet),
        )


def cross_links(
    pairs: Iterable[tuple[int, int, float]], story_of: Mapping[int, int]
) -> dict[tuple[int, int], Link]:
    """The links between stories from scored article pairs ``(article, article, P)``; only
    story pairs with at least one strong pair are candidates."""
    scores: dict[tuple[int, int], list[float]] = {}
    touched: dict[tuple[int, int], set[int]] = {}
    sizes: Counter[int] = Counter(story_of.values())
    for i, j, p in pairs:
        a, b = story_of.get(i), story_of.get(j)
        if a is None or b is None or a == b or p < WEAK:
            continue
        key = (min(a, b), max(a, b))
        scores.setdefault(key, []).append(p)
        if p >= STRONG:
            touched.setdefault(key, set()).update((i, j))
    out = {}
    for key, ps in scores.items():
        strong = sum(1 for p in ps if p >= STRONG)
        if not strong:
            continue
        small = min(key, key=lambda s: (sizes[s], s))
        covered = sum(1 for i in touched[key] if story_of[i] == small)
        best = heapq.nlargest(3, ps)
        out[key] = Link(
            strong=strong,
            weak=len(ps),
            best=best[0],
            top3=sum(best) / 3,
            covered=covered / max(1, sizes[small]),
            small=sizes[small],
        )
    return out


def _median(days: tuple[int, ...]) -> float | None:
    return days[len(days) // 2] if days else None


def merge_features(
    a: StoryView, b: StoryView, link: Link, df: Mapping[str, int], n_docs: int
) -> list[float]:
    """The feature row of one candidate merge, in :data:`MERGE_FEATURES` order."""
    small = min(a.size, b.size)
    rare_cut = max(3.0, 0.002 * n_docs)

    def missing(x: StoryView, y: StoryView) -> int:
        return sum(1 for t in x.core if df.get(t, 0) <= rare_cut and t not in y.vocabulary)

    ma, mb = _median(a.days), _median(b.days)
    gap = abs(ma - mb) if ma is not None and mb is not None else 0.0
    days = a.days + b.days
    span = (max(days) - min(days)) if days else 0
    shared_numbers = len(a.numbers & b.numbers)
    union = a.core | b.core
    outlets = a.outlets | b.outlets
    return [
        math.log1p(small),
        math.log1p(max(a.size, b.size)),
        math.log1p(link.strong),
        math.log1p(link.weak),
        min(link.strong / small, 3.0),
        link.covered,
        link.best,
        link.top3,
        cosine(a.title, b.title),
        cosine(a.lead, b.lead),
        cosine(a.body, b.body),
        len(a.core & b.core) / len(union) if union else 0.0,
        math.log1p(max(missing(a, b), missing(b, a))),
        math.log1p(shared_numbers),
        float(bool(a.numbers) and bool(b.numbers) and not shared_numbers),
        min(gap, MAX_DAYS) / MAX_DAYS,
        min(span, MAX_DAYS) / MAX_DAYS,
        len(a.outlets & b.outlets) / len(outlets) if outlets else 0.0,
    ]


@dataclass(frozen=True)
class StoryMergeModel(SameEventModel):
    """Standardised logistic regression over :data:`MERGE_FEATURES`, and the gate before it:
    only story pairs with ``need`` strong cross pairs, and at least ``share`` times the
    smaller story's size, are put to the model, which merges them at ``bar``."""

    bar: float = 0.5
    need: int = 2
    share: float = 1.0

    def to_dict(self, **about: object) -> dict[str, object]:
        return super().to_dict(
            features=list(MERGE_FEATURES), bar=self.bar, need=self.need, share=self.share, **about
        )

    @classmethod
    def from_dict(cls, data: Mapping[str, object]) -> StoryMergeModel:
        return cls(
            **linear_weights(data, MERGE_FEATURES, "train_story_merge.py"),  # type: ignore[arg-type]
            bar=float(data.get("bar", 0.5)),  # type: ignore[arg-type]
            need=int(data.get("need", 2)),  # type: ignore[call-overload]
            share=float(data.get("share", 1.0)),  # type: ignore[arg-type]
        )

    def gate(self, link: Link, small: int) -> bool:
        """Enough strong cross pairs to put the pair to the model at all."""
        return link.strong >= self.need and link.strong >= self.share * small


MERGE_MODEL_FILE = "data/story_merge.json"


@cache
def shipped_merge_model() -> StoryMergeModel | None:
    """The model in the package (``stories/data/story_merge.json``), if one is shipped."""
    path = resources.files("khulasa.stories").joinpath(MERGE_MODEL_FILE)
    if not path.is_file():
        return None
    return StoryMergeModel.from_dict(json.loads(path.read_text(encoding="utf-8")))


def decide_merges(
    links: Mapping[tuple[int, int], Link],
    view: Callable[[int], StoryView],
    df: Mapping[str, int],
    n_docs: int,
    model: StoryMergeModel,
    max_span: int | None = None,
) -> list[tuple[int, int]]:
    """``(gone, into)`` for each merge, most likely first; a story merges into the oldest
    (lowest id) of its group, so the outcome does not depend on the order links were found.
    No merge makes a story span more than ``max_span`` days (the article decision's bound)."""
    sizes: dict[int, int] = {}
    candidates: list[tuple[int, int]] = []
    rows: list[list[float]] = []
    for (a, b), link in sorted(links.items()):
        if not model.gate(link, link.small):
            continue
        va, vb = view(a), view(b)
        sizes[a], sizes[b] = va.size, vb.size
        candidates.append((a, b))
        rows.append(merge_features(va, vb, link, df, n_docs))
    if not rows:
        return []
    p = model.probability(rows).tolist()
    parent: dict[int, int] = {}

    def root(x: int) -> int:
        while parent.get(x, x) != x:
            x = parent[x]
        return x

    days: dict[int, tuple[int, int]] = {}
    for story in sizes:
        own = view(story).days
        if own:
            days[story] = (own[0], own[-1])
    out = []
    for (a, b), q in sorted(zip(candidates, p, strict=True), key=lambda kv: (-kv[1], kv[0])):
        if q < model.bar:
            break
        ra, rb = root(a), root(b)
        if ra == rb:
            continue
        both = [days[r] for r in (ra, rb) if r in days]
        first, last = min(d[0] for d in both) if both else 0, max(d[1] for d in both) if both else 0
        if max_span is not None and last - first > max_span:
            continue
        gone, into = max(ra, rb), min(ra, rb)
        parent[gone] = into
        if both:
            days[into] = (first, last)
        out.append((gone, into))
    return out
