"""Scoring extracted facts against hand-labelled gold files (precision, recall, F1 per type).

Gold files (``bench/gold/facts-*.json``) name sentences by document id and a snippet the sentence
contains, not by sentence index, so the gold survives changes to the sentence splitter:

- ``entities``: kind, name, aliases; a prediction matches when its kind agrees and one of its
  spellings is one of the gold spellings; each gold entity absorbs one prediction, so an entity
  split in two costs precision (merging across outlets is part of the task);
- ``numbers``: doc, value, unit (and the counted thing, scored separately);
- ``quotes``: doc, snippet, acceptable speaker names; speaker accuracy is the share of gold quotes
  whose sentence has a predicted quote with an acceptable speaker;
- ``agreements`` / ``conflicts``: the sentences on each side; a prediction matches when it covers
  sentences of two gold sides (two outlets for an agreement, both sides for a conflict).

:func:`score_by_rule` splits the entity, number and quote scores by the rule that found each
item (its ``found_by``), so that what each rule earns — and costs — can be read on the gold.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import Any

from khulasa.facts.model import Entity, NumberFact, Source, StoryFacts
from khulasa.facts.numbers import thing_stem
from khulasa.facts.text import key


@dataclass(frozen=True)
class Score:
    """Counts behind precision and recall for one fact type."""

    name: str
    true_positives: int
    predicted: int
    gold: int
    note: str = ""
    # gold items found, when several predictions may match one (agreements): recall counts
    # these, not the matching predictions, so it cannot exceed 1
    gold_found: int | None = None

    @property
    def precision(self) -> float:
        return self.true_positives / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        found = self.true_positives if self.gold_found is None else self.gold_found
        return found / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def _spellings(names: Iterable[str]) -> set[str]:
    return {key(n).replace("ال", "", 1) if key(n).startswith("ال") else key(n) for n in names}


def _entity_hits(facts: StoryFacts, gold: Sequence[dict[str, Any]]) -> list[bool]:
    """For each predicted entity, in order: did it match a gold entity not matched yet?"""
    used: set[int] = set()
    hits = []
    for entity in facts.entities:
        spellings = _spellings([entity.name, *entity.aliases])
        hit = False
        for n, item in enumerate(gold):
            if n in used or item["kind"] != entity.kind:
                continue
            if spellings & _spellings([item["name"], *item.get("aliases", [])]):
                used.add(n)
                hit = True
                break
        hits.append(hit)
    return hits


def score_entities(facts: StoryFacts, gold: Sequence[dict[str, Any]]) -> Score:
    hits = _entity_hits(facts, gold)
    return Score("entities", sum(hits), len(facts.entities), len(gold))


def score_numbers(facts: StoryFacts, gold: Sequence[dict[str, Any]]) -> tuple[Score, Score]:
    """Number F1 on (doc, value, unit), and how often the counted thing agrees when matched.

    The gold lists each document's figures, so a story quantity counts once per sentence that
    states it (its mentions): merging outlets changes what a reader sees, not this score.
    """
    matches = _number_matches(facts, gold)
    hits = things = things_gold = 0
    for number, item in matches:
        if item is None:
            continue
        hits += 1
        if item.get("thing"):
            things_gold += 1
            things += thing_stem(item["thing"]) == thing_stem(number.thing)
    return (
        Score("numbers", hits, len(matches), len(gold)),
        Score("number things", things, things_gold, things_gold, "of matched numbers"),
    )


def _number_matches(
    facts: StoryFacts, gold: Sequence[dict[str, Any]]
) -> list[tuple[NumberFact, dict[str, Any] | None]]:
    """Each number mention with the gold item it matched (None: a false positive)."""
    used: set[int] = set()
    # in each document's own order (a gold item is matched only in its document)
    mentions = sorted(
        (m for item in facts.numbers for m in item.mentions),
        key=lambda m: (m.source.doc_id, m.source.sentence_index, m.start),
    )
    matches: list[tuple[NumberFact, dict[str, Any] | None]] = []
    for number in mentions:
        matched = None
        for n, item in enumerate(gold):
            if n in used or item["doc"] != number.source.doc_id:
                continue
            if item.get("unit") != number.unit or not math.isclose(item["value"], number.value):
                continue
            used.add(n)
            matched = item
            break
        matches.append((number, matched))
    return matches


def _find(sources: Iterable[Source], doc: str, snippet: str) -> set[tuple[str, int]]:
    wanted = key(snippet)
    return {
        (s.doc_id, s.sentence_index)
        for s in sources
        if s.doc_id == doc and wanted in key(s.sentence)
    }


def score_quotes(
    facts: StoryFacts, gold: Sequence[dict[str, Any]], sources: Sequence[Source]
) -> tuple[Score, Score]:
    """Quote detection by sentence (P/R/F1) and speaker accuracy over gold quotes."""
    aliases = {e.id: _spellings([e.name, *e.aliases]) for e in facts.entities}
    predicted: dict[tuple[str, int], list[set[str]]] = {}
    for quote in facts.quotes:
        names = _spellings([quote.speaker or ""])
        if quote.speaker_id in aliases:
            names |= aliases[quote.speaker_id]
        predicted.setdefault((quote.source.doc_id, quote.source.sentence_index), []).append(names)
    correct = 0
    for item in gold:
        where = _find(sources, item["doc"], item["contains"])
        wanted = _spellings(item["speaker"])
        if any(names & wanted for w in where for names in predicted.get(w, [])):
            correct += 1
    gold_sentences = _gold_quote_sentences(gold, sources)
    found = len(set(predicted) & gold_sentences)
    return (
        Score("quote sentences", found, len(predicted), len(gold_sentences)),
        Score("quote speakers", correct, len(gold), len(gold), "accuracy over gold quotes"),
    )


def _gold_quote_sentences(
    gold: Sequence[dict[str, Any]], sources: Sequence[Source]
) -> set[tuple[str, int]]:
    """The sentences (doc, index) that hold a gold quote."""
    return {w for item in gold for w in _find(sources, item["doc"], item["contains"])}


def _sides(item: dict[str, Any], sources: Sequence[Source]) -> list[set[tuple[str, int]]]:
    sides = []
    for side in item["sides"]:
        found: set[tuple[str, int]] = set()
        for ref in side:
            found |= _find(sources, ref["doc"], ref["contains"])
        sides.append(found)
    return sides


def score_groups(
    name: str,
    predicted: Sequence[Sequence[Sequence[Source]]],
    gold: Sequence[dict[str, Any]],
    sources: Sequence[Source],
) -> Score:
    """Agreements/conflicts: a prediction (its sides' sources) matches a gold item when it
    touches two different gold sides."""
    gold_sides = [_sides(item, sources) for item in gold]
    matched_gold: set[int] = set()
    hits = 0
    for sides in predicted:
        ids = [{(s.doc_id, s.sentence_index) for s in side} for side in sides]
        covered = set().union(*ids) if ids else set()
        for n, g in enumerate(gold_sides):
            touched = [i for i, gs in enumerate(g) if gs & covered]
            if len(g) >= 2 and len(touched) >= 2:
                # a conflict's own two sides must land on two different gold sides
                if len(ids) == 2 and not any(
                    ids[0] & g[i] and ids[1] & g[j] for i in touched for j in touched if i != j
                ):
                    continue
                hits += 1
                matched_gold.add(n)
                break
    note = f"gold matched {len(matched_gold)}"
    return Score(name, hits, len(predicted), len(gold), note, len(matched_gold))


def evaluate(facts: StoryFacts, gold: dict[str, Any], sources: Sequence[Source]) -> list[Score]:
    """All scores for one story."""
    scores = [score_entities(facts, gold.get("entities", []))]
    for kind in ("person", "place", "org"):
        subset = [g for g in gold.get("entities", []) if g["kind"] == kind]
        only = _restrict_entities(facts, kind)
        s = score_entities(only, subset)
        scores.append(Score(f"  {kind}", s.true_positives, s.predicted, s.gold))
    scores += score_numbers(facts, gold.get("numbers", []))
    scores += score_quotes(facts, gold.get("quotes", []), sources)
    # agreements: each source is its own "side" so two outlets are needed to match
    if "agreements" in gold:  # a gold file without the key did not label them
        agreements = [[[s] for s in a.sources] for a in facts.agreements]
        scores.append(
            score_groups("agreements", agreements, _as_sided(gold["agreements"]), sources)
        )
    if "conflicts" in gold:
        conflicts = [[c.side_a, c.side_b] for c in facts.conflicts]
        scores.append(score_groups("conflicts", conflicts, gold["conflicts"], sources))
        # the leads too: a gold contradiction shown as a possible conflict is found, not lost
        leads = conflicts + [[c.side_a, c.side_b] for c in facts.possible_conflicts]
        scores.append(score_groups("  with possible", leads, gold["conflicts"], sources))
    return scores


def _as_sided(items: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """An agreement's sentences, one side per outlet-document."""
    out = []
    for item in items:
        by_doc: dict[str, list[dict[str, str]]] = {}
        for ref in item["sentences"]:
            by_doc.setdefault(ref["doc"], []).append(ref)
        out.append({"sides": list(by_doc.values())})
    return out


def _restrict_entities(facts: StoryFacts, kind: str) -> StoryFacts:
    return replace(facts, entities=tuple(e for e in facts.entities if e.kind == kind))


def unresolved(gold: dict[str, Any], sources: Sequence[Source]) -> list[str]:
    """Gold snippets that match no sentence (a typo in the gold, or a changed cleaner)."""
    refs = [q for q in gold.get("quotes", [])]
    for item in gold.get("agreements", []):
        refs += item["sentences"]
    for item in gold.get("conflicts", []):
        refs += [ref for side in item["sides"] for ref in side]
    return [r["contains"] for r in refs if not _find(sources, r["doc"], r["contains"])]


@dataclass(frozen=True)
class RuleScore:
    """What one rule found of one fact type, and how much of it the gold confirms.

    ``true_positives`` is None for a type the gold does not label (dates): found, not scored.
    """

    kind: str  # the score it splits: "entities", "numbers", "quote sentences", "dates"
    rule: str  # the rule id, as the items record it (``number.unit``, ``entity.crf`` …)
    found: int
    true_positives: int | None

    @property
    def precision(self) -> float | None:
        if self.true_positives is None or not self.found:
            return None
        return self.true_positives / self.found


def _entity_rule(entity: Entity) -> str:
    """The rule an entity is credited to: the one that found most of its mentions (the first
    of them on a tie), since merging makes one entity of mentions several rules found."""
    counts = Counter(m.found_by for m in entity.mentions)
    return f"entity.{counts.most_common(1)[0][0]}" if counts else "entity.none"


def score_by_rule(
    facts: StoryFacts, gold: dict[str, Any], sources: Sequence[Source]
) -> list[RuleScore]:
    """The entity, number and quote-sentence scores of :func:`evaluate` split by rule id.

    Each predicted item counts once, for one rule, exactly as :func:`evaluate` counts it, so the
    rows of a type add up to that type's predicted and true-positive counts: an entity for the
    rule behind most of its mentions, a number mention for its own rule, a quote sentence for
    the rule of its first quote. Dates are listed as found only: the gold has none.
    """
    tally: dict[tuple[str, str], list[int]] = {}

    def count(kind: str, rule: str, hit: bool) -> None:
        row = tally.setdefault((kind, rule or f"{kind}.unknown"), [0, 0])
        row[0] += 1
        row[1] += hit

    for entity, hit in zip(
        facts.entities, _entity_hits(facts, gold.get("entities", [])), strict=True
    ):
        count("entities", _entity_rule(entity), hit)
    for number, item in _number_matches(facts, gold.get("numbers", [])):
        count("numbers", number.found_by, item is not None)
    quoted = _gold_quote_sentences(gold.get("quotes", []), sources)
    first_rule: dict[tuple[str, int], str] = {}
    for quote in facts.quotes:
        first_rule.setdefault((quote.source.doc_id, quote.source.sentence_index), quote.found_by)
    for sentence, rule in first_rule.items():
        count("quote sentences", rule, sentence in quoted)
    scores = [RuleScore(kind, rule, found, tp) for (kind, rule), (found, tp) in tally.items()]
    dates = Counter(d.found_by or "date.unknown" for d in facts.dates)
    scores += [RuleScore("dates", rule, found, None) for rule, found in dates.items()]
    return scores


def combine_rule_scores(groups: Iterable[Sequence[RuleScore]]) -> list[RuleScore]:
    """Rule scores of several stories summed per (type, rule), each type's busiest rule first."""
    found: Counter[tuple[str, str]] = Counter()
    hits: dict[tuple[str, str], int | None] = {}
    for scores in groups:
        for s in scores:
            found[(s.kind, s.rule)] += s.found
            tp = s.true_positives
            hits[(s.kind, s.rule)] = None if tp is None else (hits.get((s.kind, s.rule)) or 0) + tp
    order = {"entities": 0, "numbers": 1, "quote sentences": 2, "dates": 3}
    keys = sorted(found, key=lambda k: (order.get(k[0], 9), -found[k], k[1]))
    return [RuleScore(kind, rule, found[(kind, rule)], hits[(kind, rule)]) for kind, rule in keys]
