"""The units the summarizer reasons about: candidate sentences, their concepts, their similarity.

Computed once per story and shared by scoring, selection and attribution, so no stage
re-tokenizes text.
"""

from __future__ import annotations

import itertools
import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

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
    concepts: frozenset[tuple[str, str]]
    words: int


@dataclass(frozen=True)
class StoryUnits:
    """All sentences of a story, with a TF-IDF matrix whose rows are unit vectors."""

    units: tuple[Unit, ...]
    vectors: np.ndarray  # shape (len(units), vocabulary size), L2-normalised rows

    def similarity(self) -> np.ndarray:
        """Cosine similarity of every pair of units."""
        return self.vectors @ self.vectors.T


def build_units(documents: Sequence[Document], language: Language) -> StoryUnits:
    units = []
    for rank, doc in enumerate(documents):
        for sentence in doc.sentences:
            terms = tuple(language.terms(sentence.text))
            units.append(
                Unit(
                    sentence=sentence,
                    doc_rank=rank,
                    outlet=doc.outlet,
                    terms=terms,
                    concepts=frozenset(itertools.pairwise(terms)),
                    words=len(sentence.text.split()),
                )
            )
    return StoryUnits(units=tuple(units), vectors=_tfidf(units))


def _tfidf(units: Sequence[Unit]) -> np.ndarray:
    vocabulary: dict[str, int] = {}
    for unit in units:
        for term in unit.terms:
            vocabulary.setdefault(term, len(vocabulary))
    matrix = np.zeros((len(units), max(len(vocabulary), 1)), dtype=np.float64)
    doc_freq: Counter[str] = Counter()
    for unit in units:
        doc_freq.update(set(unit.terms))
    n = max(len(units), 1)
    for row, unit in enumerate(units):
        for term, count in Counter(unit.terms).items():
            matrix[row, vocabulary[term]] = (1 + math.log(count)) * math.log(1 + n / doc_freq[term])
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return matrix / norms
