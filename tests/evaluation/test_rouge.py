"""The ROUGE scorer: rouge-score's numbers on English, real overlaps on Arabic, several refs."""

import pytest
from rouge_score import rouge_scorer, tokenizers

from khulasa.evaluation.rouge import (
    LanguageTokenizer,
    RougeEvaluator,
    rouge,
    skip_bigrams,
    truncate_words,
)

ENGLISH_REFS = [
    "The police searched six houses in Leeds after the London bombings.",
    "Police raided homes in Leeds; four suicide bombers carried out the London attacks.",
]
ENGLISH_SUMMARY = "West Yorkshire police searched six houses in Leeds after the bombings in London."

# From the example story (Lavrov's announcement) and a shorter retelling of it.
ARABIC_SOURCE = (
    "أستطيع أن أقول لكم اليوم إن العمليات القتالية للجيش السوري أوقفت في شرق حلب؛ "
    "لأن هناك عملية كبيرة قائمة لإجلاء المدنيين"
)
ARABIC_REF = "أعلن لافروف أن العمليات القتالية للجيش السوري في شرق حلب أُوقِفَت لإجلاء المدنيين."


def test_english_with_the_default_tokenizer_gives_rouge_scores_own_numbers():
    ours = RougeEvaluator(ENGLISH_REFS, words=None, tokenizer=tokenizers.DefaultTokenizer())
    theirs = rouge_scorer.RougeScorer(["rouge1", "rouge2"])
    got = ours.score(ENGLISH_SUMMARY)
    for metric in ("rouge1", "rouge2"):
        per_ref = [theirs.score(ref, ENGLISH_SUMMARY)[metric] for ref in ENGLISH_REFS]
        assert got[metric].recall == pytest.approx(sum(s.recall for s in per_ref) / 2)
        assert got[metric].precision == pytest.approx(sum(s.precision for s in per_ref) / 2)
        assert got[metric].f == pytest.approx(sum(s.fmeasure for s in per_ref) / 2)


def test_arabic_is_scored_where_rouge_scores_default_tokenizer_sees_nothing():
    default = rouge_scorer.RougeScorer(["rouge2"]).score(ARABIC_REF, ARABIC_SOURCE)
    assert default["rouge2"].recall == 0.0
    ours = rouge(ARABIC_SOURCE, [ARABIC_REF])
    # "العمليات القتالية للجيش السوري" and "شرق حلب" are shared bigrams.
    assert ours["rouge2"].recall > 0.2
    assert ours["rouge1"].recall > ours["rouge2"].recall > 0


def test_tokens_ignore_tashkeel_tatweel_and_alef_forms():
    tokenize = LanguageTokenizer().tokenize
    assert tokenize("أُوقِفَت إجلاء المدنـــيين مدينة") == tokenize("اوقفت اجلاء المدنيين مدينه")
    score = rouge("أعلن لافروف", ["اعلن لافروف"])
    assert score["rouge2"].recall == 1.0


def test_hand_computed_recall_with_several_references():
    # Word tokens stand in for Arabic words; the arithmetic is the point.
    summary = "a b c d"
    refs = ["a b x", "c d a b y z"]
    got = RougeEvaluator(refs, words=None, tokenizer=tokenizers.DefaultTokenizer()).score(summary)
    # ref1 has 3 unigrams, 2 matched; ref2 has 6, 4 matched → (2/3 + 4/6) / 2.
    assert got["rouge1"].recall == pytest.approx((2 / 3 + 4 / 6) / 2)
    # ref1 bigrams ab, bx → 1 of 2; ref2 cd, da, ab, by, yz → cd and ab, 2 of 5.
    assert got["rouge2"].recall == pytest.approx((1 / 2 + 2 / 5) / 2)
    # Precision: the summary's 3 bigrams ab, bc, cd; 1 then 2 match.
    assert got["rouge2"].precision == pytest.approx((1 / 3 + 2 / 3) / 2)


def test_su4_counts_skip_bigrams_up_to_four_words_apart_plus_unigrams():
    tokens = list("abcdefg")
    pairs = skip_bigrams(tokens)
    assert ("a", "f") in pairs  # four words between
    assert ("a", "g") not in pairs  # five words between
    got = RougeEvaluator(["a b c"], words=None, tokenizer=tokenizers.DefaultTokenizer())
    # ref units: ab ac bc + a b c = 6; summary "a c": ac + a c = 3 units, all in the ref.
    su4 = got.score("a c")["rougeSU4"]
    assert su4.recall == pytest.approx(3 / 6)
    assert su4.precision == 1.0


def test_summaries_are_cut_to_the_word_limit_before_scoring():
    assert truncate_words("one two three four", 2) == "one two"
    refs = ["شرق حلب"]
    assert rouge("كلمة شرق حلب", refs, words=1)["rouge1"].recall == 0.0
    assert rouge("كلمة شرق حلب", refs, words=3)["rouge1"].recall == 1.0


def test_no_reference_is_an_error_not_a_zero():
    with pytest.raises(ValueError):
        RougeEvaluator([])
