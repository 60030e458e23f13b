"""People, places and organisations, found by rules and gazetteers and merged across outlets.

No NER model can be installed offline, so recognition is lexical:

- gazetteer phrases (curated + CLDR countries and cities), longest match first, with the
  first word's clitics peeled (ولافروف، للأمم المتحدة);
- people by a given-name rule: a known given name, optional middle names or particles (عبد،
  أبو), then one surname word that is not a function word, role word or clause break;
- a bare surname (لافروف، كيري) once the story has named that person in full;
- places after a place noun (حي، جبل، ضاحية …) and organisations after an organisation noun with
  a quoted name (صحيفة «الوطن»);
- a person's role from the title before the name (وزير الخارجية الروسي سيرغي لافروف) or the
  apposition after it (جوش إرنست المتحدث باسم البيت الأبيض);
- names no list knows, from where they stand: after an honorific, an office, a kinship noun or
  a subject-first speech verb, or as a list entry with an age or a colon;
- transliterated names with no cue at all (ماوريسيو أفونسو): two or more words in a row that
  no Arabic dictionary lists (:mod:`khulasa.facts.dictionary`);
- organisations from construct patterns (وزارة الدفاع البريطانية، حرس الحدود الإيراني) and
  places from context (ولد في …، … على بعد، lists after a known place);
- short names joined to the full name used earlier in the article, and "المعروف باسم" aliases.

Spellings are merged by key (hamza, ة, ى folded, أميركي/أمريكي) and, for people, by the
consonant skeleton of the surname with ج/غ folded (سيرجي/سيرغي, إرنست/إيرنست).
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from itertools import pairwise

from khulasa.facts.crf_mentions import combine
from khulasa.facts.dictionary import is_arabic_word
from khulasa.facts.gazetteer import Entry, Gazetteer, load_gazetteer
from khulasa.facts.lexicon import (
    ATTRIBUTION_MARKERS,
    COMPLEMENTISERS,
    KINSHIP_NOUNS,
    KINSHIP_TITLES,
    NAME_STOPS,
    NAME_TITLES,
    NOT_NAME_WORDS,
    ORG_CONSTRUCT_HEADS,
    PLACE_AFTER,
    PLACE_CUES,
    QUALIFIED_ORG_HEADS,
    SCOPE_ADJECTIVES,
    SOURCE_NOUNS,
    SPEECH_VERBS,
    SUBJECT_FIRST_VERBS,
    WEEKDAYS,
)
from khulasa.facts.model import Entity, EntityKind, Mention, Source
from khulasa.facts.numbers import MULTIPLIERS, UNITS, WORD_VALUES
from khulasa.facts.tagger import Span, load_tagger
from khulasa.facts.text import INITIALS, Token, clitic_forms, ends_clause, key, tokenize, verb_forms
from khulasa.language import get_language
from khulasa.model import Story

# The trained tagger's spans can join the rules' mentions (khulasa.facts.crf_mentions) when the
# model is at least TAGGER_BAR sure of them. Off by default: on the 15 facts gold files it raised
# recall but not F1 (pooled 0.841 → 0.844 at 0.9, with snn-asir falling 0.84 → 0.76), and it
# costs time (bench/results/tagger.md). extract_facts(story, tagger=True) or --tagger turn it on.
USE_TAGGER = False
TAGGER_BAR = 0.9
TAGGER_EXTENDS = False  # may a longer tagger span replace a pattern-built mention inside it
_QUOTED_NAME = re.compile(r"^\s*[«“\"]([^«»“”\"]{2,40})[»”\"]")
_MAX_ROLE = 8
# و/ف/ب + the article + a common-noun or adjective ending starts a new phrase (والروسي,
# بالمدينة), while names like فالتر keep going.
_CLITIC_PHRASE = re.compile(r"^(?:لل|[وفب]ال\w*(?:ي|يه|ين|ون|ات|ه)$)")
# و + a word with a pronoun suffix (ومرافقه) coordinates a new phrase; it is not a surname.
_CONJ_PRONOUN = re.compile(r"^و\w{2,}(?:ه|ها|هم|هما)$")
# Nouns that follow a place noun without being a name (أحياء مدينة تدمر).
_GENERIC_PLACE = frozenset(
    key(w)
    for w in (
        "مدينة",
        "المدينة",
        "منطقة",
        "محافظة",
        "ريف",
        "شرق",
        "غرب",
        "شمال",
        "جنوب",
        "وسط",
        "الأحياء",
        "أحياء",
        "الجانب",
        "مترو",
        "قطار",
        "محيط",
        "داخل",
        "خارج",
        "سكنية",
        "السكنية",
        "أخرى",  # منطقة أخرى: "another area"
        "آخر",
        "ثانية",
        "صغيرة",  # قرية صغيرة: "a small village"
        "كبيرة",
        "نائية",
        "مجاورة",
    )
)
# Place nouns as written (hamza kept), so إحياء (revival) is not read as أحياء (districts).
_RAW_PLACE_HEADS = frozenset(
    (
        "منطقة",
        "محطة",
        "سجن",
        "مدينة",
        "محافظة",
        "حي",
        "أحياء",
        "احياء",
        "ضاحية",
        "بلدة",
        "قرية",
        "جبل",
        "حقل",
        "مخيم",
        "مطار",
        "قاعدة",
        "معبر",
        "جزيرة",
        "ولاية",
    )
)
_PLURAL_PLACE_HEADS = frozenset(("أحياء", "احياء"))
# Generic place nouns: their name is a proper noun without the article (منطقة بيرلي, محطة لوتون);
# with it they are common phrases (منطقة القتال، المدينة الأثرية). Not part of the name.
_OPEN_PLACE_HEADS = frozenset(("منطقة", "محطة", "سجن", "مدينة", "محافظة", "جزيرة", "ولاية"))
# A town or village is named after its noun (بلدة سروج، قرية القديح is "Al-Qudaih"), unlike a
# mountain or a camp whose noun belongs to the name (جبل الهيال، مخيم اليرموك).
_NOT_IN_PLACE_NAME = _OPEN_PLACE_HEADS | {"بلدة", "قرية"}
# Participles that say where a place lies (بلدة سروج الواقعة على الحدود): never its name.
_LOCATED = frozenset(
    key(w) for w in ("الواقعة", "الواقع", "القريبة", "القريب", "المجاورة", "المجاور", "المحاذية")
)
# State bodies that a nationality adjective turns into a named organisation.
_STATE_BODIES = frozenset(
    key(w)
    for w in ("الحكومة", "الجيش", "الشرطة", "الرئاسة", "البرلمان", "القوات", "المحكمة", "الدرك")
)
# More state bodies that are named only with a nationality (السلطات الإيرانية، التلفزيون الإيراني،
# الخطوط الجوية البريطانية): alone or with another adjective they are common phrases.
_NATIONAL_BODIES = frozenset(
    key(w)
    for w in (
        "السلطات",
        "التلفزيون",
        "البحرية",
        "السفارة",
        "القنصلية",
        "البنك",  # البنك المركزي الأوروبي، البنك الوطني اليوناني
        "الخطوط",
        "الاستخبارات",
        "المخابرات",
        "الإذاعة",
        "الوكالة",
    )
)
# What joins a name to another name of the same person: "و المعروف ايضا باسم"، "(ويسمى أيضا".
_AKA = re.compile(
    r"^\s*[,،(]?\s*و?\s*(?:ال)?(?:معروف|معروفة|ملقب|ملقبة|مكنى|يسمى|تسمى|يعرف|تعرف)"
    r"\s*(?:أيضا|ايضا|أيضًا)?\s*(?:باسم|ب)?\s*$"
)
# Punctuation that opens an apposition or an aside after a name: "، المتحدث …", " (74 عاما)".
_APPOSITION_BREAK = re.compile(r"^\s*[,،(]")
# "One of …" opens an apposition about the name just given. (A relative pronoun does not: it
# follows any noun phrase, "أكدت قوات التحالف التي …".)
# Profession nouns do the same ("وقال يوجيرو جوتو محلل أسواق الصرف"), though as titles before
# a name they were too loose (an office cue from الخبير made names of common phrases).
_APPOSITION_OPENERS = frozenset(
    key(w)
    for w in ("أحد", "احد", "إحدى", "احدى", "محلل", "المحلل", "خبير", "الخبير", "باحث", "كبير")
)
# Organisation heads that are also verbal nouns; behind ب/ل they are the verb's sense.
_PARTY = key("حزب")
# "وقال أدهم باشو وهو سياسي محلي": "who is" after a bare name opens its description.
_WHO_IS = frozenset(key(w) for w in ("وهو", "وهي"))
_VERBAL_HEADS = frozenset(key(w) for w in ("رئاسة", "قيادة", "تنظيم", "إدارة"))
_PLACE_PREPOSITIONS = frozenset(key(w) for w in ("في", "من", "إلى", "الى", "قرب"))
# "لـ«": a quoted name right after the preposition ل (told X).
_TOLD = re.compile(r"(?:^|\s)ل[ـ]?\s*[«\"“]$")
# An age in commas or brackets right after a name: "شاهزاد تنوير ,22,".
# Speech opening right after a word: a colon, or a quotation of four words or more (or cut by the
# sentence end): "وقال فيرلوم "اننا …", "وقال ماسيموف:"; not a quoted name (وتقول مجموعة
# «برنامج نونهيومان»، ذكر مسرح «ذا بابليك ثييتر»).
_SPEECH_OPENS = re.compile(r"^\s*(?::|[«“\"](?:[^«»“”\"]*$|\s*[^«»“”\"\s]+(?:\s+[^«»“”\"\s]+){3}))")
# Words that tie a person to the body they speak for (X من وفد …، X مع غرينبيس).
_AFFILIATION_WORDS = frozenset(key(w) for w in ("من", "مع"))
_AGE_AFTER = re.compile(r"^\s*[,،(]\s*\d{1,2}\s*[,،)]")
# Nouns followed by a definite name: صحيفة الوئام، قناة الجزيرة، جماعة الحوثي.
_NAMED_BY_NOUN = frozenset(key(w) for w in ("صحيفة", "قناة", "جماعة", "مجلة", "إذاعة"))
# Feminine heads whose own name follows them bare (جامعة إنديانا، وكالة دوغان): an adjective
# after one is feminine too (جامعة حكومية), so a word without a feminine, plural or nisba ending
# right after it names the body. Not شركة, مؤسسة or منظمة: on SaudiNewsNet they were followed by
# common nouns as often as by names (شركة طيران، مؤسسة حدث، منظمة برامج).
_NAMED_AFTER_FEMININE_HEAD = frozenset(key(w) for w in ("جامعة", "وكالة"))
# "وكالة أنباء …": a news agency, the name comes after the genitive noun
_NOT_A_NAME_AFTER_HEAD = frozenset(key(w) for w in ("أنباء", "الأنباء"))
_DOMAIN_SUFFIXES = frozenset(("com", "org", "net", "gov", "edu"))
_NASAB = frozenset(key(w) for w in ("بن", "ابن", "بنت"))
_ON_BEHALF = key("باسم")
_NOT_A_NAME_HERE = frozenset(key(w) for w in ("لصالح", "بصالح"))
_HONORIFICS = frozenset(key(w) for w in ("السيد", "السيدة", "الدكتور", "مسؤول", "المسؤول"))
_HONORIFIC_TAIL = re.compile(r"[\s،,]+(?:السيد|السيدة|الدكتور|الدكتورة)$")
# Transliterated names that are places or bodies, not people, told by a word of the name: the
# first word of a compound place (نيو جيرسي، لوس أنجلوس، سان فرانسيسكو) or a street or square
# (داوننغ ستريت), or a word of a newspaper, agency or company name (فايننشال تايمز، هيومن رايتس
# ووتش، ستاندرد آند بورز).
_FOREIGN_PLACE_LEADS = frozenset(
    key(w) for w in ("نيو", "ساوث", "نورث", "سان", "سانت", "سانتا", "لوس", "لاس", "بورت", "فورت")
)
_FOREIGN_PLACE_TAILS = frozenset(key(w) for w in ("ستريت", "سكوير", "سيتي", "بارك", "آيلاند"))
_FOREIGN_ORG_WORDS = frozenset(
    key(w)
    for w in [
        "تايمز",
        "جورنال",
        "بوست",
        "نيوز",
        "برس",
        "ووتش",
        "تلكوم",
        "تيليكوم",
        "إكسبريس",
        "موتورز",
        "كوليج",
        "تليغراف",
        "إيرويز",
        "إيرلاينز",
        "غروب",
        "إنسايدر",
        "بوليسي",
        "إنترناشونال",
        "ميديا",
        "سبور",
        "آند",
        "كابيتال",
        "ماركت",
        "كومباني",
    ]
)
# Nouns before a transliterated name that make it a body (شركة رويال داتش، نادي بارتيزان
# بلجراد) or a work or product, which is no entity at all (لعبة جيومتري داش، فيلم …).
_FOREIGN_ORG_BEFORE = frozenset(
    key(w)
    for w in ["شركة", "شركات", "نادي", "فريق", "بنك", "مصرف", "مجموعة", "معهد", "مؤسسة", "منظمة"]
)
_NOT_NAMED_BEFORE = frozenset(
    key(w)
    for w in [
        "فيلم",
        "لعبة",
        "مسلسل",
        "رواية",
        "كتاب",
        "أغنية",
        "برنامج",
        "تطبيق",
        "موديل",
        "طراز",
        "هاتف",
        "جهاز",
        "مطعم",
        "ماركة",
    ]
)
_ARABIC_LETTERS = re.compile(r"^[\u0621-\u064A\u0640]+$")  # no vowel marks: those are verse
_DUAL_HEAD = re.compile(r"^(وزير|رئيس|مسؤول|ممثل)[اي](?=\s)")


def _named(match: tuple[RawMention, int], rule: str) -> tuple[RawMention, int]:
    """A rule's match with the rule's name recorded on its mention."""
    mention, next_i = match
    return replace(mention, found_by=rule), next_i


def _has_article(token: Token) -> bool:
    """Starts with the article ال, not a hamza'd alif that folds to it (أليكسيس، إليانتس)."""
    return token.key.startswith("ال") and not token.text.startswith(("أل", "إل", "آل"))


