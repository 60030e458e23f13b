"""Every lexicon of the language data is well formed, and each of its examples uses its words.

One generic test over ``khulasa/language/data/ar_*.json``: a lexicon added or edited is checked
without a test of its own (issue 16: cases as data, checked by one test).
"""

from __future__ import annotations

import importlib
import inspect

import pytest

from khulasa.facts.text import clitic_forms, key, tokenize
from khulasa.language.lexicons import lexicon_names, load_lexicon

NAMES = lexicon_names("ar")


def test_the_number_lexicons_are_shipped() -> None:
    assert {"number_words", "number_units", "number_qualifiers", "ordinals"} <= set(NAMES)


def _uses(example: str, phrase: str, prefix: bool = False) -> bool:
    """Does ``example`` hold ``phrase`` (by key, its first word with clitics peeled)?

    With ``prefix`` the phrase is a stem that starts a word (سيطر in سيطرت).
    """
    wanted = [key(w) for w in phrase.split()]
    keys = [t.key for t in tokenize(example)]
    for i in range(len(keys) - len(wanted) + 1):
        forms = clitic_forms(keys[i])
        first = any(f.startswith(wanted[0]) for f in forms) if prefix else wanted[0] in forms
        if first and keys[i + 1 : i + len(wanted)] == wanted[1:]:
            return True
    return False


@pytest.mark.parametrize("name", NAMES)
def test_lexicon_is_well_formed_and_its_examples_use_it(name: str) -> None:
    lexicon = load_lexicon(name)
    assert lexicon.id == name and lexicon.gloss and lexicon.examples
    assert bool(lexicon.words) != bool(lexicon.values)  # a set or entries by id, not both
    assert lexicon.match in ("word", "prefix")
    importlib.import_module(lexicon.used_by)
    words = [w for w in lexicon.all_words() if tokenize(w)]  # "%" is no word token
    assert words, f"{name}: no words"
    assert len(set(lexicon.all_words())) == len(lexicon.all_words()), "a word listed twice"
    prefix = lexicon.match == "prefix"
    for example in lexicon.examples:
        used = any(_uses(example, w, prefix) for w in words)
        assert used, f"{name}: no word of it in {example!r}"


@pytest.mark.parametrize("name", NAMES)
def test_lexicon_is_loaded_by_the_module_it_names(name: str) -> None:
    """``used_by`` names a module whose source reads the lexicon by its id: no file is dead
    data, and a reader of the file finds the rule that needs it."""
    module = importlib.import_module(load_lexicon(name).used_by)
    source = inspect.getsource(module)
    assert f'"{name}"' in source, f"{name}: {module.__name__} does not load it"
