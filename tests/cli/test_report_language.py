"""Reports of an Arabic story are Arabic throughout; ``--ui-lang en`` makes them English.

The English labels the text and Markdown reports used to mix in are listed here: none of them
may come back into an Arabic report, and in fact no Latin word at all may appear outside the
code spans (document ids) of the example story's reports, whose sources are all Arabic.
"""

from __future__ import annotations

import re

import pytest

from khulasa.cli import main
from khulasa.render.outlets import display_name
from tests.conftest import EXAMPLE_MANIFEST

REMOVED_ENGLISH_LABELS = [
    "Summary of",
    "outlet(s)",
    "Story summary",
    "Story facts",
    "## Sources",
    "| outlet |",
    "sentence",
    "similarity",
    "Skipped inputs",
    "Outlets:",
    "articles",
    "words",
    "(person)",
    "(place)",
    "(org)",
    "(numbers)",
    "(quotes)",
    "(timeline)",
    "(agreements)",
    "(conflicts)",
    "possible conflicts, to check",
    "also:",
    "mentions",
    "(contradiction)",
    "one side negates",
]
# The example's outlets, as the manifest names them.
OUTLETS = ["DW Arabic", "Irfaa Sawtak", "Al-Bawaba News", "HuffPost Arabi", "Al-Bayan"]


def _report(capsys, fmt: str, *extra: str) -> str:
    code = main(["summarize", str(EXAMPLE_MANIFEST), "--words", "120", "--format", fmt, *extra])
    assert code == 0
    return capsys.readouterr().out


def _outside_code(text: str) -> str:
    return re.sub(r"`[^`]*`", "", text)


@pytest.mark.parametrize("fmt", ["text", "md"])
def test_the_reports_of_an_arabic_story_are_arabic(capsys, fmt: str) -> None:
    out = _report(capsys, fmt)
    for label in REMOVED_ENGLISH_LABELS:
        assert label not in out, label
    assert not re.findall(r"[A-Za-z]{2,}", _outside_code(out)), "a Latin word is left"
    assert "5 مقالات" in out and "5 مصادر" in out
    if fmt == "text":
        assert out.startswith("الملخص: 5 مقالات، 5 مصادر (")
        assert "كلمة)" in out and "[نقله " in out
    else:
        for heading in ("# ملخص القصة", "## المصادر", "# الوقائع", "## أشخاص", "## أماكن"):
            assert f"\n{heading}\n" in f"\n{out}", heading
        assert "| # | المصدر | الجملة | التشابه |" in out
        assert "## تعارض محتمل: للتحقق" in out
    shown = [name for name in OUTLETS if display_name(name, "ar") in out]
    assert shown and all(display_name(n, "ar") != n for n in shown)  # Arabic outlet names


@pytest.mark.parametrize("fmt", ["text", "md"])
def test_ui_lang_en_gives_english_labels_and_names(capsys, fmt: str) -> None:
    out = _report(capsys, fmt, "--ui-lang", "en")
    assert "5 articles" in out and "5 outlets" in out
    if fmt == "text":
        assert out.startswith("Summary of 5 articles from 5 outlets (")
        assert "[reported by " in out
    else:
        for heading in ("# Story summary", "## Sources", "# Story facts", "## People"):
            assert f"\n{heading}\n" in f"\n{out}", heading
        assert "## Possible conflicts: to check" in out
    labels = _labels_only(out)
    for arabic_label in ("الملخص", "مقالات", "مصادر", "نقله", "الوقائع", "تعارض محتمل"):
        assert arabic_label not in labels, arabic_label
    assert any(name in labels for name in OUTLETS)
    assert not any(display_name(name, "ar") in labels for name in OUTLETS)


def _labels_only(report: str) -> str:
    """The report without the quoted source text: the lines and parts the renderer wrote
    (headings, counts, the "reported by" lines, the sources table)."""
    kept = []
    for line in report.splitlines():
        if re.match(r"^\d+\. ", line) or line.lstrip().startswith("- "):
            continue  # a quoted sentence or a listed fact: Arabic source text
        kept.append(line)
    return "\n".join(kept)


def test_html_and_facts_follow_ui_lang(capsys) -> None:
    html = _report(capsys, "html")
    assert '<html lang="ar" dir="rtl">' in html and "<h2>الملخص</h2>" in html
    english = _report(capsys, "html", "--ui-lang", "en")
    assert '<html lang="en" dir="ltr">' in english and "<h2>Summary</h2>" in english
    assert main(["facts", str(EXAMPLE_MANIFEST), "--format", "md"]) == 0
    facts = capsys.readouterr().out
    assert facts.startswith("# الوقائع\n") and "المصادر: دويتشه فيله عربية" in facts
    assert main(["facts", str(EXAMPLE_MANIFEST), "--format", "md", "--ui-lang", "en"]) == 0
    assert capsys.readouterr().out.startswith("# Story facts\n\nOutlets: DW Arabic")


def test_an_unknown_ui_lang_is_a_usage_error(capsys) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["summarize", str(EXAMPLE_MANIFEST), "--ui-lang", "fr"])
    assert exc.value.code == 2
    assert "--ui-lang" in capsys.readouterr().err


def test_stored_stories_are_listed_and_reported_in_arabic_or_english(tmp_path, capsys) -> None:
    db = str(tmp_path / "k.db")
    assert main(["ingest", str(EXAMPLE_MANIFEST), "--db", db, "--workers", "0", "-q"]) == 0
    capsys.readouterr()
    assert main(["stories", "--db", db, "--min-sources", "1"]) == 0
    listing = capsys.readouterr().out
    assert re.search(r"(\d+ )?مقال(ان|ات|اً)?( واحد)? · (\d+ )?مصدر", listing), listing
    assert "articles" not in listing and "هاف بوست عربي" in listing
    story_id = listing.split()[0]
    assert main(["story", story_id, "--db", db]) == 0
    report = capsys.readouterr().out
    assert re.search(r"\nالمقالات \(\d+\):\n", report) and "Articles" not in report
    assert main(["story", story_id, "--db", db, "--format", "md", "--ui-lang", "en"]) == 0
    report = capsys.readouterr().out
    assert re.search(r"\n## Articles \(\d+\)\n", report) and "HuffPost Arabi" in report


def test_a_story_in_english_gets_an_english_report_by_default(tmp_path, capsys) -> None:
    page = tmp_path / "wire.txt"
    page.write_text(
        "The foreign ministers met in Hamburg on Thursday and said the talks on Aleppo made no "
        "progress.\nBoth sides agreed to meet again in Geneva on Saturday to discuss the "
        "evacuation of civilians from the east of the city.\n",
        encoding="utf-8",
    )
    assert main(["summarize", str(page), "--language", "en", "--words", "60"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Summary of 1 article from 1 outlet (")
    assert "[reported by 1 outlet: wire]" in out
