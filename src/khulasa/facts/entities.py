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
  apposition after it (جوش إرنست المتحدث باسم البيت الأبيض).

Spellings are merged by key (hamza, ة, ى folded, أميركي/أمريكي) and, for people, by the
consonant skeleton of the surname with ج/غ folded (سيرجي/سيرغي, إرنست/إيرنست).
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import pairwise

from khulasa.facts.gazetteer import Entry, Gazetteer, load_gazetteer
from khulasa.facts.lexicon import NAME_STOPS, SPEECH_VERBS, WEEKDAYS
from khulasa.facts.model import Entity, EntityKind, Mention, Source
from khulasa.facts.text import Token, clitic_forms, ends_clause, key, tokenize
from khulasa.language import get_language
from khulasa.model import Story

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
    )
)
# Place nouns as written (hamza kept), so إحياء (revival) is not read as أحياء (districts).
_RAW_PLACE_HEADS = frozenset(
    (
        "منطقة",
        "محطة",
        "سجن",
        "مدينة",
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
    )
)
_PLURAL_PLACE_HEADS = frozenset(("أحياء", "احياء"))
# Generic place nouns: their name is a proper noun without the article (منطقة بيرلي, محطة لوتون);
# with it they are common phrases (منطقة القتال، المدينة الأثرية). Not part of the name.
_OPEN_PLACE_HEADS = frozenset(("منطقة", "محطة", "سجن", "مدينة"))
# State bodies that a nationality adjective turns into a named organisation.
_STATE_BODIES = frozenset(
    key(w) for w in ("الحكومة", "الجيش", "الشرطة", "الرئاسة", "البرلمان", "القوات", "المحكمة")
)
# Nouns followed by a definite name: صحيفة الوئام، قناة الجزيرة، جماعة الحوثي.
_NAMED_BY_NOUN = frozenset(key(w) for w in ("صحيفة", "قناة", "جماعة", "مجلة", "إذاعة"))
_NASAB = frozenset(key(w) for w in ("بن", "ابن", "بنت"))
_HONORIFICS = frozenset(key(w) for w in ("السيد", "السيدة", "الدكتور", "مسؤول", "المسؤول"))
_HONORIFIC_TAIL = re.compile(r"[\s،,]+(?:السيد|السيدة|الدكتور|الدكتورة)$")
_DUAL_HEAD = re.compile(r"^(وزير|رئيس|مسؤول|ممثل)[اي](?=\s)")


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


def sources_of(story: Story) -> Iterable[Source]:
    """Every sentence of the story as a :class:`Source`, in document order."""
    for doc in story.documents:
        for sentence in doc.sentences:
            yield Source(doc.id, doc.outlet, sentence.index, sentence.text)


def name_key(word_key: str) -> str:
    """A name's spelling with the ج/غ transliteration variants folded (سيرجي = سيرغي)."""
    return word_key.replace("ج", "غ")


def _surname_keys(canonical: str, surface: str) -> set[str]:
    """Last-word spellings a full name can later be referred to by (لافروف، الأسد)."""
    keys = {clitic_forms(key(name.split()[-1]))[0] for name in (canonical, surface)}
    return {k for k in keys if len(k) >= 3}


def skeleton(word_key: str) -> str:
    """Consonant skeleton for matching transliterated names: ج→غ, long vowels dropped."""
    core = word_key.replace("ج", "غ").replace("ة", "ه")
    if core.startswith("ال") and len(core) > 4:
        core = core[2:]
    return core[:1] + re.sub("[اويىء]", "", core[1:])


