"""The scorer: one-to-one entity matching, numbers by value and unit, quotes by sentence."""

from __future__ import annotations

from khulasa.facts.evaluate import Score, score_entities, score_numbers, score_quotes
from khulasa.facts.model import Entity, Mention, NumberFact, Quote, StoryFacts, StoryNumber

from .helpers import source

SRC = source("وقال كيري إنه ينتظر “ردودا وآراء محددة”.", doc="000")


def facts(entities=(), numbers=(), quotes=()) -> StoryFacts:
    return StoryFacts("s", ("DW",), tuple(entities), tuple(numbers), (), tuple(quotes), (), (), ())


def entity(name: str, *aliases: str, kind: str = "person") -> Entity:
    return Entity(f"{kind}:{name}", kind, name, None, (name, *aliases), (Mention(SRC, name, 0, 1),))


def test_split_entities_cost_precision() -> None:
    gold = [{"kind": "person", "name": "سيرغي لافروف", "aliases": ["لافروف"]}]
    merged = score_entities(facts([entity("سيرغي لافروف", "لافروف")]), gold)
    split = score_entities(facts([entity("سيرغي لافروف"), entity("لافروف")]), gold)
    assert (merged.precision, merged.recall) == (1.0, 1.0)
    assert (split.precision, split.recall) == (0.5, 1.0)
    assert score_entities(facts([entity("حلب", kind="place")]), gold).true_positives == 0


def test_numbers_match_on_doc_value_and_unit() -> None:
    mention = NumberFact(8000.0, None, "شخص", None, "8 آلاف شخص", SRC)
    number = StoryNumber(8000.0, None, "شخص", None, (mention,))
    gold = [{"doc": "000", "value": 8000, "unit": None, "thing": "شخص"}]
    found, things = score_numbers(facts(numbers=[number]), gold)
    assert (found.f1, things.precision) == (1.0, 1.0)
    assert score_numbers(facts(numbers=[number]), [{**gold[0], "unit": "km"}])[0].f1 == 0.0


def test_quote_speaker_accuracy() -> None:
    quote = Quote("ردودا وآراء محددة", "direct", "قال", "جون كيري", None, SRC)
    gold = [{"doc": "000", "contains": "وقال كيري إنه", "speaker": ["جون كيري", "كيري"]}]
    sentences, speakers = score_quotes(facts(quotes=[quote]), gold, [SRC])
    assert (sentences.f1, speakers.precision) == (1.0, 1.0)
    wrong = Quote("ردودا وآراء محددة", "direct", "قال", "لافروف", None, SRC)
    assert score_quotes(facts(quotes=[wrong]), gold, [SRC])[1].precision == 0.0


def test_score_arithmetic() -> None:
    score = Score("x", 3, 4, 6)
    assert (score.precision, score.recall, round(score.f1, 3)) == (0.75, 0.5, 0.6)
    assert Score("empty", 0, 0, 0).f1 == 0.0


def test_two_predictions_of_one_gold_agreement_do_not_lift_recall_above_one() -> None:
    from khulasa.facts.evaluate import score_groups

    a = source("وفاة الفنان المصري نور الشريف بعد صراع مع المرض", doc="a", index=0)
    b = source("توفي الفنان نور الشريف عن عمر يناهز 74 عاما بعد صراع مع المرض", doc="b", index=0)
    gold = [
        {"sides": [[{"doc": "a", "contains": "وفاة الفنان"}], [{"doc": "b", "contains": "توفي"}]]}
    ]
    twice = [[[a], [b]], [[b], [a]]]
    score = score_groups("agreements", twice, gold, [a, b])
    assert (score.precision, score.recall) == (1.0, 1.0)
