"""What one sentence claims: its content stems, what it negates and whether fighting stopped.

Every rule that compares two sentences reads them through a :class:`Claim`, made once per
sentence, so the negation scopes and "stopped / went on" cues are found once however many
pairs the sentence takes part in.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from khulasa.facts.entities import RawMention
from khulasa.facts.lexicon import (
    COMPLEMENTISERS,
    CONTINUE_WORDS,
    DENIAL_PHRASES,
    DENIAL_VERBS,
    DISPUTE_WORDS,
    FIGHTING_WORDS,
    HALT_NOUN_BLOCKERS,
    HALT_NOUNS,
    HALT_VERBS,
    NEGATION_CUES,
    NOT_NEGATION_AFTER,
    REJECTION_WORDS,
    SCOPE_ENDS,
)
from khulasa.facts.model import Source
from khulasa.facts.text import Token, clitic_forms, ends_clause, lexicon_keys, tokenize, verb_forms
from khulasa.language import Language
from khulasa.language.lexicons import load_lexicon

# The words are language data (language/data/ar_conflict_*.json, each with its gloss).
# "من" before a negation is the relative "who" ("ممن لا يعانون", those who do not suffer)
RELATIVES = lexicon_keys("conflict_relatives")
# "لكي لا يعطي أي مبرر" (so as not to give): a negation in a purpose clause states an aim.
_PURPOSE = lexicon_keys("conflict_purpose_words")
_NO_CLAIM_BEFORE = RELATIVES | _PURPOSE
CONDITIONALS = lexicon_keys("conflict_conditionals")
# "استقر السعر دون تغير", "من غير اللائق أن يتقدم": such a sentence asserts nothing plain
WITHOUT = lexicon_keys("conflict_without_words")
# "ليس لأن القمر سوف يظهر أزرق": a negated reason ("not because …") denies no reported fact.
_BECAUSE = lexicon_keys("conflict_because_words")
_NOT_NEGATION_AFTER = NOT_NEGATION_AFTER | _BECAUSE
# Intransitive "stopped" (توقفت المعارك): the noun after it is what stopped, not an actor.
_STOPS_ITSELF = lexicon_keys("conflict_stops_itself_verbs")
_MILITARY = lexicon_keys("conflict_military_adjectives")
_CEASEFIRE = lexicon_keys("conflict_ceasefire_words")  # وقف إطلاق النار: a truce, not a halt
_CONTINUE_BLOCKERS = lexicon_keys("conflict_continue_blockers")  # تواصل مع: kept in touch
# ألا (أن لا), matched as written with a conjunction peeled
_THAT_NOT = frozenset(load_lexicon("conflict_that_not").words)
_DENIAL_VERBS = DENIAL_VERBS


@dataclass(frozen=True)
class Settings:
    """Thresholds; the defaults were set on the Aleppo example and MultiLing dev topics."""

    agree: float = 0.4  # cosine for two sentences to state the same claim
    min_terms: int = 5  # claims shorter than this (headlines, captions) are not compared
    contradict_shared: int = 4  # stems a negated scope must share with the claim
    contradict_content: int = 2  # of which not names or roles (what is denied, not who)
    contradict_cosine: float = 0.3
    # share of one negation's content stems (names aside) the other side must assert
    contradict_coverage: float = 0.5
    numeric_cosine: float = 0.5  # the two sentences must make the same claim …
    numeric_local: float = 0.5  # … and the words around the two numbers must match,
    numeric_jaccard: float = 0.6  # … and the sentences differ in little but the number
    numeric_tolerance: float = 0.05  # relative difference below which two values agree


@dataclass(frozen=True)
class Claim:
    """One sentence as the conflict rules compare it."""

    source: Source
    terms: Counter[str]
    names: frozenset[str]  # stems of entity names and roles: who, not what
    places: frozenset[str]  # place entity ids mentioned
    entities: frozenset[str]  # every entity id mentioned
    negated: frozenset[str]  # stems inside a negation's scope
    # each negation's scope: its content stems (names aside) and the people named in it
    scopes: tuple[tuple[frozenset[str], frozenset[str]], ...]
    heads: frozenset[str]  # the negated word itself: the verb after لم, the object of نفى
    negative: bool  # any negation at all in the sentence
    reports_dispute: bool  # "تضارب المعلومات": a sentence about the dispute, not a side of it
    denial: bool  # an explicit denial verb (نفى)
    halt: frozenset[str]  # actor ids near a "fighting stopped" word ("*" when fighting is named)
    goes_on: frozenset[str]  # actor ids near a "went on" word ("*" when fighting is named)


Mentions = Mapping[tuple[str, int], Sequence[RawMention]]


def stems(language: Language, words: Sequence[str]) -> set[str]:
    """The content stems of some words of a sentence."""
    return set(language.terms(" ".join(words)))


def read_claim(language: Language, source: Source, mentions: Sequence[RawMention]) -> Claim:
    """The claim of one sentence, given the entity mentions found in it."""
    text = source.sentence
    tokens = tokenize(text)
    words = [t.text for t in tokens]
    keys = [t.key for t in tokens]
    names: set[str] = set()
    for m in mentions:
        names |= stems(language, [m.surface, m.role or ""])
    negated: set[str] = set()
    scopes: list[tuple[frozenset[str], frozenset[str]]] = []
    heads: set[str] = set()
    negative = denial = False
    for i, word in enumerate(keys):
        bare = clitic_forms(word)[-1]
        scope = NEGATION_CUES.get(word) or NEGATION_CUES.get(bare)
        if scope and i + 1 < len(keys) and keys[i + 1] in _NOT_NEGATION_AFTER:
            scope = None
        if scope and i > 0 and keys[i - 1] in _NO_CLAIM_BEFORE:
            negative, scope = True, None  # "السكان الذين لا ينحدرون …" describes, not denies
        phrase = any(tuple(keys[i : i + len(p)]) == p for p in DENIAL_PHRASES)
        if not (scope or phrase):
            continue
        negative = True
        is_denial = word in _DENIAL_VERBS or bare in _DENIAL_VERBS or phrase
        denial = denial or is_denial
        end = i + 1
        while end < len(tokens) and end - i <= (scope or 6):
            if end > i + 1 and (
                ends_clause(text, tokens[end - 1].end, tokens[end].start)
                or keys[end] in SCOPE_ENDS
                or (not is_denial and keys[end] in COMPLEMENTISERS)
            ):
                break
            end += 1
        start = i + 1
        if is_denial:  # نفى فلان أن يكون …: what is denied follows أن
            start = next((k + 1 for k in range(i + 1, end) if keys[k] in COMPLEMENTISERS), start)
        scoped = words[start:end]
        negated |= stems(language, scoped)
        first = _head_index(language, scoped, names)
        if first is not None:
            # what is denied starts at its head: "نفى [ريابكوف] توصل موسكو لاتفاق …"
            span = (tokens[start + first].start, tokens[end - 1].end)
            people = {
                m.group for m in mentions if m.kind == "person" and span[0] <= m.start < span[1]
            }
            content = stems(language, scoped[first:]) - names
            scopes.append((frozenset(content), frozenset(people)))
        head = _head(language, scoped, names)
        if head:
            heads.add(head)
    if any(k in CONDITIONALS for k in keys):
        negated, heads, negative = set(), set(), True  # "لن يتحقق اتفاق إذا لم …": no fact
        scopes = []
    if any(set(clitic_forms(k)) & (REJECTION_WORDS | WITHOUT) for k in keys):
        negative = True  # "مصر تؤكد رفضها التدخل": rejecting is not asserting
    if any(t.text.lstrip("وف") in _THAT_NOT for t in tokens):
        negative = True  # ألا = أن لا; as a claim it is negative, whatever it negates
    halt: set[str] = set()
    goes_on: set[str] = set()
    for i in range(len(tokens)):
        if _negated_at(keys, i):
            continue
        if _is_halt(keys, i):
            halt |= _near(tokens, keys, mentions, i)
        elif _is_continue(keys, i):
            goes_on |= _near(tokens, keys, mentions, i)
    places = frozenset(m.group for m in mentions if m.kind == "place")
    entities = frozenset(m.group for m in mentions)
    return Claim(
        source,
        Counter(language.terms(text)),
        frozenset(names),
        places,
        entities,
        frozenset(negated),
        tuple(scopes),
        frozenset(heads),
        negative,
        bool(set(keys) & DISPUTE_WORDS),
        denial,
        frozenset(halt) if halt and "*" in halt else frozenset(),
        frozenset(goes_on),
    )


def _head(language: Language, scoped: Sequence[str], names: set[str]) -> str | None:
    """The first content stem of a negation's scope that is not a name or a role."""
    k = _head_index(language, scoped, names)
    if k is None:
        return None
    return next(t for t in language.terms(scoped[k]) if t not in names)


