"""``khulasa reports``: every changed story's summary and facts computed into the cache the
server reads, on Dask or in one process, safe to kill and rerun. Real articles: the bundled
Aleppo pages and the first articles of a SaudiNewsNet day."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from khulasa.cli import main
from khulasa.reports import JOBS, Outcome, pending, run_dask, run_serial
from khulasa.store import Store
from khulasa.store.cache import is_cached, story_digest

from ..conftest import EXAMPLE_MANIFEST, SHARED_DATA

DAY = SHARED_DATA / "saudinewsnet" / "2015-07-23.zip"
GOLD = Path(__file__).resolve().parents[2] / "bench/gold/events/events-2015-07-23-a.jsonl"
EVENTS = 14  # a dozen multi-outlet stories: a few seconds of reports

pytest.importorskip("distributed", reason="the dask extra is not installed")


def _day_sample(folder: Path) -> Path:
    """The day's articles of the first gold events of 2015-07-23 (events told by several
    papers, labelled by reading), as the JSON array SaudiNewsNet ships."""
    if not DAY.exists():
        pytest.skip(f"{DAY} is not here (the corpus lives beside the checkout)")
    events = [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines()]
    wanted = {url for event in events[:EVENTS] for url in event["members"]}
    with zipfile.ZipFile(DAY) as archive:
        records = json.loads(archive.read(archive.namelist()[0]))
    path = folder / "day.json"
    chosen = [r for r in records if r["url"] in wanted]
    path.write_text(json.dumps(chosen, ensure_ascii=False), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def ingested(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A SQLite database of the example and a real day's first articles, with no report yet."""
    folder = tmp_path_factory.mktemp("reports")
    db = folder / "news.db"
    day = _day_sample(folder)
    assert main(["ingest", str(EXAMPLE_MANIFEST), str(day), "--db", str(db), "-q"]) == 0
    return db


@pytest.fixture
def fresh_copy(ingested: Path, tmp_path: Path) -> Callable[[str], str]:
    def copy(name: str) -> str:
        target = tmp_path / name
        shutil.copy(ingested, target)
        return str(target)

    return copy


def _cache(db: str) -> dict[tuple[int, str], str]:
    with Store(db, readonly=True) as store:
        rows = store.conn.execute("SELECT story_id, kind, body FROM story_cache").fetchall()
    return {(story_id, kind): body for story_id, kind, body in rows}


def _all_current(db: str, story_ids: list[int]) -> bool:
    with Store(db, readonly=True) as store:
        return all(
            is_cached(store, story_id, job, story_digest(store, story_id) or "")
            for story_id in story_ids
            for job in JOBS
        )


def test_a_dask_run_reports_every_multi_outlet_story_as_the_serial_loop_does(fresh_copy) -> None:
    on_dask, in_loop = fresh_copy("dask.db"), fresh_copy("loop.db")
    with Store(on_dask, readonly=True) as store:
        tasks, current = pending(store)
    assert current == 0 and len(tasks) >= 8
    assert [t.articles for t in tasks] == sorted((t.articles for t in tasks), reverse=True)

    outcomes = run_dask(on_dask, tasks, workers=2)
    assert sorted(o.story_id for o in outcomes) == sorted(t.story_id for t in tasks)
    assert all(o.computed == JOBS and not o.error for o in outcomes)
    assert _all_current(on_dask, [t.story_id for t in tasks])

    run_serial(in_loop, tasks)
    cached = _cache(on_dask)
    assert cached == _cache(in_loop)  # the same reports, whichever runner wrote them
    # Real facts came back: the Aleppo story's name the city.
    facts = [json.loads(body) for (_, kind), body in cached.items() if kind == "facts"]
    assert any("حلب" in json.dumps(f, ensure_ascii=False) for f in facts)


