"""Dated events in order, each with every sentence (across outlets) that reports it.

An event is a sentence with a day-level date in it. Sentences about the same day that say nearly
the same thing (cosine of content stems) are one event with several sources, so the timeline
shows "8 Dec: Lavrov says the army stopped operations (DW, HuffPost, Al-Bayan)" once.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from datetime import date

from khulasa.facts.model import DateFact, TimelineEvent
from khulasa.facts.pairs import cosine
from khulasa.language import get_language

SAME_EVENT = 0.35  # cosine above which two same-day sentences report one event


def build_timeline(
    dates: Sequence[DateFact],
    references: Mapping[str, date | None] | None = None,
    min_terms: int = 4,
) -> tuple[TimelineEvent, ...]:
    """Events ordered by day; the first sentence seen for an event is its text.

    A sentence with several dates is placed at the one closest to its article's reference day
    (``references``: doc id → published or inferred day): "ودعا كيري الذي يغادر منصبه في 20
    يناير، الثلاثاء الماضي" happened on the Tuesday, not in January.
    """
    language = get_language("ar")
    seen: set[tuple[str, int]] = set()
    events: list[tuple[TimelineEvent, Counter[str]]] = []
    for fact in _main_dates(dates, references or {}):
        if fact.value is None or fact.granularity != "day":
            continue
        src = fact.source
        ident = (src.doc_id, src.sentence_index)
        if ident in seen:
            continue
        terms = Counter(language.terms(src.sentence))
        if sum(terms.values()) < min_terms:
            continue
        seen.add(ident)
        for n, (event, bag) in enumerate(events):
            if event.day == fact.value and cosine(terms, bag) >= SAME_EVENT:
                events[n] = (
                    TimelineEvent(event.day, event.text, (*event.sources, src)),
                    bag + terms,
                )
                break
        else:
            events.append((TimelineEvent(fact.value, src.sentence, (src,)), terms))
    ordered = sorted((e for e, _ in events), key=lambda e: (e.day, -len(e.outlets)))
    return tuple(ordered)


def _main_dates(dates: Sequence[DateFact], references: Mapping[str, date | None]) -> list[DateFact]:
    """One day-level date per sentence: the one nearest the article's reference day."""
    chosen: dict[tuple[str, int], DateFact] = {}
    for fact in dates:
        if fact.value is None or fact.granularity != "day":
            continue
        ident = (fact.source.doc_id, fact.source.sentence_index)
        ref = references.get(fact.source.doc_id)
        current = chosen.get(ident)
        if current is None or (
            ref is not None and abs((fact.value - ref).days) < abs((current.value - ref).days)  # type: ignore[operator]
        ):
            chosen[ident] = fact
    return list(chosen.values())
