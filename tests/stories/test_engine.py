"""The ingest engine: idempotent, crash-safe, and it groups real syndicated copies."""

from __future__ import annotations

import contextlib
import json
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from khulasa.ingest.saudinewsnet import read_inputs
from khulasa.store import Store, StoreError
from khulasa.stories.engine import Ingestor, IngestSettings

from .conftest import SAMPLE

INGEST = "import sys; from khulasa.cli import main; sys.exit(main(sys.argv[1:]))"


def ingest(db: Path | str, *inputs: Path, workers: int = 0, batch_size: int = 100):
    with Store(db) as store:
        return Ingestor(store, IngestSettings(workers=workers, batch_size=batch_size)).run(
            read_inputs([str(i) for i in inputs])
        )


def test_syndicated_copies_form_one_group_with_every_outlet(database: Path | str) -> None:
    report = ingest(database, SAMPLE)
    assert (report.read, report.added, len(report.problems)) == (6, 6, 1)
    with Store(database) as store:
        rows = store.conn.execute(
            "SELECT source, COALESCE(dup_of, id), story_id, title LIKE '%لوس%' FROM articles "
            "ORDER BY id"
        ).fetchall()
        assert store.check() == []
    # the four reports of the consul's statement on the Los Angeles fires
    copies = [row[:3] for row in rows if row[3]]
    others = [row[:3] for row in rows if not row[3]]
    assert len(copies) == 4
    assert len({root for _, root, _ in copies}) == 1
    assert len({story for _, _, story in copies}) == 1
    assert {source for source, _, _ in copies} == {"aleqtisadiya", "alwatan", "alweeam", "okaz"}
    assert all(root != copies[0][1] for _, root, _ in others)
    assert all(story != copies[0][2] for _, _, story in others)


def test_ingesting_the_same_input_twice_adds_nothing(
    database: Path | str, stream_file: Path
) -> None:
    db = database
    first = ingest(db, stream_file, SAMPLE)
    with Store(db) as store:
        counts = [store.count(t) for t in ("articles", "stories", "minhash", "term_df")]
    second = ingest(db, SAMPLE, stream_file)
    assert first.added == 1506 and second.added == 0
    assert second.exact_duplicates == second.read == first.read
    with Store(db) as store:
        assert [store.count(t) for t in ("articles", "stories", "minhash", "term_df")] == counts
        assert store.check() == []


def test_worker_processes_give_the_same_result_as_inline(new_db, stream_file) -> None:
    a_db, b_db = new_db("a.db"), new_db("b.db")
    ingest(a_db, stream_file, workers=0)
    ingest(b_db, stream_file, workers=2)
    query = "SELECT content_hash, dup_of, story_id FROM articles ORDER BY id"
    a = _rows(a_db, query)
    b = _rows(b_db, query)
    assert a == b


def _rows(db: Path | str, query: str) -> list[tuple]:
    if isinstance(db, Path):
        return sqlite3.connect(db).execute(query).fetchall()
    with Store(db, readonly=True) as store:
        return [tuple(row) for row in store.conn.execute(query).fetchall()]


def _jsonl_lines(stream_file: Path) -> list[bytes]:
    """The synthetic stream as stdin JSONL lines, one article each."""
    records = json.loads(stream_file.read_text(encoding="utf-8"))
    return [
        json.dumps(
            {
                "text": r["content"],
                "source": r["source"],
                "url": r["url"],
                "published": r["date_extracted"][:10],
            },
            ensure_ascii=False,
        ).encode("utf-8")
        + b"\n"
        for r in records
    ]


_SMALL_BATCHES = ("--batch-size", "20", "--workers", "1", "--quiet")


def _start_on_stdin(db: Path | str) -> subprocess.Popen:
    """``ingest -`` reading from a pipe the test holds open: until the test closes it the ingest
    cannot finish, so a signal always lands while it is still running (the old version read a
    file and often finished before the signal arrived)."""
    return subprocess.Popen(
        [sys.executable, "-c", INGEST, "ingest", "-", "--db", str(db), *_SMALL_BATCHES],
        stdin=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        # ctrl-c as a terminal delivers it: a test run from a background job (nohup, CI) starts
        # with SIGINT ignored, which the child would inherit and never see the signal
        preexec_fn=_default_sigint,
    )


def _default_sigint() -> None:
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def _committed(db: Path | str) -> int:
    if not isinstance(db, Path):
        try:
            with Store(db, readonly=True) as store:
                return store.count("articles")
        except StoreError:
            return 0  # the schema is not there yet
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1) as conn:
            return conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
    except sqlite3.OperationalError:
        return 0  # not created yet, or the schema is not there yet


def _wait_until_blocked(db: Path | str, process: subprocess.Popen, minimum: int) -> int:
    """Wait for ``minimum`` committed articles and then for the count to settle: the ingest has
    used up what was written and waits on stdin."""
    deadline = time.monotonic() + 60
    last, steady_since = -1, time.monotonic()
    while time.monotonic() < deadline:
        assert process.poll() is None, process.stderr.read().decode()
        count = _committed(db) if not isinstance(db, Path) or db.exists() else 0
        if count != last:
            last, steady_since = count, time.monotonic()
        elif count >= minimum and time.monotonic() - steady_since > 0.5:
            return count
        time.sleep(0.05)
    pytest.fail(f"the ingest stalled at {last} committed articles")


@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGINT], ids=["kill-9", "ctrl-c"])
def test_an_interrupted_ingest_keeps_its_commits_and_a_rerun_finishes(
    database: Path | str, stream_file: Path, sig: signal.Signals
) -> None:
    db = database
    lines = _jsonl_lines(stream_file)
    total = len(lines)
    process = _start_on_stdin(db)
    process.stdin.write(b"".join(lines[:300]))
    process.stdin.flush()
    _wait_until_blocked(db, process, minimum=40)
    process.send_signal(sig)  # the process is blocked reading stdin: it cannot have finished
    # let it act on the signal before stdin closes (under load that can take a while)
    with contextlib.suppress(subprocess.TimeoutExpired):
        process.wait(timeout=10)
    process.stdin.close()
    process.wait(timeout=30)
    stderr = process.stderr.read().decode()
    if sig == signal.SIGINT:
        assert process.returncode == 130, stderr
        assert "committed work kept" in stderr
    else:
        assert process.returncode == -signal.SIGKILL
    with Store(db) as store:
        assert store.check() == []  # consistent: every committed article is analysed and placed
        committed = store.count("articles")
    assert 40 <= committed <= 300 < total

    rerun = subprocess.run(
        [sys.executable, "-c", INGEST, "ingest", "-", "--db", str(db), "--workers", "0", "-q"],
        input=b"".join(lines),
        capture_output=True,
        timeout=300,
    )
    err = rerun.stderr.decode()
    assert rerun.returncode == 0, err
    assert f"read {total}, added {total - committed}, already stored {committed}," in err
    with Store(db) as store:
        assert store.count("articles") == total
        assert store.check() == []
