"""The entity recogniser: the rules in priority order over a sentence, two passes over a story.

:class:`EntityRecognizer` holds what a story teaches while it is read (the surnames and given
names of the people named in full) and tries the rules of its mixins at each token, first match
winning (:meth:`EntityRecognizer._rule_match` is the priority order). A second pass reads again
only the sentences whose reading depended on names learnt later. The tagger settings are read here.
"""

from __future__ import annotations

from dataclasses import replace
from itertools import pairwise

from khulasa.facts.crf_mentions import combine
from khulasa.facts.entities.cues import AKA
from khulasa.facts.entities.mention import (
    RawMention,
    name_key,
    sources_of,
    surname_spellings,
    with_rule,
)
from khulasa.facts.entities.merge import attach_short_forms, merge_entities, own_orphans
from khulasa.facts.entities.name_cues import NameCues
from khulasa.facts.entities.organisations import OrganisationRules
from khulasa.facts.entities.people import PersonRules
from khulasa.facts.entities.places import PlaceRules
from khulasa.facts.entities.unlisted import UnlistedNameRules
from khulasa.facts.gazetteer import Entry, Gazetteer, load_gazetteer
from khulasa.facts.lexicon import (
    ATTRIBUTION_MARKERS,
    COMPLEMENTISERS,
    KINSHIP_NOUNS,
    NAME_TITLES,
    NOT_NAME_WORDS,
    ORG_CONSTRUCT_HEADS,
    QUALIFIED_ORG_HEADS,
    SOURCE_NOUNS,
)
from khulasa.facts.model import Entity, Source
from khulasa.facts.tagger import Span, load_tagger
from khulasa.facts.text import Token, clitic_forms, ends_clause, key, tokenize
from khulasa.language import get_language
from khulasa.model import Story

# The trained tagger's spans can join the rules' mentions (khulasa.facts.crf_mentions) when the
# model is at least TAGGER_BAR sure of them. Off by default: on the 15 facts gold files it raised
# recall but not F1 (pooled 0.841 → 0.844 at 0.9, with snn-asir falling 0.84 → 0.76), and it
# costs time (bench/results/tagger.md). extract_facts(story, tagger=True) or --tagger turn it on.
USE_TAGGER = False
TAGGER_BAR = 0.9
TAGGER_EXTENDS = False  # may a longer tagger span replace a pattern-built mention inside it


