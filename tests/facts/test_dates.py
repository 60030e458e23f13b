"""Dates: both month systems, ordinals, weekdays and relative days resolved to calendar days."""

from __future__ import annotations

from datetime import date

from khulasa.facts.dates import DateReader, reference_day

from .helpers import source


def days(text: str, ref: date | None) -> list[tuple[str, date | None]]:
    facts = DateReader().find(source(text), ref, "published" if ref else "none")
    return [(f.kind, f.value) for f in facts]


def test_both_month_systems_and_combined_forms() -> None:
    dec8 = date(2016, 12, 8)
    assert days("الخميس، 8 كانون الأول/ديسمبر، حول التوصل", None)[1] == ("absolute", None)
    assert days("الخميس، 8 كانون الأول/ديسمبر، حول التوصل", dec8)[1] == ("absolute", dec8)
    assert days("الخميس 8 ديسمبر/كانون الأول 2016، في هامبورغ", None)[1] == ("absolute", dec8)
    assert days("غادر امس الخميس (الثامن من كانون الأول/ ديسمبر 2016)", None)[1] == (
        "absolute",
        dec8,
    )
    assert days("مساء د الخميس (8 كانون أول/ ديسمبر 2016)", None)[-1] == ("absolute", dec8)


def test_month_only_and_year_inference() -> None:
    (fact,) = DateReader().find(source("قد استولى عليها في مايو أيار 2015"), None, "none")
    assert (fact.value, fact.granularity) == (date(2015, 5, 1), "month")
    # "20 يناير" written in December 2016 is the coming January, not the past one
    ref = date(2016, 12, 8)
    assert days("ودعا كيري الذي يغادر منصبه في 20 يناير/ كانون الثاني", ref) == [
        ("absolute", date(2017, 1, 20))
    ]
    assert days("أعلن للصحفيين في الـ 9 من ديسمبر أن روسيا", date(2016, 12, 11)) == [
        ("absolute", date(2016, 12, 9))
    ]


def test_weekdays_resolve_against_published_date() -> None:
    thursday, sunday = date(2016, 12, 8), date(2016, 12, 11)
    assert days("وكان الوزيران التقيا، مساء الأربعاء، من دون", thursday) == [
        ("weekday", date(2016, 12, 7))
    ]
    assert days("بدأت هجوما واسعا على مدينة تدمر يوم الخميس الماضي", sunday) == [
        ("weekday", thursday)
    ]
    assert days("أحكموا سيطرتهم على مدينة تدمر اليوم الأحد بعد", sunday) == [("weekday", sunday)]
    assert days("مفاوضات عسكرية ستعقد، السبت المقبل، في جنيف", thursday) == [
        ("weekday", date(2016, 12, 10))
    ]
    # a future verb shortly before points a bare weekday forward
    assert days("كما سيناقشون يوم السبت في جنيف", thursday) == [("weekday", date(2016, 12, 10))]


def test_relative_days() -> None:
    ref = date(2016, 12, 9)
    assert days("وكان تنظيم داعش شن صباح امس هجوماً واسعاً", ref) == [("relative", date(2016, 12, 8))]
    assert days("قال البيت الأبيض اليوم إن", ref) == [("relative", ref)]
    assert days("وفي حين تحتضن باريس غداً السبت اجتماع", ref) == [("weekday", date(2016, 12, 10))]
    assert days("قال البيت الأبيض اليوم إن", None) == [("relative", None)]


def test_reference_day_inferred_from_the_article_itself() -> None:
    sentences = [source("غادر امس الخميس (الثامن من كانون الأول/ ديسمبر 2016) اجتماعا")]
    assert reference_day(None, sentences) == (date(2016, 12, 9), "inferred")
    assert reference_day(date(2016, 12, 8), sentences) == (date(2016, 12, 8), "published")
    assert reference_day(None, [source("لا تاريخ هنا")]) == (None, "none")


def test_bare_weekday_is_the_recent_past_or_the_next_two_days() -> None:
    thursday = date(2016, 12, 8)
    assert days("وكان مقرراً أن تعقد، الثلاثاء، اجتماعات تقنية", thursday) == [
        ("weekday", date(2016, 12, 6))
    ]
    assert days("حول اجتماع في جنيف، السبت، بين دبلوماسيين", thursday) == [
        ("weekday", date(2016, 12, 10))
    ]
