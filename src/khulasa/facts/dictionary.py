"""Is a word an ordinary Arabic word, or most likely a name?

Rules find names by where they stand (after a title, an office, a speech verb). A foreign name
that stands nowhere special ("الثنائي القادم من أوروجواي والمكون من ماوريسيو أفونسو") is still
easy to tell from the words around it: a transliteration such as أفونسو or فاروفاكيس is not an
Arabic word at all. simplemma ships an Arabic table of inflected word forms in its wheel, so
"not in the dictionary, even with its clitics and suffixes peeled" is an offline, model-free
signal that a word is a name. Ordinary Arabic given names (حسن، نادر) *are* words, so this finds
foreign names, not Arabic ones.
"""

from __future__ import annotations

import re
from functools import lru_cache

from simplemma import is_known

_MARKS = re.compile(r"[\u064B-\u0652\u0640]")  # short vowels, shadda, sukun, tatweel
# Proclitics after an optional conjunction (و، ف): a preposition or the future prefix, with the
# article where they fuse (فستخضع، وبالحرب، للأمم).
_PREFIXES = ("بال", "كال", "لل", "ال", "ب", "ل", "ك", "س")
# Pronoun suffixes and the endings the table may list only on the base form.
_SUFFIXES = ("هما", "هم", "ها", "كم", "نا", "ه", "ي", "ك", "ة", "ات", "ين", "ون", "ان", "ية", "يه")
_MIN_STEM = 2


def _candidates(word: str) -> set[str]:
    """The word and the forms left after peeling its proclitics and one suffix.

    The accusative alif (ركودا، جماعيا) comes off first, as a case ending the table lacks.
    """
    bases = {word, word[:-1]} if word.endswith("ا") else {word}
    bases |= {b[1:] for b in bases if b[:1] in ("و", "ف") and len(b) > 3}
    forms = set(bases)
    for base in bases:
        for prefix in _PREFIXES:
            rest = base[len(prefix) :]
            if base.startswith(prefix) and len(rest) >= _MIN_STEM:
                forms.add(rest)
                if prefix.endswith("ال") or prefix == "لل":
                    forms.add("ال" + rest)  # بالحرب → الحرب, للأمم → الأمم
    for form in list(forms):
        for suffix in _SUFFIXES:
            stem = form[: -len(suffix)]
            if form.endswith(suffix) and len(stem) >= _MIN_STEM:
                forms.update((stem, stem + "ة"))  # صحيفته → صحيفة
                if stem.endswith("ت"):
                    forms.add(stem[:-1] + "ة")  # شقيقتها → شقيقة
    return forms


@lru_cache(maxsize=65536)
def is_arabic_word(word: str) -> bool:
    """True when ``word`` (as written, marks allowed) is a form of an Arabic dictionary word."""
    bare = _MARKS.sub("", word)
    return any(is_known(form, lang="ar") for form in _candidates(bare))
