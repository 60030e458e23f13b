"""The ingest engine: idempotent, crash-safe, and it groups real syndicated copies."""

from __future__ import annotations

import json
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from khulasa.ingest.saudinewsnet import read_inputs
from khulasa.store import Store
from khulasa.stories.engine import Ingestor, IngestSettings

from .conftest import SAMPLE

INGEST = "import sys; from khulasa.cli import main; sys.exit(main(sys.argv[1:]))"


def ingest(db: Path, *inputs: Path, workers: int = 0, batch_size: int = 100):
    with Store(db) as store:
        return Ingestor(store, IngestSettings(workers=workers, batch_size=batch_size)).run(
            read_inputs([str(i) for i in inputs])
        )


def test_syndicated_copies_form_one_group_with_every_outlet(tmp_path: Path) -> None:
    report = ingest(tmp_path / "k.db", SAMPLE)
    assert (report.read, report.added, len(report.problems)) == (6, 6, 1)
    with Store(tmp_path / "k.db") as store:
        rows = store.conn.execute(
            "SELECT source, COALESCE(dup_of, id), story_id FROM articles ORDER BY id"
        ).fetchall()
        assert store.check() == []
    copies = rows[:4]  # the four reports of the consul's statement on the Los Angeles fires
    assert len({root for _, root, _ in copies}) == 1
    assert len({story for _, _, story in copies}) == 1
    assert {source for source, _, _ in copies} == {"aleqtisadiya", "alwatan", "alweeam", "okaz"}
    others = rows[4:]
    assert all(root != copies[0][1] for _, root, _ in others)
    assert all(story != copies[0][2] for _, _, story in others)


def test_ingesting_the_same_input_twice_adds_nothing(tmp_path: Path, stream_file: Path) -> None:
    db = tmp_path / "k.db"
    first = ingest(db, stream_file, SAMPLE)
    with Store(db) as store:
        counts = [store.count(t) for t in ("articles", "stories", "minhash", "term_df")]
    second = ingest(db, SAMPLE, stream_file)
    assert first.added == 1506 and second.added == 0
    assert second.exact_duplicates == second.read == first.read
    with Store(db) as store:
        assert [store.count(t) for t in ("articles", "stories", "minhash", "term_df")] == counts
        assert store.check() == []


def test_worker_processes_give_the_same_result_as_inline(tmp_path: Path, stream_file) -> None:
    ingest(tmp_path / "a.db", stream_file, workers=0)
    ingest(tmp_path / "b.db", stream_file, workers=2)
    query = "SELECT content_hash, dup_of, story_id FROM articles ORDER BY id"
    a = sqlite3.connect(tmp_path / "a.db").execute(query).fetchall()
    b = sqlite3.connect(tmp_path / "b.db").execute(query).fetchall()
    assert a == b


def _start(db: Path, source: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [
            sys.executable,
            "-c",
            INGEST,
            "ingest",
            str(source),
            "--db",
            str(db),
            "--batch-size",
            "20",
            "--workers",
            "1",
            "--quiet",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


def _wait_for_commits(db: Path, process: subprocess.Popen, minimum: int) -> int:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and process.poll() is None:
        if db.exists():
            try:
                with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1) as conn:
                    count = conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
                if count >= minimum:
                    return count
            except sqlite3.OperationalError:
                pass  # schema not created yet
        time.sleep(0.02)
    pytest.fail("the ingest finished or stalled before it could be interrupted")


@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGINT], ids=["kill-9", "ctrl-c"])
def test_an_interrupted_ingest_keeps_its_commits_and_a_rerun_finishes(
    tmp_path: Path, stream_file: Path, sig: signal.Signals
) -> None:
    db = tmp_path / "k.db"
    total = len(json.loads(stream_file.read_text(encoding="utf-8")))
    process = _start(db, stream_file)
    _wait_for_commits(db, process, minimum=40)
    process.send_signal(sig)
    process.wait(timeout=30)
    if sig == signal.SIGINT:
        assert process.returncode == 130
        assert "committed work kept" in process.stderr.read().decode()
    else:
        assert process.returncode == -signal.SIGKILL
    with Store(db) as store:
        assert store.check() == []  # consistent: every committed article is analysed and placed
        committed = store.count("articles")
    assert 0 < committed < total

    report = ingest(db, stream_file)
    assert report.exact_duplicates == committed
    assert report.added == total - committed
    with Store(db) as store:
        assert store.count("articles") == total
        assert store.check() == []
