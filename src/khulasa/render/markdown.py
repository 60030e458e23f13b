"""Markdown: the summary with outlet tags, and a sources table linking sentences to outlets.

Every field is escaped (:mod:`khulasa.render.safe`): Markdown is often turned into HTML by
libraries that pass raw HTML through, so a field must not be able to open a tag or a link.
"""

from __future__ import annotations

from khulasa.model import Summary
from khulasa.render.safe import md_code, md_text


def to_markdown(summary: Summary) -> str:
    budget = summary.budget
    out = [
        "# ملخص القصة / Story summary",
        "",
        f"*{len(summary.story.documents)} articles, {len(summary.story.outlets)} outlets; "
        f"{summary.length} of {budget.limit} {budget.unit}.*",
        "",
    ]
    for number, sentence in enumerate(summary.sentences, start=1):
        tags = " ".join(md_code(o) for o in sentence.outlets)
        out.append(f"{number}. {md_text(sentence.text)} — {tags} ({sentence.support_count})")
    out += ["", "## Sources", "", "| # | outlet | sentence | similarity |", "|---|---|---|---|"]
    for number, sentence in enumerate(summary.sentences, start=1):
        for support in sentence.support:
            where = f"{md_code(support.doc_id, table=True)} §{support.sentence_index}"
            out.append(
                f"| {number} | {md_text(support.outlet)} | {where} | {support.similarity:.2f} |"
            )
    if summary.problems:
        out += ["", "## Skipped inputs", ""]
        out += [f"- {md_code(p.origin)}: {md_text(p.reason)}" for p in summary.problems]
    return "\n".join(out) + "\n"
