"""Dates in both Arabic month systems, weekdays and relative days, resolved to calendar days.

Arab outlets name months two ways: the Gregorian loanwords (ديسمبر) and the Syriac names used in
the Levant and Iraq (كانون الأول), often both at once ("8 كانون الأول/ديسمبر", "ديسمبر/كانون
الأول", "مايو أيار"). Days come as digits or ordinals (الثامن من). Weekdays and أمس/اليوم/غدا are
resolved against the article's published date; an article without one falls back to the first
full date it states (shifted by a day when written "أمس الخميس (8 ديسمبر)").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from khulasa.facts.lexicon import WEEKDAYS
from khulasa.facts.model import DateFact, Source
from khulasa.facts.text import Token, clitic_forms, key, lexicon_keys, lexicon_values, tokenize
from khulasa.language.lexicons import load_lexicon


def _k(text: str) -> tuple[str, ...]:
    return tuple(key(w) for w in text.split())


MONTHS: dict[tuple[str, ...], int] = {
    _k(name): int(month)
    for month, names in load_lexicon("month_names").values.items()
    for name in names
}
_MAX_MONTH_LEN = max(len(k) for k in MONTHS)
_MONTH_FIRST_WORDS = frozenset(k[0] for k in MONTHS)
# Names that are also ordinary words need a day or a year next to them to count as months.
_AMBIGUOUS_MONTHS = frozenset((w,) for w in lexicon_keys("ambiguous_months"))

_ORDINAL_DAYS = lexicon_values("ordinal_days", int)
_ORDINAL_TENS = lexicon_values("ordinal_tens", int)
RELATIVE_DAYS = lexicon_values("relative_days", int)
_PAST = lexicon_keys("past_words")
_FUTURE = lexicon_keys("future_words")
# A future verb (سيعقد، ستنتظر، سنرى) in the sentence points a bare weekday forward. Words that
# merely start with سي/ست/سن are excluded.
_FUTURE_VERB = re.compile(r"^[وف]?س[يتن]\w{3,}$")
_NOT_FUTURE = re.compile(
    r"^[وف]?(?:" + "|".join(re.escape(w) for w in load_lexicon("date_not_future_stems").words) + ")"
)
# من between a day and its month (الثامن من), يوم before a weekday, أمس before a dateline's date
_CUES = load_lexicon("date_cue_words").values
_OF = frozenset(key(w) for w in _CUES["of"])
_DAY = frozenset(key(w) for w in _CUES["day"])
_YESTERDAY = frozenset(key(w) for w in _CUES["yesterday"])
_DIGITS = re.compile(r"^(?:ال|ل|ب)?(\d{1,4})$")


@dataclass(frozen=True)
class _Span:
    start_token: int
    end_token: int  # exclusive
    day: int | None
    month: int | None
    year: int | None


def _month_at(tokens: list[Token], i: int) -> tuple[int, int] | None:
    """(month, tokens used) when a month name starts at token ``i``."""
    if i >= len(tokens):
        return None
    forms = [f for f in clitic_forms(tokens[i].key) if f in _MONTH_FIRST_WORDS]
    if not forms:
        return None  # most words: no month name starts with any of their forms
    for length in range(min(_MAX_MONTH_LEN, len(tokens) - i), 0, -1):
        rest = tuple(t.key for t in tokens[i + 1 : i + length])
        for form in forms:
            month = MONTHS.get((form, *rest))
            if month:
                return month, length
    return None


def _day_before(text: str, tokens: list[Token], i: int) -> tuple[int, int] | None:
    """(day, first token) for a day written before the month at ``i``: 8 / الثامن من / الـ 9 من."""
    j = i - 1
    if j >= 0 and tokens[j].key in _OF:
        j -= 1
    if j < 0:
        return None
    match = _DIGITS.match(tokens[j].key)
    if match and 1 <= int(match.group(1)) <= 31:
        return int(match.group(1)), j
    word = tokens[j].key
    if word in _ORDINAL_DAYS:
        return _ORDINAL_DAYS[word], j
    if word in _ORDINAL_TENS:
        unit = _ORDINAL_DAYS.get(tokens[j - 1].key) if j >= 1 else None
        if unit is not None:
            return _ORDINAL_TENS[word] + unit, j - 1  # الحادي عشر، الثاني والعشرين
        if _ORDINAL_TENS[word] >= 20:
            return _ORDINAL_TENS[word], j
    return None


def _year_after(tokens: list[Token], i: int) -> tuple[int, int] | None:
    if i < len(tokens):
        match = _DIGITS.match(tokens[i].key)
        if match and 1900 <= int(match.group(1)) <= 2100:
            return int(match.group(1)), i + 1
    return None


@lru_cache(maxsize=1 << 13)
def _absolute_spans(text: str) -> tuple[_Span, ...]:
    """The absolute dates of ``text`` over its :func:`tokenize` tokens, left to right.

    Cached by text: the numbers (dates are not counts), the dates and the reference day all
    ask for the spans of the same sentences.
    """
    tokens = tokenize(text)
    spans: list[_Span] = []
    i = 0
    while i < len(tokens):
        found = _month_at(tokens, i)
        if found is None:
            i += 1
            continue
        month, used = found
        end = i + used
        other = _month_at(tokens, end)  # the same month in the other system
        if other and other[0] == month:
            end += other[1]
        day = _day_before(text, tokens, i)
        year = _year_after(tokens, end)
        if day is None and year is None and _k(tokens[i].key) in _AMBIGUOUS_MONTHS:
            i += 1
            continue
        start = day[1] if day else i
        if year:
            end = year[1]
        spans.append(_Span(start, end, day[0] if day else None, month, year[0] if year else None))
        i = end
    return tuple(spans)


def _closest_year(month: int, day: int, ref: date) -> int:
    """The year that puts day/month closest to ``ref`` (20 يناير in December → next January)."""
    candidates = []
    for year in (ref.year - 1, ref.year, ref.year + 1):
        try:
            candidates.append((abs((date(year, month, day) - ref).days), year))
        except ValueError:
            continue
    return min(candidates)[1] if candidates else ref.year


def _future_before(tokens: list[Token], i: int, window: int = 6) -> bool:
    """A future verb (سيعقد، ستنتظر) shortly before token ``i``: the weekday is ahead."""
    near = tokens[max(0, i - window) : i]
    return any(_FUTURE_VERB.match(t.key) and not _NOT_FUTURE.match(t.key) for t in near)


def _weekday_date(ref: date, weekday: int, direction: str) -> date:
    """The ``weekday`` nearest ``ref`` in ``direction``.

    "past"/"future" include ``ref`` itself; "strict_past"/"strict_next" (الماضي، المقبل، أمس،
    غدا) do not; "recent" (a bare weekday) is the last four days or, failing that, the next two:
    a Thursday article's "السبت" is the coming Saturday, its "الثلاثاء" the one just gone.
    """
    delta = (ref.weekday() - weekday) % 7
    ahead = (weekday - ref.weekday()) % 7
    if direction == "strict_past":
        return ref - timedelta(days=delta or 7)
    if direction == "past":
        return ref - timedelta(days=delta)
    if direction == "future":
        return ref + timedelta(days=ahead)
    if direction == "recent":  # no cue: news reports the last few days, or the next two
        return ref - timedelta(days=delta) if delta <= 4 else ref + timedelta(days=ahead)
    return ref + timedelta(days=ahead or 7)


class DateReader:
    """Finds date expressions in sentences; resolves them against a reference day."""

    def find(self, source: Source, ref: date | None, basis: str) -> list[DateFact]:
        """Date facts in one sentence, in order; ``basis`` tells where ``ref`` came from."""
        text = source.sentence
        tokens = tokenize(text)
        facts: list[DateFact] = []
        used: set[int] = set()
        for span in _absolute_spans(text):
            used.update(range(span.start_token, span.end_token))
            facts.append(self._absolute(span, tokens, source, ref, basis))
        for i, tok in enumerate(tokens):
            if i in used:
                continue
            weekday = self._weekday(tokens, i)
            if weekday is not None:
                facts.append(
                    self._weekday_fact(
                        tokens, i, weekday, source, ref, basis, _future_before(tokens, i)
                    )
                )
                used.add(i)
            elif tok.key in RELATIVE_DAYS and not (
                i + 1 < len(tokens) and self._weekday(tokens, i + 1) is not None
            ):
                offset = RELATIVE_DAYS[tok.key]
                value = ref + timedelta(days=offset) if ref else None
                facts.append(
                    DateFact(
                        tok.text,
                        "relative",
                        value,
                        "day",
                        basis if ref else "none",  # type: ignore[arg-type]
                        source,
                        tok.start,
                        tok.end,
                        "date.relative_day",
                    )
                )
        facts.sort(key=lambda f: f.start)
        return facts

    @staticmethod
    def _weekday(tokens: list[Token], i: int) -> int | None:
        word = tokens[i].key
        for form in clitic_forms(word):
            if form in WEEKDAYS and (
                form.startswith("ال") or (i > 0 and tokens[i - 1].key in _DAY)
            ):
                return WEEKDAYS[form]
        return None

    def _absolute(
        self, span: _Span, tokens: list[Token], source: Source, ref: date | None, basis: str
    ) -> DateFact:
        text = source.sentence[tokens[span.start_token].start : tokens[span.end_token - 1].end]
        start, end = tokens[span.start_token].start, tokens[span.end_token - 1].end
        month = span.month or 1
        if span.day is None:
            year = span.year or (ref.year if ref else None)
            value = date(year, month, 1) if year else None
            how = "explicit" if span.year else (basis if ref else "none")
            return DateFact(text, "absolute", value, "month", how, source, start, end, "date.month")  # type: ignore[arg-type]
        year = span.year or (_closest_year(month, span.day, ref) if ref else None)
        try:
            value = date(year, month, span.day) if year else None
        except ValueError:
            value = None
        how = "explicit" if span.year else (basis if ref and value else "none")
        return DateFact(text, "absolute", value, "day", how, source, start, end, "date.day_month")  # type: ignore[arg-type]

    def _weekday_fact(
        self,
        tokens: list[Token],
        i: int,
        weekday: int,
        source: Source,
        ref: date | None,
        basis: str,
        future: bool,
    ) -> DateFact:
        start_i, end_i = i, i
        before = tokens[i - 1].key if i > 0 else ""
        if before in _DAY and i > 1:
            before = tokens[i - 2].key
        after = tokens[i + 1].key if i + 1 < len(tokens) else ""
        direction = "future" if future else "recent"
        if after in _PAST:
            direction, end_i = "strict_past", i + 1
        elif after in _FUTURE:
            direction, end_i = "strict_next", i + 1
        elif clitic_forms(before)[-1] in RELATIVE_DAYS:
            offset = RELATIVE_DAYS[clitic_forms(before)[-1]]
            direction = {-1: "strict_past", 0: "past", 1: "strict_next"}[offset]
            start_i = i - 1 if tokens[i - 1].key not in _DAY else i - 2
            start_i = max(start_i, 0)
        value = _weekday_date(ref, weekday, direction) if ref else None
        text = source.sentence[tokens[start_i].start : tokens[end_i].end]
        return DateFact(
            text,
            "weekday",
            value,
            "day",
            basis if ref else "none",  # type: ignore[arg-type]
            source,
            tokens[start_i].start,
            tokens[end_i].end,
            "date.weekday",
        )


def reference_day(published: date | None, sources: list[Source]) -> tuple[date | None, str]:
    """The day relative dates are counted from, and where it came from."""
    if published:
        return published, "published"
    for source in sources:
        tokens = tokenize(source.sentence)
        for span in _absolute_spans(source.sentence):
            if span.day and span.year and span.month:
                try:
                    day = date(span.year, span.month, span.day)
                except ValueError:
                    continue
                window = {t.key for t in tokens[max(0, span.start_token - 4) : span.start_token]}
                if window & _YESTERDAY:
                    day += timedelta(days=1)  # "أمس الخميس (8 ديسمبر)": written the day after
                return day, "inferred"
    return None, "none"


def stated_date(text: str, opening: int = 400) -> date | None:
    """The first full date (day, month, year) a page states in its opening — its dateline, as
    in "السبت 27 فبراير 2010" — for pages that come without a publication date."""
    head = text[:opening]
    for span in _absolute_spans(head):
        if span.day and span.month and span.year:
            try:
                return date(span.year, span.month, span.day)
            except ValueError:
                continue
    return None


def extract_dates(story_documents: list[tuple[date | None, list[Source]]]) -> list[DateFact]:
    """Dates of every document: (published, sentences) pairs in story order."""
    reader = DateReader()
    facts: list[DateFact] = []
    for published, sources in story_documents:
        ref, basis = reference_day(published, sources)
        for source in sources:
            facts.extend(reader.find(source, ref, basis))
    return facts


def date_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of the absolute dates in ``text`` (numbers inside them are not counts)."""
    tokens = tokenize(text)
    return [
        (tokens[s.start_token].start, tokens[s.end_token - 1].end) for s in _absolute_spans(text)
    ]


__all__ = ["MONTHS", "DateReader", "date_spans", "extract_dates", "reference_day", "stated_date"]
