"""Word lists kept as language data: one JSON file per lexicon, ``data/{language}_{id}.json``.

Rules stay in code; the words they read are data, so that a language's knowledge can be read,
reviewed and extended without reading the rules, and a new language brings its own files. Each
file names its ``id``, a ``gloss`` (what the words are and why a rule needs them), the module
that ``used_by`` them and real ``examples``, then either ``words`` (a set) or ``values`` (the
words of each entry id: a unit, a number, a qualifier). Words are written as news prints them;
the reader normalises them itself (:func:`khulasa.facts.text.key`). A lexicon whose ``match`` is
``"prefix"`` lists stems a rule matches at the start of a word (سيطر in سيطرت، وزير in وزيرا),
for the rules that read a word by its beginning rather than whole.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import cache
from importlib import resources


@dataclass(frozen=True)
class Lexicon:
    """One word list of one language."""

    id: str
    gloss: str
    used_by: str
    examples: tuple[str, ...]
    words: tuple[str, ...] = ()
    values: dict[str, tuple[str, ...]] = field(default_factory=dict)
    match: str = "word"  # "word": whole words; "prefix": stems that start a word

    def all_words(self) -> tuple[str, ...]:
        """Every word, of the set or of every entry, in file order."""
        return self.words + tuple(w for forms in self.values.values() for w in forms)


def lexicon_names(language: str = "ar") -> list[str]:
    """The ids of every lexicon shipped for ``language`` (each ``data/{language}_*.json``)."""
    prefix = f"{language}_"
    folder = resources.files("khulasa.language").joinpath("data")
    names = (p.name for p in folder.iterdir())
    return sorted(
        n[len(prefix) : -len(".json")]
        for n in names
        if n.startswith(prefix) and n.endswith(".json")
    )


@cache
def load_lexicon(name: str, language: str = "ar") -> Lexicon:
    """The lexicon ``name`` of ``language`` (``data/ar_number_units.json`` for "number_units")."""
    path = resources.files("khulasa.language").joinpath(f"data/{language}_{name}.json")
    raw = json.loads(path.read_text(encoding="utf-8"))
    if raw.get("id") != name:
        raise ValueError(f"{path}: id {raw.get('id')!r} is not the file's name {name!r}")
    return Lexicon(
        id=raw["id"],
        gloss=raw["gloss"],
        used_by=raw.get("used_by", ""),
        examples=tuple(raw["examples"]),
        words=tuple(raw.get("words", ())),
        values={k: tuple(v) for k, v in raw.get("values", {}).items()},
        match=raw.get("match", "word"),
    )


__all__ = ["Lexicon", "lexicon_names", "load_lexicon"]
