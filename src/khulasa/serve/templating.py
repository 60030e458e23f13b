"""The pages' Jinja environment: autoescaping everywhere, and the few filters the templates
need to show outside data safely (outlet names, external links, numbers that differ)."""

from __future__ import annotations

import re
from datetime import date
from importlib import resources

import jinja2
from fastapi.templating import Jinja2Templates
from markupsafe import Markup, escape

from khulasa.render.outlets import display_name
from khulasa.render.safe import safe_url
from khulasa.render.ui import load_ui
from khulasa.stories.sections import SECTIONS

_NUMBER = re.compile(r"[0-9٠-٩][0-9٠-٩.,٫٬]*")
_ARABIC_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩٫٬", "0123456789.,")
ENTITY_LABELS = {"person": "أشخاص", "place": "أماكن", "organization": "منظمات"}
ENTITY_KIND = {"person": "شخص", "place": "مكان", "organization": "منظمة"}


def _numbers(text: str) -> set[str]:
    return {m.group().translate(_ARABIC_DIGITS).rstrip(".,") for m in _NUMBER.finditer(text)}


def mark_differing(text: str, others: list[str]) -> Markup:
    """``text`` escaped, with each number that the other side does not state in ``<mark>``:
    in "27 قتيلا" against "30 قتيلا" the reader sees at once what the outlets disagree on."""
    theirs: set[str] = set()
    for other in others:
        theirs |= _numbers(other)
    out, last = [], 0
    for match in _NUMBER.finditer(text):
        value = match.group().translate(_ARABIC_DIGITS).rstrip(".,")
        out.append(str(escape(text[last : match.start()])))
        if value in theirs:
            out.append(str(escape(match.group())))
        else:
            out.append(f"<mark>{escape(match.group())}</mark>")
        last = match.end()
    out.append(str(escape(text[last:])))
    return Markup("".join(out))


def by_outlet(support: list[dict]) -> list[tuple[str, list[str]]]:
    """A summary sentence's support, one entry per outlet with its own distinct sentences: an
    outlet that ran the wire three times is one chip, not three."""
    grouped: dict[str, list[str]] = {}
    for source in support:
        texts = grouped.setdefault(source.get("outlet") or "", [])
        if source.get("text") and source["text"] not in texts:
            texts.append(source["text"])
    return list(grouped.items())


def day(value: str | date | None) -> str:
    if value is None:
        return "بلا تاريخ"
    return value.isoformat() if isinstance(value, date) else str(value)


def _environment() -> jinja2.Environment:
    folder = resources.files("khulasa.serve").joinpath("templates")
    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(folder)),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    arabic = load_ui("ar")
    environment.filters.update(
        count=arabic.count,
        outlet=display_name,
        external=safe_url,
        differing=mark_differing,
        by_outlet=by_outlet,
        day=day,
    )
    environment.globals.update(
        entity_labels=ENTITY_LABELS,
        entity_kind=ENTITY_KIND,
        section_names={key: arabic.text(f"section.{key}") for key in SECTIONS},
    )
    return environment


templates = Jinja2Templates(env=_environment())
