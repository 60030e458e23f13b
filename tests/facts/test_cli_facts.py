"""``khulasa facts`` and ``khulasa eval-facts`` from the command line entry point."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from khulasa.cli import main

from ..conftest import EXAMPLE_MANIFEST, ROOT


def test_facts_json_to_stdout(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["facts", str(EXAMPLE_MANIFEST)]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["outlets"][0] == "DW Arabic"
    assert data["counts"]["possible_conflicts"] >= 2  # Ryabkov's denial, Lavrov vs the advance


def test_facts_formats_and_bad_inputs(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "facts.html"
    missing = tmp_path / "missing.txt"
    assert (
        main(["facts", str(EXAMPLE_MANIFEST), str(missing), "--format", "html", "-o", str(out)])
        == 1
    )
    assert "missing.txt" in capsys.readouterr().err
    page = out.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and '<html lang="ar" dir="rtl">' in page
    assert '<section class="facts"' in page
    assert main(["facts", str(missing)]) == 2


def test_eval_facts_reports_every_type(capsys: pytest.CaptureFixture[str]) -> None:
    gold = ROOT / "bench" / "gold" / "facts-aleppo.json"
    assert main(["eval-facts", str(gold), "--format", "json"]) == 0
    scores = json.loads(capsys.readouterr().out)["facts-aleppo"]
    assert {"entities", "numbers", "quote speakers", "agreements", "conflicts"} <= set(scores)
    assert scores["entities"]["f1"] >= 0.85
    assert scores["quote speakers"]["precision"] >= 0.9
    assert scores["with possible"]["recall"] == 1.0  # both contradictions, shown as leads


def test_eval_facts_without_gold_says_so(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.chdir(tmp_path)  # no bench/gold here: an error, not an empty report
    assert main(["eval-facts"]) == 2
    assert "no gold file" in capsys.readouterr().err


def test_eval_facts_names_a_bad_gold_file_and_scores_the_rest(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    broken = tmp_path / "facts-broken.json"
    broken.write_text("{not json", encoding="utf-8")
    gold = ROOT / "bench" / "gold" / "facts-aleppo.json"
    code = main(["eval-facts", str(tmp_path / "absent.json"), str(broken), str(gold)])
    captured = capsys.readouterr()
    assert code == 1  # some inputs skipped, the rest scored
    assert "absent.json: no such gold file" in captured.err
    assert "facts-broken.json: not valid JSON" in captured.err
    assert "facts-aleppo" in captured.out


PREFIX = {"entities": "entity.", "numbers": "number.", "quote sentences": "quote."}


def test_eval_facts_by_rule_splits_the_scores_by_the_rule_that_found_each_item(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """On real gold: the rows of a type add up to that type's predicted and true positives."""
    monkeypatch.chdir(ROOT)  # a gold file's data_root is read from the repository root
    golds = [ROOT / "bench" / "gold" / "facts-aleppo.json"]
    shared = ROOT / "bench" / "gold" / "facts-snn-local.json"
    data_root = json.loads(shared.read_text(encoding="utf-8")).get("data_root", "")
    if (ROOT / data_root).is_dir():
        golds.append(shared)  # a SaudiNewsNet story too, when the shared data is here
    assert main(["eval-facts", *map(str, golds), "--by-rule", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    rows = data.pop("by_rule")
    for kind, prefix in PREFIX.items():
        mine = [r for r in rows if r["type"] == kind]
        assert len(mine) >= 2, f"{kind}: one rule only: {mine}"
        assert all(r["rule"].startswith(prefix) for r in mine)
        assert sum(r["found"] for r in mine) == sum(s[kind]["predicted"] for s in data.values())
        assert sum(r["tp"] for r in mine) == sum(s[kind]["tp"] for s in data.values())
    assert {r["rule"] for r in rows} >= {"entity.gazetteer", "number.unit", "quote.cue_reported"}
    assert all(r["tp"] is None for r in rows if r["type"] == "dates")  # found, not scored


def test_eval_facts_by_rule_as_a_text_table(capsys: pytest.CaptureFixture[str]) -> None:
    gold = ROOT / "bench" / "gold" / "facts-aleppo.json"
    assert main(["eval-facts", str(gold), "--by-rule"]) == 0
    table = capsys.readouterr().out.split("by rule (all gold files)")[1].splitlines()
    assert any(line.split()[:2] == ["entities", "entity.gazetteer"] for line in table)
