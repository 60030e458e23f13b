"""The CLI under hostile input and places: one line on stderr, the documented exit code
(0 all used, 1 some skipped, 2 nothing usable / usage / database / output error), never a
traceback, and read-only commands that change nothing."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import pytest

from .conftest import CORPUS, EXAMPLE_MANIFEST, GOOD_PAGE, khulasa


def one_line_error(run, *words: str) -> str:
    err = run.stderr.decode("utf-8", "replace")
    assert "Traceback" not in err, err
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1, err
    for word in words:
        assert word in lines[0], err
    return lines[0]


@pytest.fixture(scope="module")
def example_db(tmp_path_factory) -> Path:
    db = tmp_path_factory.mktemp("db") / "news.db"
    run = khulasa("ingest", str(EXAMPLE_MANIFEST), "--db", str(db), "--workers", "0", "-q")
    assert run.returncode == 0, run.stderr.decode()
    return db


def fingerprint(path: Path) -> tuple[str, int]:
    return hashlib.sha256(path.read_bytes()).hexdigest(), path.stat().st_mtime_ns


# -- output errors --------------------------------------------------------------------------


def test_summarize_to_a_folder_is_one_line_and_exit_2(tmp_path: Path) -> None:
    run = khulasa("summarize", str(GOOD_PAGE), "-o", str(tmp_path))
    assert run.returncode == 2
    one_line_error(run, "is a folder")


def test_summarize_to_a_full_disk_is_one_line_and_exit_2_and_the_device_stays_a_device() -> None:
    run = khulasa("summarize", str(GOOD_PAGE), "-o", "/dev/full")
    assert run.returncode == 2
    one_line_error(run, "/dev/full", "No space left")
    assert Path("/dev/full").is_char_device()  # not replaced by a report (we run as root)


def test_summarize_into_a_folder_that_cannot_be_created_is_one_line_and_exit_2() -> None:
    run = khulasa("summarize", str(GOOD_PAGE), "-o", "/proc/no-such-folder/report.md")
    assert run.returncode == 2
    one_line_error(run, "cannot write /proc/no-such-folder/report.md")


def test_a_report_replaces_the_previous_one_whole_and_keeps_normal_permissions(
    tmp_path: Path,
) -> None:
    report = tmp_path / "r.md"
    report.write_text("old", encoding="utf-8")
    report.chmod(0o644)
    run = khulasa("summarize", str(GOOD_PAGE), "--format", "md", "-o", str(report))
    assert run.returncode == 0, run.stderr.decode()
    assert report.read_text(encoding="utf-8").startswith("# ")
    assert report.stat().st_mode & 0o777 == 0o644
    assert [p.name for p in tmp_path.iterdir()] == ["r.md"]  # no temporary file left behind


# -- database errors ------------------------------------------------------------------------


def test_a_folder_as_db_is_one_line_and_exit_2(tmp_path: Path) -> None:
    run = khulasa("stories", "--db", str(tmp_path))
    assert run.returncode == 2
    one_line_error(run, "folder")


def test_a_corrupted_db_is_one_line_and_exit_2_and_is_left_as_it_was(tmp_path: Path) -> None:
    db = tmp_path / "bad.db"
    db.write_bytes(b"SQLite format 3\x00" + bytes(range(256)) * 8)
    before = fingerprint(db)
    for command in (["stories"], ["story", "1"], ["ingest", str(GOOD_PAGE)]):
        run = khulasa(*command, "--db", str(db))
        assert run.returncode == 2
        one_line_error(run, "not a database")
    assert fingerprint(db) == before


def test_stories_on_an_empty_file_does_not_turn_it_into_a_database(tmp_path: Path) -> None:
    db = tmp_path / "empty.db"
    db.touch()
    run = khulasa("stories", "--db", str(db))
    assert run.returncode == 2
    one_line_error(run, "not a Khulasa database")
    assert db.stat().st_size == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["empty.db"]


def test_stories_and_story_read_a_database_without_changing_it(
    example_db: Path, tmp_path: Path
) -> None:
    db = tmp_path / "copy.db"
    shutil.copy(example_db, db)
    before = fingerprint(db)
    listing = khulasa("stories", "--db", str(db), "--min-sources", "1", "--format", "json")
    assert listing.returncode == 0, listing.stderr.decode()
    stories = json.loads(listing.stdout)
    assert stories
    story = khulasa("story", str(stories[0]["id"]), "--db", str(db))
    assert story.returncode == 0, story.stderr.decode()
    assert "الملخص: " in story.stdout.decode()
    assert fingerprint(db) == before


def test_a_missing_db_for_stories_is_one_line_and_is_not_created(tmp_path: Path) -> None:
    run = khulasa("stories", "--db", str(tmp_path / "none.db"))
    assert run.returncode == 2
    one_line_error(run)
    assert not (tmp_path / "none.db").exists()


def test_ingest_of_only_a_missing_path_exits_2_and_creates_no_database(tmp_path: Path) -> None:
    db = tmp_path / "new.db"
    run = khulasa("ingest", str(tmp_path / "no-such-dir"), "--db", str(db))
    assert run.returncode == 2
    assert "no such file" in run.stderr.decode()
    assert "Traceback" not in run.stderr.decode()
    assert not db.exists()


@pytest.mark.parametrize("story_id", ["99999999999999999999", "-1", "0", "abc"])
def test_an_impossible_story_id_is_a_usage_error_not_a_traceback(
    example_db: Path, story_id: str
) -> None:
    run = khulasa("story", story_id, "--db", str(example_db))
    assert run.returncode == 2
    err = run.stderr.decode()
    assert "Traceback" not in err and "error: argument ID" in err


def test_an_unknown_story_id_is_one_line_and_exit_2(example_db: Path) -> None:
    run = khulasa("story", "987654321", "--db", str(example_db))
    assert run.returncode == 2
    one_line_error(run, "no story 987654321")


# -- hostile inputs through the CLI ---------------------------------------------------------


def test_summarize_goes_on_past_every_hostile_file_and_exits_1() -> None:
    hostile = sorted(str(p) for p in CORPUS.iterdir() if p.suffix in (".txt", ".jsonl"))
    run = khulasa("summarize", *hostile, str(EXAMPLE_MANIFEST), "--format", "json")
    err = run.stderr.decode()
    assert run.returncode == 1, err
    assert "Traceback" not in err
    data = json.loads(run.stdout)
    assert data["summary"]
    outlets = {d["outlet"] for d in data["story"]["documents"]}
    assert {"DW Arabic", "Irfaa Sawtak", "HuffPost Arabi"} <= outlets
    for name in ("persian.txt", "urdu.txt", "mixed-utf8-cp1256.txt", "outside-paths.jsonl"):
        assert f"{CORPUS / name}" in err, name
    assert "\x1b" not in err and "\x1b" not in run.stdout.decode()


def test_ingest_goes_on_past_every_hostile_file_and_exits_1(tmp_path: Path) -> None:
    db = tmp_path / "k.db"
    run = khulasa("ingest", str(CORPUS), str(EXAMPLE_MANIFEST), "--db", str(db), "-q")
    err = run.stderr.decode()
    assert run.returncode == 1, err
    assert "Traceback" not in err and "\x1b" not in err
    assert "done: read" in err
    listing = khulasa("stories", "--db", str(db), "--min-sources", "1", "--limit", "500")
    out = listing.stdout.decode()
    assert listing.returncode == 0
    assert "\x1b" not in out and "root:x:0:0" not in out


def test_ingest_of_persian_and_urdu_pages_only_stores_nothing_and_exits_2(tmp_path: Path) -> None:
    db = tmp_path / "k.db"
    run = khulasa("ingest", str(CORPUS / "persian.txt"), str(CORPUS / "urdu.txt"), "--db", str(db))
    err = run.stderr.decode()
    assert run.returncode == 2, err
    assert "Persian text, not Arabic" in err and "Urdu text, not Arabic" in err


def test_a_file_name_with_a_newline_or_escape_cannot_forge_a_log_line(tmp_path: Path) -> None:
    (tmp_path / "empty\nkhulasa: done: forged\x1b[2J\x1b]0;x\x07.txt").write_bytes(b"")
    run = khulasa("summarize", str(tmp_path), str(GOOD_PAGE))
    err = run.stderr.decode()
    assert run.returncode == 1, err
    assert "\x1b" not in err and "\x07" not in err
    (line,) = [line for line in err.splitlines() if "skipped" in line]
    assert "forged" in line and "\\n" in line and "\\x1b" in line
    assert not any(line.startswith("khulasa: done") for line in err.splitlines())


def test_terminal_escapes_in_text_and_outlet_are_shown_not_obeyed() -> None:
    page = CORPUS / "terminal-escapes.jsonl"
    run = khulasa("summarize", str(page), "--words", "400")
    out = run.stdout.decode()
    assert run.returncode == 0, run.stderr.decode()
    assert "\x1b" not in out and "\x07" not in out
    assert "\\x1b" in out  # the escape is shown


def test_an_empty_summary_is_exit_1_with_a_warning(tmp_path: Path) -> None:
    run = khulasa("summarize", str(GOOD_PAGE), "--chars", "1")
    assert run.returncode == 1
    assert "warning" in run.stderr.decode()
