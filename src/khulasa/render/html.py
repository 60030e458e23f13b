"""A self-contained HTML report (right-to-left in Arabic): summary with outlet badges, sources.

One file, no scripts, no external assets: it opens anywhere and can be mailed. Every piece of
article text goes through ``html.escape`` — scraped pages carry markup, and a ``<script>`` in an
article must be shown, never run. Each summary sentence links to its sentence in the cleaned
source text printed below, where the supporting sentences of other outlets are marked too.
Headings, counts and outlet names are in the report language (:mod:`khulasa.render.ui`); the
page's ``lang`` and ``dir`` follow it, and source text keeps its own direction (``dir="auto"``).
"""

from __future__ import annotations

from html import escape
from importlib import resources

from khulasa.model import Document, Summary
from khulasa.render.safe import anchor, one_line, safe_url
from khulasa.render.ui import UI, load_ui, resolve_ui

_CSS = resources.files("khulasa.render").joinpath("report.css").read_text(encoding="utf-8")


def to_html(
    summary: Summary, extra_sections: tuple[str, ...] = (), ui: UI | str | None = None
) -> str:
    """The report. ``extra_sections`` are trusted HTML fragments (e.g. the facts section)."""
    ui = resolve_ui(ui, (d.language for d in summary.story.documents))
    budget = summary.budget
    cited = {
        (s.doc_id, s.sentence_index): number
        for number, sentence in enumerate(summary.sentences, start=1)
        for s in sentence.support
    }
    meta = ui.text(
        "summary.meta",
        articles=ui.count(len(summary.story.documents), "article"),
        outlets=ui.count(len(summary.story.outlets), "outlet"),
        used=summary.length,
        budget=ui.budget(budget.unit, budget.limit),
    )
    parts = [f'<section class="summary"><h2>{escape(ui.text("summary.heading"))}</h2><ol>']
    for number, sentence in enumerate(summary.sentences, start=1):
        badges = "".join(
            f'<a class="badge" href="#{_anchor(s.doc_id, s.sentence_index)}" '
            f'title="{escape(ui.outlet(s.outlet))} — {s.similarity:.2f}">'
            f"{escape(ui.outlet(s.outlet))}</a>"
            for s in _one_per_outlet(sentence.support)
        )
        parts.append(
            f'<li id="summary-{number}"><p dir="auto">'
            f'<a class="quote" href="#{_anchor(sentence.doc_id, sentence.sentence_index)}">'
            f"{escape(sentence.text)}</a></p>"
            f'<p class="sources"><span class="count">{sentence.support_count}</span>{badges}</p>'
            "</li>"
        )
    parts.append("</ol>")
    parts += [f'<p class="warning">{escape(w)}</p>' for w in summary.warnings]
    parts.append("</section>")
    parts.extend(extra_sections)
    parts.append(f'<section class="documents"><h2>{escape(ui.text("documents.heading"))}</h2>')
    parts += [_document(doc, cited, ui) for doc in summary.story.documents]
    parts.append("</section>")
    if summary.problems:
        heading = escape(ui.text("problems.heading"))
        parts.append(f'<section class="problems"><h2>{heading}</h2><ul>')
        errors = [p for p in summary.problems if p.is_error]
        parts += [
            f'<li><code dir="ltr">{escape(p.origin)}</code>: {escape(p.reason)}</li>'
            for p in errors
        ]
        if empty := len(summary.problems) - len(errors):
            parts.append(f"<li>{escape(ui.text('problems.notices', count=empty))}</li>")
        parts.append("</ul></section>")
    return page(ui.text("summary.title"), meta, parts, ui)


def page(subtitle: str, meta: str, sections: list[str], ui: UI | str | None = None) -> str:
    """A whole self-contained page around trusted HTML ``sections``; ``meta`` is escaped.

    Right-to-left and Arabic unless ``ui`` says otherwise."""
    ui = ui if isinstance(ui, UI) else load_ui(ui or "ar")
    name = escape(ui.text("app.name"))
    head = [
        "<!DOCTYPE html>",
        f'<html lang="{ui.lang}" dir="{ui.dir}">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{name} — {escape(subtitle)}</title>",
        f"<style>{_CSS}</style>",
        "</head>",
        "<body>",
        f"<header><h1>{name} <small>{escape(subtitle)}</small></h1>",
        f'<p class="meta">{escape(meta)}</p></header>',
    ]
    return "\n".join([*head, *sections, "</body>", "</html>"]) + "\n"


def _document(doc: Document, cited: dict[tuple[str, int], int], ui: UI) -> str:
    article = doc.article
    meta = [f"<bdi>{escape(ui.outlet(doc.outlet))}</bdi>"]
    if article.published:
        meta.append(article.published.isoformat())
    if article.url:
        link = safe_url(article.url)
        shown = escape(one_line(article.url))
        meta.append(
            f'<a href="{escape(link)}" dir="ltr" rel="noopener noreferrer">{shown}</a>'
            if link
            else f'<span dir="ltr">{shown}</span>'
        )
    title = f'<h3 dir="auto">{escape(article.title)}</h3>' if article.title else ""
    paragraphs: dict[int, list[str]] = {}
    for sentence in doc.sentences:
        number = cited.get((doc.id, sentence.index))
        mark = f'<sup><a href="#summary-{number}">{number}</a></sup>' if number else ""
        css = ' class="cited"' if number else ""
        span_id = _anchor(doc.id, sentence.index)
        paragraphs.setdefault(sentence.paragraph, []).append(
            f'<span id="{span_id}"{css}>{escape(sentence.text)}{mark}</span>'
        )
    body = "".join(
        f'<p dir="auto">{" ".join(spans)}</p>' for _, spans in sorted(paragraphs.items())
    )
    return (
        f'<article id="doc-{anchor(doc.id)}"><p class="meta">{" · ".join(meta)}</p>'
        f"{title}{body}</article>"
    )


def _one_per_outlet(support):  # type: ignore[no-untyped-def]
    seen: set[str] = set()
    for s in support:
        if s.outlet not in seen:
            seen.add(s.outlet)
            yield s


def _anchor(doc_id: str, index: int) -> str:
    return f"s-{anchor(doc_id)}-{index}"
