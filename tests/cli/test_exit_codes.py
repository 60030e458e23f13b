"""Exit codes a scheduler can use: empty records are notices (exit 0), unusable inputs errors.

A SaudiNewsNet day ships about a hundred records with no text and a few English wire items;
before severities, every routine ingest of the corpus exited 1, so a cron job could not tell a
normal day from a broken one. Here the day is rebuilt from real records of the corpus (the
fixture) in its own layout, a zip holding one JSON array.
"""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

from khulasa.cli import main
from khulasa.cli.common import exit_status
from khulasa.problems import ERROR, NOTICE, Problem
from tests.conftest import EXAMPLE_MANIFEST, SHARED_DATA

SAMPLE = Path(__file__).resolve().parents[1] / "fixtures" / "saudinewsnet-sample.json"
ENGLISH = (
    "RIYADH: The Saudi stock market closed higher on Monday as banks and petrochemical "
    "companies gained, traders said, while volumes remained thin ahead of the holiday."
)


def _day_zip(tmp_path: Path, extra: list[dict]) -> Path:
    """The sample's real records (one of them empty) plus ``extra``, zipped as the corpus is."""
    records = json.loads(SAMPLE.read_text(encoding="utf-8")) + extra
    path = tmp_path / "2015-07-21.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("2015-07-21.json", json.dumps(records, ensure_ascii=False))
    return path


def _record(content: str, n: int) -> dict:
    return {
        "source": "sabq",
        "url": f"http://sabq.org/extra-{n}",
        "date_extracted": "2015-07-21 10:00:00",
        "title": "",
        "author": "",
        "content": content,
    }


def _ingest(capsys, *inputs: str, db: Path) -> tuple[int, str]:
    code = main(["ingest", *inputs, "--db", str(db), "--workers", "0", "-q"])
    return code, capsys.readouterr().err


def test_an_ingest_of_a_zip_with_empty_records_exits_0_and_counts_them(tmp_path, capsys) -> None:
    day = _day_zip(tmp_path, [_record("", 1), _record("  \n\t ", 2), _record("\u00a0", 3)])
    code, err = _ingest(capsys, str(day), db=tmp_path / "k.db")
    assert code == 0, err
    assert "4 records skipped: empty article text (the first: " in err
    assert "2015-07-21.json#7" in err  # the sample's own empty record is the first
    assert "khulasa: skipped" not in err  # no record is named as an error
    assert "added 6" in err


def test_a_non_arabic_record_of_the_corpus_is_a_notice_too(tmp_path, capsys) -> None:
    day = _day_zip(tmp_path, [_record(ENGLISH, 1)])
    code, err = _ingest(capsys, str(day), db=tmp_path / "k.db")
    assert code == 0, err
    assert "1 record skipped: not Arabic text (the first: " in err
    assert "1 record skipped: empty article text" in err


def test_a_missing_input_beside_a_good_one_exits_1_and_alone_exits_2(tmp_path, capsys) -> None:
    day = _day_zip(tmp_path, [_record("", 1)])
    missing = tmp_path / "2015-07-22.zip"
    code, err = _ingest(capsys, str(day), str(missing), db=tmp_path / "k.db")
    assert code == 1, err
    assert f"khulasa: skipped {missing}: no such file or folder" in err
    assert "2 records skipped: empty article text" in err  # notices still counted
    code, err = _ingest(capsys, str(missing), db=tmp_path / "other.db")
    assert code == 2 and "nothing ingested" in err
    assert not (tmp_path / "other.db").exists()


def test_a_damaged_zip_or_an_english_file_given_by_name_is_an_error(tmp_path, capsys) -> None:
    day = _day_zip(tmp_path, [])
    damaged = tmp_path / "2015-07-23.zip"
    damaged.write_bytes(day.read_bytes()[:300])
    english = tmp_path / "wire.txt"
    english.write_text(ENGLISH * 3, encoding="utf-8")
    code, err = _ingest(capsys, str(day), str(damaged), str(english), db=tmp_path / "k.db")
    assert code == 1, err
    assert f"skipped {damaged}: not a readable zip archive" in err
    assert f"skipped {english}: not Arabic text" in err


