"""Render: a summary as text, JSON, Markdown or a self-contained RTL HTML report."""

from __future__ import annotations

from collections.abc import Callable

from khulasa.model import Summary
from khulasa.render.data import summary_to_dict, to_json
from khulasa.render.html import to_html
from khulasa.render.markdown import to_markdown
from khulasa.render.text import to_text

RENDERERS: dict[str, Callable[[Summary], str]] = {
    "text": to_text,
    "json": to_json,
    "md": to_markdown,
    "html": to_html,
}
FORMATS = tuple(RENDERERS)


def render(summary: Summary, fmt: str = "text") -> str:
    """``summary`` in format ``fmt`` (one of :data:`FORMATS`)."""
    try:
        return RENDERERS[fmt](summary)
    except KeyError:
        raise ValueError(f"unknown format {fmt!r}; choose from {', '.join(FORMATS)}") from None


__all__ = ["FORMATS", "render", "summary_to_dict"]
