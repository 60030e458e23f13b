"""Where outlets agree and where they cannot all be right.

Claims are sentences, compared by their content stems (``Language.terms``):

- **agreements**: sentences from two or more outlets that say nearly the same thing (cosine of
  stem counts at least ``agree``), grouped so each claim is listed once with all its outlets;
- **contradictions**: one sentence denies or negates what another asserts (نفى، لم، لا، غير
  صحيح …) with the negation's scope covering words both share, or one says something stopped
  (أوقف، توقفت) where the other says it went on (تواصل، تجدد، استمر);
- **numeric conflicts**: the same quantity (unit and counted thing) with different values in
  sentences that are otherwise about the same thing.

Precision comes first: a wrong conflict misleads a reader more than a missed one helps, so
every rule demands several shared content words, and pairs from one outlet count only when one
side is an explicit denial (نفى X ما أعلنه Y).
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property
from itertools import combinations

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
from khulasa.facts.model import Agreement, Conflict, NumberFact, Source
from khulasa.facts.numbers import thing_stem
from khulasa.facts.pairs import cosine, same_key, sharing, similar
from khulasa.facts.text import Token, clitic_forms, ends_clause, key, tokenize, verb_forms
from khulasa.language import get_language

# "من" before a negation is the relative "who" ("ممن لا يعانون", those who do not suffer)
RELATIVES = frozenset(
    key(w)
    for w in ("الذي", "التي", "الذين", "اللذين", "اللتين", "اللواتي", "من", "ممن", "لمن", "عمن")
)
# "لكي لا يعطي أي مبرر" (so as not to give): a negation in a purpose clause states an aim.
_PURPOSE = frozenset(key(w) for w in ("كي", "لكي", "ولكي", "حتى", "وحتى"))
_NO_CLAIM_BEFORE = RELATIVES | _PURPOSE
CONDITIONALS = frozenset(key(w) for w in ("إذا", "اذا", "لو", "لولا", "إن لم"))
# "استقر السعر دون تغير", "من غير اللائق أن يتقدم": such a sentence asserts nothing plain
WITHOUT = frozenset(key(w) for w in ("دون", "بدون", "بلا", "غير"))
# "ليس لأن القمر سوف يظهر أزرق": a negated reason ("not because …") denies no reported fact.
_BECAUSE = frozenset(key(w) for w in ("لأن", "لأنه", "لأنها", "لكون", "بسبب"))
_NOT_NEGATION_AFTER = NOT_NEGATION_AFTER | _BECAUSE
_WIRE_GROUPS = re.compile(r"(\d+)ر(\d+)")
# Intransitive "stopped" (توقفت المعارك): the noun after it is what stopped, not an actor.
_STOPS_ITSELF = frozenset(key(w) for w in ("توقف", "توقفت", "يتوقف", "تتوقف"))
_MILITARY = frozenset(key(w) for w in ("العسكرية", "العسكري", "القتالية", "الحربية"))
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
class _Claim:
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


class ClaimIndex:
    """Every sentence of a story as a comparable claim."""

    def __init__(
        self,
        sources: Sequence[Source],
        mentions: Mentions | None = None,
        settings: Settings | None = None,
        speakers: Mapping[tuple[str, int], set[str]] | None = None,
    ) -> None:
        self.settings = settings or Settings()
        self._language = get_language("ar")
        self._mentions = mentions or {}
        self._speakers = speakers  # who is quoted in each sentence, when quotes were read
        self.claims = [self._claim(s) for s in sources]

    def _stems(self, words: Sequence[str]) -> set[str]:
        return set(self._language.terms(" ".join(words)))

    def _claim(self, source: Source) -> _Claim:
        text = source.sentence
        tokens = tokenize(text)
        words = [t.text for t in tokens]
        keys = [t.key for t in tokens]
        mentions = self._mentions.get((source.doc_id, source.sentence_index), ())
        names: set[str] = set()
        for m in mentions:
            names |= self._stems([m.surface, m.role or ""])
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
                start = next(
                    (k + 1 for k in range(i + 1, end) if keys[k] in COMPLEMENTISERS), start
                )
            scoped = words[start:end]
            negated |= self._stems(scoped)
            first = self._head_index(scoped, names)
            if first is not None:
                # what is denied starts at its head: "نفى [ريابكوف] توصل موسكو لاتفاق …"
                span = (tokens[start + first].start, tokens[end - 1].end)
                people = {
                    m.group for m in mentions if m.kind == "person" and span[0] <= m.start < span[1]
                }
                content = self._stems(scoped[first:]) - names
                scopes.append((frozenset(content), frozenset(people)))
            head = self._head(scoped, names)
            if head:
                heads.add(head)
        if any(k in CONDITIONALS for k in keys):
            negated, heads, negative = set(), set(), True  # "لن يتحقق اتفاق إذا لم …": no fact
            scopes = []
        if any(set(clitic_forms(k)) & (REJECTION_WORDS | WITHOUT) for k in keys):
            negative = True  # "مصر تؤكد رفضها التدخل": rejecting is not asserting
        if any(t.text.lstrip("وف") in ("ألا", "الا") for t in tokens):
            negative = True  # ألا = أن لا; as a claim it is negative, whatever it negates
        halt: set[str] = set()
        goes_on: set[str] = set()
        for i in range(len(tokens)):
            if self._negated_at(keys, i):
                continue
            if self._is_halt(keys, i):
                halt |= self._near(tokens, keys, mentions, i)
            elif self._is_continue(keys, i):
                goes_on |= self._near(tokens, keys, mentions, i)
        places = frozenset(m.group for m in mentions if m.kind == "place")
        entities = frozenset(m.group for m in mentions)
        return _Claim(
            source,
            Counter(self._language.terms(text)),
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

    def _head(self, scoped: Sequence[str], names: set[str]) -> str | None:
        """The first content stem of a negation's scope that is not a name or a role."""
        k = self._head_index(scoped, names)
        if k is None:
            return None
        return next(t for t in self._language.terms(scoped[k]) if t not in names)

    def _head_index(self, scoped: Sequence[str], names: set[str]) -> int | None:
        """Where that stem's word stands in the scope (names before it are the subject:
        نفى [نائب الوزير ريابكوف] توصل …)."""
        for k, word in enumerate(scoped):
            if any(t not in names for t in self._language.terms(word)):
                return k
        return None

    @staticmethod
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
        return before not in HALT_NOUN_BLOCKERS and "اطلاق" not in after  # not a ceasefire

    @staticmethod
    def _is_continue(keys: list[str], i: int) -> bool:
        after = keys[i + 1] if i + 1 < len(keys) else ""
        return bool(set(verb_forms(keys[i])) & CONTINUE_WORDS) and after != key("مع")

    @staticmethod
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

    @staticmethod
    def _negated_at(keys: list[str], i: int) -> bool:
        return any(k in NEGATION_CUES for k in keys[max(0, i - 2) : i])

    # -- agreements ---------------------------------------------------------------------------

    def agreements(self) -> list[Agreement]:
        """Claims two or more outlets make in nearly the same words, each listed once.

        Greedy average-link grouping: the most similar cross-outlet pairs seed groups, and a
        sentence joins a group only if its mean similarity to every member is high enough and
        its outlet is not in the group yet, so loosely related sentences do not chain together.
        """
        s = self.settings
        usable = [c for c in self.claims if sum(c.terms.values()) >= s.min_terms]
        pairs = [
            (sim, a, b)
            for sim, a, b in similar([c.terms for c in usable], s.agree)
            if usable[a].source.outlet != usable[b].source.outlet
        ]
        pairs.sort(reverse=True)
        group_of: dict[int, int] = {}
        groups: list[list[int]] = []
        for _, a, b in pairs:
            for new, old in ((a, b), (b, a)):
                if new in group_of and old not in group_of:
                    self._join(groups[group_of[new]], old, usable, group_of, group_of[new])
            if a not in group_of and b not in group_of:
                group_of[a] = group_of[b] = len(groups)
                groups.append([a, b])
        found = []
        for members in groups:
            sims = [cosine(usable[x].terms, usable[y].terms) for x, y in combinations(members, 2)]
            central = max(
                members,
                key=lambda i: sum(cosine(usable[i].terms, usable[j].terms) for j in members),
            )
            sources = tuple(usable[i].source for i in sorted(members))
            found.append(Agreement(usable[central].source.sentence, sources, round(min(sims), 3)))
        found.sort(key=lambda g: (-len(g.outlets), -g.similarity))
        return found

    def _join(
        self,
        members: list[int],
        candidate: int,
        usable: list[_Claim],
        group_of: dict[int, int],
        index: int,
    ) -> None:
        outlets = {usable[m].source.outlet for m in members}
        if usable[candidate].source.outlet in outlets:
            return
        mean = sum(cosine(usable[candidate].terms, usable[m].terms) for m in members) / len(members)
        if mean >= self.settings.agree:
            members.append(candidate)
            group_of[candidate] = index

    # -- contradictions -----------------------------------------------------------------------

    def contradictions(self) -> list[Conflict]:
        """Denied claims and stopped-vs-continued reports, with both sides' sentences.

        Pairs are grouped so a reader sees one item per dispute: a denial with every sentence
        it contradicts, and one "stopped vs went on" item per place with all sentences on each
        side.
        """
        return self._disputes[0]

    def possible_contradictions(self) -> list[Conflict]:
        """Claims another outlet negates with a bare لم/لا/لن/ليس, not with a denial verb.

        The weakest kind of contradiction: a bare negation matched to another outlet's claim
        usually negates something else in a sentence on the same subject (none of 15 was real on
        unseen news, bench/results/facts.md), so :func:`khulasa.facts.extract_facts` ranks these
        after the denials and reversals of :meth:`contradictions`, all of them leads to check.
        """
        return self._disputes[1]

    @cached_property
    def _disputes(self) -> tuple[list[Conflict], list[Conflict]]:
        """(denials and reversals, bare negations), from one pass over the pairs of claims."""
        strong: dict[tuple[str, ...], list[Conflict]] = {}
        bare: dict[tuple[str, ...], list[Conflict]] = {}
        for ca, cb in self._pairs_to_compare():
            for neg, pos in ((ca, cb), (cb, ca)):
                negation = self._negation_conflict(neg, pos)
                if negation is not None:
                    ident = ("negation", neg.source.doc_id, str(neg.source.sentence_index))
                    (strong if neg.denial else bare).setdefault(ident, []).append(negation)
                reversal = self._reversal(neg, pos)
                if reversal is not None:
                    ident = ("reversal", *sorted(neg.places & pos.places))
                    strong.setdefault(ident, []).append(reversal)
        return _grouped(strong), _grouped(bare)

    def _pairs_to_compare(self) -> list[tuple[_Claim, _Claim]]:
        """The pairs of claims, in order, that can hold a negation or a reversal.

        A negation needs the negated scope of one side to share ``contradict_shared`` stems with
        the other's words, a reversal a place on both sides: pairs are found through those, so
        the cost follows what claims share, not every pair of a story's sentences.
        """
        claims = self.claims
        need = self.settings.contradict_shared
        if need <= 0:
            return list(combinations(claims, 2))
        terms = [c.terms for c in claims]
        pairs = sharing([c.negated for c in claims], terms, need)
        pairs |= sharing(
            [c.places if c.halt else () for c in claims], [c.places for c in claims], 1
        )
        return [(claims[a], claims[b]) for a, b in sorted(pairs)]

    def _negation_conflict(self, neg: _Claim, pos: _Claim) -> Conflict | None:
        s = self.settings
        same_doc = neg.source.doc_id == pos.source.doc_id
        if (same_doc and not neg.denial) or not neg.negated or pos.negative:
            return None
        if same_doc and self._speakers is not None:
            # one article: the claim must come from someone other than the one denying it
            said = self._speakers.get((pos.source.doc_id, pos.source.sentence_index), set())
            denied_by = self._speakers.get((neg.source.doc_id, neg.source.sentence_index), set())
            if not said or said & denied_by:
                return None
        if sum(pos.terms.values()) < s.min_terms:
            return None
        shared = neg.negated & set(pos.terms)
        content = shared - neg.names - pos.names
        if len(shared) < s.contradict_shared or len(content) < s.contradict_content:
            return None
        if not neg.heads & set(pos.terms) or pos.reports_dispute:
            return None  # the other side must assert the very thing negated
        if cosine(neg.terms, pos.terms) < s.contradict_cosine:
            return None
        if not any(self._asserts(scope, people, pos) for scope, people in neg.scopes):
            return None
        reason = "denial" if neg.denial else "negation"
        return Conflict(
            "contradiction",
            f"{reason}: one side negates what the other reports",
            (neg.source,),
            (pos.source,),
            tuple(sorted(shared)),
        )

    def _asserts(self, scope: frozenset[str], people: frozenset[str], pos: _Claim) -> bool:
        """Does ``pos`` assert what one negation denies: most of its content, and its people?

        Sharing words is not enough: "Rummenigge denied plans to sell Müller to Manchester
        United" shares most of its words with "Bayern sold Schweinsteiger to Manchester United"
        but names another player; "the minister denied the postponement" shares only the
        minister with "the minister holds a meeting".
        """
        if not scope or not people <= pos.entities:
            return False
        return len(scope & set(pos.terms)) >= self.settings.contradict_coverage * len(scope)

    def _reversal(self, halt: _Claim, go_on: _Claim) -> Conflict | None:
        if halt.source.outlet == go_on.source.outlet or not halt.halt or not go_on.goes_on:
            return None
        if halt.goes_on or go_on.halt or not halt.places & go_on.places:
            return None  # one-sided claims about the same place only ("a truce that lasts …")
        actors = (halt.halt & go_on.goes_on) - {"*"}
        if not actors and "*" not in go_on.goes_on:
            return None
        shared = sorted(actors | (halt.places & go_on.places))
        return Conflict(
            "contradiction",
            "reversal: one side says the fighting stopped, the other that it went on",
            (halt.source,),
            (go_on.source,),
            tuple(shared),
        )

    # -- numbers ------------------------------------------------------------------------------

    def _local(self, number: NumberFact, width: int = 5) -> Counter[str]:
        """Content stems in the few words around a number: what it is a number of."""
        tokens = tokenize(number.source.sentence)
        inside = [n for n, t in enumerate(tokens) if number.start <= t.start < number.end]
        if not inside:
            return Counter()
        lo, hi = max(0, inside[0] - width), min(len(tokens), inside[-1] + 1 + width)
        words = [t.text for t in tokens[lo : inside[0]] + tokens[inside[-1] + 1 : hi]]
        return Counter(self._language.terms(" ".join(words)))

    def numeric_conflicts(self, numbers: Sequence[NumberFact]) -> list[Conflict]:
        """Same quantity, different values, in sentences about the same thing."""
        s = self.settings
        by_source = {(c.source.doc_id, c.source.sentence_index): c for c in self.claims}
        groups: dict[tuple[str, str, float, float], list[Conflict]] = {}
        in_sentence: dict[tuple[str, int], list[NumberFact]] = {}
        for number in numbers:
            in_sentence.setdefault((number.source.doc_id, number.source.sentence_index), []).append(
                number
            )
        for i, j in same_key([_quantity(n) for n in numbers]):
            a, b = numbers[i], numbers[j]
            if a.source.outlet == b.source.outlet or not _same_quantity(a, b):
                continue
            if _values_agree(a, b, s.numeric_tolerance):
                continue
            # Align only when each sentence has this quantity once: in "closed 250 shops and
            # warned 1011 shops" or a list of loan figures, which number matches which is
            # unknowable, so no conflict is claimed.
            others_a = in_sentence[(a.source.doc_id, a.source.sentence_index)]
            others_b = in_sentence[(b.source.doc_id, b.source.sentence_index)]
            if sum(_same_quantity(x, a) for x in others_a) > 1 or (
                sum(_same_quantity(y, b) for y in others_b) > 1
            ):
                continue
            values_a = {x.value for x in others_a}
            values_b = {y.value for y in others_b}
            if min(len(values_a), len(values_b)) >= 3 and not values_a & values_b:
                continue  # two lists of figures with nothing in common: two periods or subjects
            ca = by_source.get((a.source.doc_id, a.source.sentence_index))
            cb = by_source.get((b.source.doc_id, b.source.sentence_index))
            if ca is None or cb is None or cosine(ca.terms, cb.terms) < s.numeric_cosine:
                continue
            words_a = {t for t in ca.terms if not t.isdigit()}
            words_b = {t for t in cb.terms if not t.isdigit()}
            if len(words_a & words_b) < s.numeric_jaccard * len(words_a | words_b):
                continue  # a shared template ("net profit of company X reached …") is not enough
            if not ca.entities & cb.entities:
                continue  # no common person, place or organisation: maybe two subjects
            if cosine(self._local(a), self._local(b)) < s.numeric_local:
                continue  # same unit, different role: "a 30-minute film" vs "a 5-minute talk"
            low, high = sorted((a, b), key=lambda n: n.value)
            ident = (a.unit or "", thing_stem(a.thing) or "", low.value, high.value)
            shared = tuple(sorted(set(ca.terms) & set(cb.terms)))
            groups.setdefault(ident, []).append(
                Conflict(
                    "numeric",
                    f"different numbers for {' '.join(x for x in (a.unit, a.thing) if x)}: "
                    f"{low.text} vs {high.text}",
                    (low.source,),
                    (high.source,),
                    shared,
                )
            )
        found = [_merge(items) for items in groups.values()]
        return found


