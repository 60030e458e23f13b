"""People named from a known given name, their surnames later in the story, and their roles.

Also the person merge key: a surname's skeleton, unless relatives share it (آدم سبيري and his
grandmother مارغريت سبيري are two people), which is why the recogniser keeps the given and middle
names each surname was first seen with.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import pairwise

from khulasa.facts.entities.cues import (
    CLITIC_PHRASE,
    CONJ_PRONOUN,
    HONORIFIC_TAIL,
    HONORIFICS,
    MAX_ROLE,
    NASAB,
    NOT_A_NAME_HERE,
    NOT_ROLE_AFTER,
    ROLE_STOPS,
    SERVANT_OF,
    SON_OF,
)
from khulasa.facts.entities.mention import RawMention, clean_role, name_key, skeleton
from khulasa.facts.lexicon import NAME_STOPS, SOURCE_NOUNS, SPEECH_VERBS, WEEKDAYS
from khulasa.facts.text import INITIALS, Token, clitic_forms, ends_clause, key


class PersonRules:
    """The given-name rule, the surname rule and the role of a person (mixed into
    :class:`~khulasa.facts.entities.recognizer.EntityRecognizer`, whose state it reads)."""

    def _person_rule(self, text: str, tokens: list[Token], i: int) -> tuple[RawMention, int] | None:
        first = next((f for f in clitic_forms(tokens[i].key) if self._is_first_name(f)), None)
        if first is None or (first in self.gaz.name_particles and first != SERVANT_OF):
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
        if tokens[i].key in NOT_A_NAME_HERE:
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
            if after_particle and tokens[j - 2].key in NASAB:
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
        nasab = next((n for n, k in enumerate(keys) if k in NASAB and n + 1 < len(keys)), None)
        if nasab is not None:
            # سلمان بن عبدالعزيز (آل سعود): a lineage names the person whatever follows it
            lineage = "".join(
                keys[nasab + 1 : nasab + 3]
                if keys[nasab + 1] == SERVANT_OF
                else keys[nasab + 1 : nasab + 2]
            )
            surname = f"{first} {SON_OF} {lineage}"
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
        group = (
            self.surnames.setdefault(family, default)
            if learn
            else self.surnames.get(family, default)
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

    def _surname_group(self, surname_key: str) -> str | None:
        """The person a surname spelling learnt so far belongs to (the read is recorded)."""
        group = self.surname_keys.get(surname_key)
        if self._reads is not None:
            self._reads.append(("surname", (surname_key,), group))
        return group

    def _is_name_token(self, word_key: str) -> bool:
        forms = clitic_forms(word_key)
        return any(
            f in self.gaz.first_names or self._surname_group(name_key(f)) is not None for f in forms
        ) and (word_key not in self.gaz.role_heads)

    def _is_first_name(self, word_key: str) -> bool:
        """A given name from the list, or a fused عبد-name (عبدالله، عبدربه)."""
        return word_key in self.gaz.first_names or (
            word_key.startswith(SERVANT_OF) and len(word_key) >= 6
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
            and not CLITIC_PHRASE.match(word_key)
            and not CONJ_PRONOUN.match(word_key)
        )

    @staticmethod
    def _breaks_name(text: str, before: Token, word: Token) -> bool:
        """A clause break between two words, but not an initial's full stop (جورج دبليو. بوش)."""
        if before.key in INITIALS and text[before.end : word.start].strip() == ".":
            return False
        return ends_clause(text, before.end, word.start)

    def _role(self, text: str, tokens: list[Token], i: int, j: int) -> str | None:
        """The title before the name (preferred) or the apposition right after it."""
        begin = None
        k = i - 1
        while k >= 0 and i - k <= MAX_ROLE:
            gap_ok = k == i - 1 or not ends_clause(text, tokens[k].end, tokens[k + 1].start)
            word = tokens[k].key
            forms = clitic_forms(word)
            stripped = next((f for f in forms if f in self.gaz.role_heads), forms[-1])
            if not gap_ok or word in SPEECH_VERBS or stripped in SPEECH_VERBS:
                break
            if word in ROLE_STOPS:
                break
            if self._is_name_token(word):
                break
            if (word in self.gaz.role_heads or stripped in self.gaz.role_heads) and (
                word not in HONORIFICS
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
            role = HONORIFIC_TAIL.sub("", role)
            return clean_role(role) if key(role) not in HONORIFICS else None
        if (
            j < len(tokens)
            and tokens[j].key in self.gaz.role_heads
            and tokens[j].key not in NOT_ROLE_AFTER
        ):
            end_k = j
            while end_k + 1 < len(tokens) and end_k + 1 - j < MAX_ROLE:
                nxt = tokens[end_k + 1]
                if ends_clause(text, tokens[end_k].end, nxt.start):
                    break
                if nxt.key in NAME_STOPS or nxt.key in WEEKDAYS or nxt.key in SPEECH_VERBS:
                    break
                if nxt.key in self.gaz.first_names:
                    break
                end_k += 1
            return clean_role(text[tokens[j].start : tokens[end_k].end])
        return None
