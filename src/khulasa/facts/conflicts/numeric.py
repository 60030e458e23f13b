"""Figures that differ: the same quantity with different values in sentences that are
otherwise about the same thing.

Two outlets' figures conflict only when little else could explain the difference: the same
unit and counted thing, values beyond rounding and qualifiers ("more than 300" and 400 can both
be true), one such figure in each sentence, and sentences and neighbourhoods that match.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter
from collections.abc import Sequence

from khulasa.facts.conflicts.claims import Claim, Settings
from khulasa.facts.conflicts.disputes import merge
from khulasa.facts.model import Conflict, NumberFact
from khulasa.facts.numbers import thing_stem
from khulasa.facts.pairs import cosine, same_key
from khulasa.facts.text import tokenize
from khulasa.language import Language

_WIRE_GROUPS = re.compile(r"(\d+)ر(\d+)")


def numeric_conflicts(
    claims: Sequence[Claim],
    numbers: Sequence[NumberFact],
    settings: Settings,
    language: Language,
) -> list[Conflict]:
    """Same quantity, different values, in sentences about the same thing."""
    s = settings
    by_source = {(c.source.doc_id, c.source.sentence_index): c for c in claims}
    groups: dict[tuple[str, str, float, float], list[Conflict]] = {}
    in_sentence: dict[tuple[str, int], list[NumberFact]] = {}
    for number in numbers:
        in_sentence.setdefault((number.source.doc_id, number.source.sentence_index), []).append(
            number
        )
    for i, j in same_key([_quantity(n) for n in numbers]):
        a, b = numbers[i], numbers[j]
        if a.source.outlet == b.source.outlet or not _same_quantity(a, b):
            continue
        if _values_agree(a, b, s.numeric_tolerance):
            continue
        # Align only when each sentence has this quantity once: in "closed 250 shops and
        # warned 1011 shops" or a list of loan figures, which number matches which is
        # unknowable, so no conflict is claimed.
        others_a = in_sentence[(a.source.doc_id, a.source.sentence_index)]
        others_b = in_sentence[(b.source.doc_id, b.source.sentence_index)]
        if sum(_same_quantity(x, a) for x in others_a) > 1 or (
            sum(_same_quantity(y, b) for y in others_b) > 1
        ):
            continue
        values_a = {x.value for x in others_a}
        values_b = {y.value for y in others_b}
        if min(len(values_a), len(values_b)) >= 3 and not values_a & values_b:
            continue  # two lists of figures with nothing in common: two periods or subjects
        ca = by_source.get((a.source.doc_id, a.source.sentence_index))
        cb = by_source.get((b.source.doc_id, b.source.sentence_index))
        if ca is None or cb is None or cosine(ca.terms, cb.terms) < s.numeric_cosine:
            continue
        words_a = {t for t in ca.terms if not t.isdigit()}
        words_b = {t for t in cb.terms if not t.isdigit()}
        if len(words_a & words_b) < s.numeric_jaccard * len(words_a | words_b):
            continue  # a shared template ("net profit of company X reached …") is not enough
        if not ca.entities & cb.entities:
            continue  # no common person, place or organisation: maybe two subjects
        if cosine(_local(language, a), _local(language, b)) < s.numeric_local:
            continue  # same unit, different role: "a 30-minute film" vs "a 5-minute talk"
        low, high = sorted((a, b), key=lambda n: n.value)
        ident = (a.unit or "", thing_stem(a.thing) or "", low.value, high.value)
        shared = tuple(sorted(set(ca.terms) & set(cb.terms)))
        groups.setdefault(ident, []).append(
            Conflict(
                "numeric",
                f"different numbers for {' '.join(x for x in (a.unit, a.thing) if x)}: "
                f"{low.text} vs {high.text}",
                (low.source,),
                (high.source,),
                shared,
            )
        )
    return [merge(items) for items in groups.values()]


def _local(language: Language, number: NumberFact, width: int = 5) -> Counter[str]:
    """Content stems in the few words around a number: what it is a number of."""
    tokens = tokenize(number.source.sentence)
    inside = [n for n, t in enumerate(tokens) if number.start <= t.start < number.end]
    if not inside:
        return Counter()
    lo, hi = max(0, inside[0] - width), min(len(tokens), inside[-1] + 1 + width)
    words = [t.text for t in tokens[lo : inside[0]] + tokens[inside[-1] + 1 : hi]]
    return Counter(language.terms(" ".join(words)))


def _quantity(number: NumberFact) -> tuple[str | None, ...] | None:
    """What two figures must share for :func:`_same_quantity` to hold (None: nothing)."""
    if number.unit is None or number.unit == "percent":
        return None if number.thing is None else (number.unit, thing_stem(number.thing))
    return (number.unit,)


def _same_quantity(a: NumberFact, b: NumberFact) -> bool:
    if a.unit != b.unit:
        return False
    if a.unit is None:
        return a.thing is not None and thing_stem(a.thing) == thing_stem(b.thing)
    if a.unit == "percent":
        return a.thing is not None and thing_stem(a.thing) == thing_stem(b.thing)
    return True


def _values_agree(a: NumberFact, b: NumberFact, tolerance: float) -> bool:
    if math.isclose(a.value, b.value, rel_tol=tolerance):
        return True
    if _same_digits(a.text, b.text):
        return True  # 72.837 and 72837: one paper's separator, not another figure
    low, high = sorted((a, b), key=lambda n: n.value)
    # "more than 300" and 400, "about 8000" and 7900, "less than 10" and 5 can both be true
    if low.qualifier == "more" or high.qualifier == "less":
        return True
    return "about" in (a.qualifier, b.qualifier) and high.value <= low.value * 1.25


def _same_digits(a: str, b: str) -> bool:
    """Both numbers are written with the same digits in the same order (separators aside)."""
    digits_a = _digits(a)
    return len(digits_a) >= 3 and digits_a == _digits(b)


def _digits(text: str) -> str:
    """The digits of a number in reading order; wire copy's "837ر72" puts its groups last-first."""
    text = _WIRE_GROUPS.sub(r"\2\1", text)
    return "".join(str(unicodedata.digit(ch)) for ch in text if ch.isdigit())
