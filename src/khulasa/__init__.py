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


def __getattr__(name: str) -> object:
    """``khulasa.extract_facts`` is loaded on first use: its gazetteers cost import time."""
    if name == "extract_facts":
        from khulasa.facts import extract_facts

        return extract_facts
    raise AttributeError(f"module 'khulasa' has no attribute {name!r}")


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
    "extract_facts",
    "summarize",
]
