"""The trained entity tagger: a CRF that marks people, places and organisations in a sentence.

The rules find what their lists and cues know; a name standing nowhere special, or a body no
pattern covers, escapes them. The CRF (trained by ``bench/train_tagger.py`` on NewsFANE Gold,
shipped as ``models/ner-ar.crfsuite`` under CC BY-SA 3.0, see ``models/NOTICE.md``) reads the
same cues as features, so it generalises from them instead of needing one more rule per story.

    >>> from khulasa.facts.tagger import load_tagger
    >>> [(s.label, s.text) for s in load_tagger().tag("قال وزير الخارجية سيرغي لافروف في موسكو")]
    [('PER', 'سيرغي لافروف'), ('LOC', 'موسكو')]

The model is opened once per process, on first use. Each span carries the lowest marginal
probability of its tokens' labels: the model's own confidence that the whole span is that
entity, which the entity extractor uses as a bar.
"""

from __future__ import annotations

from contextlib import ExitStack
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

import pycrfsuite

from khulasa.facts.crf_features import FeatureExtractor, TagToken, shared_extractor, tag_tokens

MODEL_NAME = "models/ner-ar.crfsuite"
LABELS = ("PER", "LOC", "ORG")


@dataclass(frozen=True)
class Span:
    """An entity the tagger found: its class, character span, text and confidence."""

    label: str  # "PER", "LOC" or "ORG"
    start: int
    end: int
    text: str
    probability: float


class EntityTagger:
    """A loaded CRF model and the feature extractor it was trained with."""

    def __init__(self, model: Path, extractor: FeatureExtractor | None = None) -> None:
        if not model.is_file():
            raise FileNotFoundError(
                f"entity tagger model not found: {model} (train it with bench/train_tagger.py)"
            )
        self._tagger = pycrfsuite.Tagger()
        self._tagger.open(str(model))
        self._extractor = extractor or shared_extractor()

    def tag(self, text: str) -> list[Span]:
        """The entities of one sentence, left to right."""
        return self.tag_tokens(text, tag_tokens(text))

    def tag_tokens(self, text: str, tokens: list[TagToken]) -> list[Span]:
        """The entities of a sentence already cut by :func:`tag_tokens`."""
        if not tokens:
            return []
        self._tagger.set(self._extractor.sentence([t.text for t in tokens]))
        labels = self._tagger.tag()
        spans: list[Span] = []
        n = 0
        while n < len(labels):
            label = labels[n]
            if label == "O":
                n += 1
                continue
            kind = label[2:]
            probability = self._tagger.marginal(label, n)
            m = n + 1
            while m < len(labels) and labels[m] == f"I-{kind}":
                probability = min(probability, self._tagger.marginal(labels[m], m))
                m += 1
            start, end = tokens[n].start, tokens[m - 1].end
            spans.append(Span(kind, start, end, text[start:end], round(probability, 4)))
            n = m
        return spans


_files = ExitStack()


@cache
def load_tagger() -> EntityTagger:
    """The shipped tagger, opened once (the package data file, extracted if zipped)."""
    resource = resources.files("khulasa.facts").joinpath(MODEL_NAME)
    return EntityTagger(_files.enter_context(resources.as_file(resource)))
