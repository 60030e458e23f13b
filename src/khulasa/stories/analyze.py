"""Per-article text analysis for the stream: one pass gives shingles, terms and a MinHash.

This is the hot loop of ingestion (every article goes through it once, in a worker process), so
it normalizes and tokenizes a text once and derives both views from that single pass:

- ``tokens`` (normalized words, as ``Language.tokens`` gives them) → word shingles → MinHash,
  for near-duplicate detection;
- ``terms`` (content stems, as ``Language.terms`` gives them) → term counts, for story
  clustering, and the article's section (:mod:`khulasa.stories.sections`).

For Arabic the fused pass reproduces ``Arabic.tokens`` and ``Arabic.terms`` exactly (a test holds
it to that); other languages fall back to calling the two methods.
"""

from __future__ import annotations

import hashlib
import json
import re
import zlib
from collections import Counter
from dataclasses import dataclass

import numpy as np
from datasketch import MinHash

from khulasa.language import Language
from khulasa.language.normalize import normalize_arabic
from khulasa.stories.sections import shipped_section_model

SHINGLE_WORDS = 3
NUM_PERM = 128
# Bands × rows for a Jaccard threshold near 0.5 (datasketch's optimum for 128 permutations).
LSH_BANDS = 25
LSH_ROWS = 5
# Terms kept per article for clustering: enough to describe it, few enough to stay cheap.
TOP_TERMS = 100
# The headline and lead name the event; the rest of an article wanders. Their terms count double.
LEAD_TERMS = 60
LEAD_WEIGHT = 2

_TOKEN = re.compile(r"[^\W_]+", re.UNICODE)
_MIX1 = np.uint32(2654435761)
_MIX2 = np.uint32(2246822519)
_PERMUTATIONS = MinHash(num_perm=NUM_PERM, seed=1).permutations


@dataclass(frozen=True)
class Analysis:
    """What the stream keeps of an article's text: a signature and its term counts."""

    signature: bytes  # NUM_PERM little-endian uint32 MinHash values
    bands: tuple[int, ...]  # one signed 64-bit key per LSH band
    term_counts: tuple[tuple[str, int], ...]  # most frequent TOP_TERMS stems, with counts
    length: int  # number of tokens
    terms_json: str  # ``term_counts`` as stored in the database (encoded here, in the worker)
    section: str | None = None  # world, local, ...: None when the language has no section model


def _identity(value: int) -> int:
    return value


class Analyzer:
    """Turns texts into :class:`Analysis` objects; holds a stem cache, so reuse one per process."""

    def __init__(self, language: Language) -> None:
        self.language = language
        self._stems: dict[str, str | None] = {}
        self._fused = language.code == "ar" and hasattr(language, "stem")
        self._sections = shipped_section_model(language.code)

    def words(self, text: str) -> tuple[list[str], list[str]]:
        """``(tokens, terms)`` of ``text``, equal to ``language.tokens`` / ``language.terms``."""
        if not self._fused:
            return self.language.tokens(text), self.language.terms(text)
        raw = _TOKEN.findall(normalize_arabic(text, fold_teh_marbuta=False))
        tokens = [t.replace("ة", "ه") for t in raw]
        stems = self._stems
        terms = []
        for raw_tok, tok in zip(raw, tokens, strict=True):
            stem = stems.get(raw_tok, "")
            if stem == "":
                keep = not self.language.is_stopword(tok) and (
                    len(raw_tok) >= 2 or raw_tok.isdigit()
                )
                stem = self.language.stem(raw_tok) if keep else None  # type: ignore[attr-defined]
                if len(stems) < 500_000:
                    stems[raw_tok] = stem
            if stem is not None:
                terms.append(stem)
        return tokens, terms

    def __call__(self, text: str) -> Analysis:
        tokens, terms = self.words(text)
        signature = minhash_signature(tokens)
        counts = Counter(terms)
        counts.update(terms[:LEAD_TERMS] * (LEAD_WEIGHT - 1))
        top = counts.most_common(TOP_TERMS)
        return Analysis(
            signature=signature.tobytes(),
            bands=band_keys(signature),
            term_counts=tuple(top),
            length=len(tokens),
            terms_json=json.dumps(top, ensure_ascii=False, separators=(",", ":")),
            section=self._sections.classify(top) if self._sections else None,
        )


def shingle_hashes(tokens: list[str]) -> np.ndarray:
    """32-bit hashes of the word ``SHINGLE_WORDS``-grams (the whole text when it is shorter)."""
    if not tokens:
        return np.zeros(0, dtype=np.uint32)
    ids = np.fromiter((zlib.crc32(t.encode()) for t in tokens), dtype=np.uint32, count=len(tokens))
    if len(ids) < SHINGLE_WORDS:
        return np.array([zlib.crc32(" ".join(tokens).encode())], dtype=np.uint32)
    with np.errstate(over="ignore"):
        mixed = ids[: len(ids) - 2] * _MIX1 + ids[1 : len(ids) - 1]
        mixed = mixed * _MIX2 + ids[2:]
    return np.unique(mixed)


def minhash_signature(tokens: list[str]) -> np.ndarray:
    """The datasketch MinHash (affine32 scheme) of the text's word shingles."""
    minhash = MinHash(
        num_perm=NUM_PERM, hashfunc=_identity, permutations=_PERMUTATIONS, scheme="affine32"
    )
    hashes = shingle_hashes(tokens)
    if len(hashes):
        minhash.update_batch(hashes.tolist())
    return minhash.hashvalues.astype("<u4")


def band_keys(signature: np.ndarray) -> tuple[int, ...]:
    """One key per LSH band: articles sharing any key are near-duplicate candidates."""
    keys = []
    for band in range(LSH_BANDS):
        chunk = signature[band * LSH_ROWS : (band + 1) * LSH_ROWS].tobytes()
        digest = hashlib.blake2b(bytes([band]) + chunk, digest_size=8).digest()
        keys.append(int.from_bytes(digest, "little", signed=True))
    return tuple(keys)


def jaccard(signature_a: bytes, signature_b: bytes) -> float:
    """Estimated Jaccard similarity of two articles' shingle sets from their signatures."""
    a = np.frombuffer(signature_a, dtype="<u4")
    b = np.frombuffer(signature_b, dtype="<u4")
    return float(np.count_nonzero(a == b)) / len(a)
