"""Does this article join this story? The story-level decision, learned on the event gold.

The pair model (:mod:`khulasa.stories.pairs`) says how alike two articles are. Averaging a
story's few strongest pairs was the old join rule, and it let a day's largest stories grow into
themes: each new article resembled the last two or three (the newest market report, the newest
reception) and joined, and nothing asked whether it resembled the *story*. Here a second model
looks at the article against the whole story: how many members it matches and what share of the
story that is, whether its rare names and numbers are the ones the story's members keep
repeating (the story's core: the mosque, the city, the club, the index), whether the story's
core names are missing from it, and how far its day is from the story's first. A "new story" is
opened when the probability falls below a threshold chosen on the development days with the
model (``bench/train_story_join.py``), and both ship as ``data/story_join.json``.

Measured on the development days it did not beat the pair rule's B³ F1 (it trades recall for
precision along much the same curve; ``bench/results/events.md``), so the engine uses it only
when asked (``EventSettings(decision="story")`` or ``"veto"``).
"""

from __future__ import annotations

import heapq
import json
import math
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

from khulasa.stories.pairs import Member, SameEventModel, linear_weights

STORY_FEATURES = (
    "p_max",  # the strongest pair
    "p_top3",  # mean of the three strongest pairs, missing pairs as 0
    "hits_log",  # log(1 + members matched with p >= HIT)
    "hit_share",  # members matched / the story's open members
    "mass_share",  # sum of pair probabilities / open members: how much of the story it matches
    "size_log",  # log(1 + open members)
    "title_max",  # best title cosine with a member
    "anchor_support",  # IDF-weighted share of members that say each of the article's rare terms
    "anchor_unseen",  # IDF-weighted share of the article's rare terms no member says
    "core_missing",  # log(1 + the story's core rare terms the article never says)
    "number_support",  # share of the article's numbers some member states
    "number_core_missing",  # log(1 + the story's core numbers the article does not state)
    "day_from_first",  # days after the story's first day, capped, scaled to 0..1
    "span_after",  # the story's span if the article joins, over the bound
    "undated",  # the article or the story has no day
    "p_top2",  # mean of the two strongest pairs (the earlier join rule's score)
    "p_max_x_size",  # interactions: a large story needs more than one strong pair ...
    "mass_x_size",  # ... and a share of its members matched
)
HIT = 0.5  # a pair this likely counts as a matched member
CORE_SHARE = 0.5  # a term said by at least this share of a story's members is its core ...
CORE_MIN = 2  # ... in a story of at least this many members
MAX_DAYS = 7


@dataclass
class StoryStats:
    """What a story's open members say, counted: kept up to date as members come and go."""

    size: int = 0
    rare: Counter[str] = field(default_factory=Counter)  # rare title/lead terms by member
    numbers: Counter[str] = field(default_factory=Counter)
    _core: tuple[frozenset[str], frozenset[str]] | None = None

    def add(self, member: Member) -> None:
        self.size += 1
        self.rare.update(member.rare)
        self.numbers.update(member.numbers)
        self._core = None

    def remove(self, member: Member) -> None:
        self.size = max(self.size - 1, 0)
        self.rare.subtract(member.rare)
        self.numbers.subtract(member.numbers)
        self.rare = +self.rare
        self.numbers = +self.numbers
        self._core = None

    def absorb(self, other: StoryStats) -> None:
        self.size += other.size
        self.rare.update(other.rare)
        self.numbers.update(other.numbers)
        self._core = None

    def core(self) -> tuple[frozenset[str], frozenset[str]]:
        """The rare terms and the numbers at least half the members say (cached)."""
        if self._core is None:
            if self.size < CORE_MIN:
                self._core = (frozenset(), frozenset())
            else:
                need = CORE_SHARE * self.size
                self._core = (
                    frozenset(t for t, c in self.rare.items() if c >= need),
                    frozenset(t for t, c in self.numbers.items() if c >= need),
                )
        return self._core


