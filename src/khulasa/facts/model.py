"""Typed, frozen records of what a story says: who, where, how many, when, who said what.

Every fact keeps the exact sentence it came from (document, outlet, sentence index), so a reader
can check it against the source and a report can link back to it. Nothing here is mutated after
extraction; ``StoryFacts`` is the one object the extractors hand to renderers and the evaluator.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Literal

EntityKind = Literal["person", "place", "org"]
DateKind = Literal["absolute", "weekday", "relative"]
QuoteKind = Literal["direct", "reported"]
ConflictKind = Literal["contradiction", "numeric"]


@dataclass(frozen=True)
class Source:
    """Where a fact was read: one sentence of one outlet's document."""

    doc_id: str
    outlet: str
    sentence_index: int
    sentence: str


@dataclass(frozen=True)
class Mention:
    """One occurrence of an entity: its surface text and character span in the sentence."""

    source: Source
    text: str
    start: int
    end: int
    found_by: str = "rule"  # the rule that found it (e.g. "gazetteer"), or "crf": the tagger


@dataclass(frozen=True)
class Entity:
    """A person, place or organisation, with its spellings merged across outlets."""

    id: str
    kind: EntityKind
    name: str  # the fullest, most common spelling
    role: str | None  # e.g. "وزير الخارجية الروسي" for a person; None when never stated
    aliases: tuple[str, ...]  # every distinct surface spelling seen
    mentions: tuple[Mention, ...]

    @property
    def outlets(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(m.source.outlet for m in self.mentions))


@dataclass(frozen=True)
class NumberFact:
    """A quantity normalised so differently written numbers compare equal.

    ``value`` is the number itself (8 آلاف → 8000); ``unit`` a canonical unit key ("percent",
    "km", "hour", "day", …) or None for a plain count; ``thing`` the normalised word for what is
    counted ("شخص"); ``qualifier`` "more"/"less"/"about" for أكثر من / أقل من / نحو.
    """

    value: float
    unit: str | None
    thing: str | None
    qualifier: str | None
    text: str
    source: Source
    start: int = 0  # character span of ``text`` in the sentence
    end: int = 0
    found_by: str = ""  # the rule that read it (``number.unit``, ``number.counted_noun`` …)


@dataclass(frozen=True)
class StoryNumber:
    """One quantity of a story, listed once with every sentence, of every outlet, stating it.

    "8000 شخص" in one outlet and "8 آلاف شخص" in another, "ثلاثة قتلى" and "3 قتلى", are one
    item: the same ``value``, ``unit``, counted noun (compared by stem, shown as most mentions
    spell it) and ``qualifier``. ``mentions`` keep each sentence's own reading and wording.
    """

    value: float
    unit: str | None
    thing: str | None
    qualifier: str | None
    mentions: tuple[NumberFact, ...]

    @property
    def outlets(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(m.source.outlet for m in self.mentions))

    @property
    def texts(self) -> tuple[str, ...]:
        """Each distinct spelling of the quantity, in story order."""
        return tuple(dict.fromkeys(m.text for m in self.mentions))


@dataclass(frozen=True)
class DateFact:
    """A date expression and, where it could be worked out, the calendar day it means.

    ``basis`` says what the day was worked out from: the text alone ("explicit"), the article's
    published date ("published"), an absolute date elsewhere in the article ("inferred"), or
    nothing ("none", ``value`` is None).
    """

    text: str
    kind: DateKind
    value: date | None  # the day (or the first day of the month/year when coarser)
    granularity: Literal["day", "month", "year"]
    basis: Literal["explicit", "published", "inferred", "none"]
    source: Source
    start: int = 0
    end: int = 0
    found_by: str = ""  # the rule that read it (``date.day_month``, ``date.weekday`` …)


@dataclass(frozen=True)
class Quote:
    """Something a speaker said, quoted directly or reported (قال إن …)."""

    text: str
    kind: QuoteKind
    verb: str | None
    speaker: str | None  # display name: the entity's name, or the descriptive phrase
    speaker_id: str | None  # the Entity id when the speaker is a known entity
    source: Source
    found_by: str = ""  # the rule that read it (``quote.cue_quoted``, ``quote.headline`` …)


@dataclass(frozen=True)
class TimelineEvent:
    """A dated event and every sentence (across outlets) that reports it."""

    day: date
    text: str
    sources: tuple[Source, ...]

    @property
    def outlets(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(s.outlet for s in self.sources))


@dataclass(frozen=True)
class Agreement:
    """A claim that two or more outlets report in nearly the same words."""

    text: str
    sources: tuple[Source, ...]
    similarity: float

    @property
    def outlets(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(s.outlet for s in self.sources))


@dataclass(frozen=True)
class Conflict:
    """Two sides that cannot both be right: a denial/negation or reversal, or different numbers."""

    kind: ConflictKind
    reason: str  # why the two sides were judged to conflict, for the reader
    side_a: tuple[Source, ...]
    side_b: tuple[Source, ...]
    shared: tuple[str, ...]  # the content words both sides have in common

    @property
    def outlets(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(s.outlet for s in (*self.side_a, *self.side_b)))


@dataclass(frozen=True)
class StoryFacts:
    """Everything :func:`khulasa.facts.extract_facts` found in one story."""

    story_id: str
    outlets: tuple[str, ...]
    entities: tuple[Entity, ...]
    numbers: tuple[StoryNumber, ...]  # each quantity once, with every outlet
    dates: tuple[DateFact, ...]
    quotes: tuple[Quote, ...]
    timeline: tuple[TimelineEvent, ...]
    agreements: tuple[Agreement, ...]
    conflicts: tuple[Conflict, ...]
    # Contradictions (a denial, "stopped" against "went on", a bare negation) matched across
    # outlets: leads for a reader to check, not findings; numeric disagreements are ``conflicts``.
    possible_conflicts: tuple[Conflict, ...] = ()
