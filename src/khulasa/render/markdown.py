"""Markdown: the summary with outlet tags, and a sources table linking sentences to outlets."""

from __future__ import annotations

from khulasa.model import Summary


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
        tags = " ".join(f"`{_escape(o)}`" for o in sentence.outlets)
        out.append(f"{number}. {_escape(sentence.text)} — {tags} ({sentence.support_count})")
    out += ["", "## Sources", "", "| # | outlet | sentence | similarity |", "|---|---|---|---|"]
    for number, sentence in enumerate(summary.sentences, start=1):
        for support in sentence.support:
            where = f"{support.doc_id} §{support.sentence_index}"
            out.append(
                f"| {number} | {_escape(support.outlet)} | {where} | {support.similarity:.2f} |"
            )
    if summary.problems:
        out += ["", "## Skipped inputs", ""]
        out += [f"- `{_escape(p.origin)}`: {_escape(p.reason)}" for p in summary.problems]
    return "\n".join(out) + "\n"


def _escape(text: str) -> str:
    """Keep source text from being read as Markdown or raw HTML."""
    for ch in "\\`*_[]<>|":
        text = text.replace(ch, "\\" + ch)
    return text
