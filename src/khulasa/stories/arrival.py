"""What an event member was built with when it arrived, kept in the store while it is open.

A running engine weighs each new member's title, lead and body, and picks its rare terms, with
the stream's document frequencies of that moment, and scores its pairs against the members then
open. A restart that rebuilt members from today's frequencies, and scored their pairs again,
would decide a little differently from an engine that ran on (B³ 0.996 on two real days cut at a
batch boundary), so several ingests taking turns would not give one ingest's stories. The state
is stored with each batch and dropped when the member leaves the window.
"""

from __future__ import annotations

import json
from dataclasses import dataclass


@dataclass
class ArrivalState:
    """What a member was built with when it arrived: its terms' IDF weights and its rare terms
    under the stream's frequencies of then, and its scored pairs ``(older article, P)``."""

    idf: dict[str, float]
    rare: frozenset[str]
    evidence: list[tuple[int, float]]

    def to_json(self) -> tuple[str, str, str]:
        return (
            json.dumps(self.idf, ensure_ascii=False),
            json.dumps(sorted(self.rare), ensure_ascii=False),
            json.dumps(list(dict(self.evidence).items())),  # a pair once, however often scored
        )

    @classmethod
    def from_json(cls, idf: str, rare: str, evidence: str) -> ArrivalState:
        return cls(
            json.loads(idf), frozenset(json.loads(rare)), [(a, p) for a, p in json.loads(evidence)]
        )
