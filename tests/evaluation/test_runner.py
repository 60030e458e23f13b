"""The runner and ``khulasa eval``: every row scored the same way, tables written."""

import json
from pathlib import Path

import pytest

from khulasa.cli import main
from khulasa.evaluation.datasets import load_dataset
from khulasa.evaluation.runner import bootstrap, evaluate, to_markdown
from tests.conftest import SHARED_DATA


def test_runner_scores_khulasa_baselines_peers_and_humans(tiny_dataset: Path):
    report = evaluate(
        load_dataset(tiny_dataset), ["khulasa", "lead", "oracle", "peers", "human"], words=60
    )
    names = [r.name for r in report.results]
    assert names[0] == "khulasa"
    assert {"lead (first article)", "peer sys1", "human (each ref vs the others)"} <= set(names)
    rows = {r.name: r for r in report.results}
    assert rows["khulasa"].values("rouge2", "recall")[0] > 0
    # The peer is reference B itself: against A and B it scores at least as well as vs A alone.
    assert rows["peer sys1"].values("rouge1", "recall")[0] > 50
    table = to_markdown(report)
    assert "| khulasa |" in table and "R-2 R" in table


def test_bootstrap_interval_brackets_the_mean():
    mean, low, high = bootstrap([10.0, 12.0, 20.0, 8.0, 15.0])
    assert low <= mean <= high
    assert mean == pytest.approx(13.0)
    assert bootstrap([5.0]) == (5.0, 5.0, 5.0)


def test_eval_command_prints_and_writes_json_and_markdown(tiny_dataset, tmp_path, capsys):
    out = tmp_path / "out"
    code = main(
        ["eval", str(tiny_dataset), "--words", "60", "--systems", "khulasa,lead", "-o", str(out)]
    )
    assert code == 1  # one topic was skipped (no refs), and said so
    printed = capsys.readouterr()
    assert "khulasa" in printed.out and "norefs" in printed.err
    data = json.loads((out / "eval-tiny.json").read_text(encoding="utf-8"))
    assert data["topics"] == ["aleppo"]
    assert data["systems"][0]["summary"]["rouge2"]["recall"]["mean"] > 0
    assert (out / "eval-tiny.md").read_text(encoding="utf-8").startswith("# ROUGE")


def test_eval_command_on_missing_data_says_so(tmp_path, capsys):
    assert main(["eval", str(tmp_path / "absent"), "-o", str(tmp_path)]) == 2
    assert "no such folder" in capsys.readouterr().err


def test_one_multiling_topic_with_its_peers():
    topic = SHARED_DATA / "multiling2011-ar" / "M003"
    if not topic.is_dir():
        pytest.skip(f"{topic} is absent")
    dataset = load_dataset(topic)
    report = evaluate(dataset, ["khulasa", "peers"])
    rows = {r.name: r.values("rouge2", "recall")[0] for r in report.results}
    assert "peer JRC" in rows and rows["peer JRC"] > 10
    assert rows["khulasa"] > 10
