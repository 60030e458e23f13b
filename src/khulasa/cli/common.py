"""Helpers shared by sub-commands: progress bars, problem reports, writing output."""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TypeVar

from tqdm import tqdm

from khulasa.ingest.limits import DEFAULT_LIMITS, ReadLimits
from khulasa.model import Story
from khulasa.problems import Problem
from khulasa.render.safe import one_line

T = TypeVar("T")

# Below this many inputs a batch finishes before a bar would be useful.
PROGRESS_MIN_ITEMS = 20


def progress(items: Iterable[T], desc: str = "reading") -> Iterator[T]:
    """A progress bar on stderr for long batches; silent for short ones or when not a terminal."""
    items = list(items)
    show = len(items) >= PROGRESS_MIN_ITEMS and sys.stderr.isatty()
    return iter(tqdm(items, desc=desc, unit="file", disable=not show, file=sys.stderr))


class OutputError(Exception):
    """The report could not be written where asked (a folder, no permission, a full disk)."""


@dataclass(frozen=True)
class ProblemCount:
    """How many problems a run reported, by severity (:mod:`khulasa.problems`)."""

    errors: int = 0
    notices: int = 0


def report_problems(problems: Iterable[Problem], shown: int | None = None) -> ProblemCount:
    """Report a batch's problems on stderr and count them.

    Each error gets one line naming the input and the reason (the first ``shown`` of them, then
    how many more); notices (records of a corpus that are empty, or not in its language) get
    one line per reason that counts them and names the first, so a SaudiNewsNet day does not
    bury its errors under a hundred lines.

    File names and reasons come from outside (a crawled file may be named with a newline or a
    terminal escape), so each line is made terminal-safe: it cannot forge another log line or
    recolour the terminal."""
    errors = 0
    notices: dict[str, list[Problem]] = {}
    for problem in problems:
        if not problem.is_error:
            # "not Arabic text (23% of its letters …)": one count per reason, not per figure
            notices.setdefault(problem.reason.split(" (")[0], []).append(problem)
            continue
        errors += 1
        if shown is None or errors <= shown:
            print(f"khulasa: skipped {one_line(str(problem))}", file=sys.stderr)
    if shown is not None and errors > shown:
        print(f"khulasa: … and {errors - shown} more skipped", file=sys.stderr)
    for reason, group in notices.items():
        records = "record" if len(group) == 1 else "records"
        print(
            f"khulasa: {len(group)} {records} skipped: {one_line(reason)} "
            f"(the first: {one_line(group[0].origin)})",
            file=sys.stderr,
        )
    return ProblemCount(errors, sum(len(group) for group in notices.values()))


def exit_status(problems: Iterable[Problem], usable: bool = True, empty: bool = False) -> int:
    """The exit code of a run, decided here only, from the severities of its problems.

    2: nothing usable (``usable`` False); 1: some input the user gave could not be used (an
    error), or the result is ``empty``; 0: every input used, empty records (notices) aside."""
    if not usable:
        return 2
    if empty or any(p.is_error for p in problems):
        return 1
    return 0


def write_output(text: str, path: str | None) -> None:
    """Write to ``path`` (creating folders) or to stdout.

    A file is written whole or not at all: the text goes to a temporary file beside it, which
    replaces the target only once it is complete, so a full disk or a crash never leaves a
    half-written report in place of the previous good one."""
    if path is None or path == "-":
        try:
            sys.stdout.write(text if text.endswith("\n") else text + "\n")
            sys.stdout.flush()
        except OSError as exc:
            raise OutputError(f"cannot write to standard output: {exc.strerror or exc}") from None
        return
    target = Path(os.path.realpath(path))  # through a symbolic link, not over it
    if target.is_dir():
        raise OutputError(f"{path} is a folder: give a file name for the report")
    if target.exists() and not target.is_file():
        # A device, a pipe or a terminal (/dev/null, /dev/full, /dev/stdout): write into it.
        # Replacing it with a temporary file would, as root, turn /dev/full into a report.
        try:
            with target.open("w", encoding="utf-8") as handle:
                handle.write(text)
        except OSError as exc:
            raise OutputError(f"cannot write {path}: {exc.strerror or exc}") from None
        return
    try:
        mode = target.stat().st_mode & 0o7777 if target.exists() else _default_mode()
        target.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(
            "w", encoding="utf-8", dir=target.parent, prefix=f".{target.name}.", delete=False
        ) as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(handle.name, mode)  # a temporary file is private; the report is not
        os.replace(handle.name, target)
    except OSError as exc:
        with contextlib.suppress(NameError, OSError):
            os.unlink(handle.name)
        raise OutputError(f"cannot write {path}: {exc.strerror or exc}") from None


