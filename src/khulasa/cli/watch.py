"""``khulasa watch FOLDER``: ingest the files that appear in a folder, as they appear."""

from __future__ import annotations

import argparse
import sys
import threading

from khulasa.cli.common import add_read_limit_arguments, read_limits
from khulasa.cli.ingest import add_db_argument
from khulasa.live.loop import run_forever, stderr_log
from khulasa.live.watch import Watcher, WatchError
from khulasa.store import Store
from khulasa.stories.engine import IngestSettings

EXAMPLES = """\
examples:
  khulasa watch incoming/ --db news.db            # until Ctrl-C, then from another terminal:
  cp ../shared/data/saudinewsnet/2015-08-06.zip incoming/   # (.txt, .html, .jsonl too)
  khulasa watch incoming/ --once                  # read what is there now, then stop

A file is read once it is complete: its size and modification time unchanged between two scans
(--interval apart). Hidden files and *.part, *.tmp, *.crdownload names wait until renamed. Each
file read is remembered in the database with its size and time, so a restarted watch does not
read it again; a file that changes is read again (only new articles are added). Every file read
gets one line on stderr with the story its articles went to; a file that cannot be used is
named with the reason and the watch goes on.

exit codes (--once): 0 every file used; 1 some file could not be used; 2 no such folder or a
database that cannot be used. Without --once the watch runs until Ctrl-C (130)."""


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "watch",
        help="ingest files as they appear in a folder",
        description="Watch a folder and ingest each file that appears in it (or changes), with "
        "the readers and limits of 'khulasa ingest', grouping its articles into stories.",
        epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("folder", metavar="FOLDER", help="the folder to watch (sub-folders too)")
    add_db_argument(parser)
    parser.add_argument(
        "--interval",
        type=_seconds,
        default=1.0,
        metavar="S",
        help="seconds between two scans of the folder (default: 1)",
    )
    parser.add_argument(
        "--once", action="store_true", help="scan twice, --interval apart, ingest, and stop"
    )
    add_read_limit_arguments(parser)
    parser.set_defaults(func=run)


def _seconds(value: str) -> float:
    try:
        number = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a number of seconds, got {value!r}") from None
    if not 0 < number <= 86_400:
        raise argparse.ArgumentTypeError("must be more than 0 and at most 86400 seconds")
    return number


def run(args: argparse.Namespace) -> int:
    limits = read_limits(args)
    settings = IngestSettings(workers=0)
    if args.once:
        with Store(args.db) as store:
            try:
                watcher = Watcher(store, args.folder, limits, settings, stderr_log)
            except WatchError as exc:
                stderr_log(str(exc))
                return 2
            watcher.scan()
            threading.Event().wait(args.interval)
            reports = watcher.scan()
        failed = sum(bool(r.problems) for r in reports)
        stderr_log(f"done: read {len(reports)} files, {failed} with problems → {args.db}")
        return 1 if failed else 0
    with Store(args.db) as store:  # fail early, with the usual message, on a bad database
        try:
            Watcher(store, args.folder, limits, settings)
        except WatchError as exc:
            stderr_log(str(exc))
            return 2
    print(f"khulasa: loading {args.db} to watch {args.folder} (Ctrl-C stops)", file=sys.stderr)
    run_forever(
        args.db,
        folders=[args.folder],
        feeds=False,
        watch_interval=args.interval,
        ingest_settings=settings,
        limits=limits,
    )
    return 0
