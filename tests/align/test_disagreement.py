"""The learned conflict decision on real pairs of the dev part of the blind conflict gold.

Each pair is copied from ``bench/gold/conflicts.jsonl`` (dev part, ``bench/conflict_split.py``);
the held-out part is never used in tests. Every test checks the feature that should decide the
pair as well as the decision, so that a broken reader (bounds, update cues, the alignment of
figures) fails here even where the model's other features would hide it.
"""

from __future__ import annotations

from khulasa.align import conflicts as align_conflicts
from khulasa.align.disagreement import (
    CONFLICT_FEATURES,
    decide,
    describe,
    figures,
    has_update_cue,
    load_conflict_model,
)
from khulasa.align.judge import default_judge

# TVTC projects (aljazirah against alyaum headlines): 41 against 49, a conflict.
PROJECTS_41 = "«التدريب التقني» تنفذ 41 مشروعاً في مختلف مناطق المملكة"
PROJECTS_49 = "«التدريب التقني» تنفذ 49 مشروعا في المناطق"
# Boko Haram attacks (aawsat against alriyadh): "more than 50" contains 60, compatible.
MORE_THAN_50 = (
    "قتل اكثر من 50 شخصا، يوم أمس (الاربعاء)، في هجمات مفترضة لحركة بوكو حرام في الكاميرون "
    "ونيجيريا التي حذر رئيسها الولايات المتحدة من ان سياستها تضر بالجهود لمكافحة الحركة المتطرفة."
)
SIXTY = (
    "قتل 60 شخصا أمس الأول في هجمات مفترضة لحركة بوكو حرام في الكاميرون ونيجيريا التي حذر "
    "رئيسها الولايات المتحدة من ان سياستها تضر بالجهود لمكافحة الحركة المتطرفة."
)
# The Ariha crash (aleqtisadiya against aawsat): "at least 12", written after the figure, and 31.
AT_LEAST_12 = (
    "قال المرصد السوري لحقوق الانسان إن 12 شخصا على الأقل قتلوا حينما سقطت مقاتلة سورية على "
    "سوق مزدحم في بلدة أريحا التي تسيطر عليها المعارضة في محافظة إدلب بشمال غرب البلاد اليوم "
    "الاثنين."
)
THIRTY_ONE = (
    "قال المرصد السوري لحقوق الانسان، اليوم (الاثنين)، إنّ 31 شخصًا قتلوا حينما سقطت مقاتلة "
    "سورية على سوق مزدحم في بلدة أريحا التي تسيطر عليها المعارضة في محافظة ادلب شمال غربي البلاد."
)
# The Warraq boat on the Nile (sabq against aleqtisadiya): the toll rose to 29, an update.
TOLL_21 = (
    "سبق- وكالات: لَقِيَ 21 شخصاً على الأقل، من بينهم نساء وأطفال، مصرعهم، مساء أمس، بعدما اصطدم "
    "مركب رحلات كانوا يستقلونه بصندل نهري في النيل بشمال القاهرة، في حصيلة جديدة أعلنتها مصادر "
    "أمنية وطبية صباح اليوم (الخميس)."
)
TOLL_ROSE_TO_29 = (
    "ارتفع عدد حالات الوفيات في حادث غرق مركب جزيرة الوراق بمحافظة الجيزة المصرية إلى 29 شخصًا "
    "بعد انتشال 11 جثة جديدة ."
)


def _features(a: str, b: str) -> dict[str, float]:
    judge = default_judge()
    values, _ = describe(judge, judge.view(a), judge.view(b))
    return dict(zip(CONFLICT_FEATURES, values, strict=True))


def _probability(a: str, b: str) -> float:
    judge = default_judge()
    return decide(judge, judge.view(a), judge.view(b)).probability


def test_41_against_49_projects_is_a_conflict_between_the_two_figures() -> None:
    judge = default_judge()
    verdict = decide(judge, judge.view(PROJECTS_41), judge.view(PROJECTS_49))
    assert _features(PROJECTS_41, PROJECTS_49)["differ_unsquared"] == 1.0
    assert verdict.figures is not None
    assert [f.text for f in verdict.figures] == ["41 مشروعاً", "49 مشروعا"]
    assert verdict.probability >= load_conflict_model().threshold


def test_more_than_50_against_60_is_squared_by_the_bound() -> None:
    features = _features(MORE_THAN_50, SIXTY)
    assert features["differ_any"] == 1.0
    assert features["bound_squares"] == 1.0 and features["differ_unsquared"] == 0.0
    assert _probability(MORE_THAN_50, SIXTY) < load_conflict_model().threshold


def test_at_least_written_after_the_figure_is_a_bound_and_no_conflict() -> None:
    (twelve,) = figures(AT_LEAST_12)
    assert (twelve.value, twelve.qualifier) == (12.0, "at_least")
    assert figures("قتل ما لا يقل عن 30 زعيما قبليا")[0].qualifier == "at_least"
    assert _features(AT_LEAST_12, THIRTY_ONE)["bound_squares"] == 1.0
    assert _probability(AT_LEAST_12, THIRTY_ONE) < load_conflict_model().threshold


def test_a_toll_that_rose_later_is_an_update_not_a_conflict() -> None:
    assert has_update_cue(TOLL_ROSE_TO_29)
    assert not has_update_cue(PROJECTS_41)
    features = _features(TOLL_21, TOLL_ROSE_TO_29)
    assert features["update_on_higher"] == 1.0
    assert _probability(TOLL_21, TOLL_ROSE_TO_29) < load_conflict_model().threshold


def test_the_same_pair_gives_the_same_decision_every_time() -> None:
    first = _probability(PROJECTS_41, PROJECTS_49)
    figures.cache_clear()
    assert _probability(PROJECTS_41, PROJECTS_49) == first
    assert _features(PROJECTS_41, PROJECTS_49) == _features(PROJECTS_41, PROJECTS_49)


def test_the_engine_keeps_the_rules_until_the_learned_decision_wins_on_held_out() -> None:
    # bench/results/align-conflicts.md: on the held-out part it did not (P 0.75 R 0.09 against
    # the current aligner's P 1.00 R 0.06), so extract_facts still gets the rules.
    assert align_conflicts.DEFAULT_DECISION == "rules"
