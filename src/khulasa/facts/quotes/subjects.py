"""Who speaks with a speech verb: the subject after it, before it, or implied by the sentence.

Arabic puts the subject after the verb (قال لافروف إن), before it (فإن كيري قال) or leaves it to
the sentence or the article (وأضاف أن); each reading is a rule of its own, tried from the surest
to the weakest by :meth:`SubjectFinder._verb_subject`. A mixin of the reader, which keeps the
article's state (its names, the office holders seen, the last speaker).
"""

from __future__ import annotations

from collections.abc import Sequence

from khulasa.facts.entities import RawMention
from khulasa.facts.lexicon import (
    CONTINUATION_VERBS,
    NAME_STOPS,
    NAME_TITLES,
    PRESENT_CONTINUATION_VERBS,
    SOURCE_NOUNS,
    WEEKDAYS,
)
from khulasa.facts.quotes.clauses import ClauseReader
from khulasa.facts.quotes.words import (
    _ADVERBS_BEFORE_SUBJECT,
    _AUXILIARIES,
    _INSTITUTIONS,
    _MEANS,
    _RELATIVE_PRONOUNS,
    _REPORT_VERBS,
    _SKIP_BEFORE_SUBJECT,
    _SOURCE_PREPOSITIONS,
    _SUBJECT_WINDOW,
    Speaker,
)
from khulasa.facts.text import Token, clitic_forms, ends_clause, key, verb_forms
from khulasa.language import get_language


