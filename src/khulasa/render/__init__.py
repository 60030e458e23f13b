"""Render: a summary (and, optionally, the story's facts) as text, JSON, Markdown or RTL HTML."""

from __future__ import annotations

import json

from khulasa.model import Summary
from khulasa.render.data import summary_to_dict
from khulasa.render.html import to_html
from khulasa.render.markdown import to_markdown
from khulasa.render.text import to_text
from khulasa.render.ui import UI, UI_LANGS, resolve_ui

FORMATS = ("text", "json", "md", "html")


def render(
    summary: Summary, fmt: str = "text", facts: object | None = None, ui: UI | str | None = None
) -> str:
    """``summary`` in format ``fmt`` (one of :data:`FORMATS`).

    ``facts`` (a :class:`khulasa.facts.StoryFacts`) adds the facts and conflicts section to the
    JSON, Markdown and HTML reports; the terminal text stays a summary. ``ui`` is the language
    of the labels (``ar`` or ``en``; default: the story's); JSON is data and has none.
    """
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; choose from {', '.join(FORMATS)}")
    ui = resolve_ui(ui, (d.language for d in summary.story.documents))
    if fmt == "text":
        return to_text(summary, ui)
    if fmt == "json":
        data = summary_to_dict(summary)
        if facts is not None:
            from khulasa.facts import facts_to_dict

            data["facts"] = facts_to_dict(facts)
        return json.dumps(data, ensure_ascii=False, indent=2)
    if facts is None:
        return to_markdown(summary, ui) if fmt == "md" else to_html(summary, ui=ui)
    from khulasa.render.facts import facts_html, facts_markdown

    if fmt == "md":
        return to_markdown(summary, ui) + "\n" + facts_markdown(facts, ui)  # type: ignore[arg-type]
    return to_html(summary, extra_sections=(facts_html(facts, ui),), ui=ui)  # type: ignore[arg-type]


__all__ = ["FORMATS", "UI_LANGS", "render", "summary_to_dict"]
