"""Is this pair of articles one event? Features of a pair, and the model fitted on the gold.

The decision is learned, not set by hand: several views of a pair (title, lead and body
similarity, the title of one found in the other, shared rare terms — the stand-in for the names
Arabic capitalisation cannot mark —, shared and disjoint numbers, the gap between their days,
same outlet, near-duplicate shingles), and the title words themselves (:func:`title_words`: what
two titles differ in and share, one learned weight per stem), are weighted by a logistic
regression fitted on labelled events (``bench/train_same_event.py`` on the development days of
``bench/gold/events``), as in the news-stream clustering literature (Miranda et al. 2018).
Logistic regression because its probability is calibrated (the story decision thresholds it),
it scores a batch of pairs with one dot product and a dict lookup per title word, and its
weights ship as a JSON file that any version of the code can read.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache, cached_property
from importlib import resources

import numpy as np

from khulasa.stories.analyze import jaccard
from khulasa.stories.profile import EventProfile

FEATURES = (
    "title_cos",
    "lead_cos",
    "body_cos",
    "title_found",  # the share (IDF-weighted) of one title's terms in the other's whole text
    "title_found_min",  # ... the smaller of the two directions
    "rare_missing",  # log(1 + rare title/lead terms of one side the other never uses)
    "title_chars",  # Jaccard of the titles' letter trigrams (تشلسي / تشيلسي, transliterations)
    "rare_shared",  # log(1 + shared title/lead terms that are rare in the stream)
    "numbers_shared",  # log(1 + shared numbers of title and lead)
    "numbers_disjoint",  # both state numbers, none in common
    "day_gap",  # |days apart|, capped at 4, over 4
    "undated",  # one of them has no day
    "same_outlet",
    "shingles",  # MinHash estimate of the word-shingle Jaccard
    "title_x_body",
    "gap_x_body",
)
MAX_GAP = 4
RARE_SHARE = 0.002  # a term in at most this share of the stream's documents is rare ...
RARE_MIN = 3  # ... or in at most this many


Vector = dict[str, float]


@dataclass(frozen=True)
class Member:
    """An article as the event clusterer holds it: unit TF-IDF vectors and what else it compares."""

    article_id: int
    outlet: str | None
    day: int | None
    title: Vector
    lead: Vector
    body: Vector
    keys: frozenset[str]  # title and lead terms: what candidates are looked up by
    rare: frozenset[str]
    numbers: frozenset[str]
    signature: bytes
    title_grams: frozenset[str] = frozenset()
    titled: bool = True  # False: ``title`` is the opening's first terms (no title was given)


def unit_vector(weights: Mapping[str, float]) -> Vector:
    norm = math.sqrt(sum(w * w for w in weights.values())) or 1.0
    return {t: w / norm for t, w in weights.items()}


def make_member(
    article_id: int,
    outlet: str | None,
    profile: EventProfile,
    body_terms: Sequence[tuple[str, int]],
    signature: bytes,
    idf: Mapping[str, float],
    rare: frozenset[str],
) -> Member:
    """A member with its vectors weighted by ``idf`` (the stream's, when the article arrived)."""
    lead_counts: dict[str, int] = {}
    for term in profile.lead:
        lead_counts[term] = lead_counts.get(term, 0) + 1
    keys = frozenset(profile.title) | frozenset(profile.lead)
    return Member(
        title_grams=frozenset(g for term in profile.title for g in _trigrams(term)),
        article_id=article_id,
        outlet=outlet,
        day=profile.day,
        title=unit_vector({t: idf.get(t, 1.0) for t in profile.title}),
        lead=unit_vector({t: c * idf.get(t, 1.0) for t, c in lead_counts.items()}),
        body=unit_vector({t: c * idf.get(t, 1.0) for t, c in body_terms}),
        keys=keys,
        rare=keys & rare,
        numbers=frozenset(profile.numbers),
        signature=signature,
        titled=profile.titled,
    )


def cosine(a: Vector, b: Vector) -> float:
    """The dot product of two unit vectors held as dicts."""
    if len(a) > len(b):
        a, b = b, a
    return sum(w * b.get(t, 0.0) for t, w in a.items())


def _found(title: Vector, other: Member) -> float:
    """How much of ``title`` (by weight) the other article says anywhere."""
    if not title:
        return 0.0
    total = sum(title.values())
    hit = sum(w for t, w in title.items() if t in other.body or t in other.keys)
    return hit / total if total else 0.0


def _trigrams(term: str) -> list[str]:
    padded = f"#{term}#"
    return [padded[i : i + 3] for i in range(len(padded) - 2)]


def _missing(a: Member, b: Member) -> int:
    """Rare terms of ``a``'s title and lead that ``b`` never says: a place, a club, a name that
    differs is the clearest sign of another event of the same kind."""
    return sum(1 for t in a.rare if t not in b.body and t not in b.keys)


def pair_features(a: Member, b: Member) -> list[float]:
    """The feature row of one pair, in :data:`FEATURES` order (symmetric in ``a`` and ``b``)."""
    title = cosine(a.title, b.title)
    body = cosine(a.body, b.body)
    if a.day is None or b.day is None:
        gap, undated = 0.5, 1.0
    else:
        gap, undated = min(abs(a.day - b.day), MAX_GAP) / MAX_GAP, 0.0
    shared_numbers = len(a.numbers & b.numbers)
    found = (_found(a.title, b), _found(b.title, a))
    return [
        title,
        cosine(a.lead, b.lead),
        body,
        max(found),
        min(found),
        math.log1p(max(_missing(a, b), _missing(b, a))),
        len(a.title_grams & b.title_grams) / (len(a.title_grams | b.title_grams) or 1),
        math.log1p(len(a.rare & b.rare)),
        math.log1p(shared_numbers),
        float(bool(a.numbers) and bool(b.numbers) and not shared_numbers),
        gap,
        undated,
        float(a.outlet is not None and a.outlet == b.outlet),
        jaccard(a.signature, b.signature),
        title * body,
        gap * body,
    ]


def title_words(a: Member, b: Member) -> list[str]:
    """What two titles differ in and share, word by word: ``d:`` + a stem only one title has,
    ``s:`` + a stem both have. The similarity features say *how much* two titles share; these
    let the model learn *which* differences mean two events (Monday's close and Tuesday's, one
    ambassador received and another) and which do not (a verb for another verb)."""
    left, right = a.title.keys(), b.title.keys()
    return [f"d:{t}" for t in sorted(left ^ right)] + [f"s:{t}" for t in sorted(left & right)]


@dataclass(frozen=True)
class SameEventModel:
    """Standardised logistic regression over :data:`FEATURES`, plus a weight for each title
    word feature (:func:`title_words`) the gold taught it (absent: none)."""

    mean: np.ndarray
    scale: np.ndarray
    coef: np.ndarray
    intercept: float
    words: Mapping[str, float] = field(default_factory=dict)

    def probability(
        self, rows: Sequence[Sequence[float]], words: Sequence[float] | None = None
    ) -> np.ndarray:
        """P(same event) of each feature row (``words``: each row's title-word logit)."""
        if not rows:
            return np.zeros(0)
        x = (np.asarray(rows, dtype=float) - self.mean) / self.scale
        logit = x @ self.coef + self.intercept
        if words is not None:
            logit = logit + np.asarray(words, dtype=float)
        return 1.0 / (1.0 + np.exp(-logit))

    def word_logits(self, a: Member, others: Sequence[Member]) -> list[float]:
        """The title words' share of the logit for ``a`` against each of ``others`` (none for a
        page without a title, whose stand-in title is its opening: a skip link's "المحتوى
        الرئيسي" is no title to learn from)."""
        differ, share = self._word_tables
        if not (differ or share) or not a.titled:
            return [0.0] * len(others)
        left = a.title.keys()
        return [
            math.fsum(differ.get(t, 0.0) for t in left ^ o.title.keys())
            + math.fsum(share.get(t, 0.0) for t in left & o.title.keys())
            if o.titled
            else 0.0
            for o in others
        ]

    @cached_property
    def _word_tables(self) -> tuple[dict[str, float], dict[str, float]]:
        """The word weights by stem, one table for differing stems and one for shared ones:
        scoring a pair then builds no feature strings (this runs for every candidate pair, in
        the process that places articles), and ``fsum`` makes the sum independent of the sets'
        iteration order, which changes with each process's hash seed."""
        differ = {w[2:]: v for w, v in self.words.items() if w.startswith("d:")}
        share = {w[2:]: v for w, v in self.words.items() if w.startswith("s:")}
        return differ, share

    def score(self, a: Member, others: Sequence[Member]) -> tuple[list[list[float]], list[float]]:
        """The feature rows of ``a`` against each of ``others`` and their probabilities."""
        rows = [pair_features(a, o) for o in others]
        return rows, self.probability(rows, self.word_logits(a, others)).tolist()

    def to_dict(self, **about: object) -> dict[str, object]:
        return {
            "features": list(FEATURES),
            "mean": self.mean.tolist(),
            "scale": self.scale.tolist(),
            "coef": self.coef.tolist(),
            "intercept": self.intercept,
            "words": dict(sorted(self.words.items())),
            **about,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, object]) -> SameEventModel:
        words = {str(k): float(v) for k, v in dict(data.get("words") or {}).items()}  # type: ignore[call-overload]
        return cls(**linear_weights(data, FEATURES, "train_same_event.py"), words=words)


def linear_weights(
    data: Mapping[str, object], features: Sequence[str], script: str
) -> dict[str, np.ndarray | float]:
    """The standardised weights of a shipped linear model, refusing a file fitted on other
    features (a model shipped with older code would silently score the wrong columns)."""
    if list(data["features"]) != list(features):  # type: ignore[call-overload]
        raise ValueError(f"the model was fitted on other features; run bench/{script}")
    return {
        "mean": np.asarray(data["mean"], dtype=float),
        "scale": np.asarray(data["scale"], dtype=float),
        "coef": np.asarray(data["coef"], dtype=float),
        "intercept": float(data["intercept"]),  # type: ignore[arg-type]
    }


MODEL_FILE = "data/same_event.json"


@cache
def shipped_model() -> SameEventModel:
    """The model in the package (``stories/data/same_event.json``)."""
    text = resources.files("khulasa.stories").joinpath(MODEL_FILE).read_text(encoding="utf-8")
    return SameEventModel.from_dict(json.loads(text))
