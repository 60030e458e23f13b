"""Khulasa (خلاصة, "the gist"): raw Arabic news pages in, short sourced summaries out.

>>> import khulasa
>>> summary = khulasa.summarize(["examples/aleppo-2016-12/manifest.jsonl"], words=80)
>>> for sentence in summary.sentences:
...     print(sentence.outlets, sentence.text)
"""

from khulasa.model import (
    Article,
    Budget,
    Document,
    Sentence,
    Story,
    Summary,
    SummarySentence,
    Support,
)
from khulasa.pipeline import summarize
from khulasa.problems import NothingToSummarize, Problem

__version__ = "0.1.0"

__all__ = [
    "Article",
    "Budget",
    "Document",
    "NothingToSummarize",
    "Problem",
    "Sentence",
    "Story",
    "Summary",
    "SummarySentence",
    "Support",
    "summarize",
]