class EntityRecognizer:
    """Finds entity mentions sentence by sentence; :meth:`entities` merges them for a story."""

    def __init__(self, gazetteer: Gazetteer | None = None) -> None:
        self.gaz = gazetteer or load_gazetteer()
        self._language = get_language("ar")
        self.surnames: dict[str, str] = {}  # surname skeleton → person group
        self.surname_keys: dict[str, str] = {}  # surname spelling (ج→غ folded) → person group

    # -- one sentence -------------------------------------------------------------------------

    def mentions(self, text: str) -> list[RawMention]:
        """Entity mentions in one sentence, left to right, never overlapping."""
        tokens = tokenize(text)
        found: list[RawMention] = []
        i = 0
        while i < len(tokens):
            match = (
                self._gazetteer_match(text, tokens, i)
                or self._person_rule(text, tokens, i)
                or self._surname_match(text, tokens, i)
                or self._head_rule(text, tokens, i)
            )
            if match is None:
                i += 1
                continue
            mention, next_i = match
            found.append(mention)
            i = next_i
        return found

    def _gazetteer_match(
        self, text: str, tokens: list[Token], i: int
    ) -> tuple[RawMention, int] | None:
        for length in range(min(self.gaz.max_len, len(tokens) - i), 0, -1):
            span = tokens[i : i + length]
            if any(ends_clause(text, a.end, b.start) for a, b in pairwise(span)):
                continue
            rest = tuple(t.key for t in span[1:])
            for form in clitic_forms(span[0].key):
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
            surname = key(entry.canonical.split()[-1])
            group = self.surnames.setdefault(skeleton(surname), "person:" + skeleton(surname))
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
        if tokens[i].text.endswith("ى"):
            return None  # على is not علي once ى is folded
        particles = self.gaz.name_particles
        j = i + 1
        while j < len(tokens) and j - i <= 5:
            tok = tokens[j]
            if ends_clause(text, tokens[j - 1].end, tok.start):
                break
            after_particle = tokens[j - 1].key in particles or (j == i + 1 and first in particles)
            if tok.key in particles:
                j += 1
                continue
            if after_particle:  # عبد الملك، بن عبدالعزيز: any word but a function word
                if self._language.is_stopword(tok.key) or tok.key in NAME_STOPS:
                    break
            elif not self._name_word(tok.key):
                break
            j += 1
            if after_particle and tokens[j - 2].key in _NASAB:
                if j < len(tokens) and tokens[j].key in particles:
                    continue
                break  # سلمان بن عبدالعزيز: a lineage ends the name
            if after_particle or self._is_first_name(tok.key):
                continue
            break  # a surname: the name ends here
        if j == i + 1 or tokens[j - 1].key in particles:
            return None
        j = self._name_tail(text, tokens, j)
        start = tokens[i].end - len(first)
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
        group = self.surnames.setdefault(skeleton(surname), "person:" + skeleton(surname))
        role = self._role(text, tokens, i, j)
        return RawMention("person", surface, group, surface, start, tokens[j - 1].end, role), j

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
            if any(
                not self._name_word(t.key) or (t.key,) in self.gaz.phrases for t in words
            ) or any(ends_clause(text, a.end, b.start) for a, b in pairwise(tokens[j - 1 : end])):
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
            group = self.surname_keys.get(name_key(form)) if len(form) >= 3 else None
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
        found = self._institution(text, tokens, i)
        if found is not None:
            return found
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
                kind, name, f"{kind}:{key(name)}", text[start:end], start, end, None
            ), j
        raw_head = tokens[i].text[len(tokens[i].text) - len(head) :]
        if head not in self.gaz.place_heads or raw_head not in _RAW_PLACE_HEADS:
            return None
        nxt = tokens[i + 1]
        if ends_clause(text, tokens[i].end, nxt.start) or not self._name_word(nxt.key):
            return None
        if nxt.key in _GENERIC_PLACE or nxt.key in self.gaz.place_heads:
            return None
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
            and (tokens[j].key,) not in self.gaz.phrases
        ):
            j += 1  # محطة كينجز كروس: foreign names often take two words
        elif (
            not nxt.key.startswith("ال")
            and j < len(tokens)
            and tokens[j].key.startswith("ال")
            and not tokens[j].key.endswith(("ي", "يه"))
            and not ends_clause(text, nxt.end, tokens[j].start)
            and self._name_word(tokens[j].key)
        ):
            j += 1
        start, end = nxt.start, tokens[j - 1].end
        if raw_head not in _PLURAL_PLACE_HEADS | _OPEN_PLACE_HEADS:  # جبل الهيال: noun in name
            start = tokens[i].end - len(raw_head)
        name = text[start:end]
        return RawMention("place", name, f"place:{key(name)}", name, start, end, None), j

    def _institution(self, text: str, tokens: list[Token], i: int) -> tuple[RawMention, int] | None:
        """Organisations named by a pattern, not a list.

        A state body with a nationality adjective (الحكومة اليمنية، الشرطة الإيطالية) and a
        newspaper, channel or group named by a definite noun (صحيفة الوئام، جماعة الحوثي).
        """
        if i + 1 >= len(tokens) or ends_clause(text, tokens[i].end, tokens[i + 1].start):
            return None
        forms = clitic_forms(tokens[i].key)
        nxt = tokens[i + 1]
        state = next((f for f in forms if f in _STATE_BODIES), None)
        named = next((f for f in forms if f in _NAMED_BY_NOUN), None)
        if state and nxt.key.startswith("ال") and nxt.key.endswith(("ي", "يه")):
            pass
        elif named and nxt.key.startswith("ال") and self._name_word(nxt.key):
            if nxt.key in _GENERIC_PLACE or (nxt.key,) in self.gaz.phrases:
                return None
        else:
            return None
        head = state or named or ""
        start = tokens[i].end - len(head) if tokens[i].key.endswith(head) else tokens[i].start
        name = text[start : nxt.end]
        if (tuple(key(w) for w in name.split())) in self.gaz.phrases:
            return None  # the gazetteer match handles it (الجيش السوري)
        return RawMention("org", name, f"org:{key(name)}", name, start, nxt.end, None), i + 2

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
            f in self.gaz.first_names or name_key(f) in self.surname_keys for f in forms
        ) and (word_key not in self.gaz.role_heads)

    # -- whole story ---------------------------------------------------------------------------

    def learn_names(self, story: Story) -> None:
        """First pass: register the surnames of every fully named person in the story."""
        for source in sources_of(story):
            for mention in self.mentions(source.sentence):
                if mention.kind == "person" and " " in mention.canonical:
                    for surname in _surname_keys(mention.canonical, mention.surface):
                        self.surname_keys.setdefault(name_key(surname), mention.group)

    def story_mentions(self, story: Story) -> list[tuple[Source, RawMention]]:
        """Every mention in the story, after learning the full names it contains."""
        self.learn_names(story)
        return [(src, m) for src in sources_of(story) for m in self.mentions(src.sentence)]


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
                mentions=tuple(Mention(s, m.surface, m.start, m.end) for s, m in items),
            )
        )
    entities.sort(key=lambda e: (-len(e.outlets), -len(e.mentions), e.name))
    return tuple(entities)


def extract_entities(story: Story, gazetteer: Gazetteer | None = None) -> tuple[Entity, ...]:
    """The story's people, places and organisations, each merged across outlets."""
    return merge_entities(EntityRecognizer(gazetteer).story_mentions(story))
