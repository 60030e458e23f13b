"""A stored story as the summarizer's ``Story``, its sourced summary, and its article list.

Cleaning happens here, per story, not at ingest: the batch boilerplate filter compares a story's
pages with each other (shared vocabulary marks body text), which only makes sense among reports
of one event — run over a day of unrelated articles it drops real body lines. Articles whose
content is body text already (SaudiNewsNet) skip it and are only split into sentences.
"""

from __future__ import annotations

import html
import json
from collections.abc import Sequence
from dataclasses import dataclass

from khulasa.clean import clean_articles
from khulasa.language import Language, get_language
from khulasa.model import Article, Budget, Document, Sentence, Story, Summary
from khulasa.problems import Problem
from khulasa.render import render
from khulasa.render.safe import md_link, md_text, one_line, safe_url
from khulasa.render.ui import UI, resolve_ui
from khulasa.store import Store, StoredArticle
from khulasa.summarizer import ConceptSummarizer


class UnknownStory(LookupError):
    """No story has this id in the database."""


@dataclass(frozen=True)
class StoryBundle:
    story: Story
    articles: tuple[StoredArticle, ...]
    headline: str | None
    problems: tuple[Problem, ...]


def load_story(store: Store, story_id: int, language: Language | None = None) -> StoryBundle:
    """The stored story ``story_id`` with its articles cleaned into documents."""
    language = language or get_language()
    stored = store.story_articles(story_id)
    if not stored:
        raise UnknownStory(story_id)
    ids = document_ids(stored)
    documents: dict[int, Document] = {}
    problems: list[Problem] = []
    raw = [(row, _article(row, ids[row.id])) for row in stored]
    for row, article in raw:
        if row.clean:
            document = _document(article, language)
            if document is not None:
                documents[row.id] = document
    to_clean = [(row, article) for row, article in raw if not row.clean]
    cleaned = clean_articles([a for _, a in to_clean], language) if to_clean else []
    for (row, _), result in zip(to_clean, cleaned, strict=True):
        if isinstance(result, Document):
            documents[row.id] = result
        else:
            problems.append(result)
    story = Story(
        id=str(story_id), documents=tuple(documents[r.id] for r in stored if r.id in documents)
    )
    return StoryBundle(story, tuple(stored), store.story_headline(story_id), tuple(problems))


def summarize_story(
    bundle: StoryBundle, budget: Budget, language: Language | None = None
) -> Summary:
    language = language or get_language()
    summary = ConceptSummarizer(None, language)(bundle.story, budget)
    if bundle.problems:
        from dataclasses import replace

        summary = replace(summary, problems=summary.problems + bundle.problems)
    return summary


def render_story(
    bundle: StoryBundle,
    summary: Summary,
    fmt: str,
    facts: object | None = None,
    ui: UI | str | None = None,
) -> str:
    """``render(summary, fmt, facts, ui)`` followed by the story's article list, in the same
    format and report language (default: the story's)."""
    ui = resolve_ui(ui, (d.language for d in bundle.story.documents))
    body = render(summary, fmt, facts, ui)
    rows = bundle.articles
    if fmt == "json":
        data = json.loads(body)
        data["story"]["headline"] = bundle.headline
        data["articles"] = [_article_dict(r) for r in rows]
        return json.dumps(data, ensure_ascii=False, indent=2)
    heading = ui.text("articles.heading", count=len(rows))
    if fmt == "md":
        lines = ["", f"## {heading}", ""]
        lines += [f"- {_line(r, ui, markdown=True)}" for r in rows]
        return body.rstrip("\n") + "\n" + "\n".join(lines) + "\n"
    if fmt == "html":
        items = "".join(f"<li>{_html_line(r, ui)}</li>" for r in rows)
        section = (
            f'<section class="articles"><h2>{html.escape(heading)}</h2><ol>{items}</ol></section>'
        )
        if "</body>" in body:
            return body.replace("</body>", section + "</body>", 1)
        return body + section
    lines = ["", f"{heading}:"]
    lines += [f"- {_line(r, ui)}" for r in rows]
    return body.rstrip("\n") + "\n" + "\n".join(lines) + "\n"


def _title(row: StoredArticle) -> str:
    lines = row.content.strip().splitlines()
    return (row.title or (lines[0] if lines else ""))[:120]


def _line(row: StoredArticle, ui: UI, markdown: bool = False) -> str:
    """One article of the list; every field is the page's own and is made inert."""
    when = row.published.isoformat() if row.published else ui.text("articles.undated")
    copy = " " + ui.text("articles.copy_of", id=row.dup_of) if row.dup_of else ""
    outlet = ui.outlet(row.source) if row.source else row.ext_id
    if markdown:
        return f"#{row.id} {when} **{md_text(outlet)}**: {md_link(_title(row), row.url)}{copy}"
    url = f" <{one_line(row.url)}>" if row.url else ""
    return f"#{row.id} {when} {one_line(outlet)}: {one_line(_title(row))}{url}{copy}"


def _html_line(row: StoredArticle, ui: UI) -> str:
    title = html.escape(_title(row))
    when = row.published.isoformat() if row.published else ui.text("articles.undated")
    outlet = html.escape(ui.outlet(row.source) if row.source else row.ext_id)
    link = safe_url(row.url)
    if link:
        title = f'<a href="{html.escape(link, quote=True)}" rel="noopener noreferrer">{title}</a>'
    copy = " " + html.escape(ui.text("articles.copy_of", id=row.dup_of)) if row.dup_of else ""
    return f"#{row.id} {when} <b><bdi>{outlet}</bdi></b>: {title}{copy}"


def _article_dict(row: StoredArticle) -> dict[str, object]:
    return {
        "id": row.id,
        "ext_id": row.ext_id,
        "source": row.source,
        "url": row.url,
        "title": row.title,
        "published": row.published.isoformat() if row.published else None,
        "near_duplicate_of": row.dup_of,
    }


def document_ids(rows: Sequence[StoredArticle]) -> dict[int, str]:
    """Each stored article's document id in its story: its own id, made unique within the story
    (document ids anchor links in reports)."""
    seen: dict[str, int] = {}
    ids = {}
    for row in rows:
        count = seen.get(row.ext_id, 0)
        seen[row.ext_id] = count + 1
        ids[row.id] = row.ext_id if count == 0 else f"{row.ext_id}-{count + 1}"
    return ids


def _article(row: StoredArticle, doc_id: str) -> Article:
    return Article(
        id=doc_id,
        content=row.content,
        kind="html" if row.kind == "html" else "text",
        source=row.source,
        url=row.url,
        published=row.published,
        title=row.title,
        origin=row.origin,
    )


def _document(article: Article, language: Language) -> Document | None:
    """A Document from text that is body text already: paragraphs are its lines."""
    paragraphs = [line.strip() for line in article.content.splitlines() if line.strip()]
    sentences = tuple(
        Sentence(doc_id=article.id, index=i, text=text, paragraph=p)
        for i, (p, text) in enumerate(
            (p, s) for p, para in enumerate(paragraphs) for s in language.split_sentences(para)
        )
    )
    if not sentences:
        return None
    return Document(
        article=article, text="\n".join(paragraphs), sentences=sentences, language=language.code
    )