def _verb_shaped(word_key: str) -> bool:
    """Shaped like a present-tense verb (يتناسب، تعمل، نتوقع): after a name, the next clause."""
    return len(word_key) >= 4 and word_key[0] in "يتن"


def _definite_nisba(text: str, tokens: list[Token], k: int) -> bool:
    """Token k is a definite nisba adjective (البريطاني، الديمقراطية) that goes on a name."""
    return (
        0 < k < len(tokens)
        and not ends_clause(text, tokens[k - 1].end, tokens[k].start)
        and tokens[k].key.startswith("ال")
        and tokens[k].key.endswith(("ي", "يه"))
        and tokens[k].key not in NAME_STOPS
    )


def _clean_role(role: str) -> str:
    """One role per person: the dual of a joint title (وزيرا الخارجية) becomes singular."""
    return _DUAL_HEAD.sub(r"\1", role)


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


def _surname_keys(canonical: str, surface: str) -> set[str]:
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


class EntityRecognizer:
    """Finds entity mentions sentence by sentence; :meth:`entities` merges them for a story."""

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
            return _named(told, "told-outlet")
        listed = self._gazetteer_match(text, tokens, i)
        best = self._longest(listed, self._org_rule(text, tokens, i))
        if best is not None:
            return _named(best, "gazetteer" if best is listed else "org-pattern")
        # tried lazily, in order (no rule runs once one matched): a rule that builds a person
        # registers its surname
        if (match := self._person_rule(text, tokens, i)) is not None:
            return _named(match, "given-name")
        if (match := self._unlisted_name(text, tokens, i, last)) is not None:
            return _named(match, "unlisted-name")
        if (match := self._surname_match(text, tokens, i)) is not None:
            return _named(match, "surname")
        if (match := self._foreign_name(text, tokens, i)) is not None:
            return _named(match, "foreign-name")
        if (match := self._head_rule(text, tokens, i)) is not None:
            return _named(match, "head-noun")
        if (match := self._placed_word(text, tokens, i, last)) is not None:
            return _named(match, "placed-word")
        return None

    @staticmethod
    def _join_aka(text: str, found: list[RawMention]) -> list[RawMention]:
        """ "حسين عثمان و المعروف ايضا باسم حمدي اسحق": the second name is an alias."""
        out = list(found)
        for n in range(1, len(out)):
            a, b = out[n - 1], out[n]
            if a.kind == b.kind == "person" and _AKA.match(text[a.end : b.start]):
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

    def _person_rule(self, text: str, tokens: list[Token], i: int) -> tuple[RawMention, int] | None:
        first = next((f for f in clitic_forms(tokens[i].key) if self._is_first_name(f)), None)
        if first is None or (first in self.gaz.name_particles and first != key("عبد")):
            return None
        if tokens[i].text.endswith("ى") or (
            first.startswith("ال") and tokens[i].text.lstrip("وف").startswith("ال")
        ):
            return None  # على is not علي once ى is folded; the article of (و)الآن is not آلان
        if len(first) <= 3 and set(tokens[i].key[: -len(first)]) & set("بلك"):
            return None  # بيان is not ب + يان: a short name behind a preposition is a word
        if len(first) <= 2 and i + 1 < len(tokens) and tokens[i + 1].key.startswith("ال"):
            return None  # جو المفاوضات: a two-letter name before a definite noun is a noun
        if first in self.gaz.feminine_names and tokens[i].text.endswith("ه"):
            return None  # ناديه (his club) is not the name نادية once ة is folded to ه
        if tokens[i].key in _NOT_A_NAME_HERE:
            return None  # لصالح (in favour of) is not ل + the name صالح
        if i and self.gaz.is_nationality(first):
            before = [
                f
                for t in tokens[max(0, i - 2) : i]
                # بالأمير الدكتور تركي بن سعود: a definite title, then the name
                if not clitic_forms(t.key)[-1].startswith("ال")
                for f in clitic_forms(t.key)
            ]
            if any(f in SOURCE_NOUNS or f in self.gaz.role_heads for f in before):
                # "مسؤول أمني تركي طلب": the nationality of a speaker, not the name Turki
                return None
        particles = self.gaz.name_particles
        j = i + 1
        while j < len(tokens) and j - i <= 5:
            tok = tokens[j]
            if self._breaks_name(text, tokens[j - 1], tok):
                break
            after_particle = tokens[j - 1].key in particles or (j == i + 1 and first in particles)
            if tok.key in particles:
                j += 1
                continue
            if after_particle:  # عبد الملك، بن عبدالعزيز: any word but a function word
                if self._language.is_stopword(tok.key) or tok.key in NAME_STOPS:
                    break
            elif not self._name_word(tok.key) and not self._middle_name(tok):
                break
            j += 1
            if after_particle and tokens[j - 2].key in _NASAB:
                if j < len(tokens) and tokens[j].key in particles:
                    continue
                break  # سلمان بن عبدالعزيز: a lineage ends the name
            if after_particle or self._is_first_name(tok.key) or tok.key in INITIALS:
                continue  # a middle name or initial (جورج دبليو. بوش): the surname follows
            break  # a surname: the name ends here
        if j == i + 1 or tokens[j - 1].key in particles:
            return None
        j = self._name_tail(text, tokens, j)
        return self._person_mention(text, tokens, i, j, tokens[i].end - len(first)), j

    @staticmethod
    def _group(kind: EntityKind, name: str) -> str:
        """The merge key of a rule-found place or body (not a listed one)."""
        return place_group(name) if kind == "place" else f"{kind}:{key(name)}"

    def _middle_name(self, token: Token) -> bool:
        """A given name inside a name even when its key is a function word's: علي (Ali) and على
        (on) share a key once ى is folded, but "محمد علي الفرج" spells the name with ي."""
        return self._is_first_name(token.key) and not token.text.endswith("ى")

    def _person_mention(
        self, text: str, tokens: list[Token], i: int, j: int, start: int
    ) -> RawMention:
        """A person named by tokens i..j-1, grouped by surname (or lineage) with its role."""
        first = key(text[start : tokens[i].end])
        surface = text[start : tokens[j - 1].end]
        surname = tokens[j - 1].key
        if j - i >= 3 and tokens[j - 2].key in self.gaz.name_particles:
            surname = tokens[j - 2].key + " " + surname
        keys = [t.key for t in tokens[i:j]]
        nasab = next((n for n, k in enumerate(keys) if k in _NASAB and n + 1 < len(keys)), None)
        if nasab is not None:
            # سلمان بن عبدالعزيز (آل سعود): a lineage names the person whatever follows it
            lineage = "".join(
                keys[nasab + 1 : nasab + 3]
                if keys[nasab + 1] == key("عبد")
                else keys[nasab + 1 : nasab + 2]
            )
            surname = first + " بن " + lineage
        given = first + keys[1] if first in self.gaz.name_particles and len(keys) > 2 else first
        middle = [k for k in keys[1:-1] if k not in self.gaz.name_particles]
        group = self._person_group(surname, given if j - i >= 2 else "", middle)
        role = self._role(text, tokens, i, j)
        return RawMention("person", surface, group, surface, start, tokens[j - 1].end, role)

    def _person_group(
        self, surname: str, given: str, middle: Sequence[str] = (), learn: bool = True
    ) -> str:
        """The merge key of a person: the surname's skeleton, unless relatives share it.

        "آدم سبيري" and his grandmother "مارغريت سبيري" are two people: a full name whose given
        name differs from the one the surname was first seen with gets a group of its own
        (spelling variants of one given name, سيرغي/سيرجي, share a skeleton and still merge).
        ``learn=False`` only asks what the key would be now, changing nothing.
        """
        group = self._group_of(surname, given, middle, learn)
        if self._reads is not None and learn:
            self._reads.append(("group", (surname, given, tuple(middle)), group))
        return group

    def _group_of(self, surname: str, given: str, middle: Sequence[str], learn: bool) -> str:
        family = skeleton(surname)
        default = "person:" + family
        group = self.surnames.setdefault(family, default) if learn else self.surnames.get(
            family, default
        )
        if not given:
            return group
        first = (
            self.given.setdefault(group, skeleton(given))
            if learn
            else self.given.get(group, skeleton(given))
        )
        if first == skeleton(given):
            if learn:
                self.middle_names.setdefault(group, set()).update(skeleton(m) for m in middle)
            return group
        if skeleton(given) in self.middle_names.get(group, ()) or first in map(skeleton, middle):
            # "علي عبد الرحيم الفرج" after "محمد علي عبد الرحيم الفرج", "داود أوغلو" after
            # "أحمد داود أوغلو": the full name without its first word is the same person
            return group
        return f"person:{skeleton(given)} {family}"

    def _unlisted_name(
        self, text: str, tokens: list[Token], i: int, last: RawMention | None = None
    ) -> tuple[RawMention, int] | None:
        """A person whose given name no list knows, recognised by where the name stands.

        A name is expected right after a title (الكابتن أبو القاسم أمانجاه، النبي محمد), an
        office (المتحدث باسم المركز رأفت الصباغ), a kinship noun (عم آدم سبيري), a speech verb
        (وقال شون ماكورماك ،) or at the head of a list entry ("ليندسي جيرمان :", "شاهزاد تنوير
        ,22,"). The words must look like a name (no article but on the family name, no function
        word, place, nationality or common speaker noun) and must end where names end: at
        punctuation, a speech verb, إن/أن, a role or kinship noun or a function word.
        """
        cue = self._name_cue(text, tokens, i, last)
        if cue is None:
            return None
        j = self._name_words(text, tokens, i, first_free=cue == "speech")
        if j > i and tokens[j - 1].key in self.gaz.name_particles:
            j -= 1  # "عبد الرحمن بن …" cut by the length limit: the lineage goes on
        after = text[tokens[j - 1].end :] if j > i else ""
        if (
            j - i == 1
            and cue == "speech"
            and _SPEECH_OPENS.match(after)
            # not a common noun (وتقول مجموعة «…»، معلومات «فيلة») or a pronoun (قال معظمهم:)
            and not tokens[i].key.endswith(("ه", "ات", "هم", "ها", "هما", "نا"))
        ):
            # وقال فيرلوم "اننا …": a lone word between a speech verb and the quotation it
            # opens is the speaker, named by the surname an earlier sentence gave in full
            return self._person_mention(text, tokens, i, j, tokens[i].start), j
        if j - i < 2:
            return None  # one word after a title is too often not a name (جامعة الملك سعود)
        at_break = j >= len(tokens) or ends_clause(text, tokens[j - 1].end, tokens[j].start)
        if (
            cue == "office"
            and at_break
            and self._construct_office(tokens, i)
            and not any(t.key.startswith("ال") for t in tokens[i:j])
        ):
            # مدير كلايمت فوكس: right after an indefinite office noun comes what it heads
            name = text[tokens[i].start : tokens[j - 1].end]
            return RawMention(
                "org", name, f"org:{key(name)}", name, tokens[i].start, tokens[j - 1].end, None
            ), j
        if cue == "list":
            # "ليندسي جيرمان :" but not a headline "تعليم المدينة: …" (a definite word in it);
            # "فرانسيس سيمور ، المدير العام …" and "مارسيلو فورتادو مع غرينبيس" also open with
            # the name, as a role or an affiliation follows it
            colon = after.lstrip().startswith(":") and not tokens[j - 1].key.startswith("ال")
            # a first name and a surname, not a phrase (كانت مجموعات كبيرة من …)
            introduced = j - i == 2 and not any(t.key.endswith(("ه", "ات")) for t in tokens[i:j])
            if not (
                colon
                or _AGE_AFTER.match(after)
                or (
                    introduced
                    and _APPOSITION_BREAK.match(after)
                    and j < len(tokens)
                    and self._role_word(tokens[j].key)
                )
                or (
                    introduced
                    and self._affiliation(text, tokens, j)
                    and self._reports_speech(tokens[j:])
                )
            ):
                return None
        elif cue == "title":
            if self._clitic_led(tokens[i]) or not (at_break or self._ends_name(tokens[j].key)):
                return None  # "الفريق بمواجهة النصر": a verbal noun after an ambiguous title
        elif (
            self._clitic_led(tokens[i])
            or any(t.key.startswith("ل") and self._clitic_led(t) for t in tokens[i + 1 : j])
            or not (
                _APPOSITION_BREAK.match(after)
                or (j < len(tokens) and self._opens_apposition(tokens[j].key))
                or (
                    j < len(tokens)
                    and tokens[j].key in _WHO_IS
                    and not any(t.key.startswith("ال") for t in tokens[i:j])  # ودعت موكب الوالد
                )
                or (cue == "speech" and self._affiliation(text, tokens, j))
                or (cue == "office" and self._office_holder_ends(tokens, i, j))
            )
        ):
            # after a speech verb or an office the position alone announces the name, so it
            # must start bare (not لارتفاع، بتصحيح), hold no ل-phrase (لحقوق) and end where an
            # apposition, a bracket or أن starts (not at a colon or the end of a headline)
            return None
        return self._person_mention(text, tokens, i, j, tokens[i].start), j

    def _foreign_name(
        self, text: str, tokens: list[Token], i: int
    ) -> tuple[RawMention, int] | None:
        """Two to four words in a row that are no Arabic word: a transliterated name.

        "ماوريسيو أفونسو"، "إفكليديس تساكالوتوس": no cue announces them, but no dictionary
        word is that shape (see :mod:`khulasa.facts.dictionary`). One such word alone is too
        often a rare or misspelt word, and a word behind و starts the next name of a list
        (كارتر وديمبسي). A person unless a word of the name or the preposition before it says
        place (في نيو جيرسي) or body (فايننشال تايمز).
        """
        j = i
        while j < len(tokens) and j - i < 4 and self._foreign_word(tokens[j], first=j == i):
            if j > i and self._breaks_name(text, tokens[j - 1], tokens[j]):
                break
            j += 1
        if j - i < 2:
            return None
        start = tokens[i].start
        if tokens[i].key[0] == "و" and not is_arabic_word(tokens[i].text[1:]):
            start += 1  # ودونالد رامسفيلد: the conjunction is not part of the name
        keys = [clitic_forms(tokens[i].key)[-1], *(t.key for t in tokens[i + 1 : j])]
        before = set(clitic_forms(tokens[i - 1].key)) if i else set()
        if before & _NOT_NAMED_BEFORE:
            return None
        if (
            keys[0] in _FOREIGN_PLACE_LEADS
            or keys[-1] in _FOREIGN_PLACE_TAILS
            or (i and tokens[i - 1].key in _PLACE_PREPOSITIONS - {key("من")})
        ):
            kind: EntityKind = "place"
        elif _FOREIGN_ORG_WORDS.intersection(keys) or before & (
            _NAMED_BY_NOUN | _FOREIGN_ORG_BEFORE
        ):
            kind = "org"
        else:
            return self._person_mention(text, tokens, i, j, start), j
        name = text[start : tokens[j - 1].end]
        return RawMention(
            kind, name, self._group(kind, name), name, start, tokens[j - 1].end, None
        ), j

    def _foreign_word(self, token: Token, first: bool) -> bool:
        """A word that can be part of a transliterated name: bare, and in no dictionary."""
        word = token.key
        return (
            len(word) >= 3
            and bool(_ARABIC_LETTERS.match(token.text))
            and not word.startswith("ال")
            and not token.text.endswith(("ة", "ى", "ً"))
            and (first or not (word[0] == "و" and not word.startswith("وو")))
            and self._unlisted_word(word)
            and not is_arabic_word(token.text)
        )

    def _office_holder_ends(self, tokens: list[Token], i: int, j: int) -> bool:
        """After a full office, a name may run into the rest of the clause.

        "اعلن رئيس الوزراء الياباني جونيتشيرو كويزومي يوم السبت …": the words end at a time
        word, preposition or other function word rather than at punctuation, or end the
        sentence. Feminine and plural endings (حكومة جديدة، قوات) mark a noun phrase, not a
        name, unless the word is a listed given name.
        """
        return (
            j == len(tokens) or self._ends_name(tokens[j].key) or tokens[j].key in WEEKDAYS
        ) and not any(
            t.key.endswith(("ه", "ات")) and not self._is_first_name(t.key) for t in tokens[i:j]
        )

    @staticmethod
    def _reports_speech(tokens: list[Token]) -> bool:
        """A speech verb or إن/أن follows: "مارسيلو فورتادو مع غرينبيس … تقول أن" is a speaker
        introduced with an affiliation, "واشتبك فلسطينيون مع الجيش" is not."""
        return any(set(clitic_forms(t.key)[:2]) & (SPEECH_VERBS | COMPLEMENTISERS) for t in tokens)

    def _role_word(self, word_key: str) -> bool:
        """An office noun, bare or with the article (مدير، المدير العام), not an honorific."""
        bare = word_key[2:] if word_key.startswith("ال") else word_key
        return word_key not in NAME_TITLES and (
            word_key in self.gaz.role_heads or bare in self.gaz.role_heads
        )

    def _construct_office(self, tokens: list[Token], i: int) -> bool:
        """The word before token i is an office noun without the article (مدير، رئيس): its
        complement, the body it heads, follows; a person's name follows a definite title."""
        prev = tokens[i - 1]
        return (
            not prev.text.startswith("ال")
            and not prev.text.endswith("ه")  # قائده زهران علوش: "his leader", then the name
            and prev.key in self.gaz.role_heads
            and prev.key not in NAME_TITLES
        )

    def _affiliation(self, text: str, tokens: list[Token], j: int) -> bool:
        """Token j opens "من/مع + organisation" (هارلان واتسون من وفد الولايات المتحدة،
        مارسيلو فورتادو مع غرينبيس): the words before it were a name with its affiliation."""
        if j + 1 >= len(tokens) or tokens[j].key not in _AFFILIATION_WORDS:
            return False
        if ends_clause(text, tokens[j - 1].end, tokens[j].start):
            return False
        listed = self._gazetteer_match(text, tokens, j + 1)
        if listed is not None:
            return listed[0].kind == "org"
        return self._org_rule(text, tokens, j + 1) is not None

    def _clitic_led(self, token: Token) -> bool:
        """A word behind ب/ل/و that no list knows as a name: a verbal noun more often.

        Unless what follows the letter is no Arabic word: بروين بولدان and لوران فابيوس start
        with ب and ل, لارتفاع and بتصحيح are ل/ب + a word.
        """
        word_key = token.key
        if word_key[:1] not in "بلو" or len(word_key) <= 3 or self._is_first_name(word_key):
            return False
        rest = word_key[1:]
        return (
            word_key[0] == "و"  # وميليشيات: و before a foreign word is still the conjunction
            or is_arabic_word(token.text[1:])
            or is_arabic_word(token.text)
            or (rest,) in self.gaz.phrases  # لرويترز: ل + a listed name
        )

    def _name_cue(
        self, text: str, tokens: list[Token], i: int, last: RawMention | None = None
    ) -> str | None:
        """What before token i announces a name: "title", "speech", "office", "list" or None.

        ``last``: the mention found before; a bare kinship noun right after a person's name
        (راي كوبر عم آدم سبيري) introduces the relative's name.
        """
        if i == 0:
            return "list"
        prev = tokens[i - 1].key
        forms = clitic_forms(prev)
        if (
            i >= 2
            and prev in KINSHIP_NOUNS
            and last is not None
            and last.kind == "person"
            and last.end == tokens[i - 2].end
        ):
            return "title"
        if ends_clause(text, tokens[i - 1].end, tokens[i].start):
            # "جدته ، مارغريت سبيري": a kinship noun takes the name as an apposition
            gap = text[tokens[i - 1].end : tokens[i].start].strip()
            return "title" if gap in ",،" and prev in KINSHIP_TITLES else None
        if any(f in NAME_TITLES or f in KINSHIP_TITLES for f in forms):
            return "title"
        if i >= 2 and self.gaz.is_nationality(prev) and tokens[i - 2].key in NAME_TITLES:
            return "title"  # الفنان المصري نور الشريف: a title, a nationality, then the name
        if any(f in SUBJECT_FIRST_VERBS for f in forms[:2]):
            return "speech"
        if (
            i >= 2
            and prev.startswith("ال")
            and self.gaz.is_nationality(prev)
            and any(f in SUBJECT_FIRST_VERBS for f in clitic_forms(tokens[i - 2].key)[:2])
        ):
            return "speech"  # "وقالت الاسترالية جانيت ماغواير": the nationality as a noun
        # "المتحدث باسم رابوبنك يعقوب بيرجسما": an office for a body no list knows
        for_body = i >= 2 and tokens[i - 2].key == _ON_BEHALF
        if (
            prev.startswith("ال") or prev in self.gaz.role_heads or for_body
        ) and self._office_before(text, tokens, i):
            return "office"
        return None

    def _office_before(self, text: str, tokens: list[Token], i: int) -> bool:
        """An office title opens the clause that ends at token i (المتحدث باسم المركز …).

        Unlike :meth:`_role`, names inside the title's complement (مركز الملك سلمان للإغاثة) do
        not stop the search: the title may name a body after a person.
        """
        k = i - 1
        while k >= 0 and i - k <= _MAX_ROLE + 4:
            word = tokens[k].key
            forms = clitic_forms(word)
            if word in SPEECH_VERBS or forms[-1] in COMPLEMENTISERS or word in COMPLEMENTISERS:
                return False
            heads = self.gaz.role_heads
            if word not in NAME_TITLES and (
                any(f in heads for f in forms) or (word.startswith("ال") and word[2:] in heads)
            ):
                return True  # an office, bare or with the article (قائد، القائد)
            if k and ends_clause(text, tokens[k - 1].end, tokens[k].start):
                return False
            k -= 1
        return False

    @staticmethod
    def _breaks_name(text: str, before: Token, word: Token) -> bool:
        """A clause break between two words, but not an initial's full stop (جورج دبليو. بوش)."""
        if before.key in INITIALS and text[before.end : word.start].strip() == ".":
            return False
        return ends_clause(text, before.end, word.start)

    def _name_words(self, text: str, tokens: list[Token], i: int, first_free: bool = False) -> int:
        """End of the run of name-like words from token i (i itself when there is none).

        ``first_free``: right after a speech verb the first word cannot be another speech verb,
        so a name spelled like one (راي = رأى) is read as a name.
        """
        j = i
        while j < len(tokens) and j - i < 4:
            tok = tokens[j]
            if j > i and self._breaks_name(text, tokens[j - 1], tok):
                break
            after_particle = j > i and tokens[j - 1].key in self.gaz.name_particles
            if tok.key in self.gaz.name_particles and j + 1 < len(tokens):
                j += 1  # أبو القاسم: the particle binds the next word
                continue
            free = first_free and j == i and tok.key in SPEECH_VERBS
            if tok.text.endswith("ً") or (not free and not self._unlisted_word(tok.key)):
                break  # an accusative ending (متربعاً) is never part of a name
            if j > i and tok.key in _APPOSITION_OPENERS:
                break  # "يوجيرو جوتو محلل …": the apposition starts
            if _has_article(tok) and not after_particle:
                # only a family name takes the article (رأفت الصباغ), never the first word
                if j == i or self.gaz.is_nationality(tok.key):
                    break
                return j + 1
            j += 1
        return j

    def _unlisted_word(self, word_key: str) -> bool:
        """Could this word belong to a name no list knows?

        Not a clitic + article (بالقول), an indefinite adjective in ـية (إنسانية), a number
        word or unit (لخمسة أيام), a speaker noun, title, organisation or place noun,
        nationality or listed place.
        """
        bare = clitic_forms(word_key)[-1]
        closed = self._closed_words
        return (
            self._name_word(word_key)
            and not re.match(r"^[وفبلك]ال", word_key)
            and not word_key.endswith("يه")
            and word_key not in closed
            and bare not in closed
            and bare not in WORD_VALUES
            and bare not in SPEECH_VERBS  # وقال
            and bare not in MULTIPLIERS
            and (bare,) not in UNITS
            and not self.gaz.is_nationality(word_key)
            and (word_key,) not in self.gaz.phrases
        )

    def _opens_apposition(self, word_key: str) -> bool:
        """After "قال X Y": إن/أن, a speech verb, an office or a kinship noun shows that X Y
        was the subject's name (an honorific such as الدكتور starts the next name instead)."""
        forms = clitic_forms(word_key)
        return (
            word_key in COMPLEMENTISERS
            or forms[0] in COMPLEMENTISERS
            or any(f in SPEECH_VERBS for f in forms[:2])
            or (word_key in self.gaz.role_heads and word_key not in NAME_TITLES)
            or word_key in KINSHIP_NOUNS
            or word_key in _APPOSITION_OPENERS  # "وقال جيانغ هوي أحد المسؤولين"
        )

    def _ends_name(self, word_key: str) -> bool:
        """Words a name stops right before: a verb of speech, إن/أن, a role, a function word."""
        forms = clitic_forms(word_key)
        return (
            any(f in SPEECH_VERBS for f in forms[:2])
            or word_key in COMPLEMENTISERS
            or word_key in self.gaz.role_heads
            or word_key in KINSHIP_NOUNS
            or word_key in SOURCE_NOUNS
            or word_key in NAME_STOPS
            or self._language.is_stopword(word_key)
        )

    def _is_first_name(self, word_key: str) -> bool:
        """A given name from the list, or a fused عبد-name (عبدالله، عبدربه)."""
        return word_key in self.gaz.first_names or (
            word_key.startswith("عبد") and len(word_key) >= 6
        )

    def _name_tail(self, text: str, tokens: list[Token], j: int) -> int:
        """Take one or two more name words when a clause break follows them.

        "محمد صديق خان ,30," and "مجدي اسدي النشار:" are whole names; without the break after
        them ("سامنثا باور تشغل ليس …") the next word is more likely a verb than a name.
        """
        for extra in (1, 2):
            end = j + extra
            if end > len(tokens):
                break
            words = tokens[j:end]
            if (
                any(
                    not self._name_word(t.key)
                    or (t.key,) in self.gaz.phrases
                    or t.text.endswith("ً")  # an accusative ending (ايجابياً) is never a name
                    or (t.key.startswith("و") and len(t.key) > 3)  # و starts a second name
                    for t in words
                )
                or any(ends_clause(text, a.end, b.start) for a, b in pairwise(tokens[j - 1 : end]))
            ):
                break
            rest = text[tokens[end - 1].end :].lstrip()
            if rest[:1] and rest[0] in "،,.:;؛()-–":  # punctuation, not just the end of a line
                return end
        return j

    def _name_word(self, word_key: str) -> bool:
        return (
            len(word_key) >= 2
            and not word_key.isdigit()
            and word_key not in NAME_STOPS
            and word_key not in self.gaz.role_heads
            and word_key not in SPEECH_VERBS
            and word_key not in WEEKDAYS
            and not self._language.is_stopword(word_key)
            and not _CLITIC_PHRASE.match(word_key)
            and not _CONJ_PRONOUN.match(word_key)
        )

    def _surname_match(
        self, text: str, tokens: list[Token], i: int
    ) -> tuple[RawMention, int] | None:
        for form in clitic_forms(tokens[i].key):
            group = self._surname_group(name_key(form)) if len(form) >= 3 else None
            if group is None or not self._name_word(form) or form in self.gaz.first_names:
                continue
            if (form,) in self.gaz.phrases and self.gaz.phrases[(form,)].kind != "person":
                continue
            start = tokens[i].end - len(form)
            surface = text[start : tokens[i].end]
            role = self._role(text, tokens, i, i + 1)
            return RawMention("person", surface, group, surface, start, tokens[i].end, role), i + 1
        return None

    def _head_rule(self, text: str, tokens: list[Token], i: int) -> tuple[RawMention, int] | None:
        head = next(
            (
                f
                for f in clitic_forms(tokens[i].key)
                if f in self.gaz.place_heads | self.gaz.org_heads
            ),
            None,
        )
        if head is None or i + 1 >= len(tokens):
            return None
        quoted = _QUOTED_NAME.match(text[tokens[i].end :])
        if quoted and head in self.gaz.org_heads | self.gaz.place_heads:
            name = quoted.group(1).strip()
            kind: EntityKind = "org" if head in self.gaz.org_heads else "place"
            known = self.gaz.lookup(tuple(key(w) for w in name.split()))
            if known is not None:
                name, kind = known.canonical, known.kind
            start = tokens[i].end + quoted.start(1)
            end = start + len(quoted.group(1))
            j = i + 1
            while j < len(tokens) and tokens[j].start < end:
                j += 1
            return RawMention(
                kind, name, self._group(kind, name), text[start:end], start, end, None
            ), j
        raw_head = tokens[i].text[len(tokens[i].text) - len(head) :]
        if head not in self.gaz.place_heads or raw_head not in _RAW_PLACE_HEADS:
            return None
        nxt = tokens[i + 1]
        if ends_clause(text, tokens[i].end, nxt.start) or not self._name_word(nxt.key):
            return None
        if nxt.key in _GENERIC_PLACE or nxt.key in self.gaz.place_heads:
            return None
        if nxt.key.endswith(("ها", "هم", "هما")):
            return None  # بلدة مهرجانها، قرية لمساعدتهم: a pronoun suffix, no name
        if self.gaz.is_nationality(nxt.key) or (
            not nxt.key.startswith("ال") and nxt.key.endswith("يه")
        ):
            return None  # قاعدة عسكرية، قاعدة روسية: an adjective, not a name
        if raw_head in _OPEN_PLACE_HEADS and (
            nxt.key.startswith("ال") or nxt.key.isdigit() or nxt.key.endswith("ه")
        ):
            return None  # منطقة القتال، مدينة أثرية، محطة كبيرة: common phrases, not names
        if (nxt.key,) in self.gaz.phrases:
            return None  # حي + a known place: the gazetteer match at i+1 handles it
        j = i + 2
        if (
            raw_head in _OPEN_PLACE_HEADS
            and j < len(tokens)
            and not ends_clause(text, nxt.end, tokens[j].start)
            and self._name_word(tokens[j].key)
            and not tokens[j].key.startswith(("ال", "و"))
            and not self._clitic_led(tokens[j])  # منطقة عسير بأداء …
            and not _verb_shaped(tokens[j].key)  # جزيرة لاريونيون يتناسب …
            and (tokens[j].key,) not in self.gaz.phrases
        ):
            j += 1  # محطة كينجز كروس: foreign names often take two words
        elif (
            not nxt.key.startswith("ال")
            and j < len(tokens)
            and tokens[j].key.startswith("ال")
            and not tokens[j].key.endswith(("ي", "يه"))
            and tokens[j].key not in _LOCATED
            and not ends_clause(text, nxt.end, tokens[j].start)
            and self._name_word(tokens[j].key)
        ):
            j += 1
        start, end = nxt.start, tokens[j - 1].end
        if raw_head not in _PLURAL_PLACE_HEADS | _NOT_IN_PLACE_NAME:  # جبل الهيال: noun in name
            start = tokens[i].end - len(raw_head)
        name = text[start:end]
        return RawMention("place", name, place_group(name), name, start, end, None), j

    @staticmethod
    def _told_outlet(text: str, tokens: list[Token], i: int) -> tuple[RawMention, int] | None:
        """ "قال لـ«الشرق الأوسط»": what a source speaks to, quoted after لـ, is a news outlet.

        Outlets are often named after places (الشرق الأوسط، الرياض، المدينة), so this is tried
        before the gazetteer.
        """
        if not _TOLD.search(text[: tokens[i].start]):
            return None
        closing = _QUOTED_NAME.match(text[tokens[i].start - 1 :])
        if closing is None:
            return None
        name = closing.group(1).strip()
        start, end = tokens[i].start, tokens[i].start + len(closing.group(1).rstrip())
        j = i
        while j < len(tokens) and tokens[j].start < end:
            j += 1
        return RawMention("org", name, f"org:{key(name)}", name, start, end, None), j

    def _placed_word(
        self, text: str, tokens: list[Token], i: int, last: RawMention | None
    ) -> tuple[RawMention, int] | None:
        """An unknown word that its context makes a place.

        After "ولد في / مقيم في" (a birthplace or residence), before "على بعد" (a distance
        from it), or listed after a place with a comma or و: "منطقة بيرلي,بيستون و هولبيك".
        The word must be bare (no article) and look like a name.
        """
        tok = tokens[i]
        forms = clitic_forms(tok.key)
        # before "على بعد" the place follows في or carries ب/ل (لكيركستال على بعد ميل), not
        # any noun (ضوء شمعة على بعد 2.6 كلم)
        distance = tuple(t.key for t in tokens[i + 1 : i + 3]) == PLACE_AFTER and (
            forms[-1] != tok.key or (i > 0 and tokens[i - 1].key in _PLACE_PREPOSITIONS)
        )
        # a preposition is peeled only there; elsewhere only و (وخريص), so بيستون stays whole
        form = forms[-1] if distance else verb_forms(tok.key)[-1]
        if form.startswith("ال") or len(form) < 4:
            return None
        if not all(self._unlisted_word(f) for f in verb_forms(tok.key)):
            return None  # وقال: a verb behind و
        before = tuple(t.key for t in tokens[max(0, i - 2) : i])
        cued = before in PLACE_CUES and not ends_clause(text, tokens[i - 1].end, tok.start)
        at_end = i + 1 >= len(tokens) or ends_clause(text, tok.end, tokens[i + 1].start)
        cued = cued or distance
        if not cued and last is not None and last.kind == "place" and i:
            gap = text[last.end : tok.start].strip()
            listed = gap in {",", "،", "و"} or (
                gap.startswith(("،", ",")) and gap[1:].strip() == "و"
            )
            nxt = tokens[i + 1].key if i + 1 < len(tokens) else ""
            cued = listed and (at_end or nxt == "و")
        if not cued:
            return None
        start = tok.end - len(form)
        name = text[start : tok.end]
        return RawMention("place", name, place_group(name), name, start, tok.end, None), i + 1

    def _org_rule(self, text: str, tokens: list[Token], i: int) -> tuple[RawMention, int] | None:
        """Organisations named by a pattern, not a list (see the rules it tries)."""
        return (
            self._institution(text, tokens, i)
            or self._construct_org(text, tokens, i)
            or self._bare_named_org(text, tokens, i)
            or self._domain_name(text, tokens, i)
        )

    def _bare_named_org(
        self, text: str, tokens: list[Token], i: int
    ) -> tuple[RawMention, int] | None:
        """A feminine organisation noun and the bare name after it: جامعة إنديانا.

        One or two name words, none with a feminine, plural, nisba or pronoun ending, the
        article, a number or a function word, the second not behind و/ب/ل; none shaped like a
        present-tense verb (وكالة تعمل في …), which keeps a relative clause out.
        """
        head = next(
            (f for f in clitic_forms(tokens[i].key) if f in _NAMED_AFTER_FEMININE_HEAD), None
        )
        if head is None or not tokens[i].key.endswith(head):
            return None
        if i + 1 >= len(tokens) or self._is_first_name(tokens[i + 1].key):
            return None  # جامعة محمد …: a body named after a person needs the whole name
        j = i + 1
        while j < len(tokens) and j - i <= 2 and self._bare_name_word(text, tokens, j):
            j += 1
        if (
            j == i + 3
            and j < len(tokens)
            and not (
                ends_clause(text, tokens[j - 1].end, tokens[j].start)
                or self._ends_name(tokens[j].key)
            )
        ):
            j -= 1  # جامعة كارينجي خلص …: a second word is a name only where the name ends
        if j == i + 1:
            return None
        start = tokens[i].end - len(head)
        name = text[start : tokens[j - 1].end]
        return RawMention("org", name, f"org:{key(name)}", name, start, tokens[j - 1].end, None), j

    def _bare_name_word(self, text: str, tokens: list[Token], j: int) -> bool:
        word = tokens[j].key
        return (
            not ends_clause(text, tokens[j - 1].end, tokens[j].start)
            and self._unlisted_word(word)
            and word not in _NOT_A_NAME_AFTER_HEAD
            and not word.startswith("ال")
            and not word.endswith(("ه", "ات", "ين", "ون", "ها", "هم"))
            and not tokens[j].text.endswith(("ى", "ً"))
            # a second word behind و/ب/ل starts a new phrase (جامعة جازان بأحر التعازي)
            and not (tokens[j - 1].key not in _NAMED_AFTER_FEMININE_HEAD and word[0] in "وبل")
            and not _verb_shaped(word)
            and self._gazetteer_match(text, tokens, j) is None
        )

    @staticmethod
    def _domain_name(text: str, tokens: list[Token], i: int) -> tuple[RawMention, int] | None:
        """A web address written as a name (Amazon.com, Yahoo.com) is a company or site."""
        if i + 1 >= len(tokens) or not tokens[i].text.isascii():
            return None
        suffix = tokens[i + 1]
        if suffix.text.lower() not in _DOMAIN_SUFFIXES or text[tokens[i].end : suffix.start] != ".":
            return None
        if text[: tokens[i].start].endswith("@"):
            return None  # an e-mail address names a mail host, not the story's actor
        name = text[tokens[i].start : suffix.end]
        return RawMention(
            "org", name, f"org:{name.lower()}", name, tokens[i].start, suffix.end, None
        ), i + 2

    def _institution(self, text: str, tokens: list[Token], i: int) -> tuple[RawMention, int] | None:
        """A state body with adjectives, or a newspaper, channel or group named by a noun.

        A state body with a nationality or other nisba adjective (الحكومة اليمنية، القوات
        الحكومية، البحرية الملكية البريطانية; السلطات الإيرانية only with the nationality) and
        a newspaper, channel or group named by a definite noun (صحيفة الوئام، جماعة الحوثي).
        """
        if i + 1 >= len(tokens) or ends_clause(text, tokens[i].end, tokens[i + 1].start):
            return None
        forms = clitic_forms(tokens[i].key)
        nxt = tokens[i + 1]
        state = next((f for f in forms if f in _STATE_BODIES | _NATIONAL_BODIES), None)
        named = next((f for f in forms if f in _NAMED_BY_NOUN), None)
        j = i + 2
        if (
            state
            and nxt.key.startswith("ال")
            and nxt.key.endswith(("ي", "يه"))
            and nxt.key not in NAME_STOPS  # إلى folds to الي, which looks like a nisba adjective
        ):
            j = max(i + 2, self._adjectives(text, tokens, i + 1))
            national = any(self.gaz.is_nationality(t.key) for t in tokens[i + 1 : j])
            if state in _NATIONAL_BODIES and not national:
                return None
        elif named and nxt.key.startswith("ال") and self._name_word(nxt.key):
            if nxt.key in _GENERIC_PLACE or (nxt.key,) in self.gaz.phrases:
                return None
            if self._gazetteer_match(text, tokens, i + 1) is not None:
                return None  # صحيفة الحرس الثوري: the listed name after the noun is the entity
        else:
            return None
        head = state or named or ""
        start = tokens[i].end - len(head) if tokens[i].key.endswith(head) else tokens[i].start
        name = surface = text[start : tokens[j - 1].end]
        if tokens[i].key.startswith("لل") and head.startswith("ال"):
            # للخطوط الجوية الماليزية: ل + the article, whose alif the script drops
            start = tokens[i].start + 1
            surface = text[start : tokens[j - 1].end]
            name = "ا" + surface
        if (tuple(key(w) for w in name.split())) in self.gaz.phrases:
            return None  # the gazetteer match handles it (الجيش السوري)
        end = tokens[j - 1].end
        return RawMention("org", name, f"org:{key(name)}", surface, start, end, None), j

    def _adjectives(self, text: str, tokens: list[Token], j: int) -> int:
        """Extend a name over its adjectives up to the nationality (الملكي البريطاني).

        Adjectives after the nationality describe the body rather than name it (الحكومة
        اليمنية الشرعية), and without a nationality none is taken.
        """
        end = k = j
        while _definite_nisba(text, tokens, k):
            k += 1
            if self.gaz.is_nationality(tokens[k - 1].key) or tokens[k - 1].key in SCOPE_ADJECTIVES:
                end = k  # الدولية closes a name as a nationality does
        return end

    def _construct_org(
        self, text: str, tokens: list[Token], i: int
    ) -> tuple[RawMention, int] | None:
        """وزارة/هيئة/حرس/قيادة … + its complement + adjectives: an organisation's name.

        The complement is a definite noun (وزارة الدفاع), a noun and a definite noun (قيادة
        قوات التحالف), or a known place (وزارة خارجية الولايات المتحدة، جامعة ليدز
        متروبوليتان); nisba adjectives after it belong to the name (حرس الحدود الإيراني).
        """
        heads = ORG_CONSTRUCT_HEADS | QUALIFIED_ORG_HEADS
        head = next((f for f in clitic_forms(tokens[i].key) if f in heads), None)
        if head is None or not tokens[i].key.endswith(head):
            return None
        if head in _VERBAL_HEADS and (
            verb_forms(tokens[i].key)[-1] != head
            or (self._construct_tail(text, tokens, i) and not self._names_body(text, tokens, i + 1))
        ):
            return None  # برئاسة، لرئاسة، آلية تنظيم التحرك: a verbal noun, not a body
        complement = self._complement(text, tokens, i + 1)
        if complement is None:
            return None
        if head == _PARTY:
            j = self._party_tail(text, tokens, complement)
        else:
            j = self._adjectives(text, tokens, complement)
        if head in QUALIFIED_ORG_HEADS and j == complement:
            return None  # مركز المدينة: no scope or nationality adjective, no name
        start = tokens[i].end - len(head)
        name = text[start : tokens[j - 1].end]
        return RawMention("org", name, f"org:{key(name)}", name, start, tokens[j - 1].end, None), j

    def _party_tail(self, text: str, tokens: list[Token], k: int) -> int:
        """A party's name runs over a second noun joined by و and all its adjectives.

        حزب العدالة والتنمية، حزب الشعوب الديمقراطي، حزب البعث العربي الاشتراكي: unlike a
        ministry's, a party's adjectives are its name, not a description (but المعارض is).
        A listed party (حزب الله) is whole already.
        """
        if (key("حزب"), *(t.key for t in tokens[k - 1 : k])) in self.gaz.phrases:
            return k
        joined = k < len(tokens) and tokens[k].key.startswith("وال")
        if (
            joined
            and not ends_clause(text, tokens[k - 1].end, tokens[k].start)
            and not tokens[k].key.endswith(("ين", "ون"))  # حزب الله والحوثيين: two parties
            # حزب الله والنظام السوري: a second noun phrase with its own adjective
            and not _definite_nisba(text, tokens, k + 1)
        ):
            k += 1
        while _definite_nisba(text, tokens, k):
            k += 1
        return k

    def _names_body(self, text: str, tokens: list[Token], k: int) -> bool:
        """Token k starts a listed name or an organisation noun (مواجهة تنظيم حزب العمال …:
        then تنظيم is the organisation being confronted, not "the organising of")."""
        if k >= len(tokens):
            return False
        if self._gazetteer_match(text, tokens, k) is not None:
            return True
        return bool(set(clitic_forms(tokens[k].key)) & (self.gaz.org_heads | ORG_CONSTRUCT_HEADS))

    @staticmethod
    def _construct_tail(text: str, tokens: list[Token], i: int) -> bool:
        """Token i is the second term of a construct led by an indefinite feminine noun
        (آلية تنظيم، عملية إدارة، خطة قيادة): then it is a verbal noun, "the organising of"."""
        if i == 0 or ends_clause(text, tokens[i - 1].end, tokens[i].start):
            return False
        prev = tokens[i - 1]  # the raw text: آلية folds to the key اليه, not an article
        return not prev.text.startswith("ال") and prev.key.endswith("ه") and len(prev.key) >= 4

    def _complement(self, text: str, tokens: list[Token], k: int) -> int | None:
        """End of the genitive complement of an organisation noun starting at token k."""
        for extra in (0, 1):  # the complement itself, or a noun + the complement
            c = k + extra
            if c >= len(tokens) or any(
                ends_clause(text, tokens[n - 1].end, tokens[n].start) for n in range(k, c + 1)
            ):
                return None
            word = tokens[c].key
            if extra and (
                tokens[k].key.startswith("ال")
                or not self._name_word(tokens[k].key)
                or (tokens[k].key.startswith("ل") and self._clitic_led(tokens[k]))
            ):
                return None  # تنظيم لسد الثغرات: a ل-phrase is a purpose (not بلدية)
            if extra and (
                tokens[k].key in _GENERIC_PLACE or self.gaz.is_nationality(tokens[k].key)
            ):
                return None
            if extra and word.endswith(("ي", "يه")) and not self.gaz.is_nationality(word):
                return None  # تنظيم داعش الإرهابي: a describing adjective, not a complement
            listed = self._gazetteer_match(text, tokens, c)
            if (
                listed is not None
                and listed[0].kind == "place"
                and listed[0].start == tokens[c].start
            ):
                end = listed[1]
                if (
                    end < len(tokens)
                    and not word.startswith("ال")
                    and not tokens[end].key.startswith("ال")
                    and self._name_word(tokens[end].key)
                    and (
                        end + 1 >= len(tokens)
                        or ends_clause(text, tokens[end].end, tokens[end + 1].start)
                    )
                ):
                    end += 1  # جامعة ليدز متروبوليتان,
                return end
            if (
                word.startswith("ال")
                and self._name_word(word)
                and word not in _GENERIC_PLACE
                and not self.gaz.is_nationality(word)
                and word not in self.gaz.place_heads
            ):
                return c + 1
        return None

    # -- roles -------------------------------------------------------------------------------

    def _role(self, text: str, tokens: list[Token], i: int, j: int) -> str | None:
        """The title before the name (preferred) or the apposition right after it."""
        begin = None
        k = i - 1
        while k >= 0 and i - k <= _MAX_ROLE:
            gap_ok = k == i - 1 or not ends_clause(text, tokens[k].end, tokens[k + 1].start)
            word = tokens[k].key
            forms = clitic_forms(word)
            stripped = next((f for f in forms if f in self.gaz.role_heads), forms[-1])
            if not gap_ok or word in SPEECH_VERBS or stripped in SPEECH_VERBS:
                break
            if word in {key("أن"), key("إن"), key("مع"), key("عن"), key("بين")}:
                break
            if self._is_name_token(word):
                break
            if (word in self.gaz.role_heads or stripped in self.gaz.role_heads) and (
                word not in _HONORIFICS
            ):
                begin = k
                while begin > 0 and clitic_forms(tokens[begin - 1].key)[-1] in self.gaz.role_heads:
                    begin -= 1  # نائب وزير، رئيس الوزراء
                break
            k -= 1
        if begin is not None:
            head = tokens[begin]
            start, prefix = head.start, ""
            if head.key not in self.gaz.role_heads:  # ووزير → وزير، للرئيس → الرئيس
                form = next(f for f in clitic_forms(head.key) if f in self.gaz.role_heads)
                if head.key.endswith(form):
                    start = head.end - len(form)
                else:
                    start, prefix = head.end - len(form) + 2, "ال"
            role = prefix + text[start : tokens[i - 1].end].strip(" ،,")
            role = _HONORIFIC_TAIL.sub("", role)
            return _clean_role(role) if key(role) not in _HONORIFICS else None
        if (
            j < len(tokens)
            and tokens[j].key in self.gaz.role_heads
            and tokens[j].key
            not in {
                key("السيد"),
                key("السيدة"),
            }
        ):
            end_k = j
            while end_k + 1 < len(tokens) and end_k + 1 - j < _MAX_ROLE:
                nxt = tokens[end_k + 1]
                if ends_clause(text, tokens[end_k].end, nxt.start):
                    break
                if nxt.key in NAME_STOPS or nxt.key in WEEKDAYS or nxt.key in SPEECH_VERBS:
                    break
                if nxt.key in self.gaz.first_names:
                    break
                end_k += 1
            return _clean_role(text[tokens[j].start : tokens[end_k].end])
        return None

    def _is_name_token(self, word_key: str) -> bool:
        forms = clitic_forms(word_key)
        return any(
            f in self.gaz.first_names or self._surname_group(name_key(f)) is not None
            for f in forms
        ) and (word_key not in self.gaz.role_heads)

    def _surname_group(self, surname_key: str) -> str | None:
        """The person a surname spelling learnt so far belongs to (the read is recorded)."""
        group = self.surname_keys.get(surname_key)
        if self._reads is not None:
            self._reads.append(("surname", (surname_key,), group))
        return group

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
                    for surname in _surname_keys(mention.canonical, mention.surface):
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


