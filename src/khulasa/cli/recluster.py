"""``khulasa recluster``: rebuild the stories of an existing database with the current engine."""

from __future__ import annotations

import argparse
import sys

from khulasa.cli.ingest import add_db_argument
from khulasa.store import Store
from khulasa.store.errors import without_password
from khulasa.stories.engine import Ingestor, IngestSettings
from khulasa.stories.intake import upkeep

EXAMPLES = """\
example:
  khulasa recluster --db news.db

The database is upgraded to the current schema first. Every story is then rebuilt from the
stored articles, in the order they were ingested, exactly as a fresh ingest of the same
articles would build them; the articles themselves are kept. Story ids are new (old ids are
never given to another story). An interrupted recluster leaves the batches it committed, and
running it again starts over."""


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "recluster",
        help="rebuild a database's stories with the current story engine",
        description="Regroup every stored article into stories (one event each) with the "
        "current engine, after an upgrade of Khulasa or its model.",
        epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add_db_argument(parser)
    parser.add_argument("-q", "--quiet", action="store_true", help="no summary line")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    with Store(args.db) as store, store.writer():
        articles = store.count("articles")
        if not articles:
            print(
                f"khulasa: {without_password(args.db)} holds no article to recluster",
                file=sys.stderr,
            )
            return 2
        store.reset_stories()
        report = Ingestor(store, IngestSettings(workers=0)).run([])
        if not report.interrupted:
            upkeep(store)  # editors' corrections outlive the old stories
        stories = store.count("stories")
    if not args.quiet:
        verb = "stopped (committed work kept)" if report.interrupted else "done"
        print(
            f"khulasa: recluster {verb}: {report.backfilled} of {articles} articles placed in "
            f"{stories} stories in {report.seconds:.1f} s → {without_password(args.db)}",
            file=sys.stderr,
        )
    return 130 if report.interrupted else 0
