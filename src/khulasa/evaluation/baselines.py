"""Reference points for khulasa's scores: simple baselines, classic graph/LSA/KL rankers, a ceiling.

Every extractive system here chooses whole sentences from the *same cleaned sentences* khulasa
sees (the story's ``Document.sentences``) within the same word budget, so a difference in ROUGE is
a difference in choosing, not in cleaning or splitting. sumy's rankers get documents built from
our sentences and our tokens (normalized Arabic stems, stopwords removed) because sumy's own
Arabic sentence splitting and tokenizing are poor. The lead baselines cut the article text at the
word limit, as the DUC/TAC lead baseline does.
"""

from __future__ import annotations

import math
import random
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

import numpy as np

from khulasa.evaluation.rouge import RougeEvaluator, truncate_words
from khulasa.language import Language
from khulasa.model import Sentence, Story

RANDOM_RUNS = 10
SUMY_METHODS = ("lexrank", "textrank", "lsa", "kl")


@dataclass(frozen=True)
class Candidate:
    """A sentence a baseline may pick, with its document's rank in the story."""

    doc_rank: int
    sentence: Sentence

    @property
    def text(self) -> str:
        return self.sentence.text

    @property
    def words(self) -> int:
        return len(self.sentence.text.split())


def candidates(story: Story) -> list[Candidate]:
    """All cleaned sentences of the story, in document then sentence order."""
    return [
        Candidate(rank, sentence)
        for rank, doc in enumerate(story.documents)
        for sentence in doc.sentences
    ]


def pack(ranked: Iterable[Candidate], words: int) -> str:
    """Take sentences best-first while they fit in ``words``; output them in story order.

    A sentence that does not fit is skipped (a shorter one further down may still fit), and an
    exact repeat of a chosen sentence (syndicated copy) is never taken twice.
    """
    chosen: list[Candidate] = []
    used, seen = 0, set()
    for cand in ranked:
        if cand.text in seen or used + cand.words > words:
            continue
        chosen.append(cand)
        seen.add(cand.text)
        used += cand.words
        if used >= words:
            break
    chosen.sort(key=lambda c: (c.doc_rank, c.sentence.index))
    return " ".join(c.text for c in chosen)


def lead(story: Story, words: int, which: str = "first") -> str:
    """The first ``words`` words of the first (or the latest) article.

    "Latest" is the most recent publication date, or the last article when there are no dates.
    """
    docs = story.documents
    if not docs:
        return ""
    if which == "first":
        doc = docs[0]
    elif which == "latest":
        dated = [(d.article.published, i) for i, d in enumerate(docs) if d.article.published]
        doc = docs[max(dated)[1]] if dated else docs[-1]
    else:
        raise ValueError(f"lead: which must be 'first' or 'latest', not {which!r}")
    return truncate_words(doc.text, words)


def random_summaries(story: Story, words: int, runs: int = RANDOM_RUNS) -> list[str]:
    """``runs`` summaries of randomly ordered sentences, seeded 0..runs-1 (reproducible)."""
    pool = candidates(story)
    out = []
    for seed in range(runs):
        order = pool[:]
        random.Random(seed).shuffle(order)
        out.append(pack(order, words))
    return out


def centroid(story: Story, words: int, language: Language, redundancy: float = 0.7) -> str:
    """Sentences closest to the story's TF-IDF centroid, skipping near-copies of chosen ones.

    The classic MEAD-style centroid summarizer (Radev et al., 2004) without position features.
    """
    pool = candidates(story)
    if not pool:
        return ""
    vectors = _tfidf([language.terms(c.text) for c in pool], [c.doc_rank for c in pool])
    center = vectors.mean(axis=0)
    norm = np.linalg.norm(center)
    scores = vectors @ (center / norm) if norm else np.zeros(len(pool))
    chosen: list[int] = []
    for j in np.argsort(-scores, kind="stable"):
        if any(float(vectors[j] @ vectors[k]) > redundancy for k in chosen):
            continue
        chosen.append(int(j))
    return pack((pool[j] for j in chosen), words)


