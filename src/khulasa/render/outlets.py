"""Outlets by the names their readers know: a slug such as ``aleqtisadiya`` is shown as الاقتصادية.

The table is data (``render/data/outlets.json``), so adding an outlet is an edit to a file, not
to code. A slug the table does not know is shown exactly as the corpus or feed gave it.
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources


@lru_cache(maxsize=1)
def _table() -> dict[str, dict[str, str]]:
    text = resources.files("khulasa.render").joinpath("data/outlets.json").read_text("utf-8")
    return json.loads(text)["outlets"]


def display_name(slug: str | None, lang: str = "ar") -> str:
    """The outlet's name in ``lang`` (``ar`` or ``en``); the slug itself when unknown."""
    if not slug:
        return ""
    entry = _table().get(slug)
    if entry is None:
        return slug
    return entry.get(lang) or entry.get("ar") or slug
