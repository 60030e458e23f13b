"""ROUGE-1, ROUGE-2 and ROUGE-SU4 against several references, with Arabic-aware tokens.

The n-gram counting and overlap arithmetic are rouge-score's own (``_create_ngrams`` and
``_score_ngrams``), so on English text with rouge-score's default tokenizer the numbers are
exactly rouge-score's. What changes for Arabic is the tokenizer: rouge-score's default one keeps
only ``[a-z0-9]`` and turns an Arabic summary into nothing, and the Perl ROUGE-1.5.5 drops
non-Latin letters the same way. Here tokens come from :meth:`Language.tokens`, which strips
tashkeel/tatweel and unifies alef forms, ى→ي and ة→ه; no stemming, no stopword removal, as in the
MultiLing protocol.

Several references are handled as MultiLing reports them: the summary is scored against each
reference and the scores are averaged. Summaries are cut to the word limit before scoring, so a
system cannot win by being long.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Protocol

from rouge_score import rouge_scorer, scoring

from khulasa.evaluation import DEFAULT_WORDS
from khulasa.language import get_language

METRICS = ("rouge1", "rouge2", "rougeSU4")
SKIP_GAP = 4  # ROUGE-SU4: at most 4 words between the two words of a skip-bigram


class Tokenizer(Protocol):
    """What rouge-score calls a tokenizer: an object with ``tokenize(text) -> tokens``."""

    def tokenize(self, text: str) -> list[str]: ...


class LanguageTokenizer:
    """rouge-score tokenizer backed by a khulasa language plug-in's normalized word tokens."""

    def __init__(self, language: str = "ar") -> None:
        self._tokens = get_language(language).tokens

    def tokenize(self, text: str) -> list[str]:
        return [t.lower() for t in self._tokens(text)]


@dataclass(frozen=True)
class RougeScore:
    """Precision, recall and F1 of one metric, as fractions (0–1)."""

    precision: float
    recall: float
    f: float


Counts = Counter[tuple[str, ...]]


def truncate_words(text: str, words: int | None) -> str:
    """The first ``words`` whitespace-separated words of ``text`` (all of it when None)."""
    if words is None:
        return text
    return " ".join(text.split()[:words])


def skip_bigrams(tokens: Sequence[str], gap: int = SKIP_GAP) -> Counts:
    """Ordered word pairs with at most ``gap`` words between them (ROUGE-S with a skip limit)."""
    counts: Counts = Counter()
    for i, first in enumerate(tokens):
        for second in tokens[i + 1 : i + gap + 2]:
            counts[(first, second)] += 1
    return counts


def _unigrams(tokens: Sequence[str]) -> Counts:
    return rouge_scorer._create_ngrams(tokens, 1)


def _bigrams(tokens: Sequence[str]) -> Counts:
    return rouge_scorer._create_ngrams(tokens, 2)


def _su4(tokens: Sequence[str]) -> Counts:
    """Skip-bigrams plus unigrams, the ``-2 4 -u`` setting of ROUGE-1.5.5."""
    counts = skip_bigrams(tokens)
    counts.update(_unigrams(tokens))
    return counts


_COUNTERS: dict[str, Callable[[Sequence[str]], Counts]] = {
    "rouge1": _unigrams,
    "rouge2": _bigrams,
    "rougeSU4": _su4,
}


class RougeEvaluator:
    """Scores summaries against a fixed set of references (their n-grams are counted once).

    Keeping the reference counts makes repeated scoring cheap, which the greedy ROUGE oracle and
    the bootstrap need.
    """

    def __init__(
        self,
        references: Sequence[str],
        words: int | None = DEFAULT_WORDS,
        tokenizer: Tokenizer | None = None,
        metrics: Sequence[str] = METRICS,
    ) -> None:
        if not references:
            raise ValueError("ROUGE needs at least one reference summary")
        unknown = set(metrics) - set(_COUNTERS)
        if unknown:
            raise ValueError(f"unknown ROUGE metric(s): {', '.join(sorted(unknown))}")
        self.words = words
        self.tokenizer = tokenizer or LanguageTokenizer()
        self.metrics = tuple(metrics)
        ref_tokens = [self.tokenizer.tokenize(r) for r in references]
        self._refs = {m: [_COUNTERS[m](t) for t in ref_tokens] for m in self.metrics}

    def tokens(self, summary: str) -> list[str]:
        """The summary's tokens after cutting it to the word limit."""
        return self.tokenizer.tokenize(truncate_words(summary, self.words))

    def score(self, summary: str) -> dict[str, RougeScore]:
        """Each metric's precision/recall/F averaged over the references."""
        return self.score_tokens(self.tokens(summary))

    def score_tokens(self, tokens: Sequence[str]) -> dict[str, RougeScore]:
        """Like :meth:`score`, for tokens already cut and tokenized."""
        result = {}
        for metric in self.metrics:
            counts = _COUNTERS[metric](tokens)
            per_ref = [rouge_scorer._score_ngrams(ref, counts) for ref in self._refs[metric]]
            result[metric] = _mean(per_ref)
        return result

    def recall(self, tokens: Sequence[str], metric: str = "rouge2") -> float:
        """Mean recall of one metric (the oracle's objective), without building score objects."""
        counts = _COUNTERS[metric](tokens)
        total = 0.0
        for ref in self._refs[metric]:
            hits = sum(min(n, counts[g]) for g, n in ref.items())
            total += hits / max(sum(ref.values()), 1)
        return total / len(self._refs[metric])


def rouge(
    summary: str,
    references: Sequence[str],
    words: int | None = DEFAULT_WORDS,
    tokenizer: Tokenizer | None = None,
) -> dict[str, RougeScore]:
    """ROUGE-1/2/SU4 of ``summary`` against ``references`` (mean over references)."""
    return RougeEvaluator(references, words, tokenizer).score(summary)


def _mean(scores: Sequence[scoring.Score]) -> RougeScore:
    n = len(scores)
    return RougeScore(
        precision=sum(s.precision for s in scores) / n,
        recall=sum(s.recall for s in scores) / n,
        f=sum(s.fmeasure for s in scores) / n,
    )
