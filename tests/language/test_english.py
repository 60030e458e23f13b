"""English is a plug-in: the same pipeline, another language module."""

import khulasa
from khulasa.language import get_language

REPORTS = {
    "wire": (
        "Russian Foreign Minister Sergei Lavrov said on Thursday that the Syrian army had halted "
        "combat operations in eastern Aleppo to allow civilians to be evacuated. "
        "Lavrov spoke in Hamburg on the sidelines of an OSCE meeting. "
        "He said a convoy of 8,000 people would leave along a five-kilometre corridor."
    ),
    "daily": (
        "The Syrian army halted combat operations in eastern Aleppo, Russian Foreign Minister "
        "Sergei Lavrov said on Thursday. "
        "U.S. Secretary of State John Kerry and Lavrov failed to agree on a ceasefire in Aleppo "
        "after two brief meetings in Hamburg. "
        "Military experts from both countries will meet in Geneva on Saturday."
    ),
    "weekly": (
        "Kerry and Lavrov made no progress towards a ceasefire in Aleppo, a U.S. official said. "
        "Russian and American military experts are due to meet in Geneva on Saturday to discuss "
        "the evacuation of fighters. Dr. Jan Egeland of the UN said the sides were far apart."
    ),
}


def test_english_splitter_knows_its_abbreviations():
    en = get_language("en")
    assert en.split_sentences(REPORTS["weekly"])[-1].startswith("Dr. Jan Egeland")
    assert len(en.split_sentences(REPORTS["daily"])) == 3


def test_english_story_is_summarized_with_sources_through_the_same_pipeline():
    articles = [khulasa.Article(id=k, content=v, source=k) for k, v in REPORTS.items()]
    summary = khulasa.summarize(articles, words=40, language="en")
    assert 0 < summary.length <= 40
    assert "Aleppo" in summary.text
    assert any(s.support_count >= 2 for s in summary.sentences)


def test_arabic_text_is_rejected_by_the_english_pipeline():
    arabic = khulasa.Article(id="ar", content="أعلن وزير الخارجية الروسي سيرغي لافروف. " * 3)
    english = khulasa.Article(id="en", content=REPORTS["wire"])
    summary = khulasa.summarize([arabic, english], words=40, language="en")
    assert [p.origin for p in summary.problems] == ["ar"]
    assert "not English text" in summary.problems[0].reason
