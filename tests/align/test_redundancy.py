"""Redundancy by the aligner in selection, on the Aleppo example (5 real outlets)."""

from __future__ import annotations

from dataclasses import replace
from itertools import combinations
from pathlib import Path

from khulasa.align.features import story_idf
from khulasa.align.judge import default_judge
from khulasa.model import Budget
from khulasa.pipeline import build_story, load_articles
from khulasa.summarizer import ConceptSummarizer, SummarizerSettings

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "aleppo-2016-12" / "manifest.jsonl"


def test_no_two_chosen_sentences_state_one_claim() -> None:
    articles, _ = load_articles([str(EXAMPLE)])
    story, _ = build_story(articles)
    threshold = 0.3  # low, so that the rule has pairs to exclude on this story
    settings = replace(SummarizerSettings(), aligned_redundancy=threshold)
    plain = ConceptSummarizer()(story, Budget(250))
    summary = ConceptSummarizer(settings)(story, Budget(250))
    judge = default_judge()
    context = story_idf([s.text for d in story.documents for s in d.sentences])

    def same(a: str, b: str) -> float:
        return judge.judge_views(judge.view(a), judge.view(b), context).same

    texts = [s.text for s in summary.sentences]
    assert texts
    assert all(same(a, b) < threshold for a, b in combinations(texts, 2))
    # the shipped summary does hold such a pair, so the setting changed the choice
    before = [s.text for s in plain.sentences]
    assert any(same(a, b) >= threshold for a, b in combinations(before, 2))
