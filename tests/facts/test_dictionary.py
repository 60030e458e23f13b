"""The dictionary test that tells a transliterated name from an Arabic word.

Words are from SaudiNewsNet 2015-08-04 and 2015-08-10 (the econ and sport gold stories).
"""

from __future__ import annotations

import pytest

from khulasa.facts.dictionary import is_arabic_word


@pytest.mark.parametrize(
    "word",
    [
        "الوزير",
        "شقيقتها",  # ة written ت before a pronoun
        "بإصابتهما",  # preposition, ت for ة, dual pronoun
        "ركودا",  # the accusative alif
        "والحطام",  # conjunction and article
        "حسن",  # an Arabic given name is also a word: this test cannot find it
    ],
)
def test_arabic_words_with_their_clitics_are_known(word: str) -> None:
    assert is_arabic_word(word)


@pytest.mark.parametrize("word", ["فاروفاكيس", "تساكالوتوس", "أفونسو", "أريسمندي", "غوتيريز"])
def test_transliterated_names_are_not_arabic_words(word: str) -> None:
    assert not is_arabic_word(word)
