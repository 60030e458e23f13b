"""Organisations named by a pattern rather than a list.

A state body with its nationality (الحكومة اليمنية), a construct with its complement and
adjectives (وزارة الدفاع البريطانية، حرس الحدود الإيراني), a party's full name, a feminine head
with a bare name (جامعة إنديانا), a web address written as a name, and the outlet a source
speaks to (قال لـ«الشرق الأوسط»). Most organisation names in the news are built this way, too
many to list.
"""

from __future__ import annotations

from khulasa.facts.entities.cues import (
    DOMAIN_SUFFIXES,
    GENERIC_PLACE,
    NAMED_AFTER_FEMININE_HEAD,
    NAMED_BY_NOUN,
    NATIONAL_BODIES,
    NOT_A_NAME_AFTER_HEAD,
    PARTY,
    QUOTED_NAME,
    STATE_BODIES,
    TOLD,
    VERBAL_HEADS,
)
from khulasa.facts.entities.mention import RawMention, definite_nisba, verb_shaped
from khulasa.facts.lexicon import (
    NAME_STOPS,
    ORG_CONSTRUCT_HEADS,
    QUALIFIED_ORG_HEADS,
    SCOPE_ADJECTIVES,
)
from khulasa.facts.text import Token, clitic_forms, ends_clause, key, verb_forms


class OrganisationRules:
    """The organisation patterns and the told-outlet rule (mixed into
    :class:`~khulasa.facts.entities.recognizer.EntityRecognizer`)."""

    @staticmethod
    def _told_outlet(text: str, tokens: list[Token], i: int) -> tuple[RawMention, int] | None:
        """ "قال لـ«الشرق الأوسط»": what a source speaks to, quoted after لـ, is a news outlet.

        Outlets are often named after places (الشرق الأوسط، الرياض، المدينة), so this is tried
        before the gazetteer.
        """
        if not TOLD.search(text[: tokens[i].start]):
            return None
        closing = QUOTED_NAME.match(text[tokens[i].start - 1 :])
        if closing is None:
            return None
        name = closing.group(1).strip()
        start, end = tokens[i].start, tokens[i].start + len(closing.group(1).rstrip())
        j = i
        while j < len(tokens) and tokens[j].start < end:
            j += 1
        return RawMention("org", name, f"org:{key(name)}", name, start, end, None), j

    def _org_rule(self, text: str, tokens: list[Token], i: int) -> tuple[RawMention, int] | None:
        """Organisations named by a pattern, not a list (see the rules it tries)."""
        return (
            self._institution(text, tokens, i)
            or self._construct_org(text, tokens, i)
            or self._bare_named_org(text, tokens, i)
            or self._domain_name(text, tokens, i)
        )

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
        state = next((f for f in forms if f in STATE_BODIES | NATIONAL_BODIES), None)
        named = next((f for f in forms if f in NAMED_BY_NOUN), None)
        j = i + 2
        if (
            state
            and nxt.key.startswith("ال")
            and nxt.key.endswith(("ي", "يه"))
            and nxt.key not in NAME_STOPS  # إلى folds to الي, which looks like a nisba adjective
        ):
            j = max(i + 2, self._adjectives(text, tokens, i + 1))
            national = any(self.gaz.is_nationality(t.key) for t in tokens[i + 1 : j])
            if state in NATIONAL_BODIES and not national:
                return None
        elif named and nxt.key.startswith("ال") and self._name_word(nxt.key):
            if nxt.key in GENERIC_PLACE or (nxt.key,) in self.gaz.phrases:
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
        while definite_nisba(text, tokens, k):
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
        if head in VERBAL_HEADS and (
            verb_forms(tokens[i].key)[-1] != head
            or (self._construct_tail(text, tokens, i) and not self._names_body(text, tokens, i + 1))
        ):
            return None  # برئاسة، لرئاسة، آلية تنظيم التحرك: a verbal noun, not a body
        complement = self._complement(text, tokens, i + 1)
        if complement is None:
            return None
        if head == PARTY:
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
        if (PARTY, *(t.key for t in tokens[k - 1 : k])) in self.gaz.phrases:
            return k
        joined = k < len(tokens) and tokens[k].key.startswith("وال")
        if (
            joined
            and not ends_clause(text, tokens[k - 1].end, tokens[k].start)
            and not tokens[k].key.endswith(("ين", "ون"))  # حزب الله والحوثيين: two parties
            # حزب الله والنظام السوري: a second noun phrase with its own adjective
            and not definite_nisba(text, tokens, k + 1)
        ):
            k += 1
        while definite_nisba(text, tokens, k):
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
            if extra and (tokens[k].key in GENERIC_PLACE or self.gaz.is_nationality(tokens[k].key)):
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
                and word not in GENERIC_PLACE
                and not self.gaz.is_nationality(word)
                and word not in self.gaz.place_heads
            ):
                return c + 1
        return None

    def _bare_named_org(
        self, text: str, tokens: list[Token], i: int
    ) -> tuple[RawMention, int] | None:
        """A feminine organisation noun and the bare name after it: جامعة إنديانا.

        One or two name words, none with a feminine, plural, nisba or pronoun ending, the
        article, a number or a function word, the second not behind و/ب/ل; none shaped like a
        present-tense verb (وكالة تعمل في …), which keeps a relative clause out.
        """
        head = next(
            (f for f in clitic_forms(tokens[i].key) if f in NAMED_AFTER_FEMININE_HEAD), None
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
            and word not in NOT_A_NAME_AFTER_HEAD
            and not word.startswith("ال")
            and not word.endswith(("ه", "ات", "ين", "ون", "ها", "هم"))
            and not tokens[j].text.endswith(("ى", "ً"))
            # a second word behind و/ب/ل starts a new phrase (جامعة جازان بأحر التعازي)
            and not (tokens[j - 1].key not in NAMED_AFTER_FEMININE_HEAD and word[0] in "وبل")
            and not verb_shaped(word)
            and self._gazetteer_match(text, tokens, j) is None
        )

    @staticmethod
    def _domain_name(text: str, tokens: list[Token], i: int) -> tuple[RawMention, int] | None:
        """A web address written as a name (Amazon.com, Yahoo.com) is a company or site."""
        if i + 1 >= len(tokens) or not tokens[i].text.isascii():
            return None
        suffix = tokens[i + 1]
        if suffix.text.lower() not in DOMAIN_SUFFIXES or text[tokens[i].end : suffix.start] != ".":
            return None
        if text[: tokens[i].start].endswith("@"):
            return None  # an e-mail address names a mail host, not the story's actor
        name = text[tokens[i].start : suffix.end]
        return RawMention(
            "org", name, f"org:{name.lower()}", name, tokens[i].start, suffix.end, None
        ), i + 2