def sumy_summary(story: Story, words: int, language: Language, method: str) -> str:
    """Rank the story's sentences with one of sumy's summarizers and fill the budget."""
    from sumy.models.dom import ObjectDocumentModel, Paragraph
    from sumy.models.dom import Sentence as SumySentence

    pool = candidates(story)
    if not pool:
        return ""
    tokenizer = _SumyTokenizer(language)
    by_text: dict[str, Candidate] = {}
    paragraphs: list[list[SumySentence]] = []
    last_paragraph = None
    for cand in pool:
        if cand.text in by_text:  # sumy keys ratings by text: keep the first copy only
            continue
        by_text[cand.text] = cand
        paragraph = (cand.doc_rank, cand.sentence.paragraph)
        if paragraph != last_paragraph:
            paragraphs.append([])
            last_paragraph = paragraph
        paragraphs[-1].append(SumySentence(cand.text, tokenizer))
    document = ObjectDocumentModel(tuple(Paragraph(p) for p in paragraphs))
    ranked: list[Candidate] = []

    def take_by_rating(infos: Sequence[object]) -> list[object]:
        # sumy hands the sentence infos best-first to a callable "count": we fill the budget.
        ranked.extend(by_text[str(info.sentence)] for info in infos)  # type: ignore[attr-defined]
        return list(infos)

    _sumy_summarizer(method)(document, take_by_rating)
    return pack(ranked, words)


def oracle(story: Story, words: int, evaluator: RougeEvaluator) -> str:
    """Greedy ROUGE-2-recall oracle: the ceiling for choosing among these sentences.

    Adds, one at a time, the sentence that raises mean ROUGE-2 recall against the references
    most, while it fits; stops when no sentence adds anything.
    """
    pool = [c for c in candidates(story) if c.words <= words]
    tokens = [evaluator.tokenizer.tokenize(c.text) for c in pool]
    chosen: list[int] = []
    summary: list[str] = []
    used, best = 0, 0.0
    while True:
        gain, pick = 0.0, -1
        for j, cand in enumerate(pool):
            if j in chosen or used + cand.words > words:
                continue
            score = evaluator.recall(summary + tokens[j], "rouge2")
            if score - best > gain:
                gain, pick = score - best, j
        if pick < 0:
            break
        chosen.append(pick)
        summary += tokens[pick]
        used += pool[pick].words
        best += gain
    return pack((pool[j] for j in chosen), words)


class _SumyTokenizer:
    """sumy's tokenizer interface over khulasa's language: content stems as the words."""

    def __init__(self, language: Language) -> None:
        self.language = language

    def to_sentences(self, text: str) -> list[str]:
        return self.language.split_sentences(text)

    def to_words(self, text: str) -> tuple[str, ...]:
        return tuple(self.language.terms(text))


def _sumy_summarizer(method: str) -> Callable[..., object]:
    if method == "lexrank":
        from sumy.summarizers.lex_rank import LexRankSummarizer

        return LexRankSummarizer()
    if method == "textrank":
        from sumy.summarizers.text_rank import TextRankSummarizer

        return TextRankSummarizer()
    if method == "lsa":
        from sumy.summarizers.lsa import LsaSummarizer

        return LsaSummarizer()
    if method == "kl":
        from sumy.summarizers.kl import KLSummarizer

        return KLSummarizer()
    raise ValueError(f"unknown sumy method {method!r} (known: {', '.join(SUMY_METHODS)})")


def _tfidf(terms: Sequence[list[str]], docs: Sequence[int]) -> np.ndarray:
    """Sentence vectors, L2-normalised, with IDF over the story's documents."""
    vocab: dict[str, int] = {}
    for ts in terms:
        for t in ts:
            vocab.setdefault(t, len(vocab))
    doc_terms: dict[int, set[str]] = {}
    for ts, d in zip(terms, docs, strict=True):
        doc_terms.setdefault(d, set()).update(ts)
    df: Counter[str] = Counter(t for ts in doc_terms.values() for t in ts)
    n_docs = len(doc_terms)
    matrix = np.zeros((len(terms), max(len(vocab), 1)))
    for row, ts in enumerate(terms):
        for t, count in Counter(ts).items():
            matrix[row, vocab[t]] = (1 + math.log(count)) * math.log(1 + n_docs / df[t])
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return matrix / norms
