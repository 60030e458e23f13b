"""One document's sentences read in order: speech cues, quoted spans and the quotes they make.

The reader keeps the article's state (the last speaker, the office holders named, a quotation
waiting for its speaker); the rules for who speaks and where speech starts are its mixins
(:mod:`~khulasa.facts.quotes.subjects`, :mod:`~khulasa.facts.quotes.clauses`).
"""

from __future__ import annotations

from collections.abc import Sequence

from khulasa.facts.entities import RawMention
from khulasa.facts.gazetteer import load_gazetteer
from khulasa.facts.lexicon import (
    ATTRIBUTION_MARKERS,
    COMPLEMENTISERS,
    SOURCE_NOUNS,
    SPEECH_VERBS,
)
from khulasa.facts.model import Quote, Source
from khulasa.facts.quotes.subjects import SubjectFinder
from khulasa.facts.quotes.words import (
    _NOUN_CONTEXT,
    _OBJECT_VERBS,
    _OPENS_QUOTATION,
    _PARTICIPLES,
    _QUOTE_SPAN,
    _RELATIVE_WHAT,
    _SPEECH_NOUNS,
    Speaker,
    _Cue,
)
from khulasa.facts.text import Token, clitic_forms, key, tokenize, verb_forms

# The rule ids a quote records (``Quote.found_by``): a quotation or a reported clause after a
# speech cue, a paragraph that continues the last speaker; the others are named where made.
_QUOTED = "quote.cue_quoted"
_REPORTED = "quote.cue_reported"
_CONTINUES = "quote.continues_speaker"


class QuoteReader(SubjectFinder):
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
                    "quote.speaker_in_next_sentence",
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
                        "quote.attributed_after",
                    )
                )
        if quotes:
            spans = [sp for sp in spans if sp[0] >= first]
        if not cues and self.last is not None and not quotes:
            whole = self._standalone_quote(text)
            if whole:  # a paragraph that is one quotation continues the last speaker
                last = self.last
                return [Quote(whole, "direct", None, last.name, last.entity_id, source, _CONTINUES)]
        headline = self._headline(text, mentions) if source.sentence_index <= 1 else None
        if headline and not cues:
            speaker, rest = headline
            self.last = speaker
            ident = speaker.entity_id
            return [Quote(rest, "direct", None, speaker.name, ident, source, "quote.headline")]
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
                quoted = text[start:stop]
                quotes.append(Quote(quoted, "direct", cue.verb, name, ident, source, _QUOTED))
            if not mine and cue.complement is not None and cue.complement < len(tokens):
                said = text[tokens[cue.complement].start : end].strip(" ،,.")
                if len(said.split()) >= 3:
                    quotes.append(Quote(said, "reported", cue.verb, name, ident, source, _REPORTED))
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
