"""The event gold (``bench/gold/README-events.md``) and how a story partition is scored on it.

Each gold line is a seed article and *every* member of its event within ±2 days, so the gold
can judge a whole predicted story, not only its labelled part: anything a system puts beside a
member that is not in the member's event is an error. That is what makes precision here honest
where the old benchmark only saw distractors that joined a labelled story.

Seeds of one day that reach the same article are merged by union (the labellers' halves of a
day overlap on the biggest events); where two lines give different members for one event the
disagreement is counted and reported.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class EventGold:
    """The merged events of one gold day: each a frozenset of article URLs."""

    day: str
    events: tuple[frozenset[str], ...]
    seeds: int
    disagreements: int

    @property
    def articles(self) -> frozenset[str]:
        return frozenset().union(*self.events)


def load_event_gold(folder: Path, day: str) -> EventGold:
    """Merge every ``events-{day}*.jsonl`` line of ``folder`` into disjoint events."""
    lines = [
        json.loads(line)
        for path in sorted(folder.glob(f"events-{day}*.jsonl"))
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    parent: dict[str, str] = {}

    def root(url: str) -> str:
        while parent.setdefault(url, url) != url:
            parent[url] = parent[parent[url]]
            url = parent[url]
        return url

    for line in lines:
        first, *rest = line["members"]
        for url in rest:
            parent[root(url)] = root(first)
        root(first)
    groups: dict[str, set[str]] = defaultdict(set)
    for url in parent:
        groups[root(url)].add(url)
    merged = {url: frozenset(groups[root(url)]) for url in parent}
    disagreements = sum(1 for line in lines if set(line["members"]) != merged[line["seed"]])
    events = tuple(sorted(set(merged.values()), key=lambda e: (-len(e), min(e))))
    return EventGold(day=day, events=events, seeds=len(lines), disagreements=disagreements)


@dataclass(frozen=True)
class EventScore:
    """B³ over the gold articles, with whole predicted stories on the precision side."""

    precision: float
    recall: float
    pair_precision: float  # of the predicted pairs that hold a gold article, the share right
    pair_recall: float
    articles: int  # gold articles scored (those the system stored)
    missing: int  # gold articles the system did not store (empty pages)

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def score_partition(gold: Iterable[frozenset[str]], story_of: Mapping[str, int]) -> EventScore:
    """Score ``story_of`` (URL → story id, for every stored article of the window)."""
    members: dict[int, set[str]] = defaultdict(set)
    for url, story in story_of.items():
        members[story].add(url)
    precision = recall = 0.0
    pairs_right = pairs_predicted = pairs_gold = 0
    scored = missing = 0
    for event in gold:
        stored = {url for url in event if url in story_of}
        missing += len(event) - len(stored)
        for url in stored:
            story = members[story_of[url]]
            right = len(story & stored)
            precision += right / len(story)
            recall += right / len(stored)
            pairs_right += right - 1
            pairs_predicted += len(story) - 1
            pairs_gold += len(stored) - 1
            scored += 1
    return EventScore(
        precision=precision / scored if scored else 0.0,
        recall=recall / scored if scored else 0.0,
        pair_precision=pairs_right / pairs_predicted if pairs_predicted else 1.0,
        pair_recall=pairs_right / pairs_gold if pairs_gold else 1.0,
        articles=scored,
        missing=missing,
    )
