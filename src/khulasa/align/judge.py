"""The sentence-pair judge: same claim, contradicts, or unrelated, with a probability.

Two logistic regressions over :data:`khulasa.align.features.FEATURES` (see :class:`Model`),
fitted by ``bench/train_aligner.py`` and shipped as plain numbers (``data/model.json``): no
pickle, no scikit-learn at run time, and the same input always gives the same verdict. Logistic
regression rather than boosted trees because its probabilities come out close to calibrated
(measured in bench/results/align.md), so a threshold chosen on them keeps its meaning.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources

from khulasa.align.features import (
    FEATURES,
    Evidence,
    Idf,
    View,
    lexical,
    load_idf,
    pair_features,
    read,
)

LABELS = ("same", "contradicts", "unrelated")


@dataclass(frozen=True)
class Verdict:
    """What the judge says about one pair, and the spans that decided it."""

    label: str  # one of LABELS
    probabilities: dict[str, float]
    evidence: Evidence

    @property
    def same(self) -> float:
        """Probability that both sentences report one claim (agreeing or not on details)."""
        return self.probabilities["same"]

    @property
    def related(self) -> float:
        """Probability that the pair is about one claim at all: same or contradicting."""
        return self.probabilities["same"] + self.probabilities["contradicts"]


@dataclass(frozen=True)
class Head:
    """One binary logistic regression over standardised features."""

    mean: tuple[float, ...]
    scale: tuple[float, ...]
    coef: tuple[float, ...]
    intercept: float

    def probability(self, values: Sequence[float]) -> float:
        z = self.intercept + sum(
            w * (v - m) / s
            for w, v, m, s in zip(self.coef, values, self.mean, self.scale, strict=True)
        )
        return 1.0 / (1.0 + math.exp(-z)) if z > -500 else 0.0

    def to_json(self) -> dict:
        return {
            "mean": self.mean,
            "scale": self.scale,
            "coef": self.coef,
            "intercept": self.intercept,
        }


@dataclass(frozen=True)
class Model:
    """Two heads, as the training script fitted them.

    ``related``: is the pair about one claim at all (same or contradicting) rather than two
    claims? ``contradicts``: given one claim, do the two sides disagree on it? The three
    probabilities are their products, so they sum to one, and each head is fitted on the data
    that can teach it: relatedness on cross-outlet story sentences, disagreement on ANS's
    near-paraphrase headline pairs, where only a detail changes.
    """

    features: tuple[str, ...]
    related: Head
    contradicts: Head
    thresholds: dict[str, float]

    def probabilities(self, values: Sequence[float]) -> dict[str, float]:
        related = self.related.probability(values)
        contra = self.contradicts.probability(values)
        return {
            "same": related * (1 - contra),
            "contradicts": related * contra,
            "unrelated": 1 - related,
        }


@cache
def load_model() -> Model:
    """The shipped model; refuses one fitted on other features than this code computes."""
    raw = json.loads(
        resources.files("khulasa.align").joinpath("data/model.json").read_text(encoding="utf-8")
    )
    if tuple(raw["features"]) != FEATURES or tuple(raw["labels"]) != LABELS:
        raise RuntimeError(
            "khulasa/align/data/model.json was fitted on other features; run bench/train_aligner.py"
        )
    heads = {
        name: Head(
            tuple(raw[name]["mean"]),
            tuple(raw[name]["scale"]),
            tuple(raw[name]["coef"]),
            float(raw[name]["intercept"]),
        )
        for name in ("related", "contradicts")
    }
    return Model(
        tuple(raw["features"]), heads["related"], heads["contradicts"], dict(raw["thresholds"])
    )


class Judge:
    """Judges sentence pairs; each sentence is read once and kept (a story's worth)."""

    def __init__(self, model: Model | None = None, idf: Idf | None = None) -> None:
        self.model = model or load_model()
        self.idf = idf or load_idf()
        self._views: dict[str, View] = {}

    def view(self, text: str) -> View:
        found = self._views.get(text)
        if found is None:
            if len(self._views) > 100_000:
                self._views.clear()  # a long-running process must not grow without end
            found = self._views[text] = read(text, self.idf)
        return found

    def judge(self, a: str, b: str) -> Verdict:
        """The verdict on two sentences (order matters little: features are mostly symmetric)."""
        return self.judge_views(self.view(a), self.view(b))

    def judge_views(self, a: View, b: View, context: Idf | None = None) -> Verdict:
        values, evidence = pair_features(a, b, self.idf, context)
        probabilities = self.model.probabilities(values)
        label = max(LABELS, key=probabilities.__getitem__)
        return Verdict(label, probabilities, evidence)

    def best_window(
        self, claim: str, sentences: Sequence[str], context: Idf | None = None
    ) -> tuple[tuple[int, int], Verdict] | None:
        """Where a document says ``claim`` most fully: one sentence or two adjacent ones.

        The window is the one that covers most of the claim's weighted stems (ties to the
        higher cosine), the same rule the training script used to pick the window it fitted
        on, so the model sees at run time the kind of pair it learnt from; then it is judged.
        Returns the (first, last) sentence indices and the verdict, or None for a document
        with no sentence sharing a content word with the claim (unrelated, not scored).
        ``context``: the story's IDF (:func:`khulasa.align.features.story_idf`).
        """
        target = self.view(claim)
        views = [self.view(s) for s in sentences]
        best: tuple[float, tuple[int, int], View] | None = None
        for i, view in enumerate(views):
            if not target.weights.keys() & view.weights.keys():
                continue
            candidates = [((i, i), view)]
            if i + 1 < len(views):
                candidates.append(((i, i + 1), self.view(f"{sentences[i]} {sentences[i + 1]}")))
            for span, window in candidates:
                score = coverage(target, window, context or self.idf)
                if best is None or score > best[0]:
                    best = (score, span, window)
        if best is None:
            return None
        return best[1], self.judge_views(target, best[2], context)


def coverage(claim: View, window: View, idf: Idf) -> float:
    """How much of the claim a window says: IDF-weighted containment plus cosine, the
    window-picking key (under the story's IDF when there is a story, so that the words of this
    claim count, not the names every outlet repeats); a two-sentence window must add words of
    the claim to beat its first sentence, since containment can only grow and cosine falls
    with the extra words."""
    cosine, contained, _ = lexical(claim, window, idf)
    return contained + cosine


@cache
def default_judge() -> Judge:
    """One judge per process, so its sentence cache is shared across calls."""
    return Judge()