class SubjectFinder(ClauseReader):
    """The subject rules of :class:`khulasa.facts.quotes.QuoteReader`."""

    names: dict[str, str]
    role_heads: frozenset[str]
    holders: list[tuple[str, Speaker]]

    def _verb_subject(
        self,
        text: str,
        tokens: list[Token],
        i: int,
        mentions: Sequence[RawMention],
        verb: str,
        previous: Speaker | None,
    ) -> Speaker | None:
        """Who speaks with the verb at token i, from the surest reading to the weakest.

        A recognised subject after or before the verb; a bare verb whose sentence names a
        person earlier; the previous speaker for "وأضاف أن" (only when no unrecognised subject
        stands between the verb and its أن); else a short unlisted subject as written.
        """
        speaker = (
            self._antecedent(text, tokens, i, mentions)
            or self._subject_after(text, tokens, i, mentions)
            or self._subject_before(text, tokens, i, mentions)
        )
        if speaker is None:
            speaker = self._implied_subject(text, tokens, i, mentions)
        if speaker is not None:
            return speaker
        phrase = self._unnamed_subject(text, tokens, i)
        if phrase is None:
            if verb in PRESENT_CONTINUATION_VERBS:
                return previous if self._bare_present(text, tokens, i) else None
            return previous if verb in CONTINUATION_VERBS else None
        return Speaker(phrase, None)

    def _bare_present(self, text: str, tokens: list[Token], i: int) -> bool:
        """ "… في هذا يقول ان": a present-tense verb with no subject on either side."""
        if self._subject_gap(text, tokens, i):
            return False
        if i == 0 or ends_clause(text, tokens[i - 1].end, tokens[i].start):
            return True
        prev = tokens[i - 1].key
        if prev in _RELATIVE_PRONOUNS:
            return False  # "ذبيح الله مجاهد الذي يقول إنه": the antecedent speaks
        return get_language("ar").is_stopword(prev) or prev in NAME_STOPS

    def _implied_subject(
        self, text: str, tokens: list[Token], i: int, mentions: Sequence[RawMention]
    ) -> Speaker | None:
        """A verb with nothing before its إن/أن takes the person the sentence is about.

        "واجتمع أحمدي نجاد مع المعتقلين … حيث أعلن أن …": the one named earlier speaks.
        """
        if i == 0 or self._subject_gap(text, tokens, i):
            return None
        if self._complement(text, tokens, i) != i + 2 and not self._opens_speech(text, tokens, i):
            return None
        before = [m for m in mentions if m.end <= tokens[i].start]
        people = [m for m in before if m.kind == "person"]
        if people:
            return self._speaker(people[0])
        # else the sentence's own subject: "هددت إيران … ردا على ما قالت إنه …"
        opening = tokens[min(2, len(tokens) - 1)].end
        return self._speaker(before[0]) if before and before[0].start < opening else None

    def _unnamed_subject(self, text: str, tokens: list[Token], i: int) -> str | None:
        """An unlisted subject of one to three words: "وقال صياد عراقي (…) أنه"."""
        gap = self._subject_gap(text, tokens, i)
        if not gap or self._complement(text, tokens, i) is None:
            return None
        end = next(
            (n for n in range(1, len(gap)) if ends_clause(text, gap[n - 1].end, gap[n].start)),
            len(gap),
        )
        gap = gap[:end]  # up to a bracket or comma: "صياد عراقي (الذي طلب …)"
        first = gap[0].key
        written = [t for t in tokens[i + 1 :] if gap[0].start <= t.start <= gap[-1].start]
        if len(written) > 3 or first in NAME_STOPS or first in WEEKDAYS:
            return None
        if first.startswith(("لل", "بال")):
            return None  # وقالت للحضور بأنها: whom she spoke to, not who spoke
        if get_language("ar").is_stopword(first) or any(t.text.endswith("ه") for t in gap):
            return None  # a pronoun suffix marks an object (رأي حكومته), not a subject
        return text[gap[0].start : gap[-1].end]

    def _subject_after(
        self, text: str, tokens: list[Token], i: int, mentions: Sequence[RawMention]
    ) -> Speaker | None:
        """The speaker named right after the verb (VSO), before إن/أن or the quote.

        The subject must start at the first word after the verb (time words skipped): a name,
        a role whose holder is named next (نفى نائب وزير الخارجية الروسي سيرجي ريابكوف), an
        unnamed source (مسؤول أميركي) or a counted group (6 دول غربية).
        """
        limit = self._subject_limit(text, tokens, i)
        k = i + 1
        if verb_forms(tokens[i].key)[-1] in _REPORT_VERBS and k < len(tokens):
            k += tokens[k].key in _SOURCE_PREPOSITIONS  # نُقل عن لافروف: the source follows عن
        while k < len(tokens) and (
            tokens[k].key in _SKIP_BEFORE_SUBJECT
            or (tokens[k].key in WEEKDAYS and tokens[k].key.startswith("ال"))  # not أحد (one)
            or tokens[k].key in _ADVERBS_BEFORE_SUBJECT
        ):
            k += 1
        if k >= len(tokens) or tokens[k].start >= limit:
            return None
        word = tokens[k].key
        if word in SOURCE_NOUNS or clitic_forms(word)[-1] in SOURCE_NOUNS:
            indefinite = not clitic_forms(word)[-1].startswith("ال")
            if (
                indefinite
                and k + 1 < len(tokens)
                and (
                    tokens[k + 1].key.startswith("ال")
                    or bool(_MEANS.intersection(clitic_forms(word)))
                )
            ):
                # أحد الجنود، وسائل الإعلام الإيرانية، وسائل إعلام تركية: a noun and its genitive
                return Speaker(self._source_phrase(text, tokens, k + 1, first=k), None)
            return Speaker(self._source_phrase(text, tokens, k), None)
        here = [m for m in mentions if tokens[k].start <= m.start < tokens[k].end]
        if here:
            return self._speaker(here[0])
        titled = self._titled_person(tokens, k, mentions)
        if titled is not None:
            return titled
        if word in self.role_heads:
            inside = [m for m in mentions if tokens[k].end <= m.start < limit]
            for mention in inside:
                if mention.kind == "person":
                    return self._speaker(mention)
            # an unnamed office holder speaks, not the body named in the title:
            # "قال زعيم جماعة الحوثي اليمنية في رسالة"
            phrase = self._construct_phrase(text, tokens, k)
            return self._holder(phrase) or Speaker(phrase, None)
        if word in _INSTITUTIONS or clitic_forms(word)[-1] in _INSTITUTIONS:
            return Speaker(self._construct_phrase(text, tokens, k), None)
        if word.isdigit() and k + 1 < len(tokens):
            return Speaker(self._source_phrase(text, tokens, k, 2), None)
        return None

    def _antecedent(
        self, text: str, tokens: list[Token], i: int, mentions: Sequence[RawMention]
    ) -> Speaker | None:
        """ "ممثل صندوق النقد الدولي الذي قال إنه": after a relative pronoun the speaker is the
        person or body named right before it."""
        if i == 0 or tokens[i - 1].key not in _RELATIVE_PRONOUNS:
            return None
        before = tokens[i - 1].start
        named = [m for m in mentions if m.kind in ("person", "org") and m.end <= before]
        if named and not text[named[-1].end : before].strip():
            return self._speaker(named[-1])
        return None

    def _titled_person(
        self, tokens: list[Token], k: int, mentions: Sequence[RawMention]
    ) -> Speaker | None:
        """The person named after a title and/or a nationality at token k: "وقال الفنان سامح
        الصريطي"، "وقالت الاسترالية جانيت ماغواير"، "الفنان المصري نور الشريف"."""
        j = k
        while (
            j < len(tokens)
            and j - k < 2
            and (
                tokens[j].key in NAME_TITLES
                or (tokens[j].key.startswith("ال") and self.gaz.is_nationality(tokens[j].key))
            )
        ):
            j += 1
        if j == k or j >= len(tokens):
            return None
        named = [m for m in mentions if m.kind == "person" and m.start == tokens[j].start]
        return self._speaker(named[0]) if named else None

    def _named_before(
        self, start: int, mentions: Sequence[RawMention], opening: int = 0
    ) -> Speaker | None:
        """The nearest person (else organisation) named earlier in the sentence, else the
        country that opens it: "وحافظت المملكة المتحدة على قولها بان" — a state speaks through
        its government, but not a country named in passing (… جزءًا من الهند، … قائلاً)."""
        for kind in ("person", "org", "place"):
            before = [
                m
                for m in mentions
                if m.end <= start
                and m.kind == kind
                and start - m.end < 60
                and (kind != "place" or m.start < opening)
            ]
            if before:
                return self._speaker(before[-1])
        return None

    def _sentence_subject(
        self, tokens: list[Token], i: int, mentions: Sequence[RawMention]
    ) -> Speaker | None:
        """The person named among the sentence's first words (before token i): the subject a
        participle such as قائلا refers back to ("مايكل راسموسن تم ابعاده …، قائلا انه")."""
        opening = tokens[min(_SUBJECT_WINDOW // 2, i) - 1].end if i else 0
        first = [m for m in mentions if m.kind == "person" and m.start < opening]
        return self._speaker(first[0]) if first else None

    def _holder(self, title: str) -> Speaker | None:
        """ "وقال الرئيس": the person the article last named with a role that starts so."""
        wanted = key(title)
        found = [who for role, who in self.holders if role.startswith(wanted)]
        return found[-1] if found else None

    def _speaker(self, mention: RawMention) -> Speaker:
        return Speaker(self.names.get(mention.group, mention.canonical), mention.group)

    def _subject_before(
        self, text: str, tokens: list[Token], i: int, mentions: Sequence[RawMention]
    ) -> Speaker | None:
        """SVO order (فإن كيري قال، وكان مسؤول أميركي قال، لافروف قد أعلن)."""
        j = i - 1
        while j >= 0 and tokens[j].key in _AUXILIARIES:
            j -= 1
        if j < 0:
            return None
        gap = text[tokens[j].end : tokens[j + 1].start if j + 1 < i else tokens[i].start]
        if gap.strip(" ،,"):
            return None  # a comma may sit between subject and verb: "قيادة التحالف، أشارت"
        head = self._apposed_head(text, tokens[j].end, mentions) if gap.strip() else None
        if head is not None:
            return head
        for mention in mentions:
            if mention.end == tokens[j].end and mention.kind in ("person", "org"):
                return self._speaker(mention)
        for k in (j - 2, j - 1, j):
            if k >= 0 and (tokens[k].key in SOURCE_NOUNS or tokens[k].key in _INSTITUTIONS):
                return Speaker(text[tokens[k].start : tokens[j].end], None)
        return None

    def _apposed_head(self, text: str, end: int, mentions: Sequence[RawMention]) -> Speaker | None:
        """ "هوارد شميت، مستشار … للرئيس باراك أوباما وسلفه جورج دبليو بوش، يقول": a sentence
        that opens with a person and a comma, and reaches the verb after another comma, has that
        person as its subject, not the last name of the apposition."""
        people = [m for m in mentions if m.kind == "person" and m.end <= end]
        if not people or people[0].start > 2 or people[0].end == end:
            return None
        if not text[people[0].end :].lstrip().startswith(("،", ",")):
            return None
        return self._speaker(people[0])
