"""The whole extractor on the example story (five outlets, Aleppo, December 2016)."""

from __future__ import annotations

import json
from datetime import date

import pytest

from khulasa.facts import StoryFacts, extract_facts, facts_to_dict
from khulasa.model import Story
from khulasa.render.facts import facts_html, facts_markdown


@pytest.fixture(scope="module")
def facts(example_story: Story) -> StoryFacts:
    return extract_facts(example_story)


def by_name(facts: StoryFacts, name: str):
    return next(e for e in facts.entities if e.name == name)


def test_main_actors_are_merged_across_outlets(facts: StoryFacts) -> None:
    lavrov = by_name(facts, "سيرغي لافروف")
    assert len(lavrov.outlets) == 5 and {"سيرجي لافروف", "لافروف"} <= set(lavrov.aliases)
    assert lavrov.role == "وزير الخارجية الروسي"
    assert len(by_name(facts, "جون كيري").outlets) == 5
    assert {"إرنست", "إيرنست"} <= {a.split()[-1] for a in by_name(facts, "جوش إرنست").aliases}
    isis = by_name(facts, "تنظيم الدولة الإسلامية")
    assert {"داعش", "تنظيم داعش"} <= set(isis.aliases)
    army = by_name(facts, "الجيش السوري")
    assert {"قوات النظام السوري", "القوات الحكومية السورية"} <= set(army.aliases)
    names = [e.name for e in facts.entities]
    assert len(names) == len(set(names))


def test_shared_numbers_are_one_item_when_written_differently(facts: StoryFacts) -> None:
    (people,) = [n for n in facts.numbers if n.thing == "شخص"]
    assert set(people.texts) == {"8 آلاف شخص", "8000 شخص"}
    assert people.value == 8000 and {m.value for m in people.mentions} == {8000}
    assert set(people.outlets) == {"DW Arabic", "HuffPost Arabi"}
    (km5,) = [n for n in facts.numbers if (n.value, n.unit) == (5, "km")]
    assert set(km5.outlets) == {"DW Arabic", "HuffPost Arabi"}
    quantities = [(n.value, n.unit, n.thing, n.qualifier) for n in facts.numbers]
    assert len(quantities) == len(set(quantities))


def test_quotes_have_the_right_speakers(facts: StoryFacts) -> None:
    def speaker_of(snippet: str) -> str | None:
        return next(q.speaker for q in facts.quotes if snippet in q.text)

    assert speaker_of("استطيع أن أبلغكم أن العمليات القتالية") == "سيرغي لافروف"  # وأضاف
    assert speaker_of("نهجنا منذ البداية") == "جوش إرنست"
    assert speaker_of("لم يحصل تقد") == "مسؤول أميركي"
    assert speaker_of("الناس يغادرون عبر ممرات") == "إيجور كوناشنيكوف"
    assert speaker_of("عملياً غير موجودة") == "بشار الأسد"


def test_real_contradictions_are_found_as_leads(facts: StoryFacts) -> None:
    assert facts.conflicts == ()  # no numeric disagreement in this story
    reasons = {c.reason.split(":")[0] for c in facts.possible_conflicts}
    assert {"denial", "reversal"} <= reasons
    denial = next(c for c in facts.possible_conflicts if c.reason.startswith("denial"))
    assert "ريابكوف" in denial.side_a[0].sentence
    assert all("توصلتا لاتفاق" in s.sentence for s in denial.side_b)
    reversal = next(c for c in facts.possible_conflicts if c.reason.startswith("reversal"))
    assert len(reversal.outlets) >= 3


def test_agreements_and_timeline(facts: StoryFacts) -> None:
    assert any(len(a.outlets) >= 3 for a in facts.agreements)
    days = [e.day for e in facts.timeline]
    assert days == sorted(days) and date(2016, 12, 8) in days


def test_serialises_and_renders(facts: StoryFacts) -> None:
    data = json.loads(json.dumps(facts_to_dict(facts), ensure_ascii=False))
    assert data["counts"]["entities"] == len(facts.entities)
    assert data["entities"][0]["outlets"]
    markdown = facts_markdown(facts)
    assert "سيرغي لافروف" in markdown and "## تعارض محتمل: للتحقق" in markdown
    assert "## Possible conflicts: to check" in facts_markdown(facts, "en")
    html = facts_html(facts)
    assert html.startswith('<section class="facts" dir="rtl"')
    assert '<span class="badge">البوابة نيوز</span>' in html  # "Al-Bawaba News" to its readers
    assert "<q>" in html
    assert "&quot;جبهة النصرة&quot;" in html and '"جبهة النصرة"' not in html  # text is escaped
