"""A story's quantities: one item per quantity, with every outlet and sentence that states it.

The stories are real two-outlet reports of one event from SaudiNewsNet 2015-08-06: al-Ahli's
friendlies in Switzerland (Alriyadh, article 1502; Almadina, 1382) and a PKK attack in Turkey
(Aljazirah, 762; Alwatan, 2036). Each outlet writes some figures in words and the other in digits.
"""

from __future__ import annotations

from datetime import date

import pytest

from khulasa.facts import StoryFacts, extract_facts
from khulasa.facts.entities import sources_of
from khulasa.facts.numbers import NumberReader, thing_stem
from khulasa.render.facts import facts_markdown

from .helpers import story_of

DAY = date(2015, 8, 6)
AHLI_ALRIYADH = (
    "وكان الفريق قد انهى اللقاء الودي مع نيوشاتل السويسري بالتعادل بنتيجة 3-3 في مدينة لوزان "
    "السويسرية وتعد هذه المباراة من أقوى المباريات الودية التي خاضها الأول وسجل اهدافه حسين "
    "المقهوي وحارس نيوشاتل بالخطأ في مرماه وعادل مهند عسيري الذي اهدر ركلة جزاء في الشوط الأول.\n"
    "وبذلك يخوض الأهلي سبع مباريات مع فرق أقل منه مستوى والفوز على بعضها بنتائج كبيرة مسجلا نسبة "
    "تهديف بلغت 38 هدفاً وكان للاعبي الهجوم الحضور الأبرز ب23 هدفاً، يليهم لاعبي الوسط بتسعة أهداف "
    "وأخير الدفاع بخمسة أهداف، فيما ولج مرماه ثلاثة أهداف."
)
AHLI_ALMADINA = (
    "فاز فريق الأهلي بآخر مبارياته الودية ضمن معسكره الحالي في مدينة لوزان السويسرية مساء أمس أمام "
    "فريق لومنت السويسري، بأربعة أهداف مقابل هدف واحد.\n"
    "وكان الفريق السويسري تقدم أولًا عند الدقيقة الثانية من زمن المباراة، قبل أن يعود الأهلي "
    "بتسجيل أربعة أهداف عن طريق إسلام سراج وعمر السومة (هدفين) ووليد باخشوين.\n"
    "وبذلك يختتم الأهلي سجل ودياته الذي تضمن 7 مباريات فاز بـ6 منها وتعادل مرة واحدة ولم يتلق أية "
    "خسارة، وسجل 39 هدفًا فيما استقبلت شباكه 6 أهداف."
)
PKK_ALJAZIRAH = (
    "قتل جنديان تركيان وجرح اثنان آخران أمس الثلاثاء في انفجار لغم في جنوب شرق تركيا في هجوم نسب "
    "الى متمردين من حزب العمال الكردستاني، بحسب ما قالت مصادر امنية.\n"
    "وانهارت هدنة كان يلتزمها الطرفان منذ 2013 في نزاع اوقع اكثر من اربعين الف قتيل في ثلاثين "
    "عاما."
)
PKK_ALWATAN = (
    "قتل ثلاثة جنود أتراك وأصيب آخر أمس بانفجار عبوة في جنوب شرق تركيا في أحدث هجوم ينسب إلى "
    "متمردين من حزب العمال الكردستاني.\n"
    "وانهارت هدنة كان يلتزمها الطرفان منذ 2013 في نزاع أوقع أكثر من 40 ألف قتيل في 30 عاما."
)


@pytest.fixture(scope="module")
def ahli() -> StoryFacts:
    return extract_facts(_ahli_story())


def _ahli_story():
    return story_of(("alriyadh", AHLI_ALRIYADH, DAY), ("almadina", AHLI_ALMADINA, DAY))


@pytest.fixture(scope="module")
def pkk() -> StoryFacts:
    return extract_facts(story_of(("aljazirah", PKK_ALJAZIRAH, DAY), ("alwatan", PKK_ALWATAN, DAY)))


