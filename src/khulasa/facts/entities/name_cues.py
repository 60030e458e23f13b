"""Where a name stands: the words before it that announce one and the words it ends at.

A name no list knows is recognised by its position (after a title, an office, a kinship noun or a
subject-first speech verb, or at the head of a list entry) and must end where names end. These
tests are shared by the unlisted-name rule and the rules that build a person's span.
"""

from __future__ import annotations

from khulasa.facts.entities.cues import AFFILIATION_WORDS, APPOSITION_OPENERS, MAX_ROLE, ON_BEHALF
from khulasa.facts.entities.mention import RawMention
from khulasa.facts.lexicon import (
    COMPLEMENTISERS,
    KINSHIP_NOUNS,
    KINSHIP_TITLES,
    NAME_STOPS,
    NAME_TITLES,
    SOURCE_NOUNS,
    SPEECH_VERBS,
    SUBJECT_FIRST_VERBS,
    WEEKDAYS,
)
from khulasa.facts.text import Token, clitic_forms, ends_clause


class NameCues:
    """Tests of what announces a name and what ends one (mixed into
    :class:`~khulasa.facts.entities.recognizer.EntityRecognizer`)."""

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
        for_body = i >= 2 and tokens[i - 2].key == ON_BEHALF
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
        while k >= 0 and i - k <= MAX_ROLE + 4:
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

    def _role_word(self, word_key: str) -> bool:
        """An office noun, bare or with the article (مدير، المدير العام), not an honorific."""
        bare = word_key[2:] if word_key.startswith("ال") else word_key
        return word_key not in NAME_TITLES and (
            word_key in self.gaz.role_heads or bare in self.gaz.role_heads
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

    def _affiliation(self, text: str, tokens: list[Token], j: int) -> bool:
        """Token j opens "من/مع + organisation" (هارلان واتسون من وفد الولايات المتحدة،
        مارسيلو فورتادو مع غرينبيس): the words before it were a name with its affiliation."""
        if j + 1 >= len(tokens) or tokens[j].key not in AFFILIATION_WORDS:
            return False
        if ends_clause(text, tokens[j - 1].end, tokens[j].start):
            return False
        listed = self._gazetteer_match(text, tokens, j + 1)
        if listed is not None:
            return listed[0].kind == "org"
        return self._org_rule(text, tokens, j + 1) is not None

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
            or word_key in APPOSITION_OPENERS  # "وقال جيانغ هوي أحد المسؤولين"
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
