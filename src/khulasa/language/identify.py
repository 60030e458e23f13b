"""Tell a page's language from the languages that share its script.

A script test alone takes a Persian or Urdu page for Arabic (all three are written in the Arabic
script), and a summary would then quote it as an Arabic outlet's words. Each neighbour language
is known by letters Arabic does not use; the letters are data
(``data/arabic_script_neighbours.json``), so another script's neighbours are a file, not code.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from importlib import resources

_WORD = re.compile(r"[^\W\d_]+")


@dataclass(frozen=True)
class Neighbour:
    id: str
    name: str
    letters: frozenset[str]
    words: frozenset[str]


@dataclass(frozen=True)
class Neighbours:
    min_letter_share: float
    min_letters: int
    min_word_share: float
    min_words: int
    languages: tuple[Neighbour, ...]

    def identify(self, text: str, is_script_letter: Callable[[str], bool]) -> Neighbour | None:
        """The first neighbour whose own letters, or whose function words, are common enough.

        Languages are tried in the file's order, most specific first (Urdu shares many of
        Persian's letters and words and adds its own)."""
        letters = [ch for ch in text if is_script_letter(ch)]
        words = _WORD.findall(text)
        if not letters:
            return None
        for language in self.languages:
            own_letters = sum(1 for ch in letters if ch in language.letters)
            own_words = sum(1 for word in words if word in language.words)
            letter_test = self.min_letter_share * len(letters), self.min_letters
            word_test = self.min_word_share * len(words), self.min_words
            if own_letters >= max(letter_test) or own_words >= max(word_test):
                return language
        return None


@cache
def load_neighbours(name: str) -> Neighbours:
    """The neighbour table ``data/{name}.json`` of the language package."""
    raw = json.loads(
        resources.files("khulasa.language").joinpath(f"data/{name}.json").read_text("utf-8")
    )
    return Neighbours(
        min_letter_share=float(raw["min_letter_share"]),
        min_letters=int(raw["min_letters"]),
        min_word_share=float(raw["min_word_share"]),
        min_words=int(raw["min_words"]),
        languages=tuple(
            Neighbour(
                id=item["id"],
                name=item["name"],
                letters=frozenset(item["letters"]),
                words=frozenset(item["words"]),
            )
            for item in raw["languages"]
        ),
    )


def script_reason(name: str, ratio: float, minimum: float = 0.5) -> str | None:
    """Why a text with ``ratio`` of its letters in the script of ``name`` is not that language."""
    if ratio < minimum:
        return f"not {name} text ({ratio:.0%} of its letters are {name})"
    return None
