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
    NAME_STOPS,
    SPEECH_VERBS,
    WEEKDAYS,
)
from khulasa.facts.model import Quote, Source
from khulasa.facts.text import Token, clitic_forms, ends_clause, key, tokenize

_QUOTE_SPAN = re.compile(r"“([^“”]+)[”“]|«([^«»]+)»|\"([^\"]+)\"|„([^“”„]+)[“”]")
# Nouns that make an unnamed speaker: مسؤول أميركي، مصادر سورية، الدبلوماسي الأميركي.
_SOURCE_NOUNS = frozenset(
    key(w)
    for w in (
        "مسؤول",
        "مسؤولة",
        "مسؤولون",
        "مسؤولين",
        "المسؤول",
        "مصدر",
        "مصادر",
        "المصادر",
        "المصدر",
        "تقارير",
        "التقارير",
        "دبلوماسي",
        "الدبلوماسي",
        "دبلوماسيون",
        "شهود",
        "ناشطون",
        "ناشطين",
        "مراقبون",
        "خبراء",
        "محللون",
        "سكان",
        "بيان",
        "البيان",
        "السلطات",
        "الشرطة",
        "متحدث",
        "ناطق",
        "وسائل",
        "مراسل",
        "الفصائل",
        "فصائل",
        "الناشطون",
        "الأهالي",
        "المتظاهرون",
        "المحتجون",
        "المسلحون",
    )
)
# Extra speech markers that are not finite verbs: بالقول، قوله، قائلا.
_SPEECH_NOUNS = frozenset(key(w) for w in ("بالقول", "قوله", "قائلا", "قائلة", "اكتفى"))
_SUBJECT_WINDOW = 12
# Institutions that speak without a name: قيادة التحالف، وزارة الصحة، الحكومة.
_INSTITUTIONS = frozenset(
    key(w) for w in ("قيادة", "وزارة", "الحكومة", "الرئاسة", "الجيش", "رئاسة", "هيئة", "لجنة")
)
_REPORT_VERBS = frozenset(key(w) for w in ("نقل", "نقلت", "نقلا"))
# Verbs whose object (a verbal noun) is the content when no إن/أن follows: نفى فلان توصل …
_OBJECT_VERBS = frozenset(key(w) for w in ("نفى", "نفت", "ينفي", "تنفي"))
_SKIP_BEFORE_SUBJECT = frozenset(key(w) for w in ("من", "جانبه", "جانبها", "فيه", "فيها", "ايضا"))


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
        self.role_heads = load_gazetteer().role_heads

    def read(self, source: Source, mentions: Sequence[RawMention]) -> list[Quote]:
        text = source.sentence
        tokens = tokenize(text)
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
                    sp for sp in spans if sp[1] <= begin and not text[sp[1] : begin].strip(" ،,و")
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
        for i, tok in enumerate(tokens):
            forms = verb_forms(tok.key)
            verb = next((f for f in forms if f in SPEECH_VERBS or f in _SPEECH_NOUNS), None)
            marker = next((f for f in forms if f in ATTRIBUTION_MARKERS), None)
            if verb is None and marker is None:
                continue
            if cues and i - cues[-1].token <= 1:
                continue  # "وتابع قائلا": one cue
            if marker is not None:
                continue  # بحسب X names where a report came from; it opens no quote of its own
            if verb in _SPEECH_NOUNS:  # عن فلان قوله، واكتفى بالقول: the one already named
                speaker = self._named_before(tokens[i].start, mentions) or (
                    cues[-1].speaker if cues else self.last
                )
            else:
                speaker = self._subject_after(text, tokens, i, mentions) or self._subject_before(
                    text, tokens, i, mentions
                )
                if speaker is None and verb in CONTINUATION_VERBS:
                    speaker = cues[-1].speaker if cues else self.last
            if speaker is None:
                continue  # يذكر أن، دعت (subject far away): no speaker we can trust
            complement = self._complement(text, tokens, i)
            if complement is None and verb in _OBJECT_VERBS and speaker.entity_id:
                complement = self._after_subject(tokens, i, speaker, mentions)
            cues.append(_Cue(i, tok.text, speaker, complement))
        return cues

    def _complement(self, text: str, tokens: list[Token], i: int) -> int | None:
        for j in range(i + 1, min(len(tokens), i + _SUBJECT_WINDOW + 4)):
            if (
                clitic_forms(tokens[j].key)[0] in COMPLEMENTISERS
                or tokens[j].key in COMPLEMENTISERS
            ):
                return j + 1
            gap = text[tokens[j - 1].end : tokens[j].start]
            if ":" in gap and not (tokens[j - 1].key.isdigit() and tokens[j].key.isdigit()):
                return j  # "وقال: …" but not a clock time (11:59)
        return None

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
            or tokens[k].key in WEEKDAYS
            or tokens[k].key in {key("اليوم"), key("امس"), key("قد")}
        ):
            k += 1
        if k >= len(tokens) or tokens[k].start >= limit:
            return None
        word = tokens[k].key
        if word in _SOURCE_NOUNS or clitic_forms(word)[-1] in _SOURCE_NOUNS:
            return Speaker(self._source_phrase(text, tokens, k), None)
        here = [m for m in mentions if tokens[k].start <= m.start < tokens[k].end]
        if here:
            return self._speaker(here[0])
        if word in self.role_heads:
            inside = [m for m in mentions if tokens[k].end <= m.start < limit]
            for mention in inside:
                if mention.kind == "person":
                    return self._speaker(mention)
            # an unnamed office holder speaks, not the body named in the title:
            # "قال زعيم جماعة الحوثي اليمنية في رسالة"
            return Speaker(self._construct_phrase(text, tokens, k), None)
        if word in _INSTITUTIONS or clitic_forms(word)[-1] in _INSTITUTIONS:
            return Speaker(self._construct_phrase(text, tokens, k), None)
        if word.isdigit() and k + 1 < len(tokens):
            return Speaker(self._source_phrase(text, tokens, k, 2), None)
        return None

    @staticmethod
    def _after_subject(
        tokens: list[Token], i: int, speaker: Speaker, mentions: Sequence[RawMention]
    ) -> int | None:
        """نفى فلان توصل موسكو لاتفاق: what is denied starts right after the speaker's name."""
        for mention in mentions:
            if mention.group == speaker.entity_id and mention.start >= tokens[i].end:
                return next((k for k, t in enumerate(tokens) if t.start >= mention.end), None)
        return None

    def _named_before(self, start: int, mentions: Sequence[RawMention]) -> Speaker | None:
        """The nearest person (else organisation) named earlier in the sentence."""
        for kind in ("person", "org"):
            before = [
                m for m in mentions if m.end <= start and m.kind == kind and start - m.end < 60
            ]
            if before:
                return self._speaker(before[-1])
        return None

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
        for mention in mentions:
            if mention.end == tokens[j].end and mention.kind in ("person", "org"):
                return self._speaker(mention)
        for k in (j - 2, j - 1, j):
            if k >= 0 and (tokens[k].key in _SOURCE_NOUNS or tokens[k].key in _INSTITUTIONS):
                return Speaker(text[tokens[k].start : tokens[j].end], None)
        return None

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

    @staticmethod
    def _source_phrase(text: str, tokens: list[Token], k: int, extra: int = 1) -> str:
        """Unnamed speakers (مسؤول أميركي، مصادر سورية، 6 دول غربية): noun and adjectives."""
        end = k
        while end + 1 < len(tokens) and end - k < extra:
            if ends_clause(text, tokens[end].end, tokens[end + 1].start):
                break
            nxt = tokens[end + 1].key
            adjective = nxt.endswith(("ي", "يه", "ه", "يون", "يين")) and nxt not in NAME_STOPS
            if not adjective and not (extra > 1 and end == k):
                break
            if nxt.startswith(("ل", "ب")) and not nxt.startswith("ال"):
                break
            end += 1
        return text[tokens[k].start : tokens[end].end]

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


def verb_forms(word_key: str) -> list[str]:
    """A verb with its conjunction (و، ف) peeled; prepositions never attach to verbs."""
    forms = [word_key]
    if len(word_key) > 3 and word_key[0] in "وف":
        forms.append(word_key[1:])
    return forms


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
