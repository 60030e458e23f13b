"""Plain text for the terminal: the summary, then where each sentence comes from.

Source text may hold escape sequences; they are shown (``\\x1b``), never sent to the terminal.
"""

from __future__ import annotations

from khulasa.model import Summary
from khulasa.render.safe import one_line


def to_text(summary: Summary) -> str:
    budget = summary.budget
    lines = [
        f"Summary of {len(summary.story.documents)} articles from "
        f"{len(summary.story.outlets)} outlets ({summary.length}/{budget.limit} {budget.unit})",
        "",
    ]
    for number, sentence in enumerate(summary.sentences, start=1):
        outlets = ", ".join(one_line(o) for o in sentence.outlets)
        lines.append(f"{number}. {one_line(sentence.text)}")
        lines.append(f"   [{sentence.support_count} outlet(s): {outlets}]")
    return "\n".join(lines) + "\n"
