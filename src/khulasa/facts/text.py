"""Token spans and matching keys shared by the extractors.

Facts must point at the exact source text, so tokens keep their character offsets. Matching uses a
*key* (normalised spelling) and, for the first word of a name, the key with Arabic clitics peeled
off (و، ف، ب، ل، ك، لل): "ولافروف" and "لحلب" must find "لافروف" and "حلب" in a gazetteer.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import TypeVar

from khulasa.language.arabic import LATIN_INITIALS
from khulasa.language.lexicons import load_lexicon
from khulasa.language.normalize import normalize_arabic

# Arabic letters written onto digits ("بـ1.3 مليار") are a clitic and a number, two tokens:
# read as one, the number would lose its integer part. The article stays on its number
# ("الـ57"، "ال24"), which the number rules read as a definite number.
_TOKEN = re.compile(
    r"(?!ال\u0640*\d)[\u0621-\u064A\u064B-\u0652\u0640]+(?=\d)|[^\W_][\w\u064B-\u0652\u0640]*"
)
# Spelling variants outlets use for the same word: أميركي/أمريكي, إستعداد/استعداد (the hamza is
# already folded by normalize_arabic). Applied to keys only, never to displayed text.
_VARIANTS = (("اميرك", "امريك"),)
T = TypeVar("T")


@dataclass(frozen=True)
class Token:
    """A word of a sentence with its character span."""

    text: str
    start: int
    end: int
    key: str  # normalised spelling


@lru_cache(maxsize=1 << 17)
def key(text: str) -> str:
    """The spelling used to compare words and names (hamza, ة, ى, digits, variants folded).

    Cached: every extractor keys the same words of a story again and again.
    """
    folded = normalize_arabic(text).lower()
    for old, new in _VARIANTS:
        folded = folded.replace(old, new)
    return folded


def tokenize(text: str) -> list[Token]:
    """Word tokens of ``text`` with their spans (digits and Arabic/Latin letters).

    Each extractor tokenizes the sentences it reads; the tokens of a sentence are made once and
    shared (they are frozen; the list is a fresh copy, so a caller may change its own).
    """
    return list(_tokens(text))


@lru_cache(maxsize=1 << 13)
def _tokens(text: str) -> tuple[Token, ...]:
    return tuple(
        Token(m.group(), m.start(), m.end(), key(m.group())) for m in _TOKEN.finditer(text)
    )


@lru_cache(maxsize=1 << 16)
def clitic_forms(word_key: str) -> tuple[str, ...]:
    """``word_key`` and the forms left after peeling proclitics, most specific first.

    "وبحلب" → ("وبحلب", "بحلب", "حلب"); "للامم" → ("للامم", "لامم", "الامم"). Callers accept
    the first form found in their lexicon, so a name that really starts with ل (لافروف) still
    matches whole before any peeled form is tried. Cached (and so a tuple): the gazetteer and
    the rules ask for the forms of the same words at every token.
    """
    forms = [word_key]
    stems = [word_key]
    if len(word_key) > 3 and word_key[0] in "وف":
        stems.append(word_key[1:])
    for stem in list(stems):
        if len(stem) > 3 and stem.startswith("لل"):
            stems.append("ال" + stem[2:])
        if len(stem) > 3 and stem[0] in "بلك":
            stems.append(stem[1:])
    for stem in stems:
        if stem not in forms:
            forms.append(stem)
    return tuple(forms)


def lexicon_keys(name: str) -> frozenset[str]:
    """The keys of every word of the language-data lexicon ``name`` (its set or its entries)."""
    return frozenset(key(w) for w in load_lexicon(name).all_words())


def lexicon_values(name: str, value: Callable[[str], T]) -> dict[str, T]:
    """Word key → ``value(entry id)`` of a lexicon whose entries are numbers (a month, a day)."""
    return {key(w): value(n) for n, words in load_lexicon(name).values.items() for w in words}


def strip_clitics(word_key: str) -> str:
    """The shortest reasonable form of a word: conjunction and one preposition removed."""
    return clitic_forms(word_key)[-1]


# a character class, searched in place between two offsets (no slice, one C-level scan)
_CLAUSE_MARK = re.compile("[" + re.escape('،,.:;؛()«»“”"!?؟-–/') + "]")


def ends_clause(text: str, start: int, end: int) -> bool:
    """True when the text between two tokens holds a clause mark (punctuation, not spaces)."""
    return _CLAUSE_MARK.search(text, start, end) is not None


def verb_forms(word_key: str) -> list[str]:
    """A verb with its conjunction (و، ف) peeled; prepositions never attach to verbs."""
    forms = [word_key]
    if len(word_key) > 3 and word_key[0] in "وف":
        forms.append(word_key[1:])
    return forms


# Latin letters spelled out in Arabic (دبليو، إتش، إف): an initial inside a name (جورج دبليو.
# بوش) or part of a code (ام اتش 370), compared by key.
INITIALS = frozenset(key(w) for w in LATIN_INITIALS.split())
