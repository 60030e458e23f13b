"""Khulasa's summarizer: weighted concept coverage across outlets, selected exactly.

A *concept* is a pair of adjacent content stems (a stemmed bigram with stopwords removed). Its
weight is the number of documents that carry it: what several outlets report is what the story
is about, while a detail one outlet adds is not. Sentences are chosen to cover the most concept
weight within the budget (see :mod:`khulasa.summarizer.select`), ordered by date and position,
and each chosen sentence is attributed to every outlet that reports the same content.
"""

from __future__ import annotations

import re
import time
from collections import Counter
from collections.abc import Hashable
from dataclasses import dataclass
from datetime import date
from typing import Literal

import numpy as np
from scipy.sparse import csc_array

from khulasa.language import Language, get_language
from khulasa.model import Budget, Story, Summary
from khulasa.summarizer.attribute import attribute
from khulasa.summarizer.select import greedy_select, select_sentences
from khulasa.summarizer.units import ConceptKind, StoryUnits, Unit, build_units

_SENTENCE_END = re.compile(r"[.!?؟…][\"'”»)\]]*\s*$")


@dataclass(frozen=True)
class SummarizerSettings:
    """Knobs of the concept summarizer.

    Defaults are the best of a small grid on MultiLing 2011 Arabic, whose honest (held-out)
    score is measured by leave-one-topic-out in bench/tune.py; what helped and what did not is in
    bench/NOTES.md.

    ``min_words``/``max_words``: candidate sentences are whole statements (headlines, captions
    and subheadings are shorter) but not run-ons that would eat the budget alone. Coverage
    objectives favour short sentences (more distinct concepts per word), which reads choppy and
    scores worse, hence a floor of 12 words.
    ``duplicate_similarity``: cosine above which two sentences are copies (at most one is used).
    ``support_similarity``: cosine above which another outlet's sentence counts as reporting the
    same thing, for attribution.
    ``position_weight``: value, in concept-weight units, of a sentence being its document's lead,
    decaying with position; 0 disables the prior.
    ``concepts``: "bigram" (adjacent content stems), "unigram" or "bigram+stop" (stopwords kept
    in place); see :func:`khulasa.summarizer.units.build_units`.
    ``min_reports``: concepts found in fewer independent reports get no weight.
    ``weight_power``: a concept is worth (number of reports) ** weight_power.
    ``centroid_weight``: per-word value of a sentence's closeness to the story's centroid (cosine
    of TF-IDF vectors): central sentences carry the story's main line, which concept coverage
    alone trades away for many small details.
    ``length_bonus``: per-word value of a sentence, to fill the budget.
    ``strip_leading``: leading attribution/link words ("وقال", "وأضاف", "من جهته") do not form
    concepts.
    ``mip_gap``: the exact selection is proven within this fraction of the best objective value.
    1 % is several times faster than proving the optimum and scores the same (bench/NOTES.md);
    the solver runs single-threaded with a fixed seed, so the same input gives the same summary.
    ``selector``: "greedy" (cost-scaled greedy with the (1 - 1/e)/2 guarantee: milliseconds, and
    steadier across settings than the exact program, see bench/NOTES.md) or "exact" (the integer
    program, proven within ``mip_gap`` of the optimum; tens to hundreds of milliseconds).
    """

    min_words: int = 12
    max_words: int = 90
    duplicate_similarity: float = 0.7
    support_similarity: float = 0.45
    position_weight: float = 30.0
    concepts: ConceptKind = "bigram"
    min_reports: int = 2
    weight_power: float = 1.0
    centroid_weight: float = 10.0
    length_bonus: float = 0.0
    strip_leading: bool = True
    mip_gap: float = 0.01
    selector: Literal["exact", "greedy"] = "greedy"
    aligned_redundancy: float = 0.0  # P(same) of the claim aligner above which two sentences
    # cannot both be chosen; 0 leaves the aligner out (bench/align_redundancy.py measures it)


