"""Reports for many stories at once: which stories need one, and the runners that compute them.

Work is split by story, the one unit whose report depends on nothing else. A runner is a
plain loop in this process, a local Dask cluster of this machine's cores, or an existing Dask
cluster reached at its scheduler's address; the three call the same :func:`run_story`, so they
write the same rows. Dask is used for what it does well and this module does not try to:
placing tasks on workers, moving a dead worker's tasks to the others, and a cluster that can
grow past one machine.

What makes a killed run safe is the store, not the runner: each story's report is written in
one transaction keyed by the digest of its members, so a worker killed mid-story leaves that
story without a report (and Dask gives it to another worker), and a rerun after a killed driver
lists only the stories still missing one.
"""

from __future__ import annotations

import logging
import os
import time
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date

from khulasa.reports.compute import JOBS, compute_jobs
from khulasa.store import Store
from khulasa.store.cache import is_cached, story_digest


@dataclass(frozen=True)
class Task:
    """One story whose report is missing or stale, and the jobs it needs."""

    story_id: int
    articles: int
    jobs: tuple[str, ...]


@dataclass(frozen=True)
class Outcome:
    """What one story's task did: the jobs it computed (none when another run had just done
    them), whether the story had gone (reclustered away), or the error that stopped it."""

    story_id: int
    computed: tuple[str, ...] = ()
    seconds: float = 0.0
    gone: bool = False
    error: str | None = None


Done = Callable[[Outcome], None]


class DaskMissing(RuntimeError):
    """``khulasa[dask]`` is not installed."""


def pending(
    store: Store,
    since: date | None = None,
    until: date | None = None,
    min_sources: int = 2,
    jobs: Sequence[str] = JOBS,
) -> tuple[list[Task], int]:
    """The stories of the window that lack a current report, largest first (so that the
    longest tasks start first and no worker is left with one at the end), and how many
    stories of the window are already current."""
    tasks: list[Task] = []
    current = 0
    for row in store.list_stories(since=since, until=until, min_sources=min_sources):
        digest = story_digest(store, row.id)
        if digest is None:
            continue
        stale = tuple(job for job in jobs if not is_cached(store, row.id, job, digest))
        if stale:
            tasks.append(Task(row.id, row.article_count, stale))
        else:
            current += 1
    return tasks, current


def run_story(db: str, task: Task) -> Outcome:
    """The unit of work, in whichever process runs it. An error is returned, not raised, so
    that one story that cannot be computed is named and the rest of the batch goes on."""
    start = time.perf_counter()
    try:
        computed = compute_jobs(db, task.story_id, task.jobs)
    except Exception as exc:  # reported per story by the caller
        return Outcome(
            task.story_id, seconds=time.perf_counter() - start, error=f"{type(exc).__name__}: {exc}"
        )
    seconds = time.perf_counter() - start
    if computed is None:
        return Outcome(task.story_id, seconds=seconds, gone=True)
    return Outcome(task.story_id, computed, seconds)


def run_serial(db: str, tasks: Sequence[Task], done: Done | None = None) -> list[Outcome]:
    """Every task, one after another, in this process."""
    outcomes = []
    for task in tasks:
        outcome = run_story(db, task)
        outcomes.append(outcome)
        if done:
            done(outcome)
    return outcomes


def run_dask(
    db: str,
    tasks: Sequence[Task],
    done: Done | None = None,
    scheduler: str | None = None,
    workers: int | None = None,
) -> list[Outcome]:
    """Every task on a Dask cluster: the one at ``scheduler`` (``tcp://host:8786``), or a
    local one of ``workers`` single-threaded processes (default: one per core) listening on
    127.0.0.1 only and stopped at the end. Results are written by the workers themselves;
    only each story's :class:`Outcome` comes back."""
    try:
        from distributed import Client, LocalCluster, as_completed
    except ImportError as exc:  # pragma: no cover - depends on the installation
        raise DaskMissing(
            "khulasa reports needs Dask: pip install 'khulasa[dask]' (or run it with --serial)"
        ) from exc
    cluster = None
    if scheduler is None:
        cluster = LocalCluster(
            n_workers=workers or os.cpu_count() or 1,
            threads_per_worker=1,  # the work is pure Python: threads would share one core
            processes=True,
            host="127.0.0.1",
            dashboard_address=None,
            silence_logs=logging.ERROR,
        )
    client = Client(cluster if cluster is not None else scheduler)
    run = uuid.uuid4().hex[:8]  # task keys unique to this run on a shared cluster
    try:
        futures = [
            client.submit(
                run_story,
                db,
                task,
                key=f"khulasa-report-{run}-{task.story_id}",
                priority=task.articles,
                pure=False,
            )
            for task in tasks
        ]
        by_key = {future.key: task for future, task in zip(futures, tasks, strict=True)}
        outcomes = []
        for future in as_completed(futures):
            try:
                outcome = future.result()
            except Exception as exc:  # e.g. KilledWorker: it killed workers
                task = by_key[future.key]
                outcome = Outcome(task.story_id, error=f"{type(exc).__name__}: {exc}")
            outcomes.append(outcome)
            future.release()
            if done:
                done(outcome)
        return outcomes
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
