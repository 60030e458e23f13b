"""The words of a report in the reader's language: labels, counts with their nouns, outlet names.

A report of an Arabic story is read by people who read Arabic, so its headings and labels are
Arabic too; ``--ui-lang en`` gives English. The wording lives in one JSON file per language
(``render/data/ui-ar.json``, ``ui-en.json``), each string under an id, so a renderer asks for
``ui.text("sources.heading")`` and never branches on the language.

Counts follow the language's own agreement rules, also data: Arabic says "مقال واحد",
"مقالان", "3 مقالات", "88 مقالاً" and "100 مقال", where the number decides the noun's form
(and above a hundred, the remainder does). Each rule gives a range of the number (or of its
remainder) and a template over the noun's forms; the first rule that matches writes the count.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from khulasa.render.outlets import display_name

UI_LANGS = ("ar", "en")
DEFAULT_UI_LANG = "ar"
NOUN_FORMS = ("singular", "dual", "plural", "accusative")


@dataclass(frozen=True)
class CountRule:
    """``n`` (or, with ``mod``, the remainder ``n % mod``) in ``[low, high]`` → ``form``.

    ``high`` None means no upper bound; ``n_low``/``n_high`` bound the number itself, so a
    rule about remainders applies from a hundred on only."""

    id: str
    form: str
    n_low: int = 0
    n_high: int | None = None
    mod: int | None = None
    rem_low: int = 0
    rem_high: int | None = None

    def matches(self, n: int) -> bool:
        if n < self.n_low or (self.n_high is not None and n > self.n_high):
            return False
        if self.mod is None:
            return True
        rem = n % self.mod
        return rem >= self.rem_low and (self.rem_high is None or rem <= self.rem_high)

    @classmethod
    def from_data(cls, data: Mapping[str, Any]) -> CountRule:
        n_low, n_high = data.get("n", [0, None])
        rem_low, rem_high = data.get("rem", [0, None])
        return cls(
            id=data["id"],
            form=data["form"],
            n_low=n_low,
            n_high=n_high,
            mod=data.get("mod"),
            rem_low=rem_low,
            rem_high=rem_high,
        )


@dataclass(frozen=True)
class UI:
    """One language's report wording (see the module docstring)."""

    lang: str
    dir: str
    strings: Mapping[str, str]
    nouns: Mapping[str, Mapping[str, str]]
    rules: tuple[CountRule, ...]
    numeral_one: Mapping[str, str]
    list_separator: str

    def text(self, key: str, **fields: object) -> str:
        """The string ``key``, its ``{fields}`` filled in. An unknown id is a bug: KeyError."""
        template = self.strings[key]
        return template.format(**fields) if fields else template

    def label(self, key: str, fallback: str = "other") -> str:
        """``key`` when the language has it, else the ``fallback`` id at the same level
        (``conflict.label.denial`` → ``conflict.label.other``): for ids built from data."""
        if key in self.strings:
            return self.strings[key]
        return self.strings[key.rsplit(".", 1)[0] + "." + fallback]

    def count(self, n: int, noun: str) -> str:
        """``n`` with the noun ``noun`` in the form the number calls for ("88 مقالاً")."""
        if n < 0:
            raise ValueError(f"a count cannot be negative: {n}")
        forms = self.nouns[noun]
        for rule in self.rules:
            if rule.matches(n):
                one = self.numeral_one[forms.get("gender", "m")]
                return rule.form.format(n=n, one=one, **forms)
        raise ValueError(f"no count rule of {self.lang!r} covers {n}")

    def outlet(self, slug: str | None) -> str:
        """An outlet as readers of this language know it (the slug when the table lacks it)."""
        return display_name(slug, self.lang)

    def outlets(self, slugs: Iterable[str]) -> list[str]:
        return [self.outlet(s) for s in slugs]

    def join(self, items: Iterable[str]) -> str:
        """A list in running text: "أ، ب، ج" in Arabic, "a, b, c" in English."""
        return self.list_separator.join(items)

    def budget(self, unit: str, limit: int) -> str:
        """A budget's limit with its unit: "80 كلمة", "600 حرف", "80 words"."""
        return self.count(limit, "word" if unit == "words" else "character")


@lru_cache(maxsize=len(UI_LANGS))
def load_ui(lang: str = DEFAULT_UI_LANG) -> UI:
    """The wording of ``lang`` (one of :data:`UI_LANGS`), read once from the package."""
    if lang not in UI_LANGS:
        raise ValueError(f"no report language {lang!r}; choose from {', '.join(UI_LANGS)}")
    path = resources.files("khulasa.render").joinpath(f"data/ui-{lang}.json")
    data = json.loads(path.read_text(encoding="utf-8"))
    return UI(
        lang=data["lang"],
        dir=data["dir"],
        strings=data["strings"],
        nouns=data["nouns"],
        rules=tuple(CountRule.from_data(r) for r in data["count_rules"]),
        numeral_one=data["numeral_one"],
        list_separator=data["list_separator"],
    )


def story_ui_lang(languages: Iterable[str]) -> str:
    """The report language for a story whose documents are in ``languages``: their first
    language when a report can be written in it, else English."""
    for lang in languages:
        return lang if lang in UI_LANGS else "en"
    return DEFAULT_UI_LANG


def resolve_ui(ui: UI | str | None, languages: Iterable[str] = ()) -> UI:
    """A :class:`UI` from what a caller gave: a UI, a language code, or None (the story's)."""
    if isinstance(ui, UI):
        return ui
    return load_ui(ui or story_ui_lang(languages))
