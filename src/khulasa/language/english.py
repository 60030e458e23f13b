"""English: the second language, written as a plug-in to show that one module is all it takes."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from importlib import resources

import snowballstemmer

from khulasa.language.identify import script_reason
from khulasa.language.sentences import SentenceSplitter

_TOKEN = re.compile(r"[^\W_]+(?:'[^\W_]+)?", re.UNICODE)
_LETTER = re.compile(r"[^\W\d_]")
_LATIN = re.compile(r"[A-Za-z\u00C0-\u024F]")
_ABBREVIATIONS = frozenset(
    {
        "Mr",
        "Mrs",
        "Ms",
        "Dr",
        "Prof",
        "Gen",
        "Col",
        "Lt",
        "Sgt",
        "St",
        "Jr",
        "Sr",
        "U.S",
        "U.K",
        "U.N",
        "Jan",
        "Feb",
        "Mar",
        "Apr",
        "Aug",
        "Sept",
        "Oct",
        "Nov",
        "Dec",
        "No",
        "vs",
        "etc",
    }
)


def _load_stopwords() -> frozenset[str]:
    text = resources.files("khulasa.language").joinpath("data/english_stopwords.txt")
    lines = text.read_text(encoding="utf-8").splitlines()
    return frozenset(w.strip() for w in lines if w.strip() and not w.startswith("#"))


class English:
    """The English plug-in of :class:`khulasa.language.base.Language`."""

    code = "en"
    name = "English"

    def __init__(self) -> None:
        self._stemmer = snowballstemmer.stemmer("english")
        self._splitter = SentenceSplitter(abbreviations=_ABBREVIATIONS)
        self._stopwords = _load_stopwords()
        self.stem = lru_cache(maxsize=200_000)(self._stemmer.stemWord)

    def normalize(self, text: str) -> str:
        return unicodedata.normalize("NFKC", text).lower()

    def tokens(self, text: str) -> list[str]:
        return _TOKEN.findall(self.normalize(text))

    def is_stopword(self, token: str) -> bool:
        return token in self._stopwords

    def terms(self, text: str) -> list[str]:
        return [
            self.stem(tok)
            for tok in self.tokens(text)
            if tok not in self._stopwords and (len(tok) > 1 or tok.isdigit())
        ]

    def split_sentences(self, text: str) -> list[str]:
        return self._splitter.split(text)

    def rejects(self, text: str) -> str | None:
        return script_reason(self.name, self.script_ratio(text[:20_000]))

    def script_ratio(self, text: str) -> float:
        letters = _LETTER.findall(text)
        if not letters:
            return 0.0
        return sum(1 for ch in letters if _LATIN.match(ch)) / len(letters)
