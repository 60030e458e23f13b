"""People whose given name no list knows: by the cue before them, or by their foreign shape.

"المتحدث باسم المركز رأفت الصباغ" is found by the office before the name; "ماوريسيو أفونسو"
by being two words in a row that no Arabic dictionary lists. What a run of words may contain
to be such a name is decided here too.
"""

from __future__ import annotations

import re

from khulasa.facts.dictionary import is_arabic_word
from khulasa.facts.entities.cues import (
    AGE_AFTER,
    APPOSITION_BREAK,
    APPOSITION_OPENERS,
    ARABIC_LETTERS,
    FOREIGN_ORG_BEFORE,
    FOREIGN_ORG_WORDS,
    FOREIGN_PLACE_LEADS,
    FOREIGN_PLACE_TAILS,
    NAMED_BY_NOUN,
    NOT_NAMED_BEFORE,
    NOT_PLACE_PREPOSITIONS,
    PLACE_PREPOSITIONS,
    SPEECH_OPENS,
    WHO_IS,
)
from khulasa.facts.entities.mention import RawMention, has_article
from khulasa.facts.lexicon import SPEECH_VERBS
from khulasa.facts.model import EntityKind
from khulasa.facts.numbers import MULTIPLIERS, UNITS, WORD_VALUES
from khulasa.facts.text import Token, clitic_forms, ends_clause, key


class UnlistedNameRules:
    """The unlisted-name and foreign-name rules (mixed into
    :class:`~khulasa.facts.entities.recognizer.EntityRecognizer`)."""

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
            and SPEECH_OPENS.match(after)
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
                or AGE_AFTER.match(after)
                or (
                    introduced
                    and APPOSITION_BREAK.match(after)
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
                APPOSITION_BREAK.match(after)
                or (j < len(tokens) and self._opens_apposition(tokens[j].key))
                or (
                    j < len(tokens)
                    and tokens[j].key in WHO_IS
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
        if before & NOT_NAMED_BEFORE:
            return None
        if (
            keys[0] in FOREIGN_PLACE_LEADS
            or keys[-1] in FOREIGN_PLACE_TAILS
            or (i and tokens[i - 1].key in PLACE_PREPOSITIONS - NOT_PLACE_PREPOSITIONS)
        ):
            kind: EntityKind = "place"
        elif FOREIGN_ORG_WORDS.intersection(keys) or before & (NAMED_BY_NOUN | FOREIGN_ORG_BEFORE):
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
            and bool(ARABIC_LETTERS.match(token.text))
            and not word.startswith("ال")
            and not token.text.endswith(("ة", "ى", "ً"))
            and (first or not (word[0] == "و" and not word.startswith("وو")))
            and self._unlisted_word(word)
            and not is_arabic_word(token.text)
        )

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
            if j > i and tok.key in APPOSITION_OPENERS:
                break  # "يوجيرو جوتو محلل …": the apposition starts
            if has_article(tok) and not after_particle:
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
