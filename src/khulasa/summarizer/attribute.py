"""Attribution: which outlets report what a summary sentence says.

The summary quotes one sentence; every other document whose best-matching sentence is similar
enough (cosine of TF-IDF stem vectors) is listed as support, with that sentence and the score, so
a reader can check the claim in each outlet's own words.
"""

from __future__ import annotations

from scipy.sparse import csc_array

from khulasa.model import SummarySentence, Support
from khulasa.summarizer.units import StoryUnits


def attribute(
    j: int, story_units: StoryUnits, similarity: csc_array, threshold: float
) -> SummarySentence:
    """The chosen sentence plus the best-matching sentence of every other outlet that agrees.

    ``similarity`` is :meth:`StoryUnits.similarity`, sparse by column: column ``j`` holds the
    sentences similar to ``j``."""
    units = story_units.units
    unit = units[j]
    support = [
        Support(unit.sentence.doc_id, unit.outlet, unit.sentence.index, unit.sentence.text, 1.0)
    ]
    start, end = similarity.indptr[j], similarity.indptr[j + 1]
    # Rounded before they are compared: a cosine is a sum whose order follows the stem ids of
    # the process's vocabulary (kept across calls), so two near-copies' scores can differ in the
    # last bit between two processes, or after other stories; rounded, a tie goes to the
    # earlier sentence in every process.
    column = {
        i: round(score, 9)
        for i, score in zip(
            similarity.indices[start:end].tolist(), similarity.data[start:end].tolist(), strict=True
        )
    }
    best: dict[int, int] = {}
    for i in sorted(column):
        other = units[i]
        if other.doc_rank == unit.doc_rank or column[i] < threshold:
            continue
        if other.doc_rank not in best or column[i] > column[best[other.doc_rank]]:
            best[other.doc_rank] = i
    for i in sorted(best.values(), key=lambda i: (-column[i], i)):
        other = units[i]
        support.append(
            Support(
                other.sentence.doc_id,
                other.outlet,
                other.sentence.index,
                other.sentence.text,
                round(float(column[i]), 3),
            )
        )
    return SummarySentence(
        text=unit.sentence.text,
        doc_id=unit.sentence.doc_id,
        sentence_index=unit.sentence.index,
        support=tuple(support),
    )