class EntityRecognizer(PersonRules, UnlistedNameRules, NameCues, OrganisationRules, PlaceRules):
    """Finds entity mentions sentence by sentence; :meth:`story_mentions` reads a story."""

    def __init__(
        self,
        gazetteer: Gazetteer | None = None,
        tagger: bool | None = None,
        tagger_bar: float | None = None,
    ) -> None:
        self.gaz = gazetteer or load_gazetteer()
        self._language = get_language("ar")
        self.surnames: dict[str, str] = {}  # surname skeleton → person group
        self.given: dict[str, str] = {}  # person group → skeleton of the given name it was named by
        self.middle_names: dict[str, set[str]] = {}  # person group → skeletons of middle names
        # nouns and particles that never start or continue a name no list knows
        self._closed_words = (
            NOT_NAME_WORDS
            | SOURCE_NOUNS
            | KINSHIP_NOUNS
            | NAME_TITLES
            | ORG_CONSTRUCT_HEADS
            | QUALIFIED_ORG_HEADS
            | ATTRIBUTION_MARKERS
            | COMPLEMENTISERS
            | self.gaz.org_heads
            | self.gaz.place_heads
        )
        self.surname_keys: dict[str, str] = {}  # surname spelling (ج→غ folded) → person group
        # while the first pass reads a sentence: each answer it got from the story state above
        # (see :meth:`story_mentions`); None when nothing is recorded
        self._reads: list[tuple[str, tuple, str | None]] | None = None
        self.use_tagger = USE_TAGGER if tagger is None else tagger
        self.tagger_bar = TAGGER_BAR if tagger_bar is None else tagger_bar
        self._spans: dict[str, list[Span]] = {}  # sentence → tagger spans (both passes read it)
        # words a tagger span may start with once its clitics are peeled (بمعهد → معهد)
        self.tagger_known_words = (
            frozenset(words[0] for words in self.gaz.phrases)
            | self.gaz.first_names
            | ORG_CONSTRUCT_HEADS
            | QUALIFIED_ORG_HEADS
            | self.gaz.org_heads
            | self.gaz.place_heads
            if self.use_tagger
            else frozenset()
        )

    # -- one sentence -------------------------------------------------------------------------

    def mentions(self, text: str) -> list[RawMention]:
        """Entity mentions in one sentence, left to right, never overlapping."""
        tokens = tokenize(text)
        found: list[RawMention] = []
        i = 0
        while i < len(tokens):
            match = self._rule_match(text, tokens, i, found[-1] if found else None)
            if match is None:
                i += 1
                continue
            mention, next_i = match
            found.append(mention)
            i = next_i
        if self.use_tagger and tokens:
            spans = self._spans.get(text)
            if spans is None:
                spans = self._spans[text] = load_tagger().tag(text)
            found = combine(self, text, tokens, spans, found, self.tagger_bar, TAGGER_EXTENDS)
        return self._join_aka(text, found)

    def _rule_match(
        self, text: str, tokens: list[Token], i: int, last: RawMention | None
    ) -> tuple[RawMention, int] | None:
        """The first rule that matches at token i, in priority order, named on its mention."""
        told = self._told_outlet(text, tokens, i)
        if told is not None:
            return with_rule(told, "told-outlet")
        listed = self._gazetteer_match(text, tokens, i)
        best = self._longest(listed, self._org_rule(text, tokens, i))
        if best is not None:
            return with_rule(best, "gazetteer" if best is listed else "org-pattern")
        # tried lazily, in order (no rule runs once one matched): a rule that builds a person
        # registers its surname
        if (match := self._person_rule(text, tokens, i)) is not None:
            return with_rule(match, "given-name")
        if (match := self._unlisted_name(text, tokens, i, last)) is not None:
            return with_rule(match, "unlisted-name")
        if (match := self._surname_match(text, tokens, i)) is not None:
            return with_rule(match, "surname")
        if (match := self._foreign_name(text, tokens, i)) is not None:
            return with_rule(match, "foreign-name")
        if (match := self._head_rule(text, tokens, i)) is not None:
            return with_rule(match, "head-noun")
        if (match := self._placed_word(text, tokens, i, last)) is not None:
            return with_rule(match, "placed-word")
        return None

    @staticmethod
    def _join_aka(text: str, found: list[RawMention]) -> list[RawMention]:
        """ "حسين عثمان و المعروف ايضا باسم حمدي اسحق": the second name is an alias."""
        out = list(found)
        for n in range(1, len(out)):
            a, b = out[n - 1], out[n]
            if a.kind == b.kind == "person" and AKA.match(text[a.end : b.start]):
                out[n] = replace(b, group=a.group)
        return out

    @staticmethod
    def _longest(
        listed: tuple[RawMention, int] | None, built: tuple[RawMention, int] | None
    ) -> tuple[RawMention, int] | None:
        """The gazetteer's match unless an organisation pattern covers more words.

        "وزارة الدفاع البريطانية" must not stop at the listed "وزارة الدفاع" (another country's).
        """
        if built is not None and (listed is None or built[1] > listed[1]):
            return built
        return listed

    def _gazetteer_match(
        self, text: str, tokens: list[Token], i: int
    ) -> tuple[RawMention, int] | None:
        forms = clitic_forms(tokens[i].key)
        lengths = self.gaz.lengths
        # only lengths of phrases that one of the forms starts can match (checked longest first)
        starts = {n for form in forms for n in lengths.get(form, ())}
        for length in sorted((n for n in starts if n <= len(tokens) - i), reverse=True):
            span = tokens[i : i + length]
            if any(ends_clause(text, a.end, b.start) for a, b in pairwise(span)):
                continue
            rest = tuple(t.key for t in span[1:])
            for form in forms:
                entry = self.gaz.lookup((form, *rest))
                if entry is None:
                    continue
                start = span[0].end - len(form) if form != span[0].key else span[0].start
                if form.startswith("ال") and not span[0].key.endswith(form):
                    start = span[0].start  # للأمم → keep the whole word
                mention = self._from_entry(entry, text, tokens, i, i + length, start)
                return mention, i + length
        return None

    def _from_entry(
        self, entry: Entry, text: str, tokens: list[Token], i: int, j: int, start: int
    ) -> RawMention:
        surface = text[start : tokens[j - 1].end]
        if entry.kind == "person":
            words = entry.canonical.split()
            group = self._person_group(key(words[-1]), key(words[0]) if len(words) > 1 else "")
            role = self._role(text, tokens, i, j)
            return RawMention(
                "person", entry.canonical, group, surface, start, tokens[j - 1].end, role
            )
        group = f"{entry.kind}:{key(entry.canonical)}"
        return RawMention(
            entry.kind,
            entry.canonical,
            group,
            surface,
            start,
            tokens[j - 1].end,
            None,
            entry.context_only,
        )

    # -- whole story ---------------------------------------------------------------------------

    def learn_names(self, story: Story) -> list[tuple[list[RawMention], list]]:
        """First pass: register the surnames of every person named in full in the story, and
        of those named by a lone surname right before their own words (وقال تسيبراس: «…»), so
        that "وأكد تسيبراس في مقابلة" finds the same person.

        Returns each sentence's mentions with the answers its reading got from the names learnt
        so far (:meth:`_surname_group`, :meth:`_person_group`), for :meth:`story_mentions`.
        """
        read = []
        for source in sources_of(story):
            self._reads = []
            try:
                found = self.mentions(source.sentence)
            finally:
                reads, self._reads = self._reads, None
            read.append((found, reads))
            for mention in found:
                # the tagger's people are not learnt: a lone surname is then found only for a
                # name the rules know (learning them made "بيلي" and "سنان" people everywhere)
                if (
                    mention.kind == "person"
                    and mention.found_by != "crf"
                    and (
                        " " in mention.canonical or not self._is_first_name(key(mention.canonical))
                    )
                ):
                    for surname in surname_spellings(mention.canonical, mention.surface):
                        self.surname_keys.setdefault(name_key(surname), mention.group)
        return read

    def story_mentions(self, story: Story) -> list[tuple[Source, RawMention]]:
        """Every mention in the story, after learning the full names it contains.

        The second pass reads again only the sentences whose first reading asked the names
        learnt about something that has changed since (a surname learnt later, a relative's
        given name): reading is a function of the sentence and those answers, and the learnt
        state only grows, so every other sentence's first reading is what a second one gives.
        That halves the cost of entities, the larger part of ``extract_facts``.
        """
        first = self.learn_names(story)
        found = []
        for src, (mentions, reads) in zip(sources_of(story), first, strict=True):
            if not self._same_answers(reads):
                mentions = self.mentions(src.sentence)
            found.extend((src, m) for m in mentions)
        return attach_short_forms(own_orphans(found))

    def _same_answers(self, reads: list[tuple[str, tuple, str | None]]) -> bool:
        """Would the names learnt now answer a first reading's questions as they did then?"""
        for what, args, answer in reads:
            now = (
                self.surname_keys.get(args[0])
                if what == "surname"
                else self._person_group(*args, learn=False)
            )
            if now != answer:
                return False
        return True


def extract_entities(
    story: Story, gazetteer: Gazetteer | None = None, tagger: bool | None = None
) -> tuple[Entity, ...]:
    """The story's people, places and organisations, each merged across outlets."""
    return merge_entities(EntityRecognizer(gazetteer, tagger).story_mentions(story))
