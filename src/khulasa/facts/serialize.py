"""``StoryFacts`` as plain JSON-ready data (dates as ISO strings, sources once per fact)."""

from __future__ import annotations

from dataclasses import fields, is_dataclass
from datetime import date
from typing import Any

from khulasa.facts.model import (
    Agreement,
    Conflict,
    Entity,
    StoryFacts,
    StoryNumber,
    TimelineEvent,
)


def _plain(value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    if is_dataclass(value) and not isinstance(value, type):
        data = {f.name: _plain(getattr(value, f.name)) for f in fields(value)}
        if isinstance(value, Entity | Agreement | Conflict | TimelineEvent | StoryNumber):
            data["outlets"] = list(value.outlets)
        return data
    if isinstance(value, tuple | list):
        return [_plain(v) for v in value]
    return value


def facts_to_dict(facts: StoryFacts) -> dict[str, Any]:
    """A JSON-serialisable dict of everything in ``facts``."""
    data = _plain(facts)
    data["counts"] = {
        name: len(getattr(facts, name))
        for name in (
            "entities",
            "numbers",
            "dates",
            "quotes",
            "timeline",
            "agreements",
            "conflicts",
            "possible_conflicts",
        )
    }
    return data
