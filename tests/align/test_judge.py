"""The claim aligner's judge on real Arabic sentence pairs (examples/aleppo-2016-12, news)."""

from __future__ import annotations

from khulasa.align import default_judge
from khulasa.align.cues import polarity_cues
from khulasa.facts.text import tokenize

# Two outlets of examples/aleppo-2016-12 on Lavrov's announcement, in different words.
LAVROV_003 = (
    "أعلن وزير الخارجية الروسي سيرغي لافروف في هامبورغ أن الجيش السوري أوقف عملياته القتالية "
    "في حلب بغية السماح بإجلاء المدنيين"
)
LAVROV_000 = "نقل عن لافروف أن الجيش السوري أوقف العمليات العسكرية النشطة في شرق حلب"
# The Suruç bombing (SaudiNewsNet, 21 Jul 2015): alyaum's toll against aawsat's.
TOLL_27 = "وأعلنت وزارة الداخلية التركية مقتل 27 شخصاً في الانفجار"
TOLL_30 = "وأعلنت وزارة الداخلية التركية أن 30 شخصا قتلوا في الانفجار"
LEADERS_AT_LEAST = "قتل ما لا يقل عن 30 زعيما قبليا في الهجوم على الاجتماع"
LEADERS = "قتل 30 زعيما قبليا في الهجوم على الاجتماع"
OIL = "ارتفعت أسعار النفط في الأسواق العالمية مع تراجع المخزونات الأميركية"
TEAM = "وصل المنتخب السعودي إلى الدوحة استعدادا لمباراته الودية أمام نظيره القطري"


def test_a_paraphrase_is_the_same_claim() -> None:
    verdict = default_judge().judge(LAVROV_000, LAVROV_003)
    assert verdict.label == "same"
    assert verdict.same > 0.5


def test_27_against_30_dead_contradicts_and_names_the_figures() -> None:
    verdict = default_judge().judge(TOLL_27, TOLL_30)
    assert verdict.label == "contradicts"
    assert verdict.evidence.conflicting_numbers == (("27 شخصاً", "30 شخصا"),)


def test_at_least_30_against_30_is_no_conflict_and_no_negation() -> None:
    verdict = default_judge().judge(LEADERS_AT_LEAST, LEADERS)
    assert verdict.label == "same"
    assert verdict.evidence.conflicting_numbers == ()
    assert verdict.evidence.negation == ()
    assert verdict.evidence.shared_numbers == ("30 زعيما",)
    tokens = tokenize(LEADERS_AT_LEAST)
    negations, _ = polarity_cues([t.key for t in tokens], [t.text for t in tokens])
    assert negations == []


def test_unrelated_sentences_are_unrelated() -> None:
    verdict = default_judge().judge(OIL, TEAM)
    assert verdict.label == "unrelated"
    assert verdict.probabilities["unrelated"] > 0.5


def test_probabilities_sum_to_one_and_repeat_exactly() -> None:
    first = default_judge().judge(TOLL_27, TOLL_30).probabilities
    again = default_judge().judge(TOLL_27, TOLL_30).probabilities
    assert first == again
    assert abs(sum(first.values()) - 1) < 1e-9


def test_a_denial_is_a_negation_cue_with_its_id() -> None:
    text = "نفى نائب وزير الخارجية الروسي سيرجي ريابكوف توصل موسكو لاتفاق مع واشنطن"
    tokens = tokenize(text)
    _, denials = polarity_cues([t.key for t in tokens], [t.text for t in tokens])
    assert [d.id for d in denials] == ["deny.nafa"]


def test_a_claim_inside_a_longer_sentence_is_found_in_its_document() -> None:
    sentences = [
        "وصل المنتخب السعودي إلى الدوحة استعدادا لمباراته الودية",
        "وقال مصدر دبلوماسي إن " + LAVROV_000 + " وإن المفاوضات ستستأنف السبت في جنيف",
        "ارتفعت أسعار النفط في الأسواق العالمية",
    ]
    span, verdict = default_judge().best_window(LAVROV_003, sentences)
    assert span[0] == 1
    assert verdict.related > 0.5
