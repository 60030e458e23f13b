"""Arabic: pyarabic normalization, Snowball light stemming, the arabic-stopwords list."""

from __future__ import annotations

import re
from functools import lru_cache

import arabicstopwords.arabicstopwords as arabic_stopwords
import snowballstemmer

from khulasa.language.identify import load_neighbours, script_reason
from khulasa.language.normalize import arabic_letter_ratio, normalize_arabic
from khulasa.language.sentences import SentenceSplitter

_TOKEN = re.compile(r"[^\W_]+", re.UNICODE)

# Abbreviations whose full stop is not a sentence end (normalized spelling). One-letter tokens such
# as د. (doctor) or م. (year AD) are handled by the splitter itself.
# Latin initials spelled out in Arabic letters, as in "جورج دبليو. بوش", "جون إف. كينيدي": only
# the letter names that are not also Arabic words that could end a sentence.
LATIN_INITIALS = "دبليو إف اف جيه إتش اتش كيه إكس اكس زد إيه ايه بي سي جي آر إس اس كيو"
_ABBREVIATIONS = frozenset(
    {"هـ", "ص.ب", "ت", "ق.م", "أ.د", "ا.د", "Dr", "Mr", "St", *LATIN_INITIALS.split()}
)

# Conjunction/preposition clitics the Snowball stemmer leaves on (والروس, والمسلح): stripped
# before stemming when what remains is still a word, so both spellings share one stem.
_CLITIC = re.compile(r"^(?:وال|فال|بال|كال|ولل|لل)(?=\w{3,})")


def _is_arabic_letter(ch: str) -> bool:
    return "\u0620" <= ch <= "\u06ff" and ch.isalpha()


class Arabic:
    """The Arabic plug-in of :class:`khulasa.language.base.Language`."""

    code = "ar"
    name = "Arabic"

    def __init__(self) -> None:
        self._stemmer = snowballstemmer.stemmer("arabic")
        self._splitter = SentenceSplitter(abbreviations=_ABBREVIATIONS)
        self._stopwords = frozenset(
            normalize_arabic(w) for w in arabic_stopwords.stopwords_list()
        ) | frozenset({"ان", "قد", "كما", "ال", "يوم", "عن"})
        self.stem = lru_cache(maxsize=200_000)(self._stem)

    def normalize(self, text: str) -> str:
        return normalize_arabic(text)

    def tokens(self, text: str) -> list[str]:
        return _TOKEN.findall(normalize_arabic(text))

    def is_stopword(self, token: str) -> bool:
        return token in self._stopwords

    def terms(self, text: str) -> list[str]:
        # The stemmer needs ة to see the feminine ending, so fold it only after stemming.
        stems = []
        for tok in _TOKEN.findall(normalize_arabic(text, fold_teh_marbuta=False)):
            folded = tok.replace("ة", "ه")
            if folded in self._stopwords or (len(tok) < 2 and not tok.isdigit()):
                continue
            stems.append(self.stem(tok))
        return stems

    def split_sentences(self, text: str) -> list[str]:
        return self._splitter.split(text)

    def script_ratio(self, text: str) -> float:
        return arabic_letter_ratio(text)

    def rejects(self, text: str) -> str | None:
        sample = text[:20_000]  # a page's opening tells its language; long inputs cost no more
        reason = script_reason(self.name, self.script_ratio(sample))
        if reason:
            return reason
        other = load_neighbours("arabic_script_neighbours").identify(sample, _is_arabic_letter)
        return f"{other.name} text, not Arabic" if other else None

    def _stem(self, token: str) -> str:
        if token.isdigit():
            return token
        bare = _CLITIC.sub("", token)
        return self._stemmer.stemWord(bare).replace("ة", "ه")