def test_a_corpus_of_empty_records_only_is_nothing_usable(tmp_path, capsys) -> None:
    path = tmp_path / "empty-day.json"
    path.write_text(json.dumps([_record("", 1), _record(" ", 2)]), encoding="utf-8")
    code, err = _ingest(capsys, str(path), db=tmp_path / "k.db")
    assert code == 2
    assert "2 records skipped: empty article text" in err and "nothing ingested" in err


def test_summarize_counts_an_empty_jsonl_record_and_exits_0(tmp_path, capsys) -> None:
    manifest = tmp_path / "manifest.jsonl"
    lines = EXAMPLE_MANIFEST.read_text(encoding="utf-8").splitlines()
    rows = [json.loads(line) for line in lines if line.strip()]
    for row in rows:  # the pages stay where they are
        row["path"] = str(EXAMPLE_MANIFEST.parent / row["path"])
    rows.insert(2, {"text": "   ", "source": "Al-Bayan"})
    manifest.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n")
    args = ["summarize", str(manifest), "--allow-outside-paths", "--format", "json"]
    assert main(args) == 0
    captured = capsys.readouterr()
    assert f"1 record skipped: empty article text (the first: {manifest}:3)" in captured.err
    data = json.loads(captured.out)
    assert data["problems"] == [
        {"origin": f"{manifest}:3", "reason": "empty article text", "severity": "notice"}
    ]
    assert main([*args[:-2], "--format", "md"]) == 0
    assert "سجلات تُركت لأنها فارغة أو بلغة أخرى: 1" in capsys.readouterr().out


def test_a_listed_page_that_holds_only_spaces_stays_an_error(tmp_path, capsys) -> None:
    (tmp_path / "blank.txt").write_text("  \n \n", encoding="utf-8")
    manifest = tmp_path / "m.jsonl"
    manifest.write_text('{"path": "blank.txt"}\n', encoding="utf-8")
    good = EXAMPLE_MANIFEST
    assert main(["summarize", str(manifest), str(good)]) == 1
    assert f"skipped {manifest}:1: empty file" in capsys.readouterr().err


NOTICE_ONLY = [Problem("day.zip!day.json#7", "empty article text", NOTICE)]
AN_ERROR = [*NOTICE_ONLY, Problem("missing.zip", "no such file or folder", ERROR)]


@pytest.mark.parametrize(
    ("problems", "usable", "empty", "code"),
    [
        ([], True, False, 0),
        (NOTICE_ONLY, True, False, 0),
        (AN_ERROR, True, False, 1),
        (NOTICE_ONLY, True, True, 1),  # an empty summary
        (NOTICE_ONLY, False, False, 2),
        (AN_ERROR, False, False, 2),
    ],
)
def test_exit_status_is_decided_by_severity(problems, usable, empty, code) -> None:
    assert exit_status(problems, usable=usable, empty=empty) == code


@pytest.mark.skipif(
    not (SHARED_DATA / "saudinewsnet" / "2015-07-21.zip").exists(),
    reason="the SaudiNewsNet corpus is not on this machine (../shared/data/saudinewsnet)",
)
def test_the_real_days_of_the_corpus_hold_notices_not_errors() -> None:
    """Reading (not ingesting) a real day: its empty records come out as notices."""
    from khulasa.ingest.saudinewsnet import read_inputs

    day = SHARED_DATA / "saudinewsnet" / "2015-07-21.zip"
    problems = [p for p in read_inputs([str(day)]) if isinstance(p, Problem)]
    assert len(problems) > 50
    assert all(p.severity == NOTICE and p.reason == "empty article text" for p in problems)
