"""The ``khulasa`` command. Each sub-command lives in its own module under ``khulasa.cli``.

A sub-command module defines ``register(subparsers)``, which adds its parser and sets
``func`` (taking the parsed arguments, returning the exit code). Add a module to ``COMMANDS``
to make it available.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from khulasa.cli.common import OutputError
from khulasa.render.safe import one_line
from khulasa.store import StoreError
from khulasa.store.dialect import DATABASE_ERRORS  # sqlite3's and psycopg's errors

COMMANDS = [
    "khulasa.cli.summarize",
    "khulasa.cli.evaluate",
    "khulasa.cli.facts",
    "khulasa.cli.eval_facts",
    "khulasa.cli.ingest",
    "khulasa.cli.stories",
    "khulasa.cli.recluster",
    "khulasa.cli.reports",
    "khulasa.cli.watch",
    "khulasa.cli.feeds",
    "khulasa.cli.serve",
]

EPILOG = """\
exit codes:
  0    every input used; records of a corpus that hold nothing to use (empty or
       whitespace-only, or in a SaudiNewsNet corpus not Arabic) are notices: counted on
       stderr ("84 records skipped: empty article text"), and the exit code stays 0
  1    errors: an input you gave could not be used (missing file, unreadable or damaged zip,
       undecodable bytes, a broken JSON or JSONL line, a page that is not Arabic), each
       named on stderr while the rest was used; or the summary came out empty
  2    nothing usable; a usage error; a database or output file that cannot be used (one
       line says which and why)
  130  interrupted (Ctrl-C; an ingest keeps what it committed)

Run 'khulasa COMMAND --help' for a command's options and examples."""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="khulasa",
        description="Make sense of Arabic news from many outlets: clean scraped pages and "
        "summarize a story in sentences that name the outlets reporting them.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    from khulasa import __version__

    parser.add_argument("--version", action="version", version=f"khulasa {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMANDS:
        importlib.import_module(name).register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    try:
        return int(args.func(args))
    except KeyboardInterrupt:
        print("khulasa: interrupted", file=sys.stderr)
        return 130
    except (StoreError, OutputError) as exc:
        print(f"khulasa: {one_line(str(exc))}", file=sys.stderr)
        return 2
    except DATABASE_ERRORS as exc:
        print(f"khulasa: database error: {one_line(str(exc))}", file=sys.stderr)
        return 2


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
