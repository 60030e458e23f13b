"""The learned conflict decision: two related sentences, can both be true?

The judge (:mod:`khulasa.align.judge`) says whether two sentences report one claim; whether
they *conflict* on it is a different question, and the blind conflict gold showed that the
judge's own "contradicts" head, fitted on headline pairs, cannot answer it (precision 0.36).
Here the two sides' numbers are aligned instead: each figure of one side with the figures of
the other that count the same thing (the same unit or counted noun, as the facts number reader
gives them), and each aligned pair is described: do the values differ, by how much, is one a
bound ("أكثر من"، "نحو") that squares them, does a side present its figure as an update
("ارتفعت الحصيلة"), do the words around the two figures match. A claim pair is described by its
polarity (one side denies, the other does not). One logistic regression over these features,
fitted by ``bench/train_conflicts.py`` on the dev part of the gold and shipped as plain numbers
(``data/conflict_model.json``), turns them into a probability; the same input always gives the
same output.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources

from khulasa.align.features import View, lexical
from khulasa.align.judge import Head, Judge, Verdict
from khulasa.facts.model import NumberFact, Source
from khulasa.facts.numbers import NumberReader, thing_stem
from khulasa.facts.text import clitic_forms, key, strip_clitics, tokenize
from khulasa.language.lexicons import load_lexicon

CONFLICT_FEATURES = (
    "related",
    "contradicts",
    "cosine",
    "contain_min",
    "aligned_any",
    "aligned_log",
    "agree_any",
    "differ_any",
    "differ_unsquared",
    "bound_squares",
    "both_bounded",
    "log_ratio",
    "update_cue",
    "update_x_differ",
    "update_on_higher",
    "same_word_before",
    "context_overlap",
    "by_unit",
    "loose_differ_overlap",
    "unaligned_share",
    "denial_one_side",
    "negation_differs",
    "antonym_opposed",
    "denial_x_contain",
)

_TOLERANCE = 0.05  # relative difference under which two values are one figure (as the judge)
_WINDOW = 4  # tokens each side of a figure that say what it counts and where
_ABOUT_SLACK = 1.25  # "about 100" squares with up to 125


@dataclass(frozen=True)
class Figure:
    """A figure of a sentence as the decision compares it: value, what it counts, its bound."""

    value: float
    quantity: str | None  # unit, or the stem of the counted noun
    by_unit: bool
    qualifier: str | None  # "more", "less", "about", "at_least" or None
    context: frozenset[str]  # token keys around the figure
    before: str | None  # the word before the figure, its clitics peeled ("مقتل"، "إصابة")
    text: str


@dataclass(frozen=True)
class Disagreement:
    """The two figures the decision found most at odds, or None for a claim pair."""

    figures: tuple[Figure, Figure] | None
    probability: float


@cache
def _update_phrases() -> tuple[tuple[str, ...], ...]:
    return tuple(
        tuple(key(w) for w in phrase.split())
        for phrase in load_lexicon("conflict_update_words").words
    )


@cache
def _bound_after_phrases() -> tuple[tuple[str, ...], ...]:
    return tuple(
        tuple(key(w) for w in phrase.split()) for phrase in load_lexicon("number_bound_after").words
    )


@cache
def _at_least_phrases() -> tuple[tuple[str, ...], ...]:
    from khulasa.align.cues import load_cues

    return load_cues().at_least


_READER: NumberReader | None = None


@cache
def figures(text: str) -> tuple[Figure, ...]:
    """The figures of a sentence (cached: a sentence takes part in many pairs)."""
    global _READER
    if _READER is None:
        _READER = NumberReader()
    tokens = tokenize(text)
    keys = [t.key for t in tokens]
    found = []
    for fact in _READER.find(Source("", "", 0, text)):
        position = next((n for n, t in enumerate(tokens) if t.start >= fact.start), len(tokens))
        found.append(_figure(fact, keys, position))
    return tuple(found)


def _figure(fact: NumberFact, keys: list[str], position: int) -> Figure:
    qualifier = fact.qualifier
    if qualifier is None and any(
        tuple(keys[max(0, position - len(p)) : position]) == p for p in _at_least_phrases()
    ):
        qualifier = "at_least"
    if qualifier is None and _bound_follows(keys, position):
        qualifier = "at_least"
    before = keys[max(0, position - _WINDOW) : position]
    around = before + keys[position + 1 : position + 1 + _WINDOW]
    context = frozenset(k for k in around if not k.isdigit() and len(k) > 1)
    quantity = fact.unit or thing_stem(fact.thing)
    head = next((strip_clitics(k) for k in reversed(before) if len(k) > 2), None)
    return Figure(fact.value, quantity, fact.unit is not None, qualifier, context, head, fact.text)


def _bound_follows(keys: list[str], position: int) -> bool:
    """ "27 شخصا على الأقل": a bound written after the figure and one or two words of its noun."""
    for start in range(position + 1, min(len(keys), position + 4)):
        for phrase in _bound_after_phrases():
            if tuple(keys[start : start + len(phrase)]) == phrase:
                return True
    return False


def has_update_cue(text: str) -> bool:
    """Does the sentence present a figure as a later count ("ارتفعت الحصيلة", "حصيلة جديدة")?"""
    keys = [t.key for t in tokenize(text)]
    for i in range(len(keys)):
        for phrase in _update_phrases():
            if (
                phrase[0] in clitic_forms(keys[i])
                and tuple(keys[i + 1 : i + len(phrase)]) == (phrase[1:])
            ):
                return True
    return False


def _update_on_higher(chosen: tuple[Figure, Figure], text_a: str, text_b: str) -> bool:
    """Does the side with the higher figure present it as an update? A toll that rose is a
    later count; a lower figure said later is a revision, which the gold counts as a conflict."""
    x, y = chosen
    return has_update_cue(text_a if x.value > y.value else text_b)


LOOSE_OVERLAP = 0.2  # chosen by dev cross-validation (bench/results/align-conflicts.md)


def _counts_same(x: Figure, y: Figure) -> bool:
    """Do two figures count one thing? The same unit or counted noun; or, when a side leaves
    the noun out or names it otherwise ("21 من الضيوف" against "20 شخصاً"), the same words
    around them and values of one order."""
    if x.quantity and x.quantity == y.quantity:
        return True
    if x.by_unit or y.by_unit:
        return False
    low, high = sorted((x.value, y.value))
    close = low > 0 and high <= 3 * low
    return close and _jaccard(x.context, y.context) >= LOOSE_OVERLAP


def _same(x: Figure, y: Figure) -> bool:
    return math.isclose(x.value, y.value, rel_tol=_TOLERANCE)


def _squared_by_bound(x: Figure, y: Figure) -> bool:
    """Can a bound make both figures true? (at least 30 / 35; about 100 / 110; under 50 / 40)."""
    low, high = sorted((x, y), key=lambda f: f.value)
    if low.qualifier in ("more", "at_least") or high.qualifier == "less":
        return True
    about = "about" in (low.qualifier, high.qualifier)
    return about and high.value <= low.value * _ABOUT_SLACK


def _log_ratio(x: Figure, y: Figure) -> float:
    low, high = sorted((abs(x.value), abs(y.value)))
    return math.log((high + 1e-9) / (low + 1e-9)) if low > 0 else math.log1p(high)


def _jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / len(a | b) if a | b else 0.0


def conflict_features(
    a: View, b: View, verdict: Verdict, cosine: float, contain_min: float
) -> tuple[list[float], tuple[Figure, Figure] | None]:
    """The feature vector in :data:`CONFLICT_FEATURES` order, and the figures most at odds.

    A quantity differs when a figure of one side has figures of the same quantity on the other
    side and none of them has its value; "unsquared" when no bound makes them compatible
    either. The pair most at odds is the differing pair with the most context in common (the
    two figures most likely to count one thing), ties to the smaller ratio.
    """
    fa, fb = figures(a.text), figures(b.text)
    aligned = [(x, y) for x in fa for y in fb if _counts_same(x, y)]
    agree = any(_same(x, y) for x, y in aligned)
    differing: list[tuple[Figure, Figure]] = []
    for x in fa:
        same = [y for y in fb if _counts_same(x, y)]
        if same and not any(_same(x, y) for y in same):
            differing.extend((x, y) for y in same)
    unsquared = [(x, y) for x, y in differing if not _squared_by_bound(x, y)]
    chosen = max(
        unsquared or differing,
        key=lambda p: (_jaccard(p[0].context, p[1].context), -_log_ratio(*p)),
        default=None,
    )
    update = has_update_cue(a.text) or has_update_cue(b.text)
    # figures whose counted noun one side leaves out ("63" against "95 مستفيدا"): aligned only
    # by the words around them, and only when neither value is found on the other side
    values_a, values_b = {x.value for x in fa}, {y.value for y in fb}
    loose = [
        _jaccard(x.context, y.context)
        for x in fa
        for y in fb
        if (x.quantity is None or y.quantity is None)
        and x.value not in values_b
        and y.value not in values_a
    ]
    counted = {x.text for x, _ in aligned} | {y.text for _, y in aligned}
    total = len(fa) + len(fb)
    denial_one = bool(a.denials) != bool(b.denials)
    evidence = verdict.evidence
    values = [
        verdict.related,
        verdict.probabilities["contradicts"] / (verdict.related or 1.0),
        cosine,
        contain_min,
        float(bool(aligned)),
        math.log1p(len(aligned)),
        float(agree),
        float(bool(differing)),
        float(bool(unsquared)),
        float(bool(differing) and not unsquared),
        float(bool(chosen) and chosen[0].qualifier is not None and chosen[1].qualifier is not None),
        _log_ratio(*chosen) if chosen else 0.0,
        float(update),
        float(update and bool(differing)),
        float(bool(chosen) and _update_on_higher(chosen, a.text, b.text)),
        float(
            bool(chosen) and chosen[0].before is not None and chosen[0].before == chosen[1].before
        ),
        _jaccard(chosen[0].context, chosen[1].context) if chosen else 0.0,
        float(bool(chosen) and chosen[0].by_unit),
        max(loose, default=0.0),
        (total - len(counted)) / total if total else 0.0,
        float(denial_one),
        float(bool(evidence.negation)),
        float(bool(evidence.antonyms)),
        contain_min * denial_one,
    ]
    return values, chosen


@dataclass(frozen=True)
class ConflictModel:
    """One logistic regression over :data:`CONFLICT_FEATURES` and its shipped threshold."""

    head: Head
    threshold: float

    def probability(self, values: Sequence[float]) -> float:
        return self.head.probability(values)


@cache
def load_conflict_model() -> ConflictModel:
    """The shipped model; refuses one fitted on other features than this code computes."""
    raw = json.loads(
        resources.files("khulasa.align")
        .joinpath("data/conflict_model.json")
        .read_text(encoding="utf-8")
    )
    if tuple(raw["features"]) != CONFLICT_FEATURES:
        raise RuntimeError(
            "khulasa/align/data/conflict_model.json was fitted on other features; "
            "run bench/train_conflicts.py"
        )
    head = Head(
        tuple(raw["mean"]), tuple(raw["scale"]), tuple(raw["coef"]), float(raw["intercept"])
    )
    return ConflictModel(head, float(raw["threshold"]))


def describe(judge: Judge, a: View, b: View) -> tuple[list[float], tuple[Figure, Figure] | None]:
    """The features of a pair as the model was fitted on them: judged alone, with the
    background IDF (not a story's), so one pair gets one decision in whatever story it sits."""
    verdict = judge.judge_views(a, b)
    cosine, contain_ab, contain_ba = lexical(a, b, judge.idf)
    return conflict_features(a, b, verdict, cosine, min(contain_ab, contain_ba))


def decide(judge: Judge, a: View, b: View, model: ConflictModel | None = None) -> Disagreement:
    """P(conflict) of two related sentences, and the two figures most at odds."""
    model = model or load_conflict_model()
    values, chosen = describe(judge, a, b)
    return Disagreement(chosen, model.probability(values))
