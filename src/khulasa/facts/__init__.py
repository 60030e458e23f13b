"""Story facts: who, where, how many, when, who said what, and where outlets disagree.

>>> from khulasa.pipeline import load_articles, build_story
>>> from khulasa.facts import extract_facts
>>> articles, _ = load_articles(["examples/aleppo-2016-12/manifest.jsonl"])
>>> story, _ = build_story(articles)
>>> facts = extract_facts(story)
>>> [e.name for e in facts.entities if e.kind == "person"][:2]
['سيرغي لافروف', 'جون كيري']

Everything is rules, curated lexicons and a small tagger trained by the project and shipped in the
package (no model downloads), so it runs offline and every fact points at the sentence it came
from.
"""

from __future__ import annotations

from collections import defaultdict

from khulasa.facts.conflicts import ClaimIndex, Settings
from khulasa.facts.dates import extract_dates, reference_day
from khulasa.facts.entities import EntityRecognizer, RawMention, merge_entities, sources_of
from khulasa.facts.model import (
    Agreement,
    Conflict,
    DateFact,
    Entity,
    Mention,
    NumberFact,
    Quote,
    Source,
    StoryFacts,
    StoryNumber,
    TimelineEvent,
)
from khulasa.facts.numbers import extract_numbers
from khulasa.facts.quantities import merge_numbers
from khulasa.facts.quotes import extract_quotes
from khulasa.facts.serialize import facts_to_dict
from khulasa.facts.timeline import build_timeline
from khulasa.model import Story


def extract_facts(
    story: Story,
    settings: Settings | None = None,
    *,
    tagger: bool | None = None,
    aligned: bool = True,
) -> StoryFacts:
    """Entities, numbers, dates, quotes, timeline, agreements and conflicts of one story.

    ``tagger`` turns the trained entity tagger on or off beside the rules (default:
    :data:`khulasa.facts.entities.recognizer.USE_TAGGER`); ``aligned=False`` leaves the claim
    aligner out of the conflicts (the rules alone, as before it: bench/align_conflicts.py
    compares the two).
    """
    # here, not at the top: the aligner reads numbers and cues with khulasa.facts's readers
    from khulasa.align.conflicts import aligned_conflicts, merge_conflicts

    recognizer = EntityRecognizer(tagger=tagger)
    found = recognizer.story_mentions(story)
    entities = merge_entities(found)
    names = {e.id: e.name for e in entities}
    mentions: dict[tuple[str, int], list[RawMention]] = defaultdict(list)
    for source, mention in found:
        mentions[(source.doc_id, source.sentence_index)].append(mention)
    sources = list(sources_of(story))
    per_doc = [[s for s in sources if s.doc_id == d.id] for d in story.documents]
    pages = [(d.article.published, s) for d, s in zip(story.documents, per_doc, strict=True)]
    dates = extract_dates(pages)
    references = {
        d.id: reference_day(published, sents)[0]
        for d, (published, sents) in zip(story.documents, pages, strict=True)
    }
    numbers = extract_numbers(sources)
    quotes = extract_quotes(per_doc, mentions, names)
    speakers: dict[tuple[str, int], set[str]] = defaultdict(set)
    for quote in quotes:
        if quote.speaker:
            speakers[(quote.source.doc_id, quote.source.sentence_index)].add(quote.speaker)
    claims = ClaimIndex(sources, mentions, settings, speakers)
    return StoryFacts(
        story_id=story.id,
        outlets=story.outlets,
        entities=entities,
        numbers=tuple(merge_numbers(numbers)),  # each quantity once, every outlet kept
        dates=tuple(dates),
        quotes=tuple(quotes),
        timeline=build_timeline(dates, references),
        agreements=tuple(claims.agreements()),
        # Findings: the claim aligner's conflicts (one claim, figures or a denial that differ)
        # and the numeric rules' (right 7 times in 8 on unseen news, bench/results/facts.md)
        # that the aligner did not already list; other contradictions are leads.
        conflicts=tuple(
            merge_conflicts(
                aligned_conflicts(sources) if aligned else [], claims.numeric_conflicts(numbers)
            )
        ),
        possible_conflicts=tuple(claims.contradictions() + claims.possible_contradictions()),
    )


__all__ = [
    "Agreement",
    "Conflict",
    "DateFact",
    "Entity",
    "Mention",
    "NumberFact",
    "Quote",
    "Settings",
    "Source",
    "StoryFacts",
    "StoryNumber",
    "TimelineEvent",
    "extract_facts",
    "facts_to_dict",
]
