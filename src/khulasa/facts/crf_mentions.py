"""The tagger's spans as entity mentions, beside what the rules found.

Rules run first and keep every mention they find: on the development stories they are precise,
and they carry what the tagger does not (roles, canonical names from the gazetteer, context-only
aliases). A tagger span is added where no rule mention overlaps it and the model is at least
``bar`` sure of it (its lowest token marginal). Letting a longer span replace a pattern-built
mention it holds (``extend``) was measured too and gained nothing (``bench/results/tagger.md``).
A span becomes a mention as the rules would have made it:
a gazetteer phrase gets its canonical entry, a person goes through the recogniser's own person
builder (surname grouping, role from the title before it), places and bodies get the rules' merge
keys, so the two sources merge into one entity.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from khulasa.facts.model import EntityKind
from khulasa.facts.tagger import Span
from khulasa.facts.text import Token, clitic_forms

if TYPE_CHECKING:
    from khulasa.facts.entities import EntityRecognizer, RawMention

KINDS: dict[str, EntityKind] = {"PER": "person", "LOC": "place", "ORG": "org"}
FOUND_BY = "crf"


def _first_word(recognizer: EntityRecognizer, token: Token) -> str:
    """The name's first word with the proclitics the tagger left on (ولبنان → لبنان).

    The training corpus keeps prepositions on their word (للصين) and the conjunction is glued back
    on, so a span's first word may carry them. A form is peeled only when what is left is a word
    the lexicon knows, or an article form (للأمم → الأمم), or, for و, a word of four letters or
    more letters in all that the lexicon does not know whole: لبنان، فرنسا، وليد stay as they are.
    """
    known = recognizer.tagger_known_words
    if token.key in known:
        return token.key
    forms = clitic_forms(token.key)
    for form in forms[1:]:
        if form in known or form.startswith("ال"):
            return form
    if token.key[0] == "و" and len(token.key) >= 4:
        return token.key[1:]
    return token.key


def combine(
    recognizer: EntityRecognizer,
    text: str,
    tokens: list[Token],
    spans: Sequence[Span],
    found: Sequence[RawMention],
    bar: float,
    extend: bool = False,
) -> list[RawMention]:
    """The rules' mentions with the tagger's spans at or above ``bar`` added, left to right.

    A span that overlaps a rule mention is dropped, unless ``extend`` is on and the span is a
    longer name of the same kind that holds only pattern-built mentions (a rule stopped short:
    نقابة المهن → نقابة المهن التمثيلية); listed names are never replaced.
    """
    kept = list(found)
    for span in spans:
        if span.probability < bar:
            continue
        overlap = [m for m in kept if m.start < span.end and span.start < m.end]
        if overlap and not (extend and _extends(span, overlap)):
            continue
        inside = [n for n, t in enumerate(tokens) if t.start >= span.start and t.end <= span.end]
        if not inside:
            continue  # only punctuation
        i, j = inside[0], inside[-1] + 1
        if j - i == 1 and recognizer.gaz.is_nationality(_first_word(recognizer, tokens[i])):
            continue  # بلدة تركية: an adjective of origin, never a name on its own
        mention = _mention(recognizer, text, tokens, i, j, KINDS[span.label])
        if mention is not None:
            kept = [m for m in kept if m not in overlap]
            kept.append(replace(mention, found_by=FOUND_BY))
    kept.sort(key=lambda m: m.start)
    return kept


def _extends(span: Span, overlap: Sequence[RawMention]) -> bool:
    return all(
        m.kind == KINDS[span.label]
        and m.found_by not in ("gazetteer", "crf")
        and span.start <= m.start
        and m.end <= span.end
        and m.end - m.start < span.end - span.start
        for m in overlap
    )


def _mention(
    recognizer: EntityRecognizer, text: str, tokens: list[Token], i: int, j: int, kind: EntityKind
) -> RawMention | None:
    from khulasa.facts.entities import RawMention

    first = _first_word(recognizer, tokens[i])
    start = tokens[i].end - len(first) if tokens[i].key.endswith(first) else tokens[i].start
    entry = recognizer.gaz.lookup((first, *(t.key for t in tokens[i + 1 : j])))
    if entry is not None and entry.kind == kind and not entry.context_only:
        return recognizer._from_entry(entry, text, tokens, i, j, start)
    if kind == "person":
        return recognizer._person_mention(text, tokens, i, j, start)
    name = text[start : tokens[j - 1].end]
    if len(name) < 2:
        return None
    end = tokens[j - 1].end
    return RawMention(kind, name, recognizer._group(kind, name), name, start, end, None)
