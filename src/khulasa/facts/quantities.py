"""A story's quantities, each once with every outlet that states it.

The number reader finds quantities sentence by sentence; a reader of the story wants "8000
people" once, with the outlets that report it, however each wrote it ("8000 شخص"، "8 آلاف شخص").
Figures are merged only when they are the same statement: the same value and unit, the same
counted noun by stem (أشخاص = اشخاص, قتيلا = قتيل) and the same qualifier ("more than 300" is not
"300"). Nothing is dropped: every sentence stays a mention, so a document-level score is the same.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Sequence

from khulasa.facts.model import NumberFact, StoryNumber
from khulasa.facts.numbers import thing_stem


def quantity_key(number: NumberFact) -> Hashable:
    """What two figures must share to be one quantity of the story."""
    return (number.value, number.unit, thing_stem(number.thing), number.qualifier)


def merge_numbers(numbers: Sequence[NumberFact]) -> list[StoryNumber]:
    """One :class:`StoryNumber` per quantity, in the order the story first states each."""
    groups: dict[Hashable, list[NumberFact]] = {}
    for number in numbers:
        groups.setdefault(quantity_key(number), []).append(number)
    merged = []
    for mentions in groups.values():
        first = mentions[0]
        # the counted noun as most mentions spell it (the first spelling on a tie)
        things = Counter(m.thing for m in mentions if m.thing)
        thing = things.most_common(1)[0][0] if things else None
        merged.append(StoryNumber(first.value, first.unit, thing, first.qualifier, tuple(mentions)))
    return merged