def _grouped(groups: dict[tuple[str, ...], list[Conflict]]) -> list[Conflict]:
    """One item per dispute, the ones more outlets take part in first."""
    merged = _join_disputes([_merge(items) for items in groups.values()])
    merged.sort(key=lambda c: (-len(c.outlets), c.reason))
    return merged


def _join_disputes(conflicts: list[Conflict]) -> list[Conflict]:
    """One item per dispute: conflicts of the same kind that share a sentence are joined.

    Four outlets reporting one denial against one claim are one dispute with four sentences on
    one side, not four conflicts.
    """
    joined: list[Conflict] = []
    for conflict in conflicts:
        ids = {(s.doc_id, s.sentence_index) for s in (*conflict.side_a, *conflict.side_b)}
        for n, other in enumerate(joined):
            other_ids = {(s.doc_id, s.sentence_index) for s in (*other.side_a, *other.side_b)}
            if other.kind == conflict.kind and other.reason == conflict.reason and ids & other_ids:
                joined[n] = _merge([other, conflict])
                break
        else:
            joined.append(conflict)
    return joined


def _merge(items: list[Conflict]) -> Conflict:
    """One conflict from several pairs that share a side."""
    side_a = tuple(dict.fromkeys(src for c in items for src in c.side_a))
    side_b = tuple(dict.fromkeys(src for c in items for src in c.side_b))
    order = {s: i for i, s in enumerate(side_a)}
    side_b = tuple(s for s in side_b if s not in order)
    shared = tuple(sorted({w for c in items for w in c.shared}))
    return Conflict(items[0].kind, items[0].reason, side_a, side_b, shared)


