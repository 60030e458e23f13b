"""Sections above the stories: all market news one click away, events kept apart.

A story is one event; a reader also wants the day's news by section (world, local, economy,
sports, culture, opinion). The section must not be folded back into the stories: that was the
old engine's error, a topic passed off as a story.

Each article is classified once, at ingest, by a linear model over the stems the store keeps of
it (its 100 heaviest, lead counted double). No one labelled SaudiNewsNet by section, but two of
its outlets print the section in their URLs; the model is fitted on those editors' choices
(``bench/train_sections.py``) and reads the other outlets. A story's section is its members'
most frequent one (``khulasa.store.db.STORY_SECTION``), so one stray member does not move it
and a page filters by section in SQL.

A finer level (running topics such as the Yemen war within "world") was measured and not
adopted: grouping a listing's stories by their stems did no better than leaving every story
alone on the held-out day (``bench/results/sections.md``).
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from functools import cache
from importlib import resources

import numpy as np

SECTIONS = ("world", "local", "economy", "sports", "culture", "opinion")

Terms = Sequence[tuple[str, int]]  # one article's stored (stem, count) pairs


class SectionModel:
    """Multinomial logistic regression over an article's tf-idf stems (sublinear tf, l2), as
    scikit-learn fitted it, computed with numpy: a few stems' rows of one matrix per article."""

    def __init__(self, sections: Sequence[str], intercept: Sequence[float], stems: Mapping):
        self.sections = tuple(sections)
        self.intercept = np.asarray(intercept, dtype=float)
        self.index = {stem: i for i, stem in enumerate(stems)}
        table = np.asarray(list(stems.values()), dtype=float).reshape(len(stems), -1)
        self.idf = table[:, 0]  # stem -> its idf in the training articles
        self.weights = table[:, 1:]  # stem -> one weight per section

    @classmethod
    def from_dict(cls, data: Mapping[str, object]) -> SectionModel:
        return cls(data["sections"], data["intercept"], data["stems"])  # type: ignore[arg-type]

    def probabilities(self, terms: Terms) -> np.ndarray:
        """Each section's probability for one article; None of its stems known: the priors."""
        known = [(self.index[t], n) for t, n in terms if n > 0 and t in self.index]
        scores = self.intercept.copy()
        if known:
            rows = np.fromiter((i for i, _ in known), dtype=np.int64, count=len(known))
            tf = 1.0 + np.log(np.fromiter((n for _, n in known), dtype=float, count=len(known)))
            x = tf * self.idf[rows]
            scores += (x / np.linalg.norm(x)) @ self.weights[rows]
        exps = np.exp(scores - scores.max())
        return exps / exps.sum()

    def classify(self, terms: Terms) -> str | None:
        """One article's most probable section; None when none of its stems is known."""
        if not any(t in self.index for t, _ in terms):
            return None
        return self.sections[int(np.argmax(self.probabilities(terms)))]


@cache
def shipped_section_model(language: str = "ar") -> SectionModel | None:
    """The model shipped for ``language``, or None when the language has none."""
    path = resources.files("khulasa.stories").joinpath(f"data/sections_{language}.json")
    if not path.is_file():
        return None
    return SectionModel.from_dict(json.loads(path.read_text(encoding="utf-8")))