def own_orphans(found: list[tuple[Source, RawMention]]) -> list[tuple[Source, RawMention]]:
    """Context-only aliases whose full name the story never uses become entities of their own.

    The listed short "وزارة الدفاع" means the Russian ministry only in a story that names it;
    elsewhere it is whichever ministry the article is about, found by :func:`attach_short_forms`.
    """
    anchored = {m.group for _, m in found if not m.context_only}
    out = []
    for source, mention in found:
        if mention.context_only and mention.group not in anchored:
            name = display_name(mention.surface)
            mention = replace(
                mention, canonical=name, group=f"{mention.kind}:{key(name)}", context_only=False
            )
        out.append((source, mention))
    return out


def attach_short_forms(found: list[tuple[Source, RawMention]]) -> list[tuple[Source, RawMention]]:
    """A shortened organisation or place name joins the full name used before it in the article.

    "وزارة الدفاع البريطانية … وقالت وزارة الدفاع": the second is the same ministry. Only an
    earlier full name of the same document counts, so a later, different "وزارة الخارجية
    الإيرانية" never absorbs the British "وزارة الخارجية" named before it.
    """
    seen: dict[str, list[tuple[tuple[str, ...], str]]] = defaultdict(list)
    out = []
    for source, mention in found:
        if mention.kind in ("org", "place") and not mention.context_only:
            words = tuple(key(w) for w in display_name(mention.surface).split())
            longer = [
                group
                for full, group in seen[source.doc_id]
                if len(full) > len(words) and full[: len(words)] == words
            ]
            if longer and longer[-1] != mention.group:
                mention = replace(mention, group=longer[-1])
            seen[source.doc_id].append((words, mention.group))
        out.append((source, mention))
    return out


