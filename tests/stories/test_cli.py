"""``khulasa ingest``, ``khulasa stories`` and ``khulasa story`` end to end."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from khulasa.cli import main
from khulasa.render.outlets import display_name

from ..conftest import EXAMPLE_MANIFEST
from .conftest import SAMPLE


@pytest.fixture()
def db(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    path = tmp_path / "k.db"
    # the one empty record is a notice: counted, and the ingest still succeeds
    assert main(["ingest", str(SAMPLE), str(EXAMPLE_MANIFEST), "--db", str(path)]) == 0
    err = capsys.readouterr().err
    assert "1 record skipped: empty article text" in err
    assert "added 11" in err
    return path


def test_ingest_help_names_the_default_database(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["ingest", "--help"])
    assert "khulasa.db" in capsys.readouterr().out


def test_stories_lists_multi_outlet_stories_largest_first(db: Path, capsys) -> None:
    assert main(["stories", "--db", str(db), "--format", "json"]) == 0
    stories = json.loads(capsys.readouterr().out)
    assert [s["articles"] for s in stories] == sorted(
        (s["articles"] for s in stories), reverse=True
    )
    fires = next(s for s in stories if "aleqtisadiya" in s["outlets"])
    assert fires["articles"] == 4 and fires["first"] == fires["last"] == "2015-07-21"
    assert main(["stories", "--db", str(db), "--since", "2016-01-01", "--format", "json"]) == 0
    assert all(
        s["last"] is None or s["last"] >= "2016" for s in json.loads(capsys.readouterr().out)
    )


@pytest.mark.parametrize("fmt", ["text", "json", "md", "html"])
def test_story_prints_a_sourced_summary_and_its_articles(db: Path, capsys, fmt: str) -> None:
    main(["stories", "--db", str(db), "--format", "json"])
    fires = next(s for s in json.loads(capsys.readouterr().out) if "okaz" in s["outlets"])
    assert main(["story", str(fires["id"]), "--db", str(db), "--format", fmt]) == 0
    out = capsys.readouterr().out
    assert "السديري" in out  # the consul quoted in the summary
    for outlet in ("aleqtisadiya", "alwatan", "alweeam", "okaz"):
        # JSON is data and keeps the slug; a report names the outlet as its readers know it
        assert (outlet if fmt == "json" else display_name(outlet, "ar")) in out
    if fmt == "json":
        data = json.loads(out)
        assert len(data["articles"]) == 4 and data["summary"]


def test_unknown_story_and_missing_database_are_usage_errors(db: Path, tmp_path, capsys) -> None:
    assert main(["story", "999", "--db", str(db)]) == 2
    assert main(["stories", "--db", str(tmp_path / "none.db")]) == 2
    assert "no database" in capsys.readouterr().err


def test_story_view_carries_the_facts_of_the_aleppo_story(db: Path, capsys) -> None:
    main(["stories", "--db", str(db), "--format", "json"])
    aleppo = next(s for s in json.loads(capsys.readouterr().out) if "DW Arabic" in s["outlets"])
    assert main(["story", str(aleppo["id"]), "--db", str(db), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["facts"]["possible_conflicts"]
    assert any(e["name"] == "سيرغي لافروف" for e in data["facts"]["entities"])
    assert main(["story", str(aleppo["id"]), "--db", str(db), "--format", "html"]) == 0
    assert "تعارض محتمل: للتحقق" in capsys.readouterr().out
