"""Small builders for facts tests: one sentence as a Source, a story from a few real sentences."""

from __future__ import annotations

from datetime import date

from khulasa.facts.entities import EntityRecognizer, extract_entities
from khulasa.facts.model import Quote, Source
from khulasa.facts.quotes import QuoteReader
from khulasa.model import Article, Story
from khulasa.pipeline import build_story


def source(text: str, doc: str = "d", outlet: str = "Outlet", index: int = 0) -> Source:
    return Source(doc, outlet, index, text)


def story_of(*pages: tuple[str, str, date | None]) -> Story:
    """A story from (outlet, text, published) triples, cleaned like real input."""
    articles = [
        Article(id=f"{n:03d}", content=text, source=outlet, published=published)
        for n, (outlet, text, published) in enumerate(pages)
    ]
    story, problems = build_story(articles)
    assert not problems
    return story


def quotes_in(*sentences: str) -> list[Quote]:
    """The quotes of consecutive sentences of one article, with entities recognised as in a run."""
    recognizer = EntityRecognizer()
    reader = QuoteReader({})
    out: list[Quote] = []
    for n, text in enumerate(sentences):
        out += reader.read(source(text, index=n), recognizer.mentions(text))
    return out


def people_in(story: Story) -> list[tuple[str, int]]:
    """(name, number of mentions) of every person of a story, after merging."""
    return [(e.name, len(e.mentions)) for e in extract_entities(story) if e.kind == "person"]
