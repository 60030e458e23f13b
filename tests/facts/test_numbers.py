"""Numbers: digits, Arabic-Indic digits, number words and mixed forms normalise alike."""

from __future__ import annotations

import pytest

from khulasa.facts.numbers import NumberReader, thing_stem

from .helpers import source


def numbers(text: str) -> list[tuple[float, str | None, str | None, str | None]]:
    return [(n.value, n.unit, n.thing, n.qualifier) for n in NumberReader().find(source(text))]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("قافلة تضم 8 آلاف شخص", 8000),  # DW: digits + thousands word
        ('"سيكون هناك ممر لإجلاء 8000 شخص"', 8000),  # HuffPost: plain digits
        ("قافلة تضم ٨٠٠٠ شخص", 8000),  # Arabic-Indic digits
        ("قافلة تضم ثمانية آلاف شخص", 8000),  # all words
        ("قتل خمسة وعشرون جنديا", 25),
        ("وصل ثلاثمئة ألف لاجئ", 300_000),
        ("سقط ثلاثة عشر قتيلا", 13),
        # Al-Eqtisadiah 2015-07-27: the article on every word of a compound
        ("وبحوزتهم مبالغ مالية تزيد عن الخمسة والعشرين ألف ريال،", 25_000),
    ],
)
def test_written_forms_share_one_value(text: str, value: float) -> None:
    assert numbers(text)[0][0] == value


def test_same_quantity_from_two_outlets_agrees() -> None:
    dw = numbers("قافلة تضم 8 آلاف شخص، إنها عملية كبيرة. وطريق سيرها 5 كيلومتر.")
    huff = numbers('وقال: "سيكون هناك ممر لإجلاء 8000 شخص لمسافة 5 كيلومترات".')
    assert dw == huff == [(8000, None, "شخص", None), (5, "km", None, None)]


def test_percent_words_and_what_it_is_of() -> None:
    text = "قوات النظام باتت تسيطر على مساحة تجاوزت الثمانين في المئة من الأحياء الشرقية"
    assert numbers(text) == [(80, "percent", "أحياء", None)]
    assert numbers("جزء كبير من حلب -93 بالمئة- أصبح اليوم تحت سيطرة الحكومة")[0][:2] == (
        93,
        "percent",
    )
    assert numbers("80% من المدينة")[0][:2] == (80, "percent")


def test_units_qualifiers_and_counted_things() -> None:
    assert numbers("لإخراج المسلحين من شرق حلب خلال 48 ساعة") == [(48, "hour", None, None)]
    assert numbers("ما أسفر عن تصفية أكثر من 300 مسلح") == [(300, None, "مسلح", "more")]
    assert numbers("حيث يبعد جبل الهيال أقل من 3 كلم عن ضاحية العامرية") == [
        (3, "km", None, "less")
    ]
    assert numbers("قتل 26 عنصرا من قوات النظام السوري") == [(26, None, "عنصر", None)]
    assert numbers("سيطر مساء اليوم على ستة حواجز للقوات الحكومية") == [(6, None, "حواجز", None)]


def test_noun_before_number_forms() -> None:
    # "الأعضاء الـ57": the definite number follows its noun
    assert numbers("حيث تُعقد الجمعية السنوية للأعضاء الـ57 في منظمة الأمن")[0][:3] == (
        57,
        None,
        "أعضاء",
    )
    # "أسبوع واحد": the unit comes first
    assert numbers("بعد اسبوع واحد من فشل عملية الهجوم")[0][:2] == (1, "week")


def test_dates_times_years_phones_and_labels_are_not_counts() -> None:
    text = "أعلن لافروف، الخميس 8 ديسمبر/كانون الأول 2016، في هامبورغ أن الجيش أوقف عملياته"
    assert numbers(text) == []
    assert numbers("منذ بدء النزاع عام 2011") == []
    assert numbers("الغارات بدأت في الساعة 06:30 بتوقيت جرينتش") == []
    assert numbers("عبر تطبيق واتساب على الرقم 0012022773659") == []
    assert numbers("قام بتفجير باص رقم 30 في لندن") == []
    assert numbers("شهدت المدينة كمية كبيرة من المتفجرات") == []  # كمية is not ك + مية


def test_thing_stem_unifies_singular_and_plural() -> None:
    assert thing_stem("مسلحين") == thing_stem("مسلح")


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("بكلفة إجمالية بلغت 665.932.983 ريالا", 665_932_983),  # dots as thousands separators
        ("بتكلفة إجمالية بلغت 665,932,983 مليون ريال", 665_932_983),  # a redundant مليون
        ("وبلغت قيمته 84.540 مليون ريال", 84_540_000),  # a decimal before a multiplier
        ("دعم 1.305 مشروعات صغيرة", 1305),  # a count cannot be a fraction
    ],
)
def test_separators_in_saudi_press_figures(text: str, value: float) -> None:
    assert numbers(text)[0][0] == value


