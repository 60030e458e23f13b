"""Bad input is reported, not raised: one ``Problem`` per file, and the batch goes on."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """Why one input (a file, a JSONL line, stdin) could not be used."""

    origin: str
    reason: str

    def __str__(self) -> str:
        return f"{self.origin}: {self.reason}"


class InputError(Exception):
    """Raised inside ingestion for one input; turned into a :class:`Problem` by the reader."""


class NothingToSummarize(Exception):
    """Every input was rejected, so there is no story to summarize."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("no usable article in the input")