def _items(facts: StoryFacts, value: float) -> list:
    return [n for n in facts.numbers if n.value == value]


def test_one_quantity_in_words_and_in_digits_is_one_item_with_both_outlets(ahli, pkk) -> None:
    (matches,) = _items(ahli, 7)
    assert set(matches.texts) == {"سبع مباريات", "7 مباريات"}
    assert matches.outlets == ("alriyadh", "almadina")
    (toll,) = _items(pkk, 40000)
    assert (toll.thing, toll.qualifier) == ("قتيل", "more")
    assert set(toll.texts) == {"اربعين الف قتيل", "40 ألف قتيل"}
    assert toll.outlets == ("aljazirah", "alwatan")
    (years,) = _items(pkk, 30)
    assert years.unit == "year" and set(years.texts) == {"ثلاثين عاما", "30 عاما"}
    assert len(years.outlets) == 2


def test_different_values_and_different_nouns_stay_apart(ahli, pkk) -> None:
    goals = {n.value: n.outlets for n in ahli.numbers if n.thing and thing_stem(n.thing) == "هدف"}
    assert goals[38] == ("alriyadh",) and goals[39] == ("almadina",)  # 38 vs 39 goals: two
    sixes = _items(ahli, 6)  # "فاز بـ6 منها" (no noun) and "6 أهداف"
    assert sorted(n.thing or "" for n in sixes) == ["", "أهداف"]
    threes = _items(ahli, 3)  # the 3-3 score and "ثلاثة أهداف"
    assert len(threes) == 2 and all(n.outlets == ("alriyadh",) for n in threes)
    (soldiers,) = _items(pkk, 3)  # three soldiers killed in Alwatan, two in Aljazirah
    assert soldiers.outlets == ("alwatan",)
    keys = [(n.value, n.unit, thing_stem(n.thing), n.qualifier) for n in ahli.numbers]
    assert len(keys) == len(set(keys))


def test_one_outlet_stating_a_quantity_twice_is_one_item_with_both_sentences(ahli) -> None:
    (four,) = _items(ahli, 4)
    assert four.outlets == ("almadina",)
    assert [m.source.sentence_index for m in four.mentions] == [0, 1]
    assert set(four.texts) == {"بأربعة أهداف", "أربعة أهداف"}


def test_every_sentence_stays_a_mention(ahli) -> None:
    reader = NumberReader()
    story = _ahli_story()
    read = [(f.source, f.text, f.start) for s in sources_of(story) for f in reader.find(s)]
    kept = [(m.source, m.text, m.start) for n in ahli.numbers for m in n.mentions]
    assert sorted(kept, key=repr) == sorted(read, key=repr)


def test_the_report_lists_a_shared_quantity_once_with_both_outlets(ahli) -> None:
    report = facts_markdown(ahli, "en").splitlines()
    (line,) = [line for line in report if line.startswith("- **7 مباريات**")]
    assert "سبع مباريات / 7 مباريات" in line and "Al Riyadh, Al Madina" in line


def test_one_death_toll_in_singular_and_broken_plural_is_one_item() -> None:
    """SaudiNewsNet 2015-08-09: the hostage-taking in Sévaré, Mali, by Aawsat (article 164)
    and Alweeam (949): "12 قتيلاً" and "12 قتلى" are one quantity with both outlets."""
    story = story_of(
        ("aawsat", "أنهت القوات المالية عملية احتجاز رهائن في عملية أسفرت عن سقوط 12 قتيلاً.", DAY),
        ("alweeam", "في العملية التي سقط خلالها 12 قتلى على الأقل، بينهم خمسة جنود.", DAY),
    )
    [killed] = [n for n in extract_facts(story).numbers if n.value == 12]
    assert set(killed.outlets) == {"aawsat", "alweeam"}
    assert set(killed.texts) == {"12 قتيلاً", "12 قتلى"}