def test_ordinals_are_not_counts() -> None:
    assert numbers("والعقد الحادي عشر تشغيل وصيانة محطات التنقية") == []
    assert numbers("المؤتمر في نسخته التاسعة عشر بمشاركة دولية واسعة") == []


def test_a_decimal_stored_backwards_around_a_bidi_mark_is_read_the_right_way() -> None:
    # Asharq Al-Awsat (SaudiNewsNet 2015-07-25 and 2015-08-01) stores 1.10 and 2.64 this way;
    # Al-Eqtisadiah prints the same figures plainly.
    aawsat = numbers("بعدما نزلت عن مستوى 10.\u200f1 دولار للمرة الأولى في أكثر من أسبوع")
    eqt = numbers("بعدما نزلت عن مستوى 1.10 دولار للمرة الأولى في أكثر من أسبوع")
    assert aawsat == eqt == [(1.1, "usd", None, None)]
    assert numbers("العالمية 64.\u200f2 تريليون دولار")[0][0] == numbers("2.64 تريليون دولار")[0][0]


def test_wire_copy_decimals_written_fraction_first_with_ra() -> None:
    # SaudiNewsNet 2015-07-31, Honda's results: Al-Eqtisadiah/Al-Weeam print the wire's
    # "6ر19 بالمئة … (5ر1 مليار دولار)", Al-Riyadh the same figures as 19.6 and 1.5.
    wire = numbers("ارتفاع صافي أرباحها بنسبة 6ر19 بالمئة إلى 186 مليار ين (5ر1 مليار دولار)")
    plain = numbers("ارتفاع صافي أرباحها بنسبة 19.6 بالمئة إلى 186 مليار ين (1.5 مليار دولار)")
    assert wire == plain
    assert wire[0][:2] == (19.6, "percent") and wire[-1][:2] == (1.5e9, "usd")


def test_a_lone_singular_thousand_is_one_thousand_but_a_plural_is_not_a_number() -> None:
    text = "شارك فيه نحو 60 دولة من كل القارات ممثلة بألف وثلاثمائة طالب"
    assert numbers(text)[1][:3] == (1300, None, "طالب")
    assert numbers("تبرع رجل أعمال بمليون ريال للجمعية")[0][0] == 1_000_000
    assert numbers("خرج آلاف المتظاهرين إلى الشوارع") == []
    # SaudiNewsNet 2015-08-02: one paper writes the sum in words, another in digits
    words = numbers("بتكلفة إجمالية بلغت مليارا وتسعة وخمسين مليون ريال")
    assert words[0][0] == 1_059_000_000


def test_monday_both_and_a_single_thing_are_not_counts() -> None:
    # MultiLing M004: "يوم الاثنين" is Monday, "الاثنين معا" "both", "في مكان واحد" "a single place"
    assert numbers("وقال دي بوير يوم الاثنين إن المحادثات ستستمر") == []
    assert numbers("ودعا الاثنين معا إلى اتفاق") == []
    assert numbers("لا يمكن خفض الانبعاثات في مكان واحد") == []
    assert numbers("بقي أسبوع واحد على الموعد") == [(1, "week", None, None)]  # a unit: a count
    assert numbers("قتل اثنين من الجنود")[0][0] == 2


def test_a_partitive_names_what_is_counted() -> None:
    """Al-Riyadh 2015-08-06 (the Abha bombing): "12 من منسوبي القوات" counts members."""
    text = (
        "حدث تفجير في جموع المصلين نتج عنه استشهاد 12 من منسوبي القوات إضافة إلى ثلاثة من "
        "العاملين في الموقع وإصابة سبعة آخرين"
    )
    assert [(value, thing) for value, _, thing, _ in numbers(text)] == [
        (12, "منسوبي"),
        (3, "عاملين"),
        (7, "آخرين"),
    ]
    # "من أصل" is a base, not what is counted
    assert numbers("فاز 5 من أصل 10 متسابقين")[0][2] is None


def test_model_and_flight_codes_and_gmt_times_are_labels() -> None:
    """SaudiNewsNet 2015-07-31 / 08-01, the MH370 debris (labelled blind, then read for errors)."""
    assert numbers("وكانت طائرة البوينغ 777 اختفت بشكل غامض في 8 آذار") == []
    assert numbers("منكوبة تعتقد ان الرحلة ام اتش 370 تحطمت في جنوب المحيط الهندي") == []
    assert numbers("قطعة من حطام طائرة ايرباص ايه 310 التابعة للخطوط اليمنية") == []
    assert numbers("حطت عند الساعة 6.17 (4.17 تغ).") == []
    assert numbers("وهي أم 3 أطفال")[0][:3] == (3, None, "أطفال")  # أم (mother) is no initial
    # a definite number follows its unit: "the next 24 hours"
    assert numbers('على معلومات ادق "في الساعات ال24 المقبلة".') == [(24, "hour", None, None)]


