"""The units the summarizer reasons about: candidate sentences, their concepts, their similarity.

Computed once per story and shared by scoring, selection and attribution, so no stage
re-tokenizes text.
"""

from __future__ import annotations

import itertools
from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Literal, NamedTuple

import numpy as np
from scipy.sparse import csr_array

from khulasa.language.base import Language
from khulasa.model import Document, Sentence


class Unit(NamedTuple):
    """A sentence of the story with everything the summarizer needs to know about it.

    A named tuple rather than a frozen dataclass: one is made per sentence on every call, and a
    frozen dataclass's ``__init__`` (a guarded ``setattr`` per field) costs several times more.
    """

    sentence: Sentence
    doc_rank: int  # the document's place in the input
    outlet: str
    terms: tuple[str, ...]
    concepts: frozenset[Hashable]
    words: int


@dataclass(frozen=True)
class StoryUnits:
    """All sentences of a story, with what comparing them needs from their TF-IDF vectors.

    Only terms found in two or more sentences can make two sentences alike, so the matrix keeps
    those columns alone (a few hundred instead of the whole vocabulary), with rows scaled by the
    full vectors' norms: products of rows are exact cosines. It is sparse (a sentence has a dozen
    shared terms), and a sparse product also keeps BLAS's thread pool out of a millisecond job:
    a dense product of this size wakes every BLAS thread, which spin-waits for ten times longer
    than the work itself whenever another process holds a core.
    """

    units: tuple[Unit, ...]
    shared: csr_array  # (len(units), shared terms): TF-IDF weights / full L2 norm of the row
    has_terms: np.ndarray  # (len(units),) True for a unit with at least one term
    centrality: np.ndarray  # (len(units),) cosine of each unit with the story's centroid

    def similarity(self) -> np.ndarray:
        """Cosine similarity of every pair of units (1 on the diagonal for units with terms)."""
        similarity = (self.shared @ self.shared.T).toarray()
        np.fill_diagonal(similarity, self.has_terms.astype(float))
        return similarity


ConceptKind = Literal["bigram", "unigram", "bigram+stop"]

# Word → content stems, per language, kept across calls: a news stream reuses its vocabulary, and
# normalizing and stemming every word again is most of the time spent building units.
class _LeadingCache(dict[str, bool]):
    """Whitespace word → whether it is an attribution/link word that may open a sentence."""

    def __init__(self, stems: _StemCache, leading: frozenset[str]) -> None:
        super().__init__()
        self.stems, self.leading = stems, leading

    def __missing__(self, word: str) -> bool:
        found = self[word] = all(t in self.leading for t in self.stems[word])
        return found


class _StemCache(dict[str, tuple[str, ...]]):
    """Whitespace word → its content stems in one language, computed on first lookup.

    A dict subclass so that a lookup that hits (nearly all of them) stays a C-level
    ``__getitem__``, which ``map`` can call without a Python frame per word.
    """

    def __init__(self, language: Language) -> None:
        super().__init__()
        self.language = language
        self.leading: _LeadingCache | None = None  # made on first use, kept with the stems

    def __missing__(self, word: str) -> tuple[str, ...]:
        found = self[word] = tuple(self.language.terms(word))
        return found


_STEM_CACHE: dict[str, _StemCache] = {}
_STEM_CACHE_LIMIT = 500_000

# Words that open a news sentence to attribute or link it, not to say what happened ("he said",
# "he added", "for his part"). As concepts they pair with whatever follows and make unrelated
# sentences look alike, so ``strip_leading`` drops them from the start of a sentence.
LEADING_WORDS: dict[str, str] = {
    "ar": (
        "قال قالت وقال وقالت اضاف اضافت واضاف واضافت اكد اكدت واكد واكدت اشار اشارت واشار "
        "واشارت اوضح اوضحت واوضح واوضحت ذكر ذكرت وذكر وذكرت اعلن اعلنت واعلن واعلنت تابع "
        "تابعت وتابع وتابعت لفت ولفت جهته جهتها بدوره بدورها ذلك غضون وفقا وفق حسب بحسب "
        "يذكر ويذكر يشار ويشار"
    )
}


