"""Helpers shared by sub-commands: progress bars, problem reports, writing output."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TypeVar

from tqdm import tqdm

from khulasa.model import Story
from khulasa.problems import Problem

T = TypeVar("T")

# Below this many inputs a batch finishes before a bar would be useful.
PROGRESS_MIN_ITEMS = 20


def progress(items: Iterable[T], desc: str = "reading") -> Iterator[T]:
    """A progress bar on stderr for long batches; silent for short ones or when not a terminal."""
    items = list(items)
    show = len(items) >= PROGRESS_MIN_ITEMS and sys.stderr.isatty()
    return iter(tqdm(items, desc=desc, unit="file", disable=not show, file=sys.stderr))


def report_problems(problems: Iterable[Problem]) -> int:
    """Print one line per unusable input on stderr; return how many there were."""
    count = 0
    for problem in problems:
        print(f"khulasa: skipped {problem}", file=sys.stderr)
        count += 1
    return count


def write_output(text: str, path: str | None) -> None:
    """Write to ``path`` (creating folders) or to stdout."""
    if path is None or path == "-":
        sys.stdout.write(text if text.endswith("\n") else text + "\n")
        return
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")


def positive_int(value: str) -> int:
    """argparse type for counts and budgets: a whole number above zero, with a clear message."""
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {value!r}") from None
    if number <= 0:
        raise argparse.ArgumentTypeError("must be greater than 0")
    return number


def add_inputs_argument(parser: argparse.ArgumentParser) -> None:
    """The PATH... argument every command that reads articles takes."""
    parser.add_argument(
        "inputs", nargs="+", metavar="PATH", help="files, folders, globs, JSONL or -"
    )


def add_facts_option(parser: argparse.ArgumentParser) -> None:
    """``--no-facts``, for commands whose reports carry the facts section."""
    parser.add_argument(
        "--no-facts",
        action="store_true",
        help="leave the facts and conflicts section out of the json, md and html reports",
    )


def facts_for_report(story: Story, fmt: str, no_facts: bool) -> object | None:
    """The story's facts when the report format shows them (not the terminal text)."""
    if fmt == "text" or no_facts:
        return None
    from khulasa.facts import extract_facts  # loaded only when a report needs it

    return extract_facts(story)
