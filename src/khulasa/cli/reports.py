"""``khulasa reports``: compute the summary and facts of every changed story, in parallel."""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections import Counter
from pathlib import Path

from tqdm import tqdm

from khulasa.cli.common import add_story_filters, positive_int
from khulasa.cli.ingest import add_db_argument
from khulasa.render.safe import one_line
from khulasa.reports import JOBS, Outcome, pending, run_dask, run_serial
from khulasa.reports.batch import DaskMissing
from khulasa.store import Store
from khulasa.store.dialect import is_postgres_url
from khulasa.store.errors import without_password

EXAMPLES = """\
examples:
  khulasa reports --db news.db --since 2015-08-06 --until 2015-08-06
  khulasa reports --db postgresql://khulasa@db/news --scheduler tcp://10.0.0.5:8786
  khulasa reports --db news.db --serial --only summary

A story's report is its summary and its facts, the two things its page and the API show.
The web server computes a report when a reader first asks for it; this command computes them
ahead of time, for every story of the window that names at least --min-sources outlets and
whose report is missing or older than the story (an article joined it, its headline moved).
The work is split by story and run on Dask: a local cluster of this machine's cores, or the
cluster whose scheduler --scheduler names (its workers must have Khulasa installed and reach
the database: use PostgreSQL). Each report is written when it is done, so an interrupted or
killed run keeps what it finished, and running it again computes only what is still missing;
a worker that dies has its stories given to another."""


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "reports",
        help="compute the summary and facts of every changed story (on Dask)",
        description="Compute and store the report (summary and facts) of every story whose "
        "report is missing or stale, in parallel, for the web server and API to read.",
        epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add_db_argument(parser)
    add_story_filters(parser)
    parser.add_argument("--only", choices=JOBS, help="compute only the summaries or only the facts")
    where = parser.add_mutually_exclusive_group()
    where.add_argument(
        "--scheduler",
        metavar="ADDRESS",
        help="an existing Dask cluster's scheduler, e.g. tcp://10.0.0.5:8786 "
        "(default: start a local cluster)",
    )
    where.add_argument(
        "--workers",
        type=positive_int,
        metavar="N",
        help="worker processes of the local cluster (default: one per core)",
    )
    where.add_argument(
        "--serial", action="store_true", help="no Dask: compute one story after another here"
    )
    parser.add_argument("-q", "--quiet", action="store_true", help="no progress bar or summary")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    db = args.db if is_postgres_url(args.db) else str(Path(args.db).resolve())
    if not is_postgres_url(db) and not Path(db).exists():
        print(
            f"khulasa: {without_password(args.db)}: no such database (ingest articles first)",
            file=sys.stderr,
        )
        return 2
    if args.scheduler and not is_postgres_url(db) and not args.quiet:
        print(
            f"khulasa: note: the cluster's workers must be able to open {db}; "
            "a cluster of several machines needs a postgresql:// database",
            file=sys.stderr,
        )
    jobs = (args.only,) if args.only else JOBS
    with Store(db, readonly=True) as store:
        tasks, current = pending(store, args.since, args.until, args.min_sources, jobs)
    start = time.perf_counter()
    bar = tqdm(
        total=len(tasks),
        desc="reports",
        unit="story",
        file=sys.stderr,
        disable=args.quiet or not tasks or not sys.stderr.isatty(),
    )
    outcomes: list[Outcome] = []

    def done(outcome: Outcome) -> None:
        outcomes.append(outcome)
        bar.update(1)

    try:
        if args.serial or not tasks:
            run_serial(db, tasks, done)
        else:
            run_dask(db, tasks, done, scheduler=args.scheduler, workers=args.workers)
    except DaskMissing as exc:
        bar.close()
        print(f"khulasa: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        bar.close()
        print(
            f"khulasa: reports interrupted: {len(outcomes)} of {len(tasks)} stories done "
            "(kept; run it again to finish)",
            file=sys.stderr,
        )
        return 130
    bar.close()
    failed = [o for o in outcomes if o.error]
    for outcome in failed:
        print(
            f"khulasa: story {outcome.story_id}: {one_line(outcome.error or '')}", file=sys.stderr
        )
    if not args.quiet:
        print(_summary_line(outcomes, current, time.perf_counter() - start, args), file=sys.stderr)
    return 1 if failed else 0


def _summary_line(
    outcomes: list[Outcome], current: int, seconds: float, args: argparse.Namespace
) -> str:
    jobs = Counter(job for o in outcomes for job in o.computed)
    gone = sum(o.gone for o in outcomes)
    failed = sum(bool(o.error) for o in outcomes)
    computed = sum(bool(o.computed) for o in outcomes)
    if args.serial or not outcomes:
        where = "in this process"
    elif args.scheduler:
        where = f"on {args.scheduler}"
    else:
        count = args.workers or os.cpu_count() or 1
        where = f"on {count} local worker{'s' if count > 1 else ''}"
    parts = [f"{computed} stories computed"]
    if jobs:
        parts[0] += " (" + ", ".join(f"{job} {n}" for job, n in sorted(jobs.items())) + ")"
    parts.append(f"{current} already current")
    if gone:
        parts.append(f"{gone} gone since listed")
    if failed:
        parts.append(f"{failed} failed")
    return (
        f"khulasa: reports done: {', '.join(parts)}, in {seconds:.1f} s {where} "
        f"→ {without_password(args.db)}"
    )
