"""``khulasa ingest``: add articles to a database, grouping copies and clustering stories."""

from __future__ import annotations

import argparse
import itertools
import os
import sys
from collections.abc import Iterator

from tqdm import tqdm

from khulasa.cli.common import (
    add_read_limit_arguments,
    bounded_int,
    exit_status,
    read_limits,
    report_problems,
)
from khulasa.ingest.saudinewsnet import read_inputs
from khulasa.model import Article
from khulasa.problems import Problem
from khulasa.store import DEFAULT_DB, Store
from khulasa.store.errors import without_password
from khulasa.stories.engine import IngestSettings
from khulasa.stories.intake import ingest_items

MAX_PROBLEMS_SHOWN = 10  # errors named one by one; the rest (and every empty record) counted
MAX_WORKERS = 2 * (os.cpu_count() or 1)

EXAMPLES = f"""\
examples:
  khulasa ingest ../shared/data/saudinewsnet/             # every daily zip in the folder
  khulasa ingest day.zip pages/ manifest.jsonl --db news.db
  khulasa stories --db news.db --min-sources 2

inputs: everything 'khulasa summarize' reads (.txt/.html files, folders, globs, JSONL, -), plus
the SaudiNewsNet layout: a .zip of JSON arrays or a .json array of {{source, url,
date_extracted, title, author, content}} records, streamed record by record.

The database (default: ./{DEFAULT_DB}, or $KHULASA_DB) is a SQLite file, or a PostgreSQL
database given as a postgresql:// URL (pip install 'khulasa[postgres]'). Articles are keyed by
content hash and URL, so ingesting the same input twice adds nothing. Each batch is one transaction:
after a crash, kill -9 or Ctrl-C the committed batches stay, and running the same command again
finishes the job."""


def default_db() -> str:
    return os.environ.get("KHULASA_DB", DEFAULT_DB)


def add_db_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--db",
        default=default_db(),
        metavar="FILE|URL",
        help=f"SQLite database file or postgresql:// URL (default: {DEFAULT_DB} in the current "
        "folder, or $KHULASA_DB)",
    )


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "ingest",
        help="add articles to a database and group them into stories",
        description="Store articles, group near-duplicate copies (syndicated wire stories) and "
        "place every article in a story, incrementally.",
        epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("inputs", nargs="+", metavar="PATH", help="files, folders, globs or -")
    add_db_argument(parser)
    parser.add_argument(
        "--workers",
        type=int,
        default=min(2, os.cpu_count() or 1),
        help="processes analysing text in parallel, at most twice the cores "
        f"({MAX_WORKERS}); 0 analyses in the main process (default: up to 2)",
    )
    parser.add_argument(
        "--batch-size",
        type=bounded_int(100_000),
        default=500,
        metavar="N",
        help="articles per transaction (default: 500)",
    )
    parser.add_argument(
        "--stories",
        choices=("events", "topics"),
        default="events",
        help="events (default): a story is one event with its follow-ups; topics: the older, "
        "looser grouping (all market news, a whole war) kept for comparison",
    )
    parser.add_argument("-q", "--quiet", action="store_true", help="no progress bar")
    add_read_limit_arguments(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    if args.batch_size <= 0 or not 0 <= args.workers <= MAX_WORKERS:
        print(
            f"khulasa: --batch-size must be > 0 and --workers from 0 to {MAX_WORKERS}",
            file=sys.stderr,
        )
        return 2
    items, early = _first_article(read_inputs(args.inputs, read_limits(args)))
    if items is None:  # nothing usable: say why, and leave no empty database behind
        report_problems(early, shown=MAX_PROBLEMS_SHOWN)
        print("khulasa: no usable article in the input; nothing ingested", file=sys.stderr)
        return exit_status(early, usable=False)
    settings = IngestSettings(
        batch_size=args.batch_size, workers=args.workers, stories=args.stories
    )
    show = not args.quiet and sys.stderr.isatty()
    with (
        Store(args.db) as store,
        tqdm(
            desc="ingesting", unit="article", disable=not show, file=sys.stderr, smoothing=0.1
        ) as bar,
    ):
        report = ingest_items(store, itertools.chain(early, items), settings, tick=bar.update)
    if not report.added and not report.exact_duplicates and report.problems:
        report_problems(report.problems, shown=MAX_PROBLEMS_SHOWN)
        print("khulasa: no usable article in the input; nothing ingested", file=sys.stderr)
        return 130 if report.interrupted else exit_status(report.problems, usable=False)
    report_problems(report.problems, shown=MAX_PROBLEMS_SHOWN)
    verb = "stopped (committed work kept)" if report.interrupted else "done"
    print(
        f"khulasa: {verb}: read {report.read}, added {report.added}, "
        f"already stored {report.exact_duplicates}, near-duplicates {report.near_duplicates}, "
        f"new stories {report.new_stories}"
        + (f", upgraded {report.backfilled}" if report.backfilled else "")
        + f" in {report.seconds:.1f} s ({report.rate:.0f} articles/s) "
        f"→ {without_password(args.db)}",
        file=sys.stderr,
    )
    if report.interrupted:
        return 130
    return exit_status(report.problems)


def _first_article(items: Iterator[Article | Problem]) -> tuple[Iterator | None, list]:
    """Read up to the first article: ``(the rest of the stream, what came before it)``, or
    ``(None, the problems)`` when the input holds no article at all."""
    early: list[Article | Problem] = []
    for item in items:
        early.append(item)
        if isinstance(item, Article):
            return items, early
    return None, early
