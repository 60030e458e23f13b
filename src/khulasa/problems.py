"""Bad input is reported, not raised: one ``Problem`` per file, and the batch goes on.

A problem has a severity, set where it is found, because not every skipped input is a fault a
scheduler should hear about. An *error* is an input the user gave that could not be used (a
missing file, a damaged zip, undecodable bytes, a broken JSON line, a page that is not
Arabic): the run exits 1, or 2 when nothing was usable. A *notice* is a record inside a corpus
that holds nothing to use: empty or whitespace-only (a SaudiNewsNet day ships about a hundred;
a JSONL line with an empty ``text``), or, in a SaudiNewsNet corpus, written in another
language (a few English wire items a day). Notices are counted and reported, and the run still
exits 0: otherwise every routine ingest of the corpus would exit 1 and a scheduler could not
tell a normal day from a broken one. ``khulasa.cli.common.exit_status`` decides the code.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Severity = Literal["error", "notice"]
ERROR: Severity = "error"
NOTICE: Severity = "notice"


@dataclass(frozen=True)
class Problem:
    """Why one input (a file, a JSONL line, stdin) could not be used, and how much it matters."""

    origin: str
    reason: str
    severity: Severity = ERROR

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR

    def __str__(self) -> str:
        return f"{self.origin}: {self.reason}"


class InputError(Exception):
    """Raised inside ingestion for one input; turned into a :class:`Problem` by the reader, with
    the severity given here (an empty record raises it as a notice)."""

    def __init__(self, reason: str, severity: Severity = ERROR):
        super().__init__(reason)
        self.severity = severity


def empty_record(origin: str) -> Problem:
    """An empty or whitespace-only record inside a corpus: a notice, not an error."""
    return Problem(origin, EMPTY_RECORD, NOTICE)


EMPTY_RECORD = "empty article text"


class NothingToSummarize(Exception):
    """Every input was rejected, so there is no story to summarize."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("no usable article in the input")
