"""Report wording as data: counts agree with their noun, and both languages say the same things."""

from __future__ import annotations

import json
from importlib import resources

import pytest

from khulasa.render.ui import NOUN_FORMS, UI_LANGS, load_ui, story_ui_lang

# (number, noun, what an Arabic reader expects to see)
ARABIC_COUNTS = [
    (0, "article", "0 مقال"),
    (1, "article", "مقال واحد"),
    (1, "story", "قصة واحدة"),
    (1, "word", "كلمة واحدة"),
    (2, "article", "مقالان"),
    (2, "outlet", "مصدران"),
    (2, "sentence", "جملتان"),
    (2, "day", "يومان"),
    (3, "article", "3 مقالات"),
    (5, "outlet", "5 مصادر"),
    (7, "day", "7 أيام"),
    (10, "article", "10 مقالات"),
    (10, "conflict", "10 تعارضات"),
    (11, "article", "11 مقالاً"),
    (11, "story", "11 قصة"),
    (25, "outlet", "25 مصدراً"),
    (88, "article", "88 مقالاً"),
    (99, "day", "99 يوماً"),
    (100, "article", "100 مقال"),
    (100, "word", "100 كلمة"),
    (101, "article", "101 مقال"),
    (102, "article", "102 مقال"),
    (103, "article", "103 مقالات"),
    (110, "article", "110 مقالات"),
    (111, "article", "111 مقالاً"),
    (199, "outlet", "199 مصدراً"),
    (200, "article", "200 مقال"),
    (1000, "article", "1000 مقال"),
    (1002, "sentence", "1002 جملة"),
    (1005, "sentence", "1005 جمل"),
    (1050, "article", "1050 مقالاً"),
    (2300, "day", "2300 يوم"),
    (12_345, "article", "12345 مقالاً"),
]


@pytest.mark.parametrize(("n", "noun", "expected"), ARABIC_COUNTS)
def test_arabic_counts_agree_with_their_noun(n: int, noun: str, expected: str) -> None:
    assert load_ui("ar").count(n, noun) == expected


@pytest.mark.parametrize(
    ("n", "expected"), [(0, "0 articles"), (1, "1 article"), (2, "2 articles"), (88, "88 articles")]
)
def test_english_counts(n: int, expected: str) -> None:
    assert load_ui("en").count(n, "article") == expected


def test_a_negative_count_is_refused() -> None:
    with pytest.raises(ValueError):
        load_ui("ar").count(-1, "article")


def _data(lang: str) -> dict:
    path = resources.files("khulasa.render").joinpath(f"data/ui-{lang}.json")
    return json.loads(path.read_text(encoding="utf-8"))


def test_every_language_has_the_same_strings_and_nouns_with_every_form() -> None:
    files = {lang: _data(lang) for lang in UI_LANGS}
    ar = files["ar"]
    for lang, data in files.items():
        assert set(data["strings"]) == set(ar["strings"]), lang
        assert set(data["nouns"]) == set(ar["nouns"]), lang
        for noun, forms in data["nouns"].items():
            assert set(NOUN_FORMS) <= set(forms), (lang, noun)
            assert forms["gender"] in data["numeral_one"], (lang, noun)
        # the fields a renderer fills in are the same in both languages' templates
    for key, template in ar["strings"].items():
        fields = {part.split("}")[0] for part in template.split("{")[1:]}
        english = files["en"]["strings"][key]
        assert fields <= {"explanation", "reason"} or fields == {
            part.split("}")[0] for part in english.split("{")[1:]
        }, key


def test_the_count_rules_cover_every_number_up_to_ten_thousand() -> None:
    for lang in UI_LANGS:
        ui = load_ui(lang)
        for n in range(10_001):
            assert ui.count(n, "article")


def test_the_report_language_follows_the_story() -> None:
    assert story_ui_lang(["ar", "ar"]) == "ar"
    assert story_ui_lang(["en"]) == "en"
    assert story_ui_lang(["fa"]) == "en"  # no Persian wording: English rather than Arabic
    assert story_ui_lang([]) == "ar"


def test_an_unknown_report_language_names_the_choices() -> None:
    with pytest.raises(ValueError, match="ar, en"):
        load_ui("fr")


def test_outlets_are_named_in_the_report_language() -> None:
    assert load_ui("ar").outlet("aleqtisadiya") == "الاقتصادية"
    assert load_ui("en").outlet("aleqtisadiya") == "Al Eqtisadiya"
    assert load_ui("ar").outlet("unknown-outlet") == "unknown-outlet"
