"""``khulasa serve``: open a database's stories in the browser, with an HTTP API beside them."""

from __future__ import annotations

import argparse
import json
import os
import sys
from dataclasses import asdict

from khulasa.cli.common import bounded_int
from khulasa.cli.ingest import add_db_argument
from khulasa.store.errors import without_password

EXAMPLES = """\
examples:
  khulasa ingest ../shared/data/saudinewsnet/2015-08-06.zip --db news.db
  khulasa serve --db news.db                      # then open http://127.0.0.1:8000/
  KHULASA_TOKEN=... khulasa serve --db news.db --host 0.0.0.0 --port 8080
  khulasa serve --db news.db --feeds-every 300    # also poll the feeds of 'khulasa feeds add'
  khulasa serve --db news.db --watch incoming/    # and ingest files dropped in incoming/

pages: / (stories, with filters by date, outlet, name and keyword), /stories/ID (the sourced
summary, facts and conflicts, the articles, corrections), /articles/ID, /api/docs (the API).

Writes (POST /api/articles, corrections) need 'Authorization: Bearer TOKEN' when a token is set
with $KHULASA_TOKEN or --token-file; in a browser, editors sign in at /login. Listening on an
address other than loopback without a token is refused."""


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "serve",
        help="serve a database's stories as a web page and an HTTP API",
        description="Start a local web server: the latest stories, each with its summary, "
        "facts and conflicts, search and filters, editors' corrections, and a JSON API.",
        epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add_db_argument(parser)
    parser.add_argument(
        "--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1)"
    )
    parser.add_argument(
        "--port", type=bounded_int(65535), default=8000, help="port (default: 8000)"
    )
    parser.add_argument(
        "--token-file", metavar="FILE", help="file holding the write token (else $KHULASA_TOKEN)"
    )
    parser.add_argument(
        "--feeds-every",
        type=bounded_int(86_400),
        metavar="SECONDS",
        help="poll the database's feeds this often while serving (default: never)",
    )
    parser.add_argument(
        "--watch",
        action="append",
        default=[],
        metavar="FOLDER",
        help="ingest the files that appear in FOLDER while serving (repeatable)",
    )
    parser.add_argument(
        "--workers",
        type=bounded_int(64),
        default=1,
        metavar="N",
        help="server processes (default: 1; one per core for many readers; not with --watch or "
        "--feeds-every: run 'khulasa watch' or 'khulasa feeds poll' beside them)",
    )
    parser.add_argument(
        "--no-workers",
        action="store_true",
        help="compute summaries and facts in threads of the server instead of worker processes",
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    import uvicorn

    from khulasa.serve import ConfigError, ServeConfig, create_app
    from khulasa.serve.app import CONFIG_ENV
    from khulasa.serve.config import load_token

    try:
        config = ServeConfig(
            db=args.db,
            host=args.host,
            port=args.port,
            token=load_token(args.token_file),
            report_workers=not args.no_workers,
            feeds_interval=args.feeds_every,
            watch=tuple(args.watch),
        )
        if args.workers > 1 and (config.watch or config.feeds_interval):
            raise ConfigError("--workers above 1 cannot also watch folders or poll feeds")
        app = create_app(config)  # checks the configuration and creates the database
    except ConfigError as exc:
        print(f"khulasa: {exc}", file=sys.stderr)
        return 2
    shown = f"[{args.host}]" if ":" in args.host else args.host
    print(
        f"khulasa: serving {without_password(args.db)} at http://{shown}:{args.port}/ "
        "(Ctrl-C stops)",
        file=sys.stderr,
    )
    if config.token:
        print("khulasa: writes need the token; editors sign in at /login", file=sys.stderr)
    if args.workers == 1:
        uvicorn.run(app, host=args.host, port=args.port, log_level="warning", access_log=False)
        return 0
    fields = {**asdict(config), "db": str(config.db)}
    os.environ[CONFIG_ENV] = json.dumps(fields)
    uvicorn.run(
        "khulasa.serve.app:from_environment",
        factory=True,
        workers=args.workers,
        host=args.host,
        port=args.port,
        log_level="warning",
        access_log=False,
    )
    return 0