def story_features(
    member: Member,
    stats: StoryStats,
    probabilities: Sequence[float],
    title_cosines: Sequence[float],
    first_day: int | None,
    span: int,
    idf: Mapping[str, float],
) -> list[float]:
    """The feature row of (article, story), in :data:`STORY_FEATURES` order.

    ``probabilities`` and ``title_cosines`` are those of the article's scored pairs with the
    story's members; ``span`` is the story's span in days if the article joined it."""
    size = max(stats.size, 1)
    top = heapq.nlargest(3, probabilities)
    hits = sum(1 for p in probabilities if p >= HIT)
    said = [(idf.get(t, 1.0), stats.rare.get(t, 0)) for t in member.rare]
    weight = sum(w for w, _ in said) or 1.0
    core_terms, core_numbers = stats.core()
    missing = sum(1 for t in core_terms if t not in member.keys and t not in member.body)
    numbers = member.numbers
    if member.day is None or first_day is None:
        from_first, undated = 0.5, 1.0
    else:
        from_first, undated = min(max(member.day - first_day, 0), MAX_DAYS) / MAX_DAYS, 0.0
    return [
        max(top, default=0.0),
        sum(top) / 3,
        math.log1p(hits),
        min(hits / size, 1.0),
        min(sum(probabilities) / size, 1.0),
        math.log1p(stats.size),
        max(title_cosines, default=0.0),
        sum(w * min(c / size, 1.0) for w, c in said) / weight,
        sum(w for w, c in said if c == 0) / weight,
        math.log1p(missing),
        (sum(1 for n in numbers if stats.numbers.get(n, 0)) / len(numbers)) if numbers else 0.0,
        math.log1p(len(core_numbers - numbers)),
        from_first,
        min(span, MAX_DAYS) / MAX_DAYS,
        undated,
        sum(top[:2]) / 2,
        max(top, default=0.0) * math.log1p(stats.size),
        min(sum(probabilities) / size, 1.0) * math.log1p(stats.size),
    ]


@dataclass(frozen=True)
class StoryJoinModel(SameEventModel):
    """Standardised logistic regression over :data:`STORY_FEATURES` (the pair model's scorer,
    other features), and its join threshold."""

    threshold: float = 0.5
    bridge: float = 1.1  # a second story this likely is folded into the chosen one (1.1: never)
    # Two stories are one when ``link_count`` articles that joined one were also at least
    # ``link_p`` likely for the other (0: never): the fragments of a big event, such as its
    # reports and its reactions, find each other through many members, not one.
    link_p: float = 1.1
    link_count: int = 0
    # With ``decision="veto"`` the pair rule proposes and this model disposes: a story the
    # pair rule would join is refused when the story model gives it less than ``veto``.
    veto: float = 0.0

    def to_dict(self, **about: object) -> dict[str, object]:
        return super().to_dict(
            features=list(STORY_FEATURES),
            threshold=self.threshold,
            bridge=self.bridge,
            link_p=self.link_p,
            link_count=self.link_count,
            veto=self.veto,
            **about,
        )

    @classmethod
    def from_dict(cls, data: Mapping[str, object]) -> StoryJoinModel:
        return cls(
            **linear_weights(data, STORY_FEATURES, "train_story_join.py"),  # type: ignore[arg-type]
            threshold=float(data.get("threshold", 0.5)),  # type: ignore[arg-type]
            bridge=float(data.get("bridge", 1.1)),  # type: ignore[arg-type]
            link_p=float(data.get("link_p", 1.1)),  # type: ignore[arg-type]
            link_count=int(data.get("link_count", 0)),  # type: ignore[call-overload]
            veto=float(data.get("veto", 0.0)),  # type: ignore[arg-type]
        )


STORY_MODEL_FILE = "data/story_join.json"


@cache
def shipped_story_model() -> StoryJoinModel | None:
    """The story model in the package, or None before it has been trained."""
    path = resources.files("khulasa.stories").joinpath(STORY_MODEL_FILE)
    if not path.is_file():
        return None
    return StoryJoinModel.from_dict(json.loads(path.read_text(encoding="utf-8")))
