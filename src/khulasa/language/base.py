"""What a language plug-in provides, so that a second language is a new module, not a fork."""

from __future__ import annotations

from typing import Protocol


class Language(Protocol):
    """The text operations every stage of the pipeline needs from a language.

    ``normalize`` gives the canonical spelling used for matching; ``tokens`` the normalized word
    tokens (used by ROUGE and lengths); ``terms`` the content-bearing stems (stopwords removed)
    used to compare and score sentences; ``split_sentences`` the sentence splitter;
    ``script_ratio`` how much of a text is written in this language's script; ``rejects`` why a
    text is not in this language (another script, or a neighbour sharing the script), or None.
    """

    code: str
    name: str

    def normalize(self, text: str) -> str: ...

    def tokens(self, text: str) -> list[str]: ...

    def terms(self, text: str) -> list[str]: ...

    def is_stopword(self, token: str) -> bool: ...

    def split_sentences(self, text: str) -> list[str]: ...

    def script_ratio(self, text: str) -> float: ...

    def rejects(self, text: str) -> str | None: ...
