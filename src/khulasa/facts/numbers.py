"""Quantities normalised to value + unit + the thing counted, however an outlet wrote them.

One outlet writes "8000 شخص", another "8 آلاف شخص", a third "ثمانية آلاف"; "80%" is also "الثمانين
في المئة" and "80 بالمئة". Each becomes the same ``value``; the unit is a canonical key ("percent",
"km", "hour" …) and the counted noun a normalised word, so numbers from different outlets can be
compared. Numbers inside dates, times, phone numbers and bare years are not quantities and are
skipped.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import lru_cache

from pyarabic import araby

from khulasa.facts.dates import date_spans
from khulasa.facts.model import NumberFact, Source
from khulasa.facts.number_words import (
    _BIDI_MARKS,
    _FRACTIONS,
    _GMT,
    _LABEL_WORDS,
    _MAX_UNIT,
    _MODEL_WORDS,
    _NOT_COUNTED,
    _NOT_COUNTS,
    _NUMBER,
    _OF,
    _ONE,
    _ONE_OF,
    _ORDINALS,
    _POSTPOSED,
    _UNIT_MULT,
    _WEAK_WORDS,
    _WIRE_DECIMAL,
    DUALS,
    MULTIPLIERS,
    QUALIFIERS,
    SINGULAR_OF,
    UNITS,
    WORD_VALUES,
)
from khulasa.facts.text import INITIALS, Token, clitic_forms, ends_clause, key, tokenize
from khulasa.language import get_language


@dataclass(frozen=True)
class _Number:
    value: float
    start: int  # first token
    end: int  # exclusive
    thing: str | None = None  # a dual noun's singular: the word is the count and the thing


class NumberReader:
    """Finds quantities in a sentence."""

    def __init__(self) -> None:
        self._language = get_language("ar")

    def find(self, source: Source) -> list[NumberFact]:
        """The quantities of one sentence, in order.

        What a sentence holds depends on its text alone, so it is read once however many
        readers ask (the facts and the claim aligner read every sentence) and re-sourced.
        """
        return [replace(fact, source=source) for fact in _quantities(source.sentence)]

    def read(self, source: Source) -> list[NumberFact]:
        """The quantities of one sentence, read now (:meth:`find` keeps them)."""
        text = source.sentence
        tokens = tokenize(text)
        blocked = date_spans(text)
        facts: list[NumberFact] = []
        i = 0
        while i < len(tokens):
            number = self._number_at(text, tokens, i)
            if number is None:
                i += 1
                continue
            first = tokens[number.start]
            if any(a <= first.start < b for a, b in blocked) or self._not_quantity(
                text, tokens, number
            ):
                i = number.end
                continue
            fact, end = self._describe(text, tokens, number, source)
            facts.append(fact)
            i = max(end, number.end)
        return facts

    # -- reading the number itself ---------------------------------------------------------------

    def _number_at(self, text: str, tokens: list[Token], i: int) -> _Number | None:
        match = _NUMBER.match(tokens[i].key)
        reversed_decimal = self._reversed_decimal(text, tokens, i)
        if reversed_decimal is not None:
            return self._times_multiplier(tokens, reversed_decimal)
        if match:
            raw = match.group(1).replace(",", ".").replace("٫", ".")
            value = float(raw)
            end = i + 1
            # Separators inside a number, with no spaces. Groups of three digits after "." or
            # "," in a chain (665.932.983, 1,000) are thousands; one "." or "،" group is a
            # decimal (84.540 مليون، 7،9 كم) unless a plain count follows (1.305 مشروعات).
            groups = []
            k = end
            while k < len(tokens) and tokens[k - 1].key.isdigit() and tokens[k].key.isdigit():
                gap = text[tokens[k - 1].end : tokens[k].start]
                if gap not in (".", "،", "٫", ","):
                    break
                groups.append((gap, tokens[k].key))
                k += 1
            if tokens[i].key.isdigit() and groups:
                thousands = all(len(g) == 3 for _, g in groups) and (
                    len(groups) > 1 or groups[0][0] == "," or self._count_follows(tokens, k)
                )
                if thousands:
                    value = float(match.group(1) + "".join(g for _, g in groups))
                    end = k
                    if end < len(tokens) and tokens[end].key in MULTIPLIERS:
                        end += 1  # "665,932,983 مليون ريال": the digits already say it all
                        return _Number(value, i, end)
                else:
                    value = float(f"{match.group(1)}.{groups[0][1]}")
                    end += 1
            return self._times_multiplier(tokens, _Number(value, i, end))
        return self._words_at(tokens, i) or self._dual_at(tokens, i)

    @staticmethod
    def _dual_at(tokens: list[Token], i: int) -> _Number | None:
        """A dual noun alone (وأوقعت قتيلين): two of its singular, with no number word."""
        singular = next((DUALS[f] for f in clitic_forms(tokens[i].key) if f in DUALS), None)
        return None if singular is None else _Number(2.0, i, i + 1, singular)

    @staticmethod
    def _times_multiplier(tokens: list[Token], number: _Number) -> _Number:
        """ "2.64 تريليون": the multiplier word after the digits scales them."""
        end = number.end
        mult = MULTIPLIERS.get(tokens[end].key) if end < len(tokens) else None
        if not mult:
            return number
        factor = mult // _UNIT_MULT[mult] if mult in _UNIT_MULT else mult
        return _Number(number.value * factor, number.start, end + 1)

    @staticmethod
    def _reversed_decimal(text: str, tokens: list[Token], i: int) -> _Number | None:
        """A decimal stored with its two parts swapped: "10.\u200f1" is 1.10 and "5ر1" is 1.5.

        Pages that laid a decimal out right to left with a bidi mark stored it backwards (the
        same papers write 64.\u200f2 for 2.64 trillion), and wire copy that uses ر as the decimal
        mark writes the fraction first (6ر19 بالمئة is 19.6 %).
        """
        wire = _WIRE_DECIMAL.match(tokens[i].key)
        if wire:
            return _Number(float(f"{wire.group(2)}.{wire.group(1)}"), i, i + 1)
        if i + 1 >= len(tokens) or not tokens[i].key.isdigit() or not tokens[i + 1].key.isdigit():
            return None
        gap = text[tokens[i].end : tokens[i + 1].start]
        if not _BIDI_MARKS & set(gap) or gap.strip("".join(_BIDI_MARKS)) != ".":
            return None
        value = float(f"{tokens[i + 1].key}.{tokens[i].key}")
        return _Number(value, i, i + 2)

    def _count_follows(self, tokens: list[Token], k: int) -> bool:
        """A counted noun (not a multiplier or unit) right after the number."""
        if k >= len(tokens):
            return False
        word = tokens[k].key
        return (
            word not in MULTIPLIERS
            and (word,) not in UNITS
            and self._thing(tokens[k].text) is not None
        )

    def _words_at(self, tokens: list[Token], i: int) -> _Number | None:
        """A number written in words: ثمانية آلاف، خمسة وعشرون، الثمانين، ثلاثمئة ألف."""
        fraction = next((_FRACTIONS[f] for f in clitic_forms(tokens[i].key) if f in _FRACTIONS), 0)
        if fraction and i + 1 < len(tokens) and tokens[i + 1].key in _ONE_OF:
            # بنصف بليون دولار: half of a multiplier word is a number, not the multiplier
            return _Number(fraction * MULTIPLIERS[tokens[i + 1].key], i, i + 2)
        total = 0
        group = 0
        j = i
        used_words: list[str] = []
        definite = False
        while j < len(tokens):
            forms = [f for f in clitic_forms(tokens[j].key) if not tokens[j].key.startswith("ك")]
            if j > i and not tokens[j].key.startswith("و"):
                forms = [tokens[j].key]  # only و joins number words after the first
            if j == i or definite:
                # الثمانين: the article may sit on the first number word, and then on every
                # word of the compound (الخمسة والعشرين ألف)
                bare = [f[2:] for f in forms if f.startswith("ال")]
                definite = definite or (j == i and any(b in WORD_VALUES for b in bare))
                forms = forms + bare
            word = next((f for f in forms if f in WORD_VALUES or f in MULTIPLIERS), None)
            if word is None:
                break
            if word in WORD_VALUES:
                value = WORD_VALUES[word]
                if value == 10 and group and group < 10:
                    group += 10  # ثلاثة عشر
                else:
                    group += value
            else:
                mult = MULTIPLIERS[word]
                if not used_words and mult in _UNIT_MULT:
                    group = _UNIT_MULT[mult]
                    mult //= _UNIT_MULT[mult]
                elif not used_words and word in _ONE_OF:
                    group = 1  # ألف طالب، مليون دولار: the singular says "one thousand"
                elif not used_words:
                    break  # a bare آلاف or ملايين is not a number
                total += (group or 1) * mult
                group = 0
            used_words.append(word)
            j += 1
        if not used_words:
            return None
        if i > 0 and clitic_forms(tokens[i - 1].key)[-1] in _ORDINALS:
            return None  # الحادي عشر، الخامس والثلاثون: an ordinal, not a count
        if len(used_words) == 1 and used_words[0] in _WEAK_WORDS:
            nxt = tokens[j].key if j < len(tokens) else ""
            if len(nxt) < 3 or self._language.is_stopword(nxt) or nxt.startswith("ال"):
                return None  # "ست" alone is also "lady"; a number needs a counted noun
        return _Number(float(total + group), i, j)

    def _not_quantity(self, text: str, tokens: list[Token], number: _Number) -> bool:
        """Years, times, phone numbers and slashed dates are not counts."""
        tok = tokens[number.start]
        raw = tok.key
        if raw.isdigit() and (len(raw) >= 7 or (raw.startswith("0") and len(raw) > 1)):
            return True
        around = text[max(0, tok.start - 1) : tok.start] + text[tok.end : tok.end + 1]
        if ":" in around or "/" in around:
            return True
        before = tokens[number.start - 1].key if number.start else ""
        if raw.isdigit() and 1900 <= int(raw) <= 2100 and number.end - number.start == 1:
            return True  # a year: عام 2011، في 2015
        if number.end - number.start == 1 and raw in _NOT_COUNTS:
            return True  # يوم الاثنين is Monday, الاثنين معا "both"
        if number.end - number.start == 1 and raw in _ONE and (before,) not in UNITS:
            return True  # "في مكان واحد" is "a single place"; أسبوع واحد (a unit) still counts
        # الساعة 7 is a time; رقم 30 (a bus, a phone line) is a label, not a count; so is a
        # model or flight code: بوينغ 777، ايرباص ايه 310، الرحلة ام اتش 370، (4.17 تغ) GMT
        # every peeled form: "بوينغ" itself starts with ب, which a single peeled form loses
        if before in INITIALS or any(f in _MODEL_WORDS for f in clitic_forms(before)):
            return True
        after = text[tokens[number.end - 1].end :].lstrip(" )").split(maxsplit=1)
        if after and key(after[0].rstrip(").")) in _GMT:
            return True
        return clitic_forms(before)[-1] in _LABEL_WORDS

    # -- unit, thing, qualifier -----------------------------------------------------------------

    def _describe(
        self, text: str, tokens: list[Token], number: _Number, source: Source
    ) -> tuple[NumberFact, int]:
        if number.thing is not None:  # a dual noun is its own count and thing (قتيلين)
            unit, thing, rule, end = None, number.thing, "dual_noun", number.end
        else:
            unit, thing, rule, end = self._unit_and_thing(text, tokens, number)
        qualifier = None
        for length in (3, 2, 1):
            words = tuple(t.key for t in tokens[max(0, number.start - length) : number.start])
            if len(words) == length and words in QUALIFIERS:
                qualifier = QUALIFIERS[words]
                break
        start_char = tokens[number.start].start
        end_char = tokens[end - 1].end if end > number.end else tokens[number.end - 1].end
        if unit == "percent" and end == number.end:
            end_char = text.index(text[tokens[number.end - 1].end :].lstrip()[0], end_char) + 1
        if rule == "bracketed_count":  # "(118051) قرضًا": the brackets are part of the figure
            start_char = text.rindex("(", 0, start_char)
        fact = NumberFact(
            value=number.value,
            unit=unit,
            thing=thing,
            qualifier=qualifier,
            text=text[start_char:end_char],
            source=source,
            start=start_char,
            end=end_char,
            found_by=f"number.{rule}",
        )
        return fact, end

    def _unit_and_thing(
        self, text: str, tokens: list[Token], number: _Number
    ) -> tuple[str | None, str | None, str, int]:
        """(unit, counted thing, the rule that told them, the token after the quantity)."""
        end = number.end
        unit = None
        rule = "bare"  # what told the unit or the counted thing: the fact's ``found_by``
        for length in range(_MAX_UNIT, 0, -1):
            words = tuple(t.key for t in tokens[end : end + length])
            if len(words) == length and words in UNITS:
                unit, end, rule = UNITS[words], end + length, "unit"
                break
        if unit is None and text[tokens[number.end - 1].end :].lstrip().startswith(("%", "٪")):
            unit, rule = "percent", "percent_sign"
        thing = None
        definite = tokens[number.start].key.startswith("ال")
        if unit is None and number.end - number.start == 1 and number.start > 0:
            before = tuple([tokens[number.start - 1].key])
            if before in UNITS and tokens[number.start].key in _POSTPOSED:
                unit, rule = UNITS[before], "unit_before"  # أسبوع واحد: the noun comes first
            elif definite:  # الساعات الـ24 المقبلة: a definite number follows its unit
                bare = [f[2:] for f in clitic_forms(before[0]) if f.startswith("ال")]
                unit = next((UNITS[(b,)] for b in bare if (b,) in UNITS), None)
                rule = "unit_before_definite" if unit else rule
        glued = end < len(tokens) and not ends_clause(text, tokens[end - 1].end, tokens[end].start)
        # "(118051) قرضًا": a count in brackets still counts the noun right after them, unless
        # the article stands before them: "قائمة الـ (23) بتاريخ" names a list, it counts nothing
        bracketed = (
            end < len(tokens)
            and text[tokens[end - 1].end : tokens[end].start].strip() == ")"
            and text[: tokens[number.start].start].rstrip().endswith("(")
            and not (number.start and tokens[number.start - 1].key == "ال")
        )
        glued = glued or bracketed
        if unit is None and glued and tokens[end].key in _OF and end + 1 < len(tokens):
            # استشهاد 12 من منسوبي القوات: a partitive names what is counted after من
            following = tokens[end + 1]
            if (following.key,) not in UNITS and not ends_clause(
                text, tokens[end].end, following.start
            ):
                thing = self._thing(following.text)
                if thing is not None:
                    end, rule = end + 2, "partitive"
        elif unit is None and glued and not definite:
            thing = self._thing(tokens[end].text)
            if thing is not None:
                end, rule = end + 1, "bracketed_count" if bracketed else "counted_noun"
        elif unit == "percent" and end + 1 < len(tokens) and tokens[end].key in _OF:
            thing = self._thing(tokens[end + 1].text)
        if thing is None and unit is None and definite:
            before = tokens[number.start - 1].text if number.start else ""
            thing = self._thing(before)  # الأعضاء الـ57: the noun comes first
            rule = "noun_before_definite" if thing else rule
        return unit, thing, rule, end

    def _thing(self, surface: str) -> str | None:
        """The counted noun as written, minus و/ف, the article and the accusative alif.

        (عنصرا → عنصر, للأعضاء → أعضاء). A single ب/ل/ك is left alone: it is too often part of
        the word (لاجئ). Compare things with :func:`thing_stem`, not by spelling.
        """
        word = araby.strip_tashkeel(araby.strip_tatweel(surface))
        if word.startswith(("و", "ف")) and len(word) > 4:
            word = word[1:]
        if word.startswith(("لل", "ال")) and len(word) > 4:
            word = word[2:]
        word_key = key(word)
        if (
            len(word_key) < 3
            or word_key.isdigit()
            or word_key in _NOT_COUNTED
            or word_key in WORD_VALUES
            or self._language.is_stopword(word_key)
        ):
            return None
        if word.endswith("ا") and len(word) > 4 and not word.endswith("اا"):
            word = word[:-1]
        return word


@lru_cache(maxsize=1 << 13)
def _quantities(text: str) -> tuple[NumberFact, ...]:
    """A sentence's quantities with a blank source (a reader holds no state of its own)."""
    return tuple(_shared_reader().read(Source("", "", 0, text)))


@lru_cache(maxsize=1)
def _shared_reader() -> NumberReader:
    return NumberReader()


@lru_cache(maxsize=1 << 14)
def thing_stem(thing: str | None) -> str | None:
    """A stem for comparing counted nouns across singular/plural (مسلحا، مسلحين → مسلح).

    Cached: the conflict rules compare the counted nouns of a story's figures pair by pair.
    """
    if thing is None:
        return None
    thing = SINGULAR_OF.get(key(thing), thing)  # قتلى → قتيل: the stemmer keeps them apart
    terms = get_language("ar").terms(thing)
    return terms[0] if terms else thing


def extract_numbers(sources: list[Source]) -> list[NumberFact]:
    reader = NumberReader()
    return [fact for source in sources for fact in reader.find(source)]