class ConceptSummarizer:
    """Summarize a story into sentences quoted whole, each carrying its sources."""

    def __init__(
        self, settings: SummarizerSettings | None = None, language: Language | None = None
    ) -> None:
        self.settings = settings or SummarizerSettings()
        self.language = language or get_language()
        # Seconds spent in each stage of the last call, for bench/speed.py.
        self.timings: dict[str, float] = {}

    def __call__(self, story: Story, budget: Budget) -> Summary:
        clock = _Clock()
        story_units = build_units(
            story.documents, self.language, self.settings.concepts, self.settings.strip_leading
        )
        units = story_units.units
        clock.lap("units")
        settings = self.settings
        similarity = story_units.similarity(
            min(settings.duplicate_similarity, settings.support_similarity)
        )
        copies = copy_groups(similarity, self.settings.duplicate_similarity)
        candidates = [j for j, unit in enumerate(units) if self._is_candidate(unit)]
        position = {j: k for k, j in enumerate(candidates)}
        power = self.settings.weight_power
        weights = {
            c: w**power
            for c, w in concept_weights(units, copies, self.settings.min_reports).items()
        }
        bonus = self._sentence_bonus(story_units, candidates)
        clock.lap("score")
        problem = dict(
            costs=_costs(units, candidates, budget),
            concepts=[units[j].concepts for j in candidates],
            weights=weights,
            budget=budget.sentence_limit,
            exclusive_groups=[
                [position[j] for j in group if j in position] for group in sorted(set(copies))
            ]
            + self._same_claim_pairs(units, candidates),
            bonus=bonus,
        )
        if self.settings.selector == "greedy":
            chosen = greedy_select(**problem)
        else:
            chosen = select_sentences(**problem, mip_gap=self.settings.mip_gap)
        clock.lap("select")
        picked = [candidates[k] for k in chosen]
        ordered = sorted(picked, key=lambda j: _order_key(units[j], story))
        sentences = tuple(
            attribute(j, story_units, similarity, self.settings.support_similarity) for j in ordered
        )
        clock.lap("attribute")
        self.timings = clock.laps
        warnings = ()
        if not sentences:
            warnings = ("no sentence fits the budget; try a larger --words or --chars",)
        return Summary(sentences=sentences, budget=budget, story=story, warnings=warnings)

    def _same_claim_pairs(self, units: tuple[Unit, ...], candidates: list[int]) -> list[list[int]]:
        """Pairs of candidates (by position) that the claim aligner holds to state one claim."""
        if not self.settings.aligned_redundancy:
            return []
        from khulasa.align.features import story_idf  # the aligner only when asked for
        from khulasa.align.judge import default_judge

        judge = default_judge()
        texts = [units[j].sentence.text for j in candidates]
        context = story_idf([u.sentence.text for u in units])
        views = [judge.view(t) for t in texts]
        pairs = []
        for a in range(len(views)):
            for b in range(a + 1, len(views)):
                if not views[a].weights.keys() & views[b].weights.keys():
                    continue
                verdict = judge.judge_views(views[a], views[b], context)
                if verdict.same >= self.settings.aligned_redundancy:
                    pairs.append([a, b])
        return pairs

    def _is_candidate(self, unit: Unit) -> bool:
        """Whole statements only: headlines, captions and subheadings do not end like sentences."""
        if not self.settings.min_words <= unit.words <= self.settings.max_words:
            return False
        return bool(_SENTENCE_END.search(unit.sentence.text)) or unit.words >= 15

    def _sentence_bonus(self, story_units: StoryUnits, candidates: list[int]) -> list[float] | None:
        """Per-sentence value beside concept coverage: lead position, centrality, length."""
        position, per_word = self.settings.position_weight, self.settings.length_bonus
        central = self.settings.centroid_weight
        if not position and not per_word and not central:
            return None
        units = story_units.units
        bonus = np.array(
            [
                position / (1 + units[j].sentence.index) + per_word * units[j].words
                for j in candidates
            ]
        )
        if central:
            cosine = story_units.centrality[candidates]
            words = np.array([units[j].words for j in candidates])
            bonus += central * cosine * words
        return bonus.tolist()


def concept_weights(
    units: tuple[Unit, ...], copies: list[tuple[int, ...]], min_reports: int = 2
) -> dict[Hashable, float]:
    """Concept → number of independent reports carrying it.

    A report is a document, except that copies of one sentence (syndicated wire text) count as a
    single report wherever they appear: two outlets running the same agency sentence are one
    source, not two. With several reports, concepts found in only one are dropped: they are what a
    single outlet adds, and keeping them lets long idiosyncratic sentences win on sheer size. A
    lone document weighs concepts by how often it repeats them.
    """
    if len({u.doc_rank for u in units}) == 1:
        counts = Counter(c for u in units for c in u.concepts)
        return {c: float(n) for c, n in counts.items() if n > 1} or dict.fromkeys(counts, 1.0)
    # Report ids: documents are 0..n-1; a group of copies is n + its first sentence's index.
    n_docs = 1 + max(u.doc_rank for u in units)
    carried: dict[int, set[Hashable]] = {}  # report → every concept it carries
    for j, unit in enumerate(units):
        report = n_docs + copies[j][0] if len(copies[j]) > 1 else unit.doc_rank
        found = carried.get(report)
        if found is None:
            carried[report] = set(unit.concepts)
        else:
            found |= unit.concepts
    reports: Counter[Hashable] = Counter()
    for concepts in carried.values():
        reports.update(concepts)  # counted in C: one report adds one to each of its concepts
    return {c: float(n) for c, n in reports.items() if n >= min_reports}


def copy_groups(similarity: csc_array, threshold: float) -> list[tuple[int, ...]]:
    """For every sentence, the sorted tuple of sentences it copies (itself included)."""
    n = similarity.shape[0]
    parent = list(range(n))

    def root(k: int) -> int:
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    pairs = similarity.tocoo()
    alike = (pairs.data >= threshold) & (pairs.row < pairs.col)
    for a, b in zip(pairs.row[alike].tolist(), pairs.col[alike].tolist(), strict=True):
        parent[root(a)] = root(b)
    members: dict[int, list[int]] = {}
    for k in range(n):
        members.setdefault(root(k), []).append(k)
    return [tuple(members[root(k)]) for k in range(n)]


def _costs(units: tuple[Unit, ...], candidates: list[int], budget: Budget) -> list[int]:
    """What each candidate costs against the budget; a word budget reuses the units' counts."""
    if budget.unit == "words":  # Budget.cost counts whitespace words, as Unit.words does
        return [units[j].words for j in candidates]
    return [budget.sentence_cost(units[j].sentence.text) for j in candidates]


def _order_key(unit: Unit, story: Story) -> tuple[date, int, int]:
    """Earlier events first: by publication date, then position in the article, then input order.

    An undated article is taken to be from the story's first day, the usual case for the pages of
    one event; with no dates at all only position and input order count.
    """
    dates = [d.article.published for d in story.documents if d.article.published]
    default = min(dates) if dates else date.min
    published = story.documents[unit.doc_rank].article.published or default
    return (published, unit.sentence.index, unit.doc_rank)


class _Clock:
    """Stage timer: ``lap(name)`` records the seconds since the previous lap."""

    def __init__(self) -> None:
        self.laps: dict[str, float] = {}
        self._last = time.perf_counter()

    def lap(self, name: str) -> None:
        now = time.perf_counter()
        self.laps[name] = now - self._last
        self._last = now
