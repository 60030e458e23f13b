"""A recognised span before merging (:class:`RawMention`) and the keys mentions merge by.

Kept apart from the rules because the quote, conflict and tagger modules read mentions too, and
because the merge keys (a name's skeleton, its ج/غ-folded spelling) must be the same wherever a
mention is built: a person found by a rule and by the tagger only merge if both key it alike.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace

from khulasa.facts.entities.cues import DUAL_HEAD
from khulasa.facts.lexicon import NAME_STOPS
from khulasa.facts.model import EntityKind, Source
from khulasa.facts.text import Token, clitic_forms, ends_clause, key
from khulasa.model import Story


def with_rule(match: tuple[RawMention, int], rule: str) -> tuple[RawMention, int]:
    """A rule's match with the rule's name recorded on its mention."""
    mention, next_i = match
    return replace(mention, found_by=rule), next_i


def has_article(token: Token) -> bool:
    """Starts with the article ال, not a hamza'd alif that folds to it (أليكسيس، إليانتس)."""
    return token.key.startswith("ال") and not token.text.startswith(("أل", "إل", "آل"))


def verb_shaped(word_key: str) -> bool:
    """Shaped like a present-tense verb (يتناسب، تعمل، نتوقع): after a name, the next clause."""
    return len(word_key) >= 4 and word_key[0] in "يتن"


def definite_nisba(text: str, tokens: list[Token], k: int) -> bool:
    """Token k is a definite nisba adjective (البريطاني، الديمقراطية) that goes on a name."""
    return (
        0 < k < len(tokens)
        and not ends_clause(text, tokens[k - 1].end, tokens[k].start)
        and tokens[k].key.startswith("ال")
        and tokens[k].key.endswith(("ي", "يه"))
        and tokens[k].key not in NAME_STOPS
    )


def clean_role(role: str) -> str:
    """One role per person: the dual of a joint title (وزيرا الخارجية) becomes singular."""
    return DUAL_HEAD.sub(r"\1", role)


@dataclass(frozen=True)
class RawMention:
    """A recognised span before merging: what it is and which entity key it belongs to."""

    kind: EntityKind
    canonical: str  # the gazetteer name, or the surface name for rule-found entities
    group: str  # merge key
    surface: str
    start: int
    end: int
    role: str | None
    context_only: bool = False
    found_by: str = "rule"  # the rule that found it, or "crf" for the trained tagger


def sources_of(story: Story) -> Iterable[Source]:
    """Every sentence of the story as a :class:`Source`, in document order."""
    for doc in story.documents:
        for sentence in doc.sentences:
            yield Source(doc.id, doc.outlet, sentence.index, sentence.text)


def place_group(name: str) -> str:
    """The merge key of a place no list knows: its skeleton, so that the spellings outlets
    choose for a foreign town (سروج، سوروج، سوروتش) are one place."""
    return "place:" + " ".join(skeleton(w) for w in key(name).split())


def name_key(word_key: str) -> str:
    """A name's spelling with the ج/غ transliteration variants folded (سيرجي = سيرغي)."""
    return word_key.replace("ج", "غ")


def surname_spellings(canonical: str, surface: str) -> set[str]:
    """Last-word spellings a full name can later be referred to by (لافروف، الأسد)."""
    keys = {clitic_forms(key(name.split()[-1]))[0] for name in (canonical, surface)}
    return {k for k in keys if len(k) >= 3}


def skeleton(word_key: str) -> str:
    """Consonant skeleton for matching transliterated names: تش/ج→غ, long vowels dropped.

    Turkish ç is written تش or ج (سوروتش، سروج), and English g/j ج or غ (سيرجي، سيرغي).
    """
    core = word_key.replace("تش", "ج").replace("ج", "غ").replace("ة", "ه")
    if core.startswith("ال") and len(core) > 4:
        core = core[2:]
    return core[:1] + re.sub("[اويىء]", "", core[1:])