def _head_index(language: Language, scoped: Sequence[str], names: set[str]) -> int | None:
    """Where that stem's word stands in the scope (names before it are the subject:
    نفى [نائب الوزير ريابكوف] توصل …)."""
    for k, word in enumerate(scoped):
        if any(t not in names for t in language.terms(word)):
            return k
    return None


def _is_halt(keys: list[str], i: int) -> bool:
    forms = set(verb_forms(keys[i]))
    if forms & _STOPS_ITSELF:
        # "تتوقف الحياة": what stops is the noun after the verb, and it must be fighting
        # (المعارك) or military (الأعمال العسكرية)
        after = keys[i + 1 : i + 3]
        return (
            not after
            or not after[0].startswith("ال")
            or bool(set(verb_forms(after[0])) & FIGHTING_WORDS)
            or bool(set(after[1:]) & _MILITARY)
        )
    if forms & HALT_VERBS:
        return True
    if not forms & HALT_NOUNS:
        return False  # لوقف (purpose) never matches: ل is not peeled here
    before = keys[i - 1] if i else ""
    after = keys[i + 1] if i + 1 < len(keys) else ""
    # not a ceasefire (وقف إطلاق النار, or لاطلاق: the word is searched inside the next one)
    return before not in HALT_NOUN_BLOCKERS and not any(w in after for w in _CEASEFIRE)


def _is_continue(keys: list[str], i: int) -> bool:
    after = keys[i + 1] if i + 1 < len(keys) else ""
    return bool(set(verb_forms(keys[i])) & CONTINUE_WORDS) and after not in _CONTINUE_BLOCKERS


def _near(
    tokens: Sequence[Token], keys: list[str], mentions: Sequence[RawMention], i: int
) -> set[str]:
    """Actors (org/person ids) within six words, plus "*" if fighting is named there."""
    lo, hi = max(0, i - 6), min(len(tokens), i + 7)
    found = {
        m.group
        for m in mentions
        if m.kind in ("org", "person") and tokens[lo].start <= m.start < tokens[hi - 1].end
    }
    if any(set(verb_forms(k)) & FIGHTING_WORDS for k in keys[lo:hi]):
        found.add("*")
    return found


def _negated_at(keys: list[str], i: int) -> bool:
    return any(k in NEGATION_CUES for k in keys[max(0, i - 2) : i])
