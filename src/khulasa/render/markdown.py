"""Markdown: the summary with outlet tags, and a sources table linking sentences to outlets.

Every field is escaped (:mod:`khulasa.render.safe`): Markdown is often turned into HTML by
libraries that pass raw HTML through, so a field must not be able to open a tag or a link.
Headings, labels and counts come from the report language (:mod:`khulasa.render.ui`).
"""

from __future__ import annotations

from khulasa.model import Summary
from khulasa.render.safe import md_code, md_text
from khulasa.render.ui import UI, resolve_ui


def to_markdown(summary: Summary, ui: UI | str | None = None) -> str:
    ui = resolve_ui(ui, (d.language for d in summary.story.documents))
    budget = summary.budget
    meta = ui.text(
        "summary.meta",
        articles=ui.count(len(summary.story.documents), "article"),
        outlets=ui.count(len(summary.story.outlets), "outlet"),
        used=summary.length,
        budget=ui.budget(budget.unit, budget.limit),
    )
    out = [f"# {ui.text('summary.title')}", "", f"*{meta}*", ""]
    for number, sentence in enumerate(summary.sentences, start=1):
        tags = " ".join(md_code(o) for o in ui.outlets(sentence.outlets))
        out.append(f"{number}. {md_text(sentence.text)} — {tags} ({sentence.support_count})")
    columns = [ui.text(f"sources.column.{c}") for c in ("outlet", "sentence", "similarity")]
    out += ["", f"## {ui.text('sources.heading')}", ""]
    out += [f"| # | {' | '.join(columns)} |", "|---|---|---|---|"]
    for number, sentence in enumerate(summary.sentences, start=1):
        for support in sentence.support:
            where = f"{md_code(support.doc_id, table=True)} §{support.sentence_index}"
            outlet = md_text(ui.outlet(support.outlet))
            out.append(f"| {number} | {outlet} | {where} | {support.similarity:.2f} |")
    errors = [p for p in summary.problems if p.is_error]
    empty = len(summary.problems) - len(errors)
    if summary.problems:
        out += ["", f"## {ui.text('problems.heading')}", ""]
        out += [f"- {md_code(p.origin)}: {md_text(p.reason)}" for p in errors]
        out += [f"- {ui.text('problems.notices', count=empty)}"] if empty else []
    return "\n".join(out) + "\n"
