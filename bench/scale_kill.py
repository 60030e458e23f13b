"""`bench/scale.py kill`: ``kill -9`` mid-run of an ingest writer, a Dask worker and the
``khulasa reports`` driver; then a rerun, and the counts compared with an uninterrupted run."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

from bench.scale_checks import cache_digest, compare_stories, empty_cache
from khulasa.store import Store, StoreError

KHULASA = [sys.executable, "-m", "khulasa"]


def kill_part(cluster, work: Path, zips: list[str], reference: Path) -> list[str]:
    lines = [
        "## `kill -9` mid-run, then a rerun",
        "",
        "| what is killed | when | after the rerun |",
        "|---|---|---|",
    ]
    lines.append(_kill_writer(cluster, zips[:4]))
    days = [Path(z).stem for z in zips]
    window = (days[-3] if len(days) >= 3 else days[0], days[-1])  # a run of a minute or two
    expected = _serial_digest(work, reference, window)  # what both killed runs must end with
    lines.append(_kill_worker(work, reference, window, expected))
    lines.append(_kill_driver(work, reference, window, expected))
    return [*lines, ""]


def _count(db: str, sql: str) -> int:
    """The query's count; 0 while the database is not made yet (a writer just started)."""
    try:
        with Store(db, readonly=True) as store:
            return store.conn.execute(sql).fetchone()[0]
    except StoreError:
        return 0


def _kill_writer(cluster, zips: list[str]) -> str:
    whole, killed = cluster.new_database(), cluster.new_database()
    subprocess.run([*KHULASA, "ingest", *zips, "--db", whole, "-q"], check=False)
    total = _count(whole, "SELECT count(*) FROM articles")
    writer = subprocess.Popen([*KHULASA, "ingest", *zips, "--db", killed, "-q"])
    while _count(killed, "SELECT count(*) FROM articles") < total // 3:
        time.sleep(0.2)
    writer.send_signal(signal.SIGKILL)
    writer.wait()
    kept = _count(killed, "SELECT count(*) FROM articles")
    loose = _count(killed, "SELECT count(*) FROM articles WHERE story_id IS NULL")
    subprocess.run([*KHULASA, "ingest", *zips, "--db", killed, "-q"], check=False)
    same = compare_stories(whole, killed)
    return (
        f"| `khulasa ingest` on PostgreSQL ({len(zips)} days, {total} articles) | "
        f"{kept} articles committed, {loose} of them without a story | "
        f"same articles: {same['same_articles']}, same stories: {same['same_stories']} "
        f"(B³ F1 {same['b3_f1']:.4f} against the uninterrupted ingest) |"
    )


def _window_copy(work: Path, reference: Path, name: str) -> str:
    db = work / name
    shutil.copy(reference, db)
    empty_cache(str(db))
    return str(db)


def _reports(db: str, window: tuple[str, str], *how: str) -> list[str]:
    """``khulasa reports`` for the window's stories, run as ``how`` says."""
    return [*KHULASA, "reports", "--db", db, "--since", window[0], "--until", window[1], *how]


def _serial_digest(work: Path, reference: Path, window: tuple[str, str]) -> tuple[str, int]:
    """The cache a plain loop writes for the window's stories, to compare the killed runs with."""
    db = _window_copy(work, reference, "kill-serial.db")
    subprocess.run(_reports(db, window, "--serial", "-q"), check=True)
    return cache_digest(db), _count(db, "SELECT count(*) FROM story_cache")


def _kill_worker(
    work: Path, reference: Path, window: tuple[str, str], loop: tuple[str, int]
) -> str:
    from datetime import date

    from distributed import Client, LocalCluster

    from khulasa.reports import pending, run_dask

    expected, rows = loop  # the plain loop's cache digest and rows
    db = _window_copy(work, reference, "kill-worker.db")
    with Store(db, readonly=True) as store:
        tasks, _ = pending(store, date.fromisoformat(window[0]), date.fromisoformat(window[1]))
    cluster = LocalCluster(
        n_workers=2, threads_per_worker=1, host="127.0.0.1", dashboard_address=None
    )
    with Client(cluster) as client:
        pids = client.run(os.getpid)
    killed: list[int] = []
    seen = []

    def kill_once(outcome) -> None:
        seen.append(outcome)
        if not killed and len(seen) >= len(tasks) // 3:
            killed.append(len(seen))
            os.kill(next(iter(pids.values())), signal.SIGKILL)

    try:
        outcomes = run_dask(db, tasks, kill_once, scheduler=cluster.scheduler_address)
    finally:
        cluster.close()
    failed = sum(bool(o.error) for o in outcomes)
    same = cache_digest(db) == expected
    cached = _count(db, "SELECT count(*) FROM story_cache")
    when = f"after {killed[0]} stories" if killed else "never (no worker was busy)"
    return (
        f"| a Dask worker (2 workers, {len(tasks)} stories of {window[0]}–{window[1]}) | {when} | "
        f"no rerun needed: {len(outcomes)} stories done, {failed} failed; cache rows {cached} "
        f"(plain loop: {rows}); same bytes as the plain loop: {same} |"
    )


def _kill_driver(
    work: Path, reference: Path, window: tuple[str, str], loop: tuple[str, int]
) -> str:
    expected, rows = loop  # the plain loop's cache digest and rows
    db = _window_copy(work, reference, "kill-driver.db")
    command = _reports(db, window, "--workers", "2", "-q")
    driver = subprocess.Popen(command, start_new_session=True)
    while _count(db, "SELECT count(*) FROM story_cache WHERE kind = 'facts'") < 30:
        time.sleep(0.2)
    driver.send_signal(signal.SIGKILL)
    driver.wait()
    kept = _count(db, "SELECT count(*) FROM story_cache WHERE kind = 'facts'")
    time.sleep(10)
    orphans = _session_processes(driver.pid)
    for pid in orphans:
        os.kill(pid, signal.SIGKILL)
    rerun = subprocess.run(command[:-1], capture_output=True, text=True)
    same = cache_digest(db) == expected
    cached = _count(db, "SELECT count(*) FROM story_cache")
    return (
        f"| the `khulasa reports` driver (local cluster of 2) | {kept} stories' facts written | "
        f"worker processes left 10 s later: {len(orphans)}; rerun: {rerun.stderr.strip()}; "
        f"cache rows {cached} (plain loop: {rows}); same bytes: {same} |"
    )


def _session_processes(sid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if os.getsid(int(entry.name)) == sid:
                    found.append(int(entry.name))
            except OSError:
                continue
    return found
