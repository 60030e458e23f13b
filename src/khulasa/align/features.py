"""What the judge looks at in a pair of sentences: shared words, numbers, polarity, opposites.

Each sentence is read once into a :class:`View` (stems, bigrams, numbers, cues); a pair's
features are then cheap set arithmetic, so one story's thousands of pairs cost milliseconds.
Word weights come from a background IDF table of news (``data/idf.json``, built by
``bench/train_aligner.py`` from SaudiNewsNet) rather than from the story itself: a headline pair
has no story to count in, and a weight that does not depend on the story keeps one verdict the
same wherever the pair is seen.
"""

from __future__ import annotations

import itertools
import json
import math
from dataclasses import dataclass
from functools import cache
from importlib import resources

from khulasa.align.cues import Cue, antonym_sides, polarity_cues, qualified_at_least
from khulasa.facts.model import Source
from khulasa.facts.numbers import NumberReader, thing_stem
from khulasa.facts.text import tokenize
from khulasa.language import get_language

FEATURES = (
    "cosine",
    "contain_ab",
    "contain_ba",
    "contain_min",
    "bigram_share",
    "bigram_log",
    "rare_shared_log",
    "rare_missing_max",
    "numbers_both",
    "numbers_shared",
    "numbers_conflict",
    "numbers_one_side",
    "negation_differs",
    "denial_any",
    "antonym_opposed",
    "length_ratio",
    "length_min_log",
    "cosine_x_numbers_conflict",
    "contain_x_negation",
    "contain_x_antonym",
    "contain_x_numbers_shared",
    "story_cosine",
    "story_contain_ab",
    "story_contain_ba",
    "in_story",
    "in_story_x_contain_ab",
    "in_story_x_story_cosine",
)

RARE_IDF = 6.0  # a stem rarer than about 1 news article in 400: mostly names and specifics
_TOLERANCE = 0.05  # relative difference under which two values are one figure


@dataclass(frozen=True)
class Idf:
    """Background inverse document frequencies of stems."""

    weights: dict[str, float]
    unseen: float  # the weight of a stem the table lacks (rare: a name, a typo)

    def __call__(self, stem: str) -> float:
        return self.weights.get(stem, self.unseen)


@cache
def load_idf() -> Idf:
    """The shipped table (``{"documents": N, "df": {stem: count}}``), as IDF weights."""
    raw = json.loads(
        resources.files("khulasa.align").joinpath("data/idf.json").read_text(encoding="utf-8")
    )
    n = raw["documents"]
    weights = {s: math.log((n + 1) / (df + 1)) + 1 for s, df in raw["df"].items()}
    return Idf(weights, math.log((n + 1) / (raw["min_df"] - 0.5)) + 1)


@dataclass(frozen=True)
class Number:
    """A quantity in a sentence, as the judge compares it."""

    value: float
    quantity: str | None  # unit or stem of the counted thing; None when unknown
    lower_bound: bool  # "ما لا يقل عن 30", "أكثر من", "نحو": not an exact figure
    text: str


@dataclass(frozen=True)
class View:
    """One sentence, read once for every pair it takes part in."""

    text: str
    counts: dict[str, int]  # content stem → occurrences (digits left to ``numbers``)
    weights: dict[str, float]  # content stem → tf-idf weight with the background IDF
    norm: float
    bigrams: frozenset[tuple[str, str]]
    numbers: tuple[Number, ...]
    negations: tuple[Cue, ...]
    denials: tuple[Cue, ...]
    antonyms: dict[str, set[str]]

    @property
    def mass(self) -> float:
        return sum(self.weights.values())

    def under(self, idf: Idf) -> _Weighed:
        """This sentence's sums under ``idf``, computed once per IDF table.

        A sentence takes part in many pairs of a story; its own sums must not be redone for
        each. The table is held with the result and compared by identity, so a new story's
        table never reuses another's figures.
        """
        tables = self.__dict__.setdefault("_under", {})  # a cache beside the frozen fields
        held = tables.get(id(idf))
        if held is None or held[0] is not idf:
            if len(tables) >= 4:
                tables.clear()  # the background table and a story's: a few at a time
            weighed = {s: (1 + math.log(c)) * idf(s) for s, c in self.counts.items()}
            held = (
                idf,
                _Weighed(
                    weighed,
                    sum(w * w for w in weighed.values()),
                    sum(idf(s) for s in weighed),
                    sum(idf(s) for s in self.weights),
                    [s for s in self.weights if idf(s) >= RARE_IDF],
                ),
            )
            tables[id(idf)] = held
        return held[1]


