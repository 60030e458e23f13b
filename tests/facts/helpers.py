"""Small builders for facts tests: one sentence as a Source, a story from a few real sentences."""

from __future__ import annotations

from datetime import date

from khulasa.facts.model import Source
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
