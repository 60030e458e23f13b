"""A self-contained, right-to-left HTML report: summary with outlet badges, then the sources.

One file, no scripts, no external assets: it opens anywhere and can be mailed. Every piece of
article text goes through ``html.escape`` — scraped pages carry markup, and a ``<script>`` in an
article must be shown, never run. Each summary sentence links to its sentence in the cleaned
source text printed below, where the supporting sentences of other outlets are marked too.
"""

from __future__ import annotations

from html import escape
from importlib import resources

from khulasa.model import Document, Summary
from khulasa.render.safe import anchor, one_line, safe_url

_CSS = resources.files("khulasa.render").joinpath("report.css").read_text(encoding="utf-8")


def to_html(summary: Summary, extra_sections: tuple[str, ...] = ()) -> str:
    """The report. ``extra_sections`` are trusted HTML fragments (e.g. the facts section)."""
    budget = summary.budget
    cited = {
        (s.doc_id, s.sentence_index): number
        for number, sentence in enumerate(summary.sentences, start=1)
        for s in sentence.support
    }
    meta = (
        f"{len(summary.story.documents)} مقالات من {len(summary.story.outlets)} مصادر · "
        f"{summary.length}/{budget.limit} {'كلمة' if budget.unit == 'words' else 'حرفاً'}"
    )
    parts = ['<section class="summary"><h2>الملخص</h2><ol>']
    for number, sentence in enumerate(summary.sentences, start=1):
        badges = "".join(
            f'<a class="badge" href="#{_anchor(s.doc_id, s.sentence_index)}" '
            f'title="{escape(s.outlet)} — {s.similarity:.2f}">{escape(s.outlet)}</a>'
            for s in _one_per_outlet(sentence.support)
        )
        parts.append(
            f'<li id="summary-{number}"><p>'
            f'<a class="quote" href="#{_anchor(sentence.doc_id, sentence.sentence_index)}">'
            f"{escape(sentence.text)}</a></p>"
            f'<p class="sources"><span class="count">{sentence.support_count}</span>{badges}</p>'
            "</li>"
        )
    parts.append("</ol>")
    parts += [f'<p class="warning">{escape(w)}</p>' for w in summary.warnings]
    parts.append("</section>")
    parts.extend(extra_sections)
    parts.append('<section class="documents"><h2>المصادر بعد التنظيف</h2>')
    parts += [_document(doc, cited) for doc in summary.story.documents]
    parts.append("</section>")
    if summary.problems:
        parts.append('<section class="problems"><h2>مدخلات لم تُستخدم</h2><ul>')
        parts += [
            f'<li><code dir="ltr">{escape(p.origin)}</code>: {escape(p.reason)}</li>'
            for p in summary.problems
        ]
        parts.append("</ul></section>")
    return page("ملخص القصة", meta, parts)


def page(subtitle: str, meta: str, sections: list[str]) -> str:
    """A whole self-contained RTL page around trusted HTML ``sections``; ``meta`` is escaped."""
    head = [
        "<!DOCTYPE html>",
        '<html lang="ar" dir="rtl">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>خلاصة — {escape(subtitle)}</title>",
        f"<style>{_CSS}</style>",
        "</head>",
        "<body>",
        f"<header><h1>خلاصة <small>{escape(subtitle)}</small></h1>",
        f'<p class="meta">{escape(meta)}</p></header>',
    ]
    return "\n".join([*head, *sections, "</body>", "</html>"]) + "\n"


def _document(doc: Document, cited: dict[tuple[str, int], int]) -> str:
    article = doc.article
    meta = [f"<bdi>{escape(doc.outlet)}</bdi>"]
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
    title = f"<h3>{escape(article.title)}</h3>" if article.title else ""
    paragraphs: dict[int, list[str]] = {}
    for sentence in doc.sentences:
        number = cited.get((doc.id, sentence.index))
        mark = f'<sup><a href="#summary-{number}">{number}</a></sup>' if number else ""
        css = ' class="cited"' if number else ""
        span_id = _anchor(doc.id, sentence.index)
        paragraphs.setdefault(sentence.paragraph, []).append(
            f'<span id="{span_id}"{css}>{escape(sentence.text)}{mark}</span>'
        )
    body = "".join(f"<p>{' '.join(spans)}</p>" for _, spans in sorted(paragraphs.items()))
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