def _quantity(number: NumberFact) -> tuple[str | None, ...] | None:
    """What two figures must share for :func:`_same_quantity` to hold (None: nothing)."""
    if number.unit is None or number.unit == "percent":
        return None if number.thing is None else (number.unit, thing_stem(number.thing))
    return (number.unit,)


def _same_quantity(a: NumberFact, b: NumberFact) -> bool:
    if a.unit != b.unit:
        return False
    if a.unit is None:
        return a.thing is not None and thing_stem(a.thing) == thing_stem(b.thing)
    if a.unit == "percent":
        return a.thing is not None and thing_stem(a.thing) == thing_stem(b.thing)
    return True


def _values_agree(a: NumberFact, b: NumberFact, tolerance: float) -> bool:
    if math.isclose(a.value, b.value, rel_tol=tolerance):
        return True
    if _same_digits(a.text, b.text):
        return True  # 72.837 and 72837: one paper's separator, not another figure
    low, high = sorted((a, b), key=lambda n: n.value)
    # "more than 300" and 400, "about 8000" and 7900, "less than 10" and 5 can both be true
    if low.qualifier == "more" or high.qualifier == "less":
        return True
    return "about" in (a.qualifier, b.qualifier) and high.value <= low.value * 1.25


def _same_digits(a: str, b: str) -> bool:
    """Both numbers are written with the same digits in the same order (separators aside)."""
    digits_a = _digits(a)
    return len(digits_a) >= 3 and digits_a == _digits(b)


def _digits(text: str) -> str:
    """The digits of a number in reading order; wire copy's "837ر72" puts its groups last-first."""
    text = _WIRE_GROUPS.sub(r"\2\1", text)
    return "".join(str(unicodedata.digit(ch)) for ch in text if ch.isdigit())


def _pair_id(a: Source, b: Source) -> tuple[tuple[str, int], tuple[str, int]]:
    x, y = (a.doc_id, a.sentence_index), (b.doc_id, b.sentence_index)
    return (x, y) if x <= y else (y, x)