@dataclass(frozen=True)
class _Weighed:
    """A sentence's sums under one IDF table (see :meth:`View.under`)."""

    weights: dict[str, float]  # stem → (1 + log count) × idf, over ``counts``
    squares: float  # sum of the squared weights
    mass: float  # sum of the idf of the stems of ``weights``
    view_mass: float  # sum of the idf of the stems of the view's own ``weights``
    rare: list[str]  # the view's stems at or above RARE_IDF under this table


_READER: NumberReader | None = None


def read(text: str, idf: Idf | None = None) -> View:
    """A sentence as a :class:`View`."""
    global _READER
    idf = idf or load_idf()
    stems = [s for s in get_language("ar").terms(text) if not s.isdigit()]
    counts: dict[str, int] = {}
    for s in stems:
        counts[s] = counts.get(s, 0) + 1
    weights = {s: (1 + math.log(c)) * idf(s) for s, c in counts.items()}
    norm = math.sqrt(sum(w * w for w in weights.values())) or 1.0
    tokens = tokenize(text)
    keys = [t.key for t in tokens]
    words = [t.text for t in tokens]
    negations, denials = polarity_cues(keys, words)
    if _READER is None:
        _READER = NumberReader()
    numbers = []
    for fact in _READER.find(Source("", "", 0, text)):
        position = next((n for n, t in enumerate(tokens) if t.start >= fact.start), len(tokens))
        lower = fact.qualifier in ("more", "about") or qualified_at_least(keys, position)
        quantity = fact.unit or thing_stem(fact.thing)
        numbers.append(Number(fact.value, quantity, lower, fact.text))
    return View(
        text=text,
        counts=counts,
        weights=weights,
        norm=norm,
        bigrams=frozenset(itertools.pairwise(stems)),
        numbers=tuple(numbers),
        negations=tuple(negations),
        denials=tuple(denials),
        antonyms=antonym_sides(keys),
    )


@dataclass(frozen=True)
class Evidence:
    """The aligned spans behind a verdict: what both sides share and where they part."""

    shared_numbers: tuple[str, ...]
    conflicting_numbers: tuple[tuple[str, str], ...]
    shared_names: tuple[str, ...]  # rare stems both sides use
    negation: tuple[str, ...]  # cue ids on the side that negates when only one side does
    antonyms: tuple[str, ...]  # antonym pair ids the two sides take opposite sides of


def _same_value(x: Number, y: Number) -> bool:
    return math.isclose(x.value, y.value, rel_tol=_TOLERANCE)


def _compatible(x: Number, y: Number) -> bool:
    """Can both figures be true? ("at least 30" and 35, "about 100" and 110)."""
    if _same_value(x, y):
        return True
    low, high = sorted((x, y), key=lambda n: n.value)
    return low.lower_bound or (high.lower_bound and high.value <= low.value * 1.25)


def compare_numbers(a: View, b: View) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """(shared, conflicting) pairs of number texts.

    A conflict needs the same quantity on both sides (the same unit or counted noun), figures
    that cannot both be true, and no agreeing figure of that quantity elsewhere in the pair:
    "27 dead" against "30 dead" conflicts, "at least 30 leaders" against "30 leaders" does not.
    """
    shared = [(x.text, y.text) for x in a.numbers for y in b.numbers if _same_value(x, y)]
    conflicts = []
    for x in a.numbers:
        if x.quantity is None:
            continue
        same = [y for y in b.numbers if y.quantity == x.quantity]
        if same and not any(_compatible(x, y) for y in same):
            conflicts.extend((x.text, y.text) for y in same)
    return shared, conflicts


def story_idf(sentences: list[str]) -> Idf:
    """IDF over one story's sentences: the words every outlet of the story uses (the sailors,
    Iran) weigh little, the words of one claim (the trade freeze) much, which background news
    frequencies cannot tell."""
    language = get_language("ar")
    df: dict[str, int] = {}
    for sentence in sentences:
        for stem in set(language.terms(sentence)):
            df[stem] = df.get(stem, 0) + 1
    n = max(1, len(sentences))
    return Idf({s: math.log(1 + n / c) for s, c in df.items()}, math.log(1 + n))