def test_trillions_billions_and_half_a_multiplier() -> None:
    """SaudiNewsNet 2015-08-03/04 and MultiLing M0000 (tsunami aid)."""
    text = "وبما أن عائدات شركات المؤشر تزيد عن 10 تريليون دولار، فإن الخسائر"
    assert numbers(text)[0][:2] == (10_000_000_000_000, "usd")
    text = "متوقعا عودة نصف مليون نازح خلال الأسابيع الثلاثة المقبلة."
    assert numbers(text)[0][0] == 500_000
    text = "اعلن رئيس الوزراء الياباني جونيتشيرو كويزومي يوم السبت 1 يناير تبرعات بنصف بليون دولار"
    assert [n[:2] for n in numbers(text)] == [(500_000_000, "usd")]


def test_a_preposition_written_onto_the_digits() -> None:
    """Al-Sharq Al-Awsat 2015-07-31: "بـ1.3 مليار" once read as "بـ1" and "3 مليار", a false
    conflict with another paper's "1.3 بليون دولار" (the same sum)."""
    text = "وأضاف البيان أن «التزام الولايات المتحدة بـ1.3 مليار دولار أميركي هذا العام لرفع مستوى"
    assert [n[:2] for n in numbers(text)] == [(1_300_000_000, "usd")]
    assert numbers("في الساعات ال24 المقبلة")[0][:2] == (24, "hour")  # the article stays on it


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        # SaudiNewsNet 2015-07-21 (aawsat): a model code after "بوينغ", whose ب is no clitic
        (
            "بدأت «الخطوط السعودية» فحص 40 طائرة من طراز «بوينغ 777» استجابة للتحذيرات",
            [40.0],
        ),
        (
            "تسير الناقلة 3 رحلات يوميًا من دون توقف بين دبي وجاكرتا بطائرات من طراز بوينغ 777",
            [3.0],
        ),
        # SaudiNewsNet 2015-07-21: a flight number
        ("كانت تقوم بالرحلة 111 المتجهة من شنغهاي إلى باريس", []),
    ],
)
def test_model_codes_and_flight_numbers_are_not_quantities(text: str, kept: list[float]) -> None:
    assert [value for value, *_ in numbers(text)] == kept


# SaudiNewsNet 2015-08-04, article 258 (Alyaum): the Saudi Credit Bank's social loans.
LOANS = (
    "فيما بلغ إجمالي القروض الاجتماعية التي قدمها خلال الفترة (118051) قرضًا بقيمة تجاوزت "
    "7 مليارات ريال."
)


def test_a_count_in_brackets_counts_the_noun_after_them() -> None:
    [loans, riyals] = NumberReader().find(source(LOANS))
    assert (loans.text, loans.value, thing_stem(loans.thing)) == ("(118051) قرضًا", 118051, "قرض")
    assert loans.found_by == "number.bracketed_count"
    assert LOANS[loans.start : loans.end] == loans.text
    assert (riyals.value, riyals.thing) == (7_000_000_000, "ريال")


def test_a_bracketed_figure_before_a_comma_counts_nothing() -> None:
    # SaudiNewsNet 2015-07-21, article 2730: a year in brackets, then the clause goes on
    text = "فمنذ بداية نشاط الصندوق الإقراضي في سنة 1394/ 1395هـ (1975)، وحتى نهاية عام 1435"
    assert all(n.thing is None for n in NumberReader().find(source(text)))


def test_the_broken_plural_of_a_counted_noun_is_the_same_thing() -> None:
    # SaudiNewsNet 2015-07-21, article 18 (one sentence, both forms of قتيل)
    text = (
        "وسقط 20 قتيلا على الأقل بينهم عدد من الأطفال في بلدة معرة مصرين شمال شرقي مدينة إدلب، "
        "كما سقط 6 قتلى بينهم 4 أطفال في بلدة دارة عزة"
    )
    killed = [n for n in NumberReader().find(source(text)) if n.value in (20, 6)]
    assert [n.thing for n in killed] == ["قتيل", "قتلى"]
    assert thing_stem(killed[0].thing) == thing_stem(killed[1].thing) == thing_stem("قتيل")


def test_a_lone_dual_noun_is_a_count_of_two() -> None:
    # SaudiNewsNet 2015-08-02, article 101 (Alriyadh): a suicide attack in Turkey
    text = "مع وقوع عملية انتحارية استهدفت مركزًا للدرك وأوقعت قتيلين و24 جريحًا"
    found = [(n.text, n.value, n.thing, n.found_by) for n in NumberReader().find(source(text))]
    assert found == [
        ("قتيلين", 2, "قتيل", "number.dual_noun"),
        ("24 جريحًا", 24, "جريح", "number.counted_noun"),
    ]


def test_a_bracketed_figure_after_the_article_names_a_list() -> None:
    # SaudiNewsNet 2015-07-27, article 1225 (Okaz): a wanted man "on the list of the (23)"
    text = "من بين المطلوبين للجهات الأمنية المعلنة أسماؤهم على قائمة الـ (23) بتاريخ 8/2/1433هـ"
    assert [n.thing for n in NumberReader().find(source(text)) if n.value == 23] == [None]
