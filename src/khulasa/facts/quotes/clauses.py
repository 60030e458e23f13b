"""Where reported speech starts after a cue and where a speaker's phrase ends.

Both the subject rules and the reader ask these questions of the words after a verb (its أن,
colon or quotation; the noun and adjectives of an unnamed source), so they are one mixin that
reads the sentence's tokens and the entity spans the reader keeps for the current sentence.
"""

from __future__ import annotations

from collections.abc import Sequence

from khulasa.facts.entities import RawMention
from khulasa.facts.gazetteer import Gazetteer
from khulasa.facts.lexicon import COMPLEMENTISERS, NAME_STOPS, SPEECH_VERBS
from khulasa.facts.quotes.words import (
    _ADVERB,
    _ALSO,
    _BRACKETS,
    _RELATIVE_PRONOUNS,
    _SUBJECT_WINDOW,
    Speaker,
)
from khulasa.facts.text import Token, clitic_forms, ends_clause


class ClauseReader:
    """The clause rules of :class:`khulasa.facts.quotes.QuoteReader`."""

    gaz: Gazetteer
    _named_spans: list[tuple[int, int]]

    def _subject_gap(self, text: str, tokens: list[Token], i: int) -> list[Token]:
        """The words between a speech verb and its إن/أن, colon or quotation, but adverbs
        ("وأفاد راسخا بأنه": firmly; أيضا), which are no subject."""
        limit = self._subject_limit(text, tokens, i)
        return [
            t
            for t in tokens[i + 1 :]
            if t.end <= limit and not _ADVERB.match(t.key) and t.key not in _ALSO
        ]

    @staticmethod
    def _opens_speech(text: str, tokens: list[Token], i: int) -> bool:
        rest = text[tokens[i].end :].lstrip()
        return rest[:1] in ':“«"'

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

    @staticmethod
    def _after_subject(
        tokens: list[Token], i: int, speaker: Speaker, mentions: Sequence[RawMention]
    ) -> int | None:
        """نفى فلان توصل موسكو لاتفاق: what is denied starts right after the speaker's name."""
        for mention in mentions:
            if mention.group == speaker.entity_id and mention.start >= tokens[i].end:
                return next((k for k, t in enumerate(tokens) if t.start >= mention.end), None)
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