def display_name(surface: str) -> str:
    """A surface spelling without a leading preposition on the article (للأمم → الأمم)."""
    if surface.startswith("لل") and len(surface) > 4:
        return "ال" + surface[2:]
    if surface[:1] in "وفبك" and surface[1:3] == "ال" and len(surface) > 5:
        return surface[1:]
    return surface


def merge_entities(found: list[tuple[Source, RawMention]]) -> tuple[Entity, ...]:
    """Group mentions by merge key into entities; drop context-only aliases with no anchor."""
    groups: dict[str, list[tuple[Source, RawMention]]] = defaultdict(list)
    for source, mention in found:
        groups[mention.group].append((source, mention))
    entities = []
    for group, items in groups.items():
        anchored = [it for it in items if not it[1].context_only]
        if not anchored:
            continue
        kind = anchored[0][1].kind
        names = Counter(m.canonical for _, m in anchored)
        longest = max(len(n.split()) for n in names)
        name = max((n for n in names if len(n.split()) == longest), key=lambda n: names[n])
        roles = Counter(key(m.role) for _, m in items if m.role)
        role = None
        if roles:
            best = roles.most_common(1)[0][0]
            role = next(m.role for _, m in items if m.role and key(m.role) == best)
        entities.append(
            Entity(
                id=group,
                kind=kind,
                name=name,
                role=role,
                aliases=tuple(dict.fromkeys(display_name(m.surface) for _, m in items)),
                mentions=tuple(Mention(s, m.surface, m.start, m.end, m.found_by) for s, m in items),
            )
        )
    entities.sort(key=lambda e: (-len(e.outlets), -len(e.mentions), e.name))
    return tuple(entities)


def extract_entities(
    story: Story, gazetteer: Gazetteer | None = None, tagger: bool | None = None
) -> tuple[Entity, ...]:
    """The story's people, places and organisations, each merged across outlets."""
    return merge_entities(EntityRecognizer(gazetteer, tagger).story_mentions(story))
