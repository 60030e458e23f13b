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

_ARABIC_LETTER = re.compile(r"[\u0621-\u064A\u0671-\u06D3]")
_ANY_LETTER = re.compile(r"[^\W\d_]")


_TEH_MARBUTA = str.maketrans({"ة": "ه"})


def normalize_arabic(text: str, *, fold_teh_marbuta: bool = True) -> str:
    """Strip diacritics and tatweel, unify alef/hamza seats, ى→ي, ة→ه, digits → ASCII.

    ``fold_teh_marbuta=False`` keeps ة, which a stemmer needs to recognise the feminine ending.
    """
    text = araby.strip_tashkeel(text)
    text = araby.strip_tatweel(text).translate(_LETTER_MAP)
    return text.translate(_TEH_MARBUTA) if fold_teh_marbuta else text


def arabic_letter_ratio(text: str) -> float:
    """Share of the letters in ``text`` that are Arabic (0.0 when there are no letters)."""
    letters = _ANY_LETTER.findall(text)
    if not letters:
        return 0.0
    return sum(1 for ch in letters if _ARABIC_LETTER.match(ch)) / len(letters)
