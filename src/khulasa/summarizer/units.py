"""The units the summarizer reasons about: candidate sentences, their concepts, their similarity.

Computed once per story and shared by scoring, selection and attribution, so no stage
re-tokenizes text.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import Literal, NamedTuple

import numpy as np
from scipy.sparse import coo_array, csc_array, csr_array

from khulasa.language.base import Language
from khulasa.model import Document, Sentence


class Unit(NamedTuple):
    """A sentence of the story with everything the summarizer needs to know about it.

    A named tuple rather than a frozen dataclass: one is made per sentence on every call, and a
    frozen dataclass's ``__init__`` (a guarded ``setattr`` per field) costs several times more.
    ``terms`` are ids of content stems and ``concepts`` integer codes (see :func:`build_units`):
    sets of small integers hash and intersect several times faster than sets of string pairs.
    """

    sentence: Sentence
    doc_rank: int  # the document's place in the input
    outlet: str
    terms: tuple[int, ...]
    concepts: frozenset[int]
    words: int  # whitespace-separated words, as Budget.cost counts them


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

    def similarity(self, floor: float = 0.0) -> csc_array:
        """Cosine similarity of the pairs of units at or above ``floor`` (sparse, by column;
        1 on the diagonal for units with terms).

        The product is taken a block of rows at a time and pruned to ``floor`` as it goes, so
        memory follows the number of similar pairs, not the square of the sentence count: a
        dense matrix of a day of news (30,000 sentences) would need 7 GB."""
        n = len(self.units)
        transposed = self.shared.T.tocsc()
        data, rows, cols = [self.has_terms.astype(float)], [np.arange(n)], [np.arange(n)]
        for start in range(0, n, _SIMILARITY_BLOCK):
            block = (self.shared[start : start + _SIMILARITY_BLOCK] @ transposed).tocoo()
            row = block.row + start
            keep = (block.data >= floor if floor > 0 else block.data != 0) & (row != block.col)
            data.append(block.data[keep])
            rows.append(row[keep])
            cols.append(block.col[keep])
        pairs = (np.concatenate(rows), np.concatenate(cols))
        return coo_array((np.concatenate(data), pairs), shape=(n, n)).tocsc()


_SIMILARITY_BLOCK = 2048  # rows per block of the pruned product

ConceptKind = Literal["bigram", "unigram", "bigram+stop"]


# Word → content stem ids, per language, kept across calls: a news stream reuses its vocabulary,
# and normalizing and stemming every word again is most of the time spent building units.
class _LeadingCache(dict[str, bool]):
    """Whitespace word → whether it is an attribution/link word that may open a sentence."""

    def __init__(self, stems: _StemCache, leading: frozenset[int]) -> None:
        super().__init__()
        self.stems, self.leading = stems, leading

    def __missing__(self, word: str) -> bool:
        found = self[word] = all(t in self.leading for t in self.stems[word])
        return found


class _StemCache(dict[str, tuple[int, ...]]):
    """Whitespace word → ids of its content stems in one language, computed on first lookup.

    A dict subclass so that a lookup that hits (nearly all of them) stays a C-level
    ``__getitem__``, which ``map`` can call without a Python frame per word. Stems are numbered
    in order of first sight (``ids``); the numbers mean nothing outside this cache.
    """

    def __init__(self, language: Language) -> None:
        super().__init__()
        self.language = language
        self.ids: dict[str, int] = {}
        self.leading: _LeadingCache | None = None  # made on first use, kept with the stems

    def number(self, stem: str) -> int:
        """The id of ``stem``, given one if it has none yet."""
        return self.ids.setdefault(stem, len(self.ids))

    def __missing__(self, word: str) -> tuple[int, ...]:
        found = self[word] = tuple(map(self.number, self.language.terms(word)))
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
    stems = _STEM_CACHE.get(language.code)
    if stems is None or stems.language is not language or len(stems) > _STEM_CACHE_LIMIT:
        stems = _STEM_CACHE[language.code] = _StemCache(language)
    is_leading = None
    if strip_leading:
        if stems.leading is None:
            leading = frozenset(map(stems.number, _leading_stems(language)))
            stems.leading = _LeadingCache(stems, leading)
        is_leading = stems.leading
    sentences: list[tuple[int, str, Sentence, int]] = []
    terms_of: list[tuple[int, ...]] = []
    pairs_of: list[tuple[int, ...]] = []  # bigram+stop: the stems and stopwords in text order
    for rank, doc in enumerate(documents):
        for sentence in doc.sentences:
            words = sentence.text.split()
            count = len(words)
            if is_leading is not None:
                skip = 0
                while skip < count and is_leading[words[skip]]:
                    skip += 1
                words = words[skip:] if skip else words
            sentences.append((rank, doc.outlet, sentence, count))
            if concepts == "bigram+stop":
                marked = _marked_stems(words, stems)
                terms_of.append(tuple(t for t, content in marked if content))
                pairs_of.append(tuple(t if content else ~t for t, content in marked))
            else:
                terms_of.append(tuple(itertools.chain.from_iterable(map(stems.__getitem__, words))))
    if concepts == "unigram":
        found = list(map(frozenset, terms_of))
    elif concepts == "bigram":
        found = _pair_codes(terms_of)
    else:  # a pair of two stopwords (both negative ids) is no concept
        found = [
            frozenset((a << 32) ^ b for a, b in itertools.pairwise(seq) if a >= 0 or b >= 0)
            for seq in pairs_of
        ]
    units = [
        Unit(sentence, rank, outlet, terms, concepts_, count)
        for (rank, outlet, sentence, count), terms, concepts_ in zip(
            sentences, terms_of, found, strict=True
        )
    ]
    return _story_units(units)


def _pair_codes(sequences: Sequence[tuple[int, ...]]) -> list[frozenset[int]]:
    """Each sequence's adjacent pairs of ids, as one integer per pair, computed for all at once.

    A pair (a, b) is coded ``(a << 32) ^ b`` (stopword ids are negative, ``~id``); pairs that
    would span two sequences are cut off by slicing each sequence's share of the codes.
    """
    lengths = np.fromiter(map(len, sequences), dtype=np.int64, count=len(sequences))
    flat = np.fromiter(
        itertools.chain.from_iterable(sequences), dtype=np.int64, count=int(lengths.sum())
    )
    codes = ((flat[:-1] << 32) ^ flat[1:]).tolist()
    ends = np.cumsum(lengths).tolist()
    starts = [0, *ends[:-1]]
    return [frozenset(codes[a : max(a, b - 1)]) for a, b in zip(starts, ends, strict=True)]


@cache
def _leading_stems(language: Language) -> frozenset[str]:
    words = LEADING_WORDS.get(language.code, "").split()
    return frozenset(t for w in words for t in language.terms(w))


def _marked_stems(words: Sequence[str], stems: _StemCache) -> list[tuple[int, bool]]:
    """(id of the stem or normalized stopword, is-content) for every token, in text order."""
    marked: list[tuple[int, bool]] = []
    for word in words:
        content = stems[word]
        if content:
            marked.extend((t, True) for t in content)
        else:
            marked.extend((stems.number(t), False) for t in stems.language.tokens(word))
    return marked


def _story_units(units: Sequence[Unit]) -> StoryUnits:
    """TF-IDF over the story's sentences, built as (row, column, weight) triples in NumPy.

    Terms are already integers, so even the term → column numbering is one ``np.unique``;
    weights, norms, the centroid and the shared matrix are array operations, which keeps this
    stage well under a millisecond.
    """
    n = len(units)
    lengths = np.fromiter((len(u.terms) for u in units), dtype=np.int64, count=n)
    flat = np.fromiter(
        itertools.chain.from_iterable(u.terms for u in units), dtype=np.int64, count=lengths.sum()
    )
    vocabulary, columns = np.unique(flat, return_inverse=True)
    size = max(len(vocabulary), 1)
    # One entry per distinct (sentence, term), with the term's count in that sentence.
    pairs, tf = np.unique(
        np.repeat(np.arange(n, dtype=np.int64), lengths) * size + columns, return_counts=True
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
