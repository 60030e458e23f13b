"""Who said what: direct quotes and reported speech, each with its speaker.

Arabic news attributes speech with a verb before the speaker (قال لافروف إن …، أعلن مسؤول
أميركي أن …), sometimes after it (فإن كيري قال …), with بحسب/وفق (بحسب وصف الرئيس السوري), or
with a name and a colon in headlines (كيري: …). A speech verb with no subject of its own
(وأضاف، وتابع، واعتبر أن، وقال: …) continues the previous speaker of the same article.

Quoted spans of one to three words with no speech verb are names or scare quotes (صحيفة «الوطن»،
تنظيم "داعش"), not speech, and are skipped.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from khulasa.facts.entities import RawMention
from khulasa.facts.gazetteer import load_gazetteer
from khulasa.facts.lexicon import (
    ATTRIBUTION_MARKERS,
    COMPLEMENTISERS,
    CONTINUATION_VERBS,
    DENIAL_VERBS,
    NAME_STOPS,
    NAME_TITLES,
    PRESENT_CONTINUATION_VERBS,
    SOURCE_NOUNS,
    SPEECH_VERBS,
    WEEKDAYS,
)
from khulasa.facts.model import Quote, Source
from khulasa.facts.text import Token, clitic_forms, ends_clause, key, tokenize, verb_forms
from khulasa.language import get_language

_QUOTE_SPAN = re.compile(r"“([^“”]+)[”“]|«([^«»]+)»|\"([^\"]+)\"|„([^“”„]+)[“”]")
# Extra speech markers that are not finite verbs: بالقول، قوله، قائلا.
_SPEECH_NOUNS = frozenset(
    key(w) for w in ("بالقول", "قوله", "قولها", "قولهم", "قائلا", "قائلة", "اكتفى")
)
# "X …، قائلا انه": a participle speaks for the sentence's subject, however far back it stands
_PARTICIPLES = frozenset(key(w) for w in ("قائلا", "قائلة"))
_MEANS = key("وسائل")  # وسائل إعلام: the noun takes its genitive, definite or not
_SUBJECT_WINDOW = 12
_BRACKETS = re.compile(r"\([^()]*\)")
# Words before which a speech word is a verbal noun, not a verb: عدم ذكر اسمه، بعد إعلان.
_NOUN_CONTEXT = frozenset(key(w) for w in ("عدم", "دون", "بدون", "بعد", "قبل"))
# Institutions that speak without a name: قيادة التحالف، وزارة الصحة، الحكومة.
_INSTITUTIONS = frozenset(
    key(w) for w in ("قيادة", "وزارة", "الحكومة", "الرئاسة", "الجيش", "رئاسة", "هيئة", "لجنة")
)
_REPORT_VERBS = frozenset(key(w) for w in ("نقل", "نقلت", "نقلا"))
# Verbs whose object (a verbal noun) is the content when no إن/أن follows: نفى فلان توصل …
_OBJECT_VERBS = DENIAL_VERBS
# Words between a verb and its subject; "ت" is a feminine ending split off in careless text
# ("أشار ت وزارة الخارجية").
_SKIP_BEFORE_SUBJECT = frozenset(
    key(w) for w in ("من", "جانبه", "جانبها", "فيه", "فيها", "ايضا", "ت")
)
_RELATIVE_PRONOUNS = frozenset(key(w) for w in ("الذي", "التي", "الذين", "اللذين", "اللتين"))
# An adverbial accusative of the فاعلاً pattern: "وأفاد راسخا بأنه"، "أكد جازما أن".
_ADVERB = re.compile(r"^\wا\w\wا$")
# "وفقا لما ذكره البيان": after ما the verb carries an object pronoun and its subject follows.
_RELATIVE_WHAT = frozenset(key(w) for w in ("ما", "لما", "كما", "بما"))
# A sentence that opens with a quotation mark and never closes it.
_OPENS_QUOTATION = re.compile(r"^\s*[“«\"][^”»\"]{20,}$")


@dataclass(frozen=True)
class Speaker:
    name: str
    entity_id: str | None


@dataclass(frozen=True)
class _Cue:
    """A speech verb or attribution marker in a sentence, with the speaker it names (if any)."""

    token: int
    verb: str
    speaker: Speaker | None
    complement: int | None  # token index after إن/أن, when reported speech follows


class QuoteReader:
    """Reads one document's sentences in order, remembering the last speaker."""

    def __init__(self, names: dict[str, str]) -> None:
        self.names = names  # entity id → display name
        self.last: Speaker | None = None
        self.gaz = load_gazetteer()
        self.role_heads = self.gaz.role_heads
        self.holders: list[tuple[str, Speaker]] = []  # (role key, person) seen in the article
        self._named_spans: list[tuple[int, int]] = []  # entity mentions of the current sentence
        self._waiting: Source | None = None  # a sentence that opened a quotation, no speaker

    def read(self, source: Source, mentions: Sequence[RawMention]) -> list[Quote]:
        """The quotes of the next sentence of the document, in reading order.

        A sentence that opens a quotation with no speaker ("حتى أنهم ذهبوا …) waits for the
        next one: when that starts with a speech verb and its speaker ("وقال دي بوير"…"), the
        quotation was his (a translated article names the speaker after the quote).
        """
        waiting, self._waiting = self._waiting, None
        quotes = self._read(source, mentions)
        if waiting is not None and quotes and quotes[0].verb:
            first = tokenize(source.sentence)[:2]
            if any(t.text == quotes[0].verb for t in first) and quotes[0].speaker:
                head = quotes[0]
                opened = Quote(
                    waiting.sentence.strip().lstrip('“«"').strip(),
                    "direct",
                    head.verb,
                    head.speaker,
                    head.speaker_id,
                    waiting,
                )
                quotes.insert(0, opened)
        if not quotes and _OPENS_QUOTATION.match(source.sentence):
            self._waiting = source
        return quotes

    def _read(self, source: Source, mentions: Sequence[RawMention]) -> list[Quote]:
        text = source.sentence
        tokens = tokenize(text)
        self._named_spans = [(m.start, m.end) for m in mentions]
        for mention in mentions:
            if mention.kind == "person" and mention.role:
                self.holders.append((key(mention.role), self._speaker(mention)))
        cues = self._cues(text, tokens, mentions)
        markers = self._markers(text, tokens, mentions)
        spans = self._quote_spans(text, bool(cues or markers), mentions)
        quotes: list[Quote] = []
        first = tokens[cues[0].token].start if cues else len(text)
        for start, stop in spans:  # “…”، بحسب وصف الرئيس: quotes attributed after the fact
            after = [m for m in markers if m[0] >= stop and m[0] <= first]
            if after and start < first:
                speaker = after[0][1]
                quotes.append(
                    Quote(
                        text[start:stop],
                        "direct",
                        after[0][2],
                        speaker.name,
                        speaker.entity_id,
                        source,
                    )
                )
        if quotes:
            spans = [sp for sp in spans if sp[0] >= first]
        if not cues and self.last is not None and not quotes:
            whole = self._standalone_quote(text)
            if whole:  # a paragraph that is one quotation continues the last speaker
                return [Quote(whole, "direct", None, self.last.name, self.last.entity_id, source)]
        headline = self._headline(text, mentions) if source.sentence_index <= 1 else None
        if headline and not cues:
            speaker, rest = headline
            self.last = speaker
            return [Quote(rest, "direct", None, speaker.name, speaker.entity_id, source)]
        for n, cue in enumerate(cues):
            speaker = cue.speaker
            self.last = speaker
            begin = tokens[cue.token].start
            end = tokens[cues[n + 1].token].start if n + 1 < len(cues) else len(text)
            mine = [s for s in spans if begin <= s[0] < end]
            if n == 0:  # “…”، قال فلان: a quote right before the first verb is its speech
                mine += [
                    sp
                    for sp in spans
                    if sp[1] <= begin and not text[sp[1] : begin].strip(' ،,و"”»')
                ]
            name = speaker.name if speaker else None
            ident = speaker.entity_id if speaker else None
            for start, stop in sorted(mine):
                quotes.append(Quote(text[start:stop], "direct", cue.verb, name, ident, source))
            if not mine and cue.complement is not None and cue.complement < len(tokens):
                said = text[tokens[cue.complement].start : end].strip(" ،,.")
                if len(said.split()) >= 3:
                    quotes.append(Quote(said, "reported", cue.verb, name, ident, source))
        return quotes

    @staticmethod
    def _standalone_quote(text: str) -> str | None:
        stripped = text.strip()
        match = _QUOTE_SPAN.fullmatch(stripped.rstrip(" .،"))
        if not match:
            return None
        inner = next(g for g in match.groups() if g is not None).strip()
        return inner if len(inner.split()) >= 4 else None

    def _markers(
        self, text: str, tokens: list[Token], mentions: Sequence[RawMention]
    ) -> list[tuple[int, Speaker, str]]:
        """بحسب/وفق + a named speaker: (char offset, speaker, marker word)."""
        found = []
        for i, tok in enumerate(tokens):
            if not set(verb_forms(tok.key)) & ATTRIBUTION_MARKERS:
                continue
            window_end = tokens[min(len(tokens) - 1, i + 6)].end
            named = [m for m in mentions if tok.end <= m.start <= window_end and m.kind == "person"]
            if named:
                found.append((tok.start, self._speaker(named[0]), tok.text))
        return found

    # -- cues and speakers ---------------------------------------------------------------------

    def _cues(self, text: str, tokens: list[Token], mentions: Sequence[RawMention]) -> list[_Cue]:
        cues: list[_Cue] = []
        quoted = [m.span() for m in _QUOTE_SPAN.finditer(text)]
        for i, tok in enumerate(tokens):
            if any(a < tok.start < b for a, b in quoted):
                continue  # a verb inside quoted speech ("طالب السيد بلير …") is not a new cue
            if i and tokens[i - 1].key in _NOUN_CONTEXT:
                continue
            forms = verb_forms(tok.key)
            if self._reported_what(tokens, i):
                forms.append(tok.key[:-1])  # لما ذكره البيان: ذكر + the pronoun of ما
            verb = next((f for f in forms if f in SPEECH_VERBS or f in _SPEECH_NOUNS), None)
            marker = next((f for f in forms if f in ATTRIBUTION_MARKERS), None)
            if verb is None and marker is None:
                continue
            if cues and i - cues[-1].token <= 1:
                continue  # "وتابع قائلا": one cue
            if marker is not None:
                # بحسب X names where a report came from; it opens a quote of its own only at the
                # head of a sentence whose أن follows: "ووفقا لوكالة رويترز أظهرت بيانات … أن"
                opening = self._attribution_cue(text, tokens, i, mentions)
                if opening is not None:
                    cues.append(opening)
                continue
            if verb in _SPEECH_NOUNS:  # عن فلان قوله، واكتفى بالقول: the one already named
                opening = tokens[min(1, len(tokens) - 1)].end
                speaker = self._named_before(tokens[i].start, mentions, opening) or (
                    cues[-1].speaker
                    if cues
                    else (verb in _PARTICIPLES and self._sentence_subject(tokens, i, mentions))
                    or self.last
                )
            else:
                previous = cues[-1].speaker if cues else self.last
                speaker = self._verb_subject(text, tokens, i, mentions, verb, previous)
            if speaker is None:
                continue  # يذكر أن، دعت (subject far away): no speaker we can trust
            complement = self._complement(text, tokens, i)
            if complement is None and verb in _OBJECT_VERBS and speaker.entity_id:
                complement = self._after_subject(tokens, i, speaker, mentions)
            cues.append(_Cue(i, tok.text, speaker, complement))
        # A later verb with neither أن nor a quotation after it ("انه رأى راسموسن": saw) says
        # nothing of its own; as a cue it would only cut the first cue's reported speech short.
        return [
            cue
            for n, cue in enumerate(cues)
            if n == 0
            or cue.complement is not None
            or any(b >= tokens[cue.token].end for b, _ in quoted)
        ]

    def _attribution_cue(
        self, text: str, tokens: list[Token], i: int, mentions: Sequence[RawMention]
    ) -> _Cue | None:
        """A sentence that opens with وفقا ل / بحسب and a named source, then reports with أن."""
        if i > 1 or i + 1 >= len(tokens):
            return None
        window = tokens[min(i + 3, len(tokens) - 1)].end
        named = [
            m for m in mentions if m.kind in ("org", "person") and tokens[i].end <= m.start < window
        ]
        if named:
            speaker = self._speaker(named[0])
        else:
            source = clitic_forms(tokens[i + 1].key)[-1]
            if source not in SOURCE_NOUNS:
                return None  # وفقا لما ذكره البيان: the verb after ما is the cue
            speaker = Speaker(self._source_phrase(text, tokens, i + 1), None)
        complement = self._complement(text, tokens, i)
        if complement is None:
            return None
        return _Cue(i, tokens[i].text, speaker, complement)

    @staticmethod
    def _reported_what(tokens: list[Token], i: int) -> bool:
        """ "وفقا لما ذكره البيان انه": the verb after ما, with ما's pronoun, reports speech —
        unless an earlier speech verb leads the sentence ("وأشار وفقاً لما أوردته صحيفة …
        إلى أن": the paper is the source, the one who pointed out is the speaker)."""
        if not i or tokens[i - 1].key not in _RELATIVE_WHAT or not tokens[i].key.endswith("ه"):
            return False
        return not any(set(verb_forms(t.key)) & SPEECH_VERBS for t in tokens[:i])

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

    def _subject_gap(self, text: str, tokens: list[Token], i: int) -> list[Token]:
        """The words between a speech verb and its إن/أن, colon or quotation, but adverbs
        ("وأفاد راسخا بأنه": firmly; أيضا), which are no subject."""
        limit = self._subject_limit(text, tokens, i)
        return [
            t
            for t in tokens[i + 1 :]
            if t.end <= limit and not _ADVERB.match(t.key) and t.key != key("أيضا")
        ]

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

    @staticmethod
    def _opens_speech(text: str, tokens: list[Token], i: int) -> bool:
        rest = text[tokens[i].end :].lstrip()
        return rest[:1] in ':“«"'

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

    def _complement(self, text: str, tokens: list[Token], i: int) -> int | None:
        # words in brackets do not count: "أكدت المملكة المتحدة (كما ورد في …) أنه …"
        # and a named entity counts as one word: "صرح ايفو دي بوير، الأمين التنفيذي لاتفاقية
        # الأمم المتحدة الإطارية بشأن تغير المناخ، … : إن"
        inside = [m.span() for m in _BRACKETS.finditer(text)] + self._named_spans
        budget = _SUBJECT_WINDOW + 4
        relative = False
        for j in range(i + 1, len(tokens)):
            if not relative and tokens[j].key in _RELATIVE_PRONOUNS:
                # "وقال … وارن تراس الذي تتولى بلاده تنسيق … انه": a relative clause about the
                # speaker stands between him and his أن
                relative, budget = True, budget + _SUBJECT_WINDOW
            if not any(a < tokens[j].start < b for a, b in inside):
                budget -= 1
            if budget < 0:
                break
            if (
                clitic_forms(tokens[j].key)[0] in COMPLEMENTISERS
                or tokens[j].key in COMPLEMENTISERS
            ):
                return j + 1
            gap = text[tokens[j - 1].end : tokens[j].start]
            if ":" in gap and not (tokens[j - 1].key.isdigit() and tokens[j].key.isdigit()):
                return j  # "وقال: …" but not a clock time (11:59)
            if self._opens_unclosed(text, tokens[j - 1].end, tokens[j].start):
                return j  # "وقال فيرلوم "نحن …" with the quotation cut by the splitter
        return None

    @staticmethod
    def _opens_unclosed(text: str, gap_start: int, start: int) -> bool:
        """The gap before ``start`` opens a quotation that no mark closes in this sentence.

        A straight " opens only when an even number of them stands before it (تنظيم "داعش"
        الإرهابي: the second one closes).
        """
        gap = text[gap_start:start]
        if any(q in gap for q in "“«"):
            return not any(q in text[start:] for q in '”»"″')  # ″: a closing mark in the wild
        if '"' in gap and text[:gap_start].count('"') % 2 == 0:
            return '"' not in text[start:]
        return False

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
            k += tokens[k].key == key("عن")  # نُقل عن لافروف: the source follows عن
        while k < len(tokens) and (
            tokens[k].key in _SKIP_BEFORE_SUBJECT
            or (tokens[k].key in WEEKDAYS and tokens[k].key.startswith("ال"))  # not أحد (one)
            or tokens[k].key in {key("اليوم"), key("امس"), key("قد")}
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
                and (tokens[k + 1].key.startswith("ال") or _MEANS in clitic_forms(word))
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

    @staticmethod
    def _after_subject(
        tokens: list[Token], i: int, speaker: Speaker, mentions: Sequence[RawMention]
    ) -> int | None:
        """نفى فلان توصل موسكو لاتفاق: what is denied starts right after the speaker's name."""
        for mention in mentions:
            if mention.group == speaker.entity_id and mention.start >= tokens[i].end:
                return next((k for k, t in enumerate(tokens) if t.start >= mention.end), None)
        return None

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

    def _subject_limit(self, text: str, tokens: list[Token], i: int) -> int:
        """Where a post-verbal subject must end: at إن/أن, a colon or an opening quote."""
        for j in range(i + 1, min(len(tokens), i + _SUBJECT_WINDOW)):
            gap = text[tokens[j - 1].end : tokens[j].start]
            if any(q in gap for q in '“«":'):
                return tokens[j - 1].end
            if tokens[j].key in COMPLEMENTISERS or clitic_forms(tokens[j].key)[0] in (
                COMPLEMENTISERS
            ):
                return tokens[j].start
        return tokens[min(len(tokens) - 1, i + _SUBJECT_WINDOW)].end

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
        while j >= 0 and tokens[j].key in {key("قد"), key("كان"), key("كانت")}:
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

    @staticmethod
    def _construct_phrase(text: str, tokens: list[Token], k: int, limit: int = 4) -> str:
        """A noun and its genitives up to the first definite one: "قيادة قوات التحالف"."""
        end = k
        while end + 1 < len(tokens) and end + 1 - k < limit:
            nxt = tokens[end + 1]
            if ends_clause(text, tokens[end].end, nxt.start) or nxt.key in NAME_STOPS:
                break
            if nxt.key in COMPLEMENTISERS or nxt.key in SPEECH_VERBS:
                break
            end += 1
            if nxt.key.startswith("ال"):
                break
        return text[tokens[k].start : tokens[end].end]

    def _source_phrase(
        self, text: str, tokens: list[Token], k: int, extra: int = 1, first: int | None = None
    ) -> str:
        """Unnamed speakers (مسؤول أميركي، مصادر سورية، 6 دول غربية): noun and adjectives.

        ``first``: where the phrase starts when ``k`` is the genitive of a noun before it.
        """
        end = k
        while end + 1 < len(tokens) and end - k < extra:
            if ends_clause(text, tokens[end].end, tokens[end + 1].start):
                break
            nxt = tokens[end + 1].key
            adjective = nxt.endswith(("ي", "يه", "ه", "يون", "يين")) and nxt not in NAME_STOPS
            if not adjective and not (extra > 1 and end == k):
                break
            if (
                nxt.startswith(("ل", "ب"))
                and not nxt.startswith("ال")
                and not self.gaz.is_nationality(nxt)
            ):
                break  # بريطانيون is an adjective, لبنان … a preposition
            end += 1
        if (
            end + 1 < len(tokens)
            and self.gaz.is_nationality(tokens[end + 1].key)
            and not ends_clause(text, tokens[end].end, tokens[end + 1].start)
        ):
            end += 1  # تقارير إخبارية تركية: a nationality closes the phrase whatever its place
        return text[tokens[k if first is None else first].start : tokens[end].end]

    def _headline(self, text: str, mentions: Sequence[RawMention]) -> tuple[Speaker, str] | None:
        """ "كيري: الجهود ستتواصل": a name and a colon open the sentence."""
        if not mentions or mentions[0].start > 2:
            return None
        first = mentions[0]
        rest = text[first.end :]
        if not rest.lstrip().startswith(":"):
            return None
        said = rest.lstrip()[1:].strip()
        if len(said.split()) < 2:
            return None
        return Speaker(self.names.get(first.group, first.canonical), first.group), said

    # -- quoted spans ---------------------------------------------------------------------------

    def _quote_spans(
        self, text: str, attributed: bool, mentions: Sequence[RawMention]
    ) -> list[tuple[int, int]]:
        spans = []
        for match in _QUOTE_SPAN.finditer(text):
            group = next(g for g in range(1, 5) if match.group(g) is not None)
            inner = match.group(group).strip()
            start, end = match.start(group), match.end(group)
            if not inner or not attributed:
                continue
            if any(m.start <= start + 1 and m.end >= end - 1 for m in mentions):
                continue  # a quoted name: تنظيم "داعش"، "جبهة النصرة"
            if len(inner.split()) <= 2:
                # one or two quoted words are speech only right after a speech cue
                # (بأنه “متفائل”), not a quoted term (أعلنت عن «هدنة إنسانية»)
                before = text[: match.start()].split()[-1:]
                if not any(
                    set(verb_forms(key(w))) & (SPEECH_VERBS | COMPLEMENTISERS) for w in before
                ):
                    continue
            spans.append((start, end))
        return spans


def extract_quotes(
    documents: Sequence[Sequence[Source]],
    mentions: dict[tuple[str, int], list[RawMention]],
    names: dict[str, str],
) -> list[Quote]:
    """Quotes of every document; ``mentions`` are keyed by (doc_id, sentence_index)."""
    quotes: list[Quote] = []
    for sources in documents:
        reader = QuoteReader(names)
        for source in sources:
            found = mentions.get((source.doc_id, source.sentence_index), [])
            quotes.extend(reader.read(source, found))
    return quotes
