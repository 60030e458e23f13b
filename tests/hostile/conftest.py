"""The hostile corpus (``make_corpus.py`` writes it) and helpers to run the real CLI."""

from __future__ import annotations

import resource
import subprocess
import sys
from pathlib import Path

import pytest

from khulasa.model import Article, Problem

from ..conftest import EXAMPLE_DIR, EXAMPLE_MANIFEST

CORPUS = Path(__file__).resolve().parent / "corpus"
CLI = "import sys; from khulasa.cli import main; sys.exit(main(sys.argv[1:]))"
GOOD_PAGE = sorted(EXAMPLE_DIR.glob("000_*.txt"))[0]

__all__ = ["CORPUS", "EXAMPLE_DIR", "EXAMPLE_MANIFEST", "GOOD_PAGE", "khulasa", "only_items"]


def _cap_memory() -> None:
    """A hostile input that regresses must fail its test, not take the machine's memory."""
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_CAP, MEMORY_CAP))


MEMORY_CAP = 4 * 2**30


def khulasa(*args: str, stdin: bytes | None = None, timeout: float = 120):
    """Run ``khulasa ARGS`` in a fresh interpreter, as a user would (memory capped)."""
    return subprocess.run(
        [sys.executable, "-c", CLI, *args],
        input=stdin,
        capture_output=True,
        timeout=timeout,
        preexec_fn=_cap_memory,
    )


def only_items(items: list) -> tuple[list[Article], list[Problem]]:
    """Split reader output, asserting that nothing but Articles and Problems came out."""
    assert all(isinstance(i, Article | Problem) for i in items), items
    return [i for i in items if isinstance(i, Article)], [
        i for i in items if isinstance(i, Problem)
    ]


@pytest.fixture(scope="session")
def corpus() -> Path:
    return CORPUS
