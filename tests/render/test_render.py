import json
from dataclasses import replace

from khulasa.model import Budget, Story
from khulasa.pipeline import build_story
from khulasa.render import render
from khulasa.render.outlets import display_name
from khulasa.render.safe import anchor
from khulasa.summarizer import ConceptSummarizer

ATTACK = '<script>alert("x")</script>'


def _story_with_injection(example_story) -> Story:
    first = example_story.documents[3].article
    poisoned = replace(
        first,
        content=first.content.replace("في هامبورغ", f"في هامبورغ {ATTACK}", 1),
        title=f"عنوان {ATTACK}",
    )
    articles = [poisoned] + [d.article for d in example_story.documents if d.id != first.id]
    story, _ = build_story(articles)
    return story


def test_html_report_is_rtl_arabic_and_escapes_article_markup(example_story):
    story = _story_with_injection(example_story)
    summary = ConceptSummarizer()(story, Budget(words=250))
    # The poisoned sentence is both quoted in the summary and shown in the sources section.
    assert any(ATTACK in s.text for s in summary.sentences)
    html = render(summary, "html")
    assert '<html lang="ar" dir="rtl">' in html
    assert "<script" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html
    assert "Noto Naskh Arabic" in html


def test_html_links_each_summary_sentence_to_its_source_sentence(example_story):
    summary = ConceptSummarizer()(example_story, Budget(words=80))
    html = render(summary, "html")
    for sentence in summary.sentences:
        target = f"s-{anchor(sentence.doc_id)}-{sentence.sentence_index}"
        assert f'href="#{target}"' in html
        assert f'id="{target}"' in html
        for outlet in sentence.outlets:  # named as Arabic readers know the outlet
            assert f">{display_name(outlet, 'ar')}</a>" in html


def test_json_carries_outlets_support_and_budget(example_story):
    summary = ConceptSummarizer()(example_story, Budget(words=80))
    data = json.loads(render(summary, "json"))
    assert data["budget"] == {"unit": "words", "limit": 80, "used": summary.length}
    assert len(data["summary"]) == len(summary.sentences)
    for item, sentence in zip(data["summary"], summary.sentences, strict=True):
        assert item["text"] == sentence.text
        assert item["support_count"] == len(item["outlets"]) >= 1
    assert [d["outlet"] for d in data["story"]["documents"]][:2] == ["DW Arabic", "Irfaa Sawtak"]


def test_text_and_markdown_show_support_counts(example_story):
    summary = ConceptSummarizer()(example_story, Budget(words=80))
    text = render(summary, "text")
    english = render(summary, "text", ui="en")
    md = render(summary, "md")
    counted = {1: "مصدر واحد", 2: "مصدران", 3: "3 مصادر"}
    for sentence in summary.sentences:
        assert f"[نقله {counted[sentence.support_count]}: " in text
        noun = "outlet" if sentence.support_count == 1 else "outlets"
        assert f"[reported by {sentence.support_count} {noun}: " in english
        assert f"({sentence.support_count})" in md


def test_markdown_neutralises_markup_in_source_text(example_story):
    story = _story_with_injection(example_story)
    summary = ConceptSummarizer()(story, Budget(words=250))
    assert any(ATTACK in s.text for s in summary.sentences)  # Lavrov's sentence, now poisoned
    md = render(summary, "md")
    assert "<script>" not in md
    assert "\\<script\\>" in md


def _with_a_numeric_conflict(story):
    """The example's facts plus a real numeric disagreement (Cameroon toll, SaudiNewsNet)."""
    from dataclasses import replace

    from khulasa.facts import extract_facts
    from khulasa.facts.numbers import NumberReader
    from tests.facts.test_conflicts import index, source

    text = (
        "والهجوم المزدوج في مروة بشمال الكاميرون، اسفر عن مقتل {} شخصا على الاقل فيما لقي نحو "
        "42 مصرعهم في تفجيرين استهدفا محطتي حافلات في غومبيه بشمال شرق نيجيريا."
    )
    a, b = source(text.format(11), "a", "Aljazirah"), source(text.format(13), "b", "Alriyadh")
    numbers = [n for s in (a, b) for n in NumberReader().find(s)]
    (conflict,) = index(a, b).numeric_conflicts(numbers)
    return replace(extract_facts(story), conflicts=(conflict,))


def test_reports_carry_the_facts_section_with_conflicts_first(example_story):
    summary = ConceptSummarizer()(example_story, Budget(words=80))
    facts = _with_a_numeric_conflict(example_story)
    html = render(summary, "html", facts)
    assert '<section class="facts"' in html
    assert html.index("ما تختلف فيه المصادر") < html.index("تعارض محتمل: للتحقق")
    assert html.index("تعارض محتمل: للتحقق") < html.index("ما تتفق عليه المصادر")
    assert html.index('<section class="summary">') < html.index('<section class="facts"')
    data = json.loads(render(summary, "json", facts))
    assert data["facts"]["conflicts"][0]["kind"] == "numeric"
    people = {e["name"] for e in data["facts"]["entities"] if e["kind"] == "person"}
    assert {"سيرغي لافروف", "جون كيري"} <= people
    assert "ما تختلف فيه المصادر" in render(summary, "md", facts)


def test_possible_conflicts_are_a_separate_section_marked_to_check(example_story):
    from khulasa.facts import extract_facts

    facts = extract_facts(example_story)
    summary = ConceptSummarizer()(example_story, Budget(words=80))
    html = render(summary, "html", facts)
    assert "ما تختلف فيه المصادر" not in html  # no numeric disagreement: no findings section
    assert '<ul class="possible-conflicts">' in html and "ريابكوف" in html
    md = render(summary, "md", facts)
    assert "## تعارض محتمل: للتحقق" in md
    assert "## Possible conflicts: to check" in render(summary, "md", facts, ui="en")
    data = json.loads(render(summary, "json", facts))
    assert data["facts"]["counts"]["possible_conflicts"] == len(facts.possible_conflicts) >= 2
