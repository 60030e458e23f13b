"""Baselines choose whole cleaned sentences within the budget; the oracle is a real ceiling."""

import pytest

from khulasa.evaluation import baselines
from khulasa.evaluation.rouge import RougeEvaluator
from khulasa.language import get_language
from tests.evaluation.conftest import REFERENCES

WORDS = 60


@pytest.fixture(scope="module")
def sentences(example_story):
    return {s.text for d in example_story.documents for s in d.sentences}


def _is_made_of(summary: str, sentences: set[str]) -> bool:
    """True when the summary is a concatenation of whole source sentences."""
    rest = summary
    while rest:
        match = next((s for s in sentences if rest.startswith(s)), None)
        if match is None:
            return False
        rest = rest[len(match) :].lstrip()
    return True


@pytest.mark.parametrize("method", [*baselines.SUMY_METHODS, "centroid", "random"])
def test_extractive_baselines_quote_whole_sentences_within_the_budget(
    example_story, sentences, method
):
    language = get_language("ar")
    if method == "centroid":
        outputs = [baselines.centroid(example_story, WORDS, language)]
    elif method == "random":
        outputs = baselines.random_summaries(example_story, WORDS)
        assert len(outputs) == baselines.RANDOM_RUNS
        assert outputs == baselines.random_summaries(example_story, WORDS)  # seeded
    else:
        outputs = [baselines.sumy_summary(example_story, WORDS, language, method)]
    for summary in outputs:
        assert summary
        assert len(summary.split()) <= WORDS
        assert _is_made_of(summary, sentences)


def test_lead_takes_the_first_words_of_the_first_and_the_last_article(example_story):
    first = baselines.lead(example_story, WORDS, "first")
    latest = baselines.lead(example_story, WORDS, "latest")
    assert len(first.split()) == WORDS
    assert " ".join(example_story.documents[0].text.split()).startswith(first)
    dated = [d for d in example_story.documents if d.article.published]
    newest = max(dated, key=lambda d: d.article.published) if dated else example_story.documents[-1]
    assert " ".join(newest.text.split()).startswith(latest)


def test_the_oracle_beats_every_baseline_on_its_own_references(example_story):
    evaluator = RougeEvaluator(list(REFERENCES.values()), WORDS)
    language = get_language("ar")
    oracle = evaluator.score(baselines.oracle(example_story, WORDS, evaluator))["rouge2"].recall
    others = [
        baselines.centroid(example_story, WORDS, language),
        baselines.lead(example_story, WORDS),
        baselines.sumy_summary(example_story, WORDS, language, "lexrank"),
    ]
    assert oracle > 0.2
    assert all(oracle >= evaluator.score(s)["rouge2"].recall for s in others)


def test_pack_skips_what_does_not_fit_and_never_repeats_a_copy(example_story):
    pool = baselines.candidates(example_story)
    longest = max(pool, key=lambda c: c.words)
    short = [c for c in pool if c.words <= 10][:2]
    packed = baselines.pack([longest, short[0], short[0], short[1]], 20)
    assert longest.text not in packed or longest.words <= 20
    assert packed.count(short[0].text) == 1
    assert len(packed.split()) <= 20
