"""The words the number reader reads, from language data: number words and their values,
multipliers, units, qualifiers and the cue words around a figure.

Kept apart from the reading rules (:mod:`khulasa.facts.numbers`) so that the rules read as
rules; each table is built once, at import, from the lexicons ``language/data/ar_number_*.json``
(and ``ar_ordinals.json``), keyed by :func:`~khulasa.facts.text.key`.
"""

from __future__ import annotations

import re

from khulasa.facts.text import key, lexicon_keys, lexicon_values
from khulasa.language.lexicons import load_lexicon

# من after a figure names what it is of (20 في المئة من السكان); تغ (GMT) makes it a clock time
_CUES = load_lexicon("number_cue_words").values
_OF, _GMT = (frozenset(key(w) for w in _CUES[entry]) for entry in ("of", "gmt"))


def _values(name: str) -> dict[int, tuple[str, ...]]:
    """A lexicon of number words by their value (``"1000": ["ألف", …]``)."""
    return {int(n): forms for n, forms in load_lexicon(name).values.items()}


# Words a model code follows (Latin initials spelled in Arabic, ام اتش 370, too), and words a
# clock time, a label or a flight number follows.
_MODEL_WORDS = lexicon_keys("number_model_words")
_LABEL_WORDS = lexicon_keys("number_label_words")

_CARDINALS = _values("number_words")  # one to ten, the tens, 100 and 200
_MULTIPLIERS = _values("number_multipliers")
_HUNDREDS = {n: forms for n, forms in _CARDINALS.items() if n >= 100}
_HUNDRED = load_lexicon("number_hundred_forms").words
for _n in range(3, 10):  # ثلاثمئة … تسعمائة: a unit word joined to مئة
    _HUNDREDS[_n * 100] = tuple(f"{_CARDINALS[_n][0]}{h}" for h in _HUNDRED)

WORD_VALUES: dict[str, int] = {}
for _n, _forms in (*_CARDINALS.items(), *_HUNDREDS.items()):
    for _f in _forms:
        WORD_VALUES[key(_f)] = _n
# Words that are numbers only with other number words around them ("ست" also means "lady").
_WEAK_WORDS = lexicon_keys("number_weak_words")
MULTIPLIERS: dict[str, int] = {key(f): n for n, forms in _MULTIPLIERS.items() for f in forms}
_UNIT_MULT = {2000: 2, 2_000_000: 2}  # ألفان = 2 × 1000

UNITS: dict[tuple[str, ...], str] = {
    tuple(key(w) for w in form.split()): unit
    for unit, forms in load_lexicon("number_units").values.items()
    for form in forms
}
_MAX_UNIT = max(len(u) for u in UNITS)

QUALIFIERS: dict[tuple[str, ...], str] = {
    tuple(key(w) for w in phrase.split()): qualifier
    for qualifier, phrases in load_lexicon("number_qualifiers").values.items()
    for phrase in phrases
}

_NUMBER = re.compile(r"^(?:ال|لل|[وبل]|وال|بال)?(\d+(?:[.,٫]\d+)?)$")
_ORDINALS = lexicon_keys("ordinals")
_POSTPOSED = lexicon_keys("number_postposed")  # one and two after the noun (طالب واحد)
_FRACTIONS = lexicon_values("number_fractions", float)
# Multipliers whose singular form alone is a number (one thousand, one million …); their plurals
# (آلاف، ملايين) alone only say "thousands".
_ONE_OF = lexicon_keys("number_one_of")
_WIRE_DECIMAL = re.compile(r"^(?:ال|[وبل])?(\d+)ر(\d+)$")
_NOT_COUNTS = lexicon_keys("number_not_counts")  # الاثنين: Monday
_ONE = lexicon_keys("number_one")
_BIDI_MARKS = frozenset("\u200e\u200f\u061c")
_NOT_COUNTED = lexicon_keys("number_not_counted")

# Broken plurals by key → their singular, so that "20 قتيلا" and "6 قتلى" count one thing.
SINGULAR_OF: dict[str, str] = {
    key(plural): singular
    for singular, plurals in load_lexicon("number_broken_plurals").values.items()
    for plural in plurals
}
# A dual noun alone is a count of two (قتيلين، قتيلان): its key → the singular counted.
DUALS: dict[str, str] = {
    key(dual): singular
    for singular, duals in load_lexicon("number_dual_nouns").values.items()
    for dual in duals
}