def test_a_rerun_computes_nothing_and_a_changed_story_only(fresh_copy) -> None:
    db = fresh_copy("news.db")
    assert main(["reports", "--db", db, "--serial", "-q"]) == 0
    with Store(db, readonly=True) as store:
        tasks, current = pending(store)
        assert tasks == [] and current >= 8
        story = store.list_stories(min_sources=2)[0]
        (other,) = store.conn.execute(  # a member whose title is not the headline
            "SELECT id FROM articles WHERE story_id = ? AND title <> ? ORDER BY id LIMIT 1",
            (story.id, story.headline),
        ).fetchone()
    before = _cache(db)
    with Store(db) as store, store.transaction():  # the headline moves to that member
        store.set_headlines([(story.id, other)])
    with Store(db, readonly=True) as store:
        (task,), _ = pending(store)
    assert task.story_id == story.id and task.jobs == JOBS

    (outcome,) = run_serial(db, [task])
    assert outcome == Outcome(story.id, JOBS, outcome.seconds)
    after = _cache(db)
    changed = {key for key in after if after[key] != before[key]}
    assert {story_id for story_id, _ in changed} == {story.id}


def test_a_worker_killed_mid_run_has_its_stories_done_by_another(fresh_copy) -> None:
    from distributed import Client, LocalCluster

    db = fresh_copy("news.db")
    with Store(db, readonly=True) as store:
        tasks, _ = pending(store)
    cluster = LocalCluster(
        n_workers=2, threads_per_worker=1, host="127.0.0.1", dashboard_address=None
    )
    with Client(cluster) as client:
        pids = client.run(os.getpid)  # worker address → its process
    killed: list[int] = []

    def kill_a_busy_worker(_: Outcome) -> None:
        # With more stories than workers, both workers are busy when the first story is done.
        if not killed:
            killed.append(next(iter(pids.values())))
            os.kill(killed[0], signal.SIGKILL)

    try:
        outcomes = run_dask(db, tasks, kill_a_busy_worker, scheduler=cluster.scheduler_address)
    finally:
        cluster.close()
    assert killed
    assert sorted(o.story_id for o in outcomes) == sorted(t.story_id for t in tasks)
    assert not [o.error for o in outcomes if o.error]
    assert _all_current(db, [t.story_id for t in tasks])


def test_a_killed_run_keeps_what_it_wrote_and_the_rerun_finishes_it(fresh_copy) -> None:
    db = fresh_copy("news.db")
    with Store(db, readonly=True) as store:
        tasks, _ = pending(store)
    command = [sys.executable, "-m", "khulasa", "reports", "--db", db, "--serial", "-q"]
    run = subprocess.Popen(command, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 120
    while len({s for s, kind in _cache(db) if kind == "facts"}) < 2:
        assert run.poll() is None, run.stderr.read().decode() if run.stderr else ""
        assert time.monotonic() < deadline
        time.sleep(0.05)
    run.send_signal(signal.SIGKILL)
    run.wait()
    kept = _cache(db)
    done = {s for s, kind in kept if kind == "facts"}
    assert 2 <= len(done) < len(tasks)  # killed mid-run, with work committed

    rerun = subprocess.run(command[:-1], capture_output=True, text=True)
    assert rerun.returncode == 0, rerun.stderr
    assert f"{len(done)} already current" in rerun.stderr
    final = _cache(db)
    assert {k: final[k] for k in kept} == kept  # nothing committed was lost or redone
    assert _all_current(db, [t.story_id for t in tasks])
    assert len(final) == len(tasks) * 4  # summary, cleaned, lead, facts: once each


def test_reports_on_a_missing_database_say_so(tmp_path: Path, capsys) -> None:
    assert main(["reports", "--db", str(tmp_path / "none.db")]) == 2
    assert "no such database" in capsys.readouterr().err


def test_reports_run_on_postgresql_and_name_it_without_its_password(
    postgres_cluster, tmp_path: Path, capsys
) -> None:
    url = postgres_cluster.new_database().replace("khulasa@", "khulasa:s3cret@", 1)
    day = _day_sample(tmp_path)
    assert main(["ingest", str(EXAMPLE_MANIFEST), str(day), "--db", url]) == 0
    assert main(["reports", "--db", url, "--workers", "2"]) == 0
    err = capsys.readouterr().err
    assert "reports done:" in err and "khulasa:***@" in err
    assert "s3cret" not in err  # the server trusts the socket; a real password is never shown
    with Store(url, readonly=True) as store:
        tasks, current = pending(store)
        ids = [s.id for s in store.list_stories(min_sources=2)]
    assert tasks == [] and current == len(ids) >= 8
    assert _all_current(url, ids)
