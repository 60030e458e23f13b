"""Every number, date and quote records the id of the rule that read it (``found_by``).

The ids are what ``khulasa eval-facts --by-rule`` groups its scores by, so each must be stable
and name one rule; the cases are real sentences of the kinds each rule is for.
"""

from __future__ import annotations

from datetime import date

import pytest

from khulasa.facts import extract_facts
from khulasa.facts.dates import extract_dates
from khulasa.facts.model import Source
from khulasa.facts.numbers import extract_numbers
from khulasa.model import Story


def _source(sentence: str, index: int = 0) -> Source:
    return Source("doc", "outlet", index, sentence)


@pytest.mark.parametrize(
    ("sentence", "text", "rule"),
    [
        ("ارتفع المؤشر 26 في المائة خلال العام", "26 في المائة", "number.unit"),
        ("ارتفعت الأسعار 5% في يوليو", "5%", "number.percent_sign"),
        ("قتل 30 شخصا في الهجوم", "30 شخصا", "number.counted_noun"),
        ("أعلنت الوزارة استشهاد 12 من منسوبي القوات", "12 من منسوبي", "number.partitive"),
        ("وصل الأعضاء الـ57 إلى القمة", "الـ57", "number.noun_before_definite"),
        ("خلال الساعات الـ24 المقبلة", "الـ24", "number.unit_before_definite"),
    ],
)
def test_a_number_records_the_rule_that_read_it(sentence: str, text: str, rule: str) -> None:
    [number] = extract_numbers([_source(sentence)])
    assert (number.text, number.found_by) == (text, rule)


def test_a_date_records_the_rule_that_read_it() -> None:
    sources = [
        _source("وصل الوزير يوم الخميس إلى الرياض"),
        _source("وكان قد زارها في 8 ديسمبر 2016 وفي يناير الماضي", 1),
        _source("ويعود غدا إلى بلاده", 2),
    ]
    found = [(d.text, d.found_by) for d in extract_dates([(date(2016, 12, 10), sources)])]
    assert found == [
        ("الخميس", "date.weekday"),
        ("8 ديسمبر 2016", "date.day_month"),
        ("يناير", "date.month"),
        ("غدا", "date.relative_day"),
    ]


def test_every_item_of_a_story_names_its_rule(example_story: Story) -> None:
    facts = extract_facts(example_story)
    numbers = [m for n in facts.numbers for m in n.mentions]
    assert all(n.found_by.startswith("number.") for n in numbers)
    assert all(d.found_by.startswith("date.") for d in facts.dates)
    rules = {q.found_by for q in facts.quotes}
    assert all(r.startswith("quote.") for r in rules)
    # Lavrov's words in quotation marks, and what the Observatory reports (أن المعارك …)
    assert {"quote.cue_quoted", "quote.cue_reported"} <= rules