def _default_mode() -> int:
    """The mode ``open()`` would give a new file: 0666 less the umask."""
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def positive_int(value: str) -> int:
    """argparse type for counts and budgets: a whole number above zero, with a clear message."""
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {value!r}") from None
    if number <= 0:
        raise argparse.ArgumentTypeError("must be greater than 0")
    return number


def bounded_int(maximum: int):
    """argparse type: a whole number from 1 to ``maximum``, with a clear message past it."""

    def parse(value: str) -> int:
        number = positive_int(value)
        if number > maximum:
            raise argparse.ArgumentTypeError(f"must be at most {maximum}")
        return number

    return parse


def iso_date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"expected a date like 2015-08-01, got {value!r}"
        ) from None


def add_story_filters(parser: argparse.ArgumentParser) -> None:
    """``--since`` / ``--until`` (stories with an article on or after / on or before the day)
    and ``--min-sources``, as the stories page filters them."""
    parser.add_argument(
        "--since", type=iso_date, metavar="DATE", help="only stories with an article on/after it"
    )
    parser.add_argument(
        "--until", type=iso_date, metavar="DATE", help="only stories with an article on/before it"
    )
    parser.add_argument(
        "--min-sources",
        type=bounded_int(10_000),
        default=2,
        metavar="N",
        help="only stories naming at least N distinct outlets (default: 2)",
    )


def add_inputs_argument(parser: argparse.ArgumentParser) -> None:
    """The PATH... argument every command that reads articles takes."""
    parser.add_argument(
        "inputs", nargs="+", metavar="PATH", help="files, folders, globs, JSONL or -"
    )
    add_read_limit_arguments(parser)


def add_facts_option(parser: argparse.ArgumentParser) -> None:
    """``--no-facts``, for commands whose reports carry the facts section."""
    parser.add_argument(
        "--no-facts",
        action="store_true",
        help="leave the facts and conflicts section out of the json, md and html reports",
    )


def add_ui_lang_option(parser: argparse.ArgumentParser, default_help: str = "the story's") -> None:
    """``--ui-lang``: the language of a report's headings and labels, not of its articles."""
    from khulasa.render.ui import UI_LANGS

    parser.add_argument(
        "--ui-lang",
        choices=UI_LANGS,
        default=None,
        metavar="LANG",
        help=f"language of the report's headings, labels and outlet names: "
        f"{' or '.join(UI_LANGS)} (default: {default_help})",
    )


def facts_for_report(story: Story, fmt: str, no_facts: bool) -> object | None:
    """The story's facts when the report format shows them (not the terminal text)."""
    if fmt == "text" or no_facts:
        return None
    from khulasa.facts import extract_facts  # loaded only when a report needs it

    return extract_facts(story)


def add_read_limit_arguments(parser: argparse.ArgumentParser) -> None:
    """The reading bounds (:class:`~khulasa.ingest.limits.ReadLimits`) a user may change."""
    group = parser.add_argument_group("input limits (hostile or careless input)")
    group.add_argument(
        "--max-file-mb",
        type=positive_int,
        default=DEFAULT_LIMITS.max_file_bytes // 2**20,
        metavar="MB",
        help="largest page, text file or stdin text read (default: %(default)s MB)",
    )
    group.add_argument(
        "--max-record-mb",
        type=positive_int,
        default=DEFAULT_LIMITS.max_record_bytes // 2**20,
        metavar="MB",
        help="largest JSONL line or JSON array record (default: %(default)s MB)",
    )
    group.add_argument(
        "--allow-outside-paths",
        action="store_true",
        help="let a JSONL manifest's 'path' name files outside the manifest's folder "
        "(refused by default, so a manifest from elsewhere cannot read your files)",
    )


def read_limits(args: argparse.Namespace) -> ReadLimits:
    return ReadLimits(
        max_file_bytes=args.max_file_mb * 2**20,
        max_record_bytes=args.max_record_mb * 2**20,
        allow_outside_paths=args.allow_outside_paths,
    )
