"""Plain text for the terminal: the summary, then where each sentence comes from.

Source text may hold escape sequences; they are shown (``\\x1b``), never sent to the terminal.
The labels and counts come from the report language (:mod:`khulasa.render.ui`).
"""

from __future__ import annotations

from khulasa.model import Summary
from khulasa.render.safe import one_line
from khulasa.render.ui import UI, resolve_ui


def to_text(summary: Summary, ui: UI | str | None = None) -> str:
    ui = resolve_ui(ui, (d.language for d in summary.story.documents))
    budget = summary.budget
    lines = [
        ui.text(
            "summary.text_header",
            articles=ui.count(len(summary.story.documents), "article"),
            outlets=ui.count(len(summary.story.outlets), "outlet"),
            used=summary.length,
            budget=ui.budget(budget.unit, budget.limit),
        ),
        "",
    ]
    for number, sentence in enumerate(summary.sentences, start=1):
        names = ui.join(one_line(name) for name in ui.outlets(sentence.outlets))
        lines.append(f"{number}. {one_line(sentence.text)}")
        reported = ui.text(
            "summary.reported_by", outlets=ui.count(sentence.support_count, "outlet"), names=names
        )
        lines.append(f"   {reported}")
    return "\n".join(lines) + "\n"
