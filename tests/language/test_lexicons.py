"""Every lexicon of the language data is well formed, and each of its examples uses its words.

One generic test over ``khulasa/language/data/ar_*.json``: a lexicon added or edited is checked
without a test of its own (issue 16: cases as data, checked by one test).
"""

from __future__ import annotations

import importlib

import pytest

from khulasa.facts.text import clitic_forms, key, tokenize
from khulasa.language.lexicons import lexicon_names, load_lexicon

NAMES = lexicon_names("ar")


def test_the_number_lexicons_are_shipped() -> None:
    assert {"number_words", "number_units", "number_qualifiers", "ordinals"} <= set(NAMES)


def _uses(example: str, phrase: str) -> bool:
    """Does ``example`` hold ``phrase`` (by key, its first word with clitics peeled)?"""
    wanted = [key(w) for w in phrase.split()]
    keys = [t.key for t in tokenize(example)]
    for i in range(len(keys) - len(wanted) + 1):
        if wanted[0] in clitic_forms(keys[i]) and keys[i + 1 : i + len(wanted)] == wanted[1:]:
            return True
    return False


@pytest.mark.parametrize("name", NAMES)
def test_lexicon_is_well_formed_and_its_examples_use_it(name: str) -> None:
    lexicon = load_lexicon(name)
    assert lexicon.id == name and lexicon.gloss and lexicon.examples
    assert bool(lexicon.words) != bool(lexicon.values)  # a set or entries by id, not both
    importlib.import_module(lexicon.used_by)
    words = [w for w in lexicon.all_words() if tokenize(w)]  # "%" is no word token
    assert len(set(lexicon.all_words())) == len(lexicon.all_words()), "a word listed twice"
    for example in lexicon.examples:
        assert any(_uses(example, w) for w in words), f"{name}: no word of it in {example!r}"
