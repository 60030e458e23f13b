"""What the event decision compares of an article: its title, lead, body terms, numbers, day.

An event is named by its headline and its first lines (who, where, how many, when); the rest of
an article wanders into background that other events share. So each article keeps, beside the
body's heaviest terms (from :class:`~khulasa.stories.analyze.Analysis`), its title's terms, its
lead's terms, the numbers of its title and lead, and its day: the publication date, or else a
date the page states in its opening (marked as inferred).

A profile is computed once, in the worker that analyses the article, and stored with it, so a
restarted ingest or ``khulasa recluster`` reloads it instead of re-reading the text.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date

from khulasa.stories.analyze import Analyzer

LEAD_TERMS = 40  # content terms of the opening kept as the lead
LEAD_TOKENS = 80  # tokens of the opening searched for numbers
_NUMBER = re.compile(r"^\d+$")


@dataclass(frozen=True)
class EventProfile:
    """The parts of an article the same-event model compares (all terms are stems)."""

    title: tuple[str, ...]
    lead: tuple[str, ...]
    numbers: tuple[str, ...]
    day: int | None  # proleptic ordinal: published, else stated in the text
    day_inferred: bool = False
    # False when the article had no title and ``title`` holds its opening's first terms: the
    # same-event model's title words were learned on real titles and do not apply to those.
    titled: bool = True

    def to_json(self) -> str:
        return json.dumps(
            [self.title, self.lead, self.numbers, self.day, self.day_inferred, self.titled],
            ensure_ascii=False,
            separators=(",", ":"),
        )

    @classmethod
    def from_json(cls, text: str) -> EventProfile:
        """A stored profile; one stored before ``titled`` existed counts as titled."""
        title, lead, numbers, day, inferred, *titled = json.loads(text)
        titled_flag = bool(titled[0]) if titled else True
        return cls(tuple(title), tuple(lead), tuple(numbers), day, bool(inferred), titled_flag)


def build_profile(
    analyzer: Analyzer, title: str | None, text: str, published: date | None
) -> EventProfile:
    """The profile of one article (``text`` is its clean body)."""
    head = text[:1500]
    tokens, terms = analyzer.words(head)
    title_tokens, title_terms = analyzer.words(title) if title else ([], terms[:12])
    numbers = {t for t in [*title_tokens, *tokens[:LEAD_TOKENS]] if len(t) > 1 and _NUMBER.match(t)}
    day, inferred = (published.toordinal(), False) if published else _stated(text)
    return EventProfile(
        title=tuple(dict.fromkeys(title_terms)),
        lead=tuple(terms[:LEAD_TERMS]),
        numbers=tuple(sorted(numbers)),
        day=day,
        day_inferred=inferred,
        titled=bool(title),
    )


def _stated(text: str) -> tuple[int | None, bool]:
    from khulasa.facts.dates import stated_date  # the date grammar is the facts stage's

    found = stated_date(text)
    return (found.toordinal(), True) if found else (None, False)
