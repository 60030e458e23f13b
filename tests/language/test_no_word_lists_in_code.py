"""No Arabic word list in the facts code: words are language data (``language/data/ar_*.json``).

Every module of ``khulasa.facts`` is parsed with :mod:`ast`; a string constant that holds Arabic
letters and is not a docstring fails the test unless each Arabic run in it (outside a regex
character class) is a morpheme of :data:`MORPHEMES` — an article, a clitic, a suffix: the
script's morphology that rules peel and test, not words a lexicon could list — or it is one of
the few strings of :data:`ALLOWED`, each with its reason. Comments and docstrings may quote
Arabic freely: they are examples, not knowledge the rules read.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

FACTS = Path(__file__).resolve().parents[2] / "src" / "khulasa" / "facts"
_ARABIC_RUN = re.compile(r"[\u0621-\u064A]+")
_CHAR_CLASS = re.compile(r"\[[^\]]*\]")

# Morphology, by why the rules need it inline.
_ARTICLE = {"ال", "أل", "إل", "آل", "لل", "وال", "بال", "كال"}  # the article and its clitic forms
_PROCLITICS = {"و", "ف", "ب", "ل", "ك", "س", "وو", "وف", "بلك", "بلو", "وبل", "وفبك", "وفبلك"}
_SUFFIXES = {  # pronoun, feminine, plural, dual and nisba endings a rule strips or tests
    *("ه", "ها", "هم", "هما", "كم", "نا", "ي", "يه", "ية", "يا", "ات", "ين", "ون", "ان"),
    *("يون", "يين", "ة", "ى", "ا", "اا", "ت"),
}
_PREFIXES = {"يتن"}  # the imperfect's person prefixes (يـ، تـ، نـ)
_TRANSLITERATION = {"ج", "غ", "تش"}  # letters that spell a foreign g or ch (جيمس، غوردون، تشارلز)
MORPHEMES = frozenset(_ARTICLE | _PROCLITICS | _SUFFIXES | _PREFIXES | _TRANSLITERATION)

# (module, string, reason): what is neither morphology nor movable.
ALLOWED: tuple[tuple[str, str, str], ...] = (
    ("text.py", "اميرك", "a spelling fold inside keys (أميركي → أمريكي), beside the key it shapes"),
    ("text.py", "امريك", "the other side of that fold"),
    ("conflicts/numeric.py", r"(\d+)ر(\d+)", "ر separates digit groups in wire copy (837ر72)"),
    ("number_words.py", r"^(?:ال|[وبل])?(\d+)ر(\d+)$", "the same wire-copy separator in a number"),
)


def _docstrings(tree: ast.Module) -> set[int]:
    """ids of the constants that are docstrings (of the module, a class or a function)."""
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            first = node.body[0] if node.body else None
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                found.add(id(first.value))
    return found


def arabic_literals(source: str) -> list[tuple[int, str]]:
    """(line, string) of every non-docstring string constant with Arabic letters that is not
    morphology alone."""
    tree = ast.parse(source)
    docs = _docstrings(tree)
    found = []
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Constant) and isinstance(node.value, str)):
            continue
        if id(node) in docs:
            continue
        runs = _ARABIC_RUN.findall(_CHAR_CLASS.sub("", node.value))
        if any(run not in MORPHEMES for run in runs):
            found.append((node.lineno, node.value))
    return found


MODULES = sorted(FACTS.rglob("*.py"))


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(FACTS)))
def test_facts_module_holds_no_arabic_word_list(path: Path) -> None:
    name = str(path.relative_to(FACTS))
    allowed = {s for module, s, _ in ALLOWED if module == name}
    offenders = [
        (line, s)
        for line, s in arabic_literals(path.read_text(encoding="utf-8"))
        if s not in allowed
    ]
    assert not offenders, f"{name}: Arabic words in code, move them to language/data: {offenders}"


def test_the_allow_list_is_still_needed() -> None:
    """An allowed string that is gone from its module is removed from the list too."""
    for module, string, reason in ALLOWED:
        assert reason
        found = {s for _, s in arabic_literals((FACTS / module).read_text(encoding="utf-8"))}
        assert string in found, f"{module}: {string!r} is allowed but no longer there"


def test_a_word_list_added_to_a_module_is_caught() -> None:
    source = 'WORDS = {"قال", "أكد"}\nPATTERN = r"^(?:وقال|أكد)\\s"\n'
    assert sorted(s for _, s in arabic_literals(source)) == sorted(
        ["قال", "أكد", r"^(?:وقال|أكد)\s"]
    )


def test_morphology_and_examples_pass() -> None:
    source = (
        '"""نفى الوزير: an example in a docstring."""\n'
        'def f(w):\n    """Peels و/ف (وقال)."""\n'
        '    return w.startswith("ال") or w.endswith(("ه", "ها")) or w.lstrip("وف")\n'
        'ARTICLE = r"^(?:ال|لل|[وبل])?(\\d+)$"\n'
    )
    assert arabic_literals(source) == []
