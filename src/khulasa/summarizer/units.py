"""The units the summarizer reasons about: candidate sentences, their concepts, their similarity.

Computed once per story and shared by scoring, selection and attribution, so no stage
re-tokenizes text.
"""

from __future__ import annotations

import itertools
import math
from collections import Counter
from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np

from khulasa.language.base import Language
from khulasa.model import Document, Sentence


@dataclass(frozen=True)
class Unit:
    """A sentence of the story with everything the summarizer needs to know about it."""

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
    full vectors' norms: products of rows are exact cosines.
    """

    units: tuple[Unit, ...]
    shared: np.ndarray  # (len(units), shared terms): TF-IDF weights / full L2 norm of the row
    has_terms: np.ndarray  # (len(units),) True for a unit with at least one term
    centrality: np.ndarray  # (len(units),) cosine of each unit with the story's centroid

    def similarity(self) -> np.ndarray:
        """Cosine similarity of every pair of units (1 on the diagonal for units with terms)."""
        similarity = self.shared @ self.shared.T
        np.fill_diagonal(similarity, self.has_terms.astype(float))
        return similarity


ConceptKind = Literal["bigram", "unigram", "bigram+stop"]

# Word → content stems, per language, kept across calls: a news stream reuses its vocabulary, and
# normalizing and stemming every word again is most of the time spent building units.
_STEM_CACHE: dict[str, dict[str, tuple[str, ...]]] = {}
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
    stems = _STEM_CACHE.setdefault(language.code, {})
    if len(stems) > _STEM_CACHE_LIMIT:
        stems.clear()
    leading = _leading_stems(language) if strip_leading else frozenset()
    for rank, doc in enumerate(documents):
        for sentence in doc.sentences:
            words = sentence.text.split()
            count = len(words)
            while words and leading and _is_leading(words[0], language, stems, leading):
                words = words[1:]
            if concepts == "bigram+stop":
                marked = _marked_stems(words, language, stems)
                terms = tuple(t for t, content in marked if content)
                found: frozenset[Hashable] = frozenset(
                    (a, b) for (a, ca), (b, cb) in itertools.pairwise(marked) if ca or cb
                )
            else:
                terms = tuple(t for w in words for t in _stems(w, language, stems))
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


def _leading_stems(language: Language) -> frozenset[str]:
    words = LEADING_WORDS.get(language.code, "").split()
    return frozenset(t for w in words for t in language.terms(w))


def _is_leading(
    word: str, language: Language, cache: dict[str, tuple[str, ...]], leading: frozenset[str]
) -> bool:
    """True for an attribution/link word (or a stopword) that may open a sentence."""
    found = _stems(word, language, cache)
    return all(t in leading for t in found)


def _stems(word: str, language: Language, cache: dict[str, tuple[str, ...]]) -> tuple[str, ...]:
    """Content stems of one whitespace word, memoised: news repeats its words a lot."""
    found = cache.get(word)
    if found is None:
        found = cache[word] = tuple(language.terms(word))
    return found


def _marked_stems(
    words: Sequence[str], language: Language, cache: dict[str, tuple[str, ...]]
) -> list[tuple[str, bool]]:
    """(stem or normalized stopword, is-content) for every token, in text order."""
    marked: list[tuple[str, bool]] = []
    for word in words:
        content = _stems(word, language, cache)
        if content:
            marked.extend((t, True) for t in content)
        else:
            marked.extend((t, False) for t in language.tokens(word))
    return marked


def _story_units(units: Sequence[Unit]) -> StoryUnits:
    """TF-IDF over the story's sentences, kept sparse until the shared columns are known."""
    doc_freq: Counter[str] = Counter()
    for unit in units:
        doc_freq.update(set(unit.terms))
    n = max(len(units), 1)
    rows: list[dict[str, float]] = []
    for unit in units:
        weights = {
            term: (1 + math.log(count)) * math.log(1 + n / doc_freq[term])
            for term, count in Counter(unit.terms).items()
        }
        norm = math.sqrt(sum(w * w for w in weights.values())) or 1.0
        rows.append({term: w / norm for term, w in weights.items()})
    columns = {t: k for k, t in enumerate(t for t, df in doc_freq.items() if df > 1)}
    shared = np.zeros((len(units), max(len(columns), 1)))
    center: dict[str, float] = {}
    for r, row in enumerate(rows):
        for term, weight in row.items():
            center[term] = center.get(term, 0.0) + weight / n
            k = columns.get(term)
            if k is not None:
                shared[r, k] = weight
    center_norm = math.sqrt(sum(w * w for w in center.values())) or 1.0
    centrality = np.array(
        [sum(w * center[t] for t, w in row.items()) / center_norm for row in rows]
    )
    return StoryUnits(
        units=tuple(units),
        shared=shared,
        has_terms=np.array([bool(row) for row in rows], dtype=bool),
        centrality=centrality,
    )