def build_units(
    documents: Sequence[Document],
    language: Language,
    concepts: ConceptKind = "bigram",
    strip_leading: bool = False,
) -> StoryUnits:
    """Every sentence of the story as a :class:`Unit`, with concepts of the chosen kind.

    ``bigram``: adjacent content stems (stopwords removed first, so "وزير خارجيه" and "وزير
    الخارجيه" match). ``unigram``: content stems. ``bigram+stop``: adjacent stems with stopwords
    kept in place, except pairs of two stopwords (Gillick & Favre's concepts); stricter, since a
    pair must be adjacent in the text.
    """
    units = []
    stems = _STEM_CACHE.get(language.code)
    if stems is None or stems.language is not language or len(stems) > _STEM_CACHE_LIMIT:
        stems = _STEM_CACHE[language.code] = _StemCache(language)
    is_leading = None
    if strip_leading:
        if stems.leading is None:
            stems.leading = _LeadingCache(stems, _leading_stems(language))
        is_leading = stems.leading
    for rank, doc in enumerate(documents):
        for sentence in doc.sentences:
            words = sentence.text.split()
            count = len(words)
            if is_leading is not None:
                skip = 0
                while skip < count and is_leading[words[skip]]:
                    skip += 1
                words = words[skip:] if skip else words
            if concepts == "bigram+stop":
                marked = _marked_stems(words, stems)
                terms = tuple(t for t, content in marked if content)
                found: frozenset[Hashable] = frozenset(
                    (a, b) for (a, ca), (b, cb) in itertools.pairwise(marked) if ca or cb
                )
            else:
                terms = tuple(itertools.chain.from_iterable(map(stems.__getitem__, words)))
                found = frozenset(terms if concepts == "unigram" else itertools.pairwise(terms))
            units.append(
                Unit(
                    sentence=sentence,
                    doc_rank=rank,
                    outlet=doc.outlet,
                    terms=terms,
                    concepts=found,
                    words=count,
                )
            )
    return _story_units(units)


@cache
def _leading_stems(language: Language) -> frozenset[str]:
    words = LEADING_WORDS.get(language.code, "").split()
    return frozenset(t for w in words for t in language.terms(w))


def _marked_stems(words: Sequence[str], stems: _StemCache) -> list[tuple[str, bool]]:
    """(stem or normalized stopword, is-content) for every token, in text order."""
    marked: list[tuple[str, bool]] = []
    for word in words:
        content = stems[word]
        if content:
            marked.extend((t, True) for t in content)
        else:
            marked.extend((t, False) for t in stems.language.tokens(word))
    return marked


def _story_units(units: Sequence[Unit]) -> StoryUnits:
    """TF-IDF over the story's sentences, built as (row, column, weight) triples in NumPy.

    Only the term → column lookup is a Python loop; weights, norms, the centroid and the shared
    matrix are array operations, which keeps this stage in the low milliseconds.
    """
    n = len(units)
    vocabulary: dict[str, int] = {}
    columns = [vocabulary.setdefault(t, len(vocabulary)) for u in units for t in u.terms]
    lengths = np.fromiter((len(u.terms) for u in units), dtype=np.int64, count=n)
    size = max(len(vocabulary), 1)
    # One entry per distinct (sentence, term), with the term's count in that sentence.
    pairs, tf = np.unique(
        np.repeat(np.arange(n, dtype=np.int64), lengths) * size + np.asarray(columns, np.int64),
        return_counts=True,
    )
    rows, cols = np.divmod(pairs, size)
    doc_freq = np.bincount(cols, minlength=size)
    weight = (1 + np.log(tf)) * np.log(1 + max(n, 1) / doc_freq[cols])
    norm = np.sqrt(np.bincount(rows, weight * weight, minlength=n))
    weight /= np.where(norm > 0, norm, 1.0)[rows]
    is_shared = doc_freq > 1
    shared_column = np.cumsum(is_shared) - 1
    keep = is_shared[cols]
    shared = csr_array(
        (weight[keep], (rows[keep], shared_column[cols[keep]])),
        shape=(n, max(int(is_shared.sum()), 1)),
    )
    center = np.bincount(cols, weight, minlength=size) / max(n, 1)
    center_norm = float(np.sqrt(center @ center)) or 1.0
    centrality = np.bincount(rows, weight * center[cols], minlength=n) / center_norm
    return StoryUnits(
        units=tuple(units),
        shared=shared,
        has_terms=lengths > 0,
        centrality=centrality,
    )
