"""``khulasa feeds``: follow RSS/Atom feeds and poll them into the database."""

from __future__ import annotations

import argparse
import sys

from khulasa.cli.common import write_output
from khulasa.cli.ingest import add_db_argument
from khulasa.cli.watch import _seconds
from khulasa.live.feeds import FeedError, follow, poll_all, unfollow
from khulasa.live.fetch import Fetcher, FetchSettings
from khulasa.live.loop import run_forever, stderr_log
from khulasa.render.safe import one_line
from khulasa.store import Store
from khulasa.store import feeds as table
from khulasa.store.errors import without_password
from khulasa.stories.engine import IngestSettings

EXAMPLES = """\
examples:
  khulasa feeds add https://akhbar.example/rss/politics.xml --db news.db   # an outlet's RSS
  khulasa feeds add https://jarida.example/atom.xml --db news.db          # or Atom
  khulasa feeds list --db news.db
  khulasa feeds poll --once --db news.db          # every feed now, then stop
  khulasa feeds poll --interval 600 --db news.db  # every 10 minutes until Ctrl-C
  khulasa feeds remove https://jarida.example/atom.xml --db news.db

Polling fetches each feed with its last ETag / Last-Modified (an unchanged feed costs one 304),
then the page of each entry not seen before, through trafilatura, into stories like 'khulasa
ingest'. An entry is fetched once; its outcome (ingested, or why not) is kept. A feed that fails
is retried later and later (doubling, up to 6 hours); one feed's failure never stops the others.
Only http(s) URLs on public addresses are fetched: --allow-private lets feeds and pages on
private, loopback and link-local addresses through (an intranet). Requests name Khulasa in their
User-Agent, wait 1 s between two requests to one host, time out, and stop past 5 MiB.

exit codes (poll --once): 0 every feed and entry used; 1 some feed or entry failed (each is named
on stderr); 2 no feed followed, a URL that cannot be followed, or a database that cannot be used."""


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "feeds",
        help="follow RSS/Atom feeds and ingest their new articles",
        description="Follow news feeds (RSS or Atom) and ingest the page of each new entry.",
        epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    add = actions.add_parser(
        "add",
        help="follow a feed",
        epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add.add_argument("url", metavar="URL")
    add.set_defaults(func=_add)
    listing = actions.add_parser("list", help="the followed feeds and their last poll")
    listing.set_defaults(func=_list)
    remove = actions.add_parser("remove", help="stop following a feed (its articles stay)")
    remove.add_argument("url", metavar="URL")
    remove.set_defaults(func=_remove)
    poll = actions.add_parser(
        "poll",
        help="fetch the feeds and ingest new entries",
        epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    poll.add_argument("--once", action="store_true", help="poll every feed once and stop")
    poll.add_argument(
        "--interval",
        type=_seconds,
        default=300.0,
        metavar="S",
        help="seconds between two polls of a feed (default: 300)",
    )
    poll.add_argument(
        "--allow-private",
        action="store_true",
        help="also fetch from private, loopback and link-local addresses (an intranet)",
    )
    poll.set_defaults(func=_poll)
    for sub in (add, listing, remove, poll):
        add_db_argument(sub)


def _add(args: argparse.Namespace) -> int:
    with Store(args.db) as store:
        try:
            feed, new = follow(store, args.url)
        except FeedError as exc:
            stderr_log(f"cannot follow {exc}")
            return 2
    verb = "following" if new else "already following"
    stderr_log(f"{verb} feed {feed.id}: {feed.url}")
    return 0


def _list(args: argparse.Namespace) -> int:
    with Store(args.db) as store:
        feeds = table.list_feeds(store)
    if not feeds:
        stderr_log("no feed followed (add one with 'khulasa feeds add URL')")
        return 0
    lines = ["id\titems\tfailures\tpolled_at\tstatus\turl\ttitle"]
    lines += [
        "\t".join(
            one_line(str(v))
            for v in (
                f.id,
                f.items,
                f.failures,
                f.polled_at or "never",
                f.status or "",
                f.url,
                f.title or "",
            )
        )
        for f in feeds
    ]
    write_output("\n".join(lines), None)
    return 0


def _remove(args: argparse.Namespace) -> int:
    with Store(args.db) as store:
        removed = unfollow(store, args.url)
    if not removed:
        stderr_log(f"not following {args.url} (see 'khulasa feeds list')")
        return 2
    stderr_log(f"stopped following {args.url}; its articles stay in {without_password(args.db)}")
    return 0


def _poll(args: argparse.Namespace) -> int:
    with Store(args.db) as store:
        if not table.list_feeds(store):
            stderr_log("no feed followed (add one with 'khulasa feeds add URL')")
            return 2
        if args.once:
            settings = FetchSettings(allow_private=args.allow_private)
            with Fetcher(settings) as fetcher:
                reports = poll_all(store, fetcher, None, IngestSettings(workers=0), log=stderr_log)
            failed = sum(r.failed or any(i.failed for i in r.items) for r in reports)
            ingested = sum(r.ingested for r in reports)
            stderr_log(
                f"done: {len(reports)} feeds polled, {ingested} articles ingested, "
                f"{failed} feeds with failures → {without_password(args.db)}"
            )
            return 1 if failed else 0
    print(
        f"khulasa: polling feeds every {args.interval:g} s (Ctrl-C stops) "
        f"→ {without_password(args.db)}",
        file=sys.stderr,
    )
    run_forever(args.db, args.interval, allow_private=args.allow_private)
    return 0
