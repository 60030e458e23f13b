"""Orthographic normalization for Arabic: one spelling per word, so counts and overlaps are fair.

Outlets spell the same word differently (أميركي/امريكي, إستعداد/استعداد, مدينه/مدينة) and scraped
text carries diacritics and tatweel unevenly. Matching, scoring and ROUGE all need the same
canonical form; display never uses it (summaries quote the source text verbatim).
"""

from __future__ import annotations

import re

from pyarabic import araby

_LETTER_MAP = str.maketrans(
    {
        "أ": "ا",
        "إ": "ا",
        "آ": "ا",
        "ٱ": "ا",
        "ى": "ي",
        "ؤ": "و",
        "ئ": "ي",
        # Arabic-Indic and Eastern Arabic-Indic digits → ASCII, so ٨٠٠٠ and 8000 are one token.
        **{chr(0x0660 + i): str(i) for i in range(10)},
        **{chr(0x06F0 + i): str(i) for i in range(10)},
        # Persian/Urdu letter forms that leak into Arabic pages.
        "ک": "ك",
        "ی": "ي",
    }
)

_ARABIC_LETTERS = re.compile(r"[\u0621-\u064A\u0671-\u06D3]+")
_ANY_LETTERS = re.compile(r"[^\W\d_]+")


_LETTER_PAIRS = tuple((chr(code), value) for code, value in _LETTER_MAP.items())


# pyarabic's own lists of the marks, applied with one compiled pattern: its strip_* helpers test
# every character in Python first, which made normalization the hottest spot of ingestion.
_MARKS = re.compile("[" + "".join(araby.TASHKEEL) + araby.TATWEEL + "]")


def normalize_arabic(text: str, *, fold_teh_marbuta: bool = True) -> str:
    """Strip diacritics and tatweel, unify alef/hamza seats, ى→ي, ة→ه, digits → ASCII.

    ``fold_teh_marbuta=False`` keeps ة, which a stemmer needs to recognise the feminine ending.
    """
    text = _MARKS.sub("", text)
    # str.replace per letter runs at C speed; str.translate looks every character up in a dict.
    for letter, replacement in _LETTER_PAIRS:
        if letter in text:
            text = text.replace(letter, replacement)
    return text.replace("ة", "ه") if fold_teh_marbuta else text


def arabic_letter_ratio(text: str) -> float:
    """Share of the letters in ``text`` that are Arabic (0.0 when there are no letters)."""
    # Runs of letters, not single letters: the scan is at C speed and far fewer strings are made.
    letters = sum(map(len, _ANY_LETTERS.findall(text)))
    if not letters:
        return 0.0
    return sum(map(len, _ARABIC_LETTERS.findall(text))) / letters