def lexical(a: View, b: View, idf: Idf) -> tuple[float, float, float]:
    """(cosine, containment of a in b, of b in a) under the given IDF."""
    ua, ub = a.under(idf), b.under(idf)
    wa, wb = ua.weights, ub.weights
    common = wa.keys() & wb.keys()
    norm = math.sqrt(ua.squares * ub.squares) or 1.0
    shared = sum(idf(s) for s in common)
    return (
        sum(wa[s] * wb[s] for s in common) / norm,
        shared / (ua.mass or 1.0),
        shared / (ub.mass or 1.0),
    )


def pair_features(
    a: View, b: View, idf: Idf | None = None, context: Idf | None = None
) -> tuple[list[float], Evidence]:
    """The feature vector of (a, b) in :data:`FEATURES` order, and the evidence behind it.

    ``context`` is the IDF of the story both sentences come from (:func:`story_idf`); a pair
    seen alone (two headlines) takes the background weights in its place."""
    idf = idf or load_idf()
    common = a.weights.keys() & b.weights.keys()
    dot = sum(a.weights[s] * b.weights[s] for s in common)
    cosine = dot / (a.norm * b.norm)
    shared_mass = sum(idf(s) for s in common)
    ua, ub = a.under(idf), b.under(idf)
    mass_a = ua.view_mass or 1.0
    mass_b = ub.view_mass or 1.0
    contain_ab, contain_ba = shared_mass / mass_a, shared_mass / mass_b
    contain_min = min(contain_ab, contain_ba)
    bigrams = len(a.bigrams & b.bigrams)
    bigram_share = bigrams / max(1, min(len(a.bigrams), len(b.bigrams)))
    rare = sorted(s for s in common if idf(s) >= RARE_IDF)
    rare_a, rare_b = ua.rare, ub.rare
    missing_a = sum(s not in b.weights for s in rare_a) / max(1, len(rare_a))
    missing_b = sum(s not in a.weights for s in rare_b) / max(1, len(rare_b))
    shared_numbers, conflicting = compare_numbers(a, b)
    both = bool(a.numbers) and bool(b.numbers)
    neg_differs = bool(a.negations) != bool(b.negations)
    opposed = sorted(
        pair
        for pair in a.antonyms.keys() & b.antonyms.keys()
        if len(a.antonyms[pair]) == 1
        and len(b.antonyms[pair]) == 1
        and a.antonyms[pair] != b.antonyms[pair]
    )
    len_a, len_b = len(a.weights), len(b.weights)
    values = [
        cosine,
        contain_ab,
        contain_ba,
        contain_min,
        bigram_share,
        math.log1p(bigrams),
        math.log1p(len(rare)),
        max(missing_a, missing_b),
        float(both),
        float(bool(shared_numbers)),
        float(bool(conflicting)),
        float(bool(a.numbers) != bool(b.numbers)),
        float(neg_differs),
        float(bool(a.denials or b.denials)),
        float(bool(opposed)),
        min(len_a, len_b) / max(1, len_a, len_b),
        math.log1p(min(len_a, len_b)),
        cosine * bool(conflicting),
        contain_min * neg_differs,
        contain_min * bool(opposed),
        contain_min * bool(shared_numbers),
    ]
    story = lexical(a, b, context) if context else (cosine, contain_ab, contain_ba)
    # Two sentences of one story share its topic words, two headlines seen alone do not: the
    # flag lets one model hold both regimes instead of being pulled between them.
    flag = float(context is not None)
    values += [*story, flag, flag * contain_ab, flag * story[0]]
    negating = a if a.negations else b
    evidence = Evidence(
        shared_numbers=tuple(dict.fromkeys(x for x, _ in shared_numbers)),
        conflicting_numbers=tuple(dict.fromkeys(conflicting)),
        shared_names=tuple(rare),
        negation=tuple(c.id for c in negating.negations) if neg_differs else (),
        antonyms=tuple(opposed),
    )
    return values, evidence
