"""Attribution: which outlets report what a summary sentence says.

The summary quotes one sentence; every other document whose best-matching sentence is similar
enough (cosine of TF-IDF stem vectors) is listed as support, with that sentence and the score, so
a reader can check the claim in each outlet's own words.
"""

from __future__ import annotations

import numpy as np

from khulasa.model import SummarySentence, Support
from khulasa.summarizer.units import StoryUnits


def attribute(
    j: int, story_units: StoryUnits, similarity: np.ndarray, threshold: float
) -> SummarySentence:
    """The chosen sentence plus the best-matching sentence of every other outlet that agrees."""
    units = story_units.units
    unit = units[j]
    support = [
        Support(unit.sentence.doc_id, unit.outlet, unit.sentence.index, unit.sentence.text, 1.0)
    ]
    best: dict[int, int] = {}
    for i, other in enumerate(units):
        if other.doc_rank == unit.doc_rank or similarity[i, j] < threshold:
            continue
        if other.doc_rank not in best or similarity[i, j] > similarity[best[other.doc_rank], j]:
            best[other.doc_rank] = i
    for i in sorted(best.values(), key=lambda i: -similarity[i, j]):
        other = units[i]
        support.append(
            Support(
                other.sentence.doc_id,
                other.outlet,
                other.sentence.index,
                other.sentence.text,
                round(float(similarity[i, j]), 3),
            )
        )
    return SummarySentence(
        text=unit.sentence.text,
        doc_id=unit.sentence.doc_id,
        sentence_index=unit.sentence.index,
        support=tuple(support),
    )
