"""A boilerplate filter for scraped plain text, working line by line with batch context.

Scraped pages are a headline, a run of body paragraphs, and furniture around and inside them:
navigation, share buttons, timestamps, photo captions printed twice, teasers of other stories cut
off with "...", author bios, contact lines. The filter decides from features of each line and
of the whole batch, not from a list of known strings:

1. **junk**: lines that are never body whatever their place — mostly not letters (timestamps,
   font-size buttons), not in the document's script (a stray "Comments" on an Arabic page),
   truncated teasers (text cut by an ellipsis followed by a link word or two), short lines that
   repeat next to each other (captions printed twice) or across outlets of the batch (site-wide
   furniture);
2. **body evidence**: long lines that end like sentences and whose content words also appear in
   *other* documents of the batch — a story's body shares vocabulary with the other outlets'
   reports, a bio or a contact line does not;
3. **position**: the body is the span from the first to the last line with body evidence. Inside
   it every non-junk line is kept (short in-body subheadings included); outside it only the
   headline (the fullest short line above the body) is kept, and the tail (captions, bios, related
   headlines) goes.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from khulasa.language.base import Language

_SENTENCE_END = re.compile(r"[.!?؟…:\"'”»)\]]\s*$")
_TEASER = re.compile(r"(?:\.{3,}|…)\s*(?:[^\s.…]+\s*){1,3}$")
_LETTERS = re.compile(r"[^\W\d_]+")


@dataclass(frozen=True)
class LineFilterSettings:
    """Thresholds of the filter. Defaults come from what a news paragraph looks like, not a sample.

    ``min_body_words``: a body paragraph has at least a clause's worth of words.
    ``min_relatedness``: how much of a line's vocabulary the other outlets share — the mean, over
    its content stems, of the share of other documents using the stem. 0.2 asks that a body line's
    words be, on average, used by one other outlet in five.
    ``max_furniture_words``: captions, buttons and section titles are short.
    """

    min_body_words: int = 10
    long_line_words: int = 20
    min_relatedness: float = 0.2
    max_furniture_words: int = 8
    min_letter_ratio: float = 0.5
    min_script_ratio: float = 0.5
    headline_words: tuple[int, int] = (3, 25)


@dataclass(frozen=True)
class LineVerdict:
    text: str
    keep: bool
    reason: str


def filter_batch(
    pages: Sequence[Sequence[str]],
    language: Language,
    settings: LineFilterSettings | None = None,
) -> list[list[LineVerdict]]:
    """Classify every non-empty line of every page; pages are judged together as one batch."""
    settings = settings or LineFilterSettings()
    pages = [[line.strip() for line in page if line.strip()] for page in pages]
    page_terms = [[set(language.terms(line)) for line in page] for page in pages]
    doc_freq: Counter[str] = Counter()
    for terms in page_terms:
        doc_freq.update(set().union(*terms) if terms else set())
    short_repeats = _short_lines_across_pages(pages, language, settings)
    others = len(pages) - 1
    verdicts = []
    for lines, terms in zip(pages, page_terms, strict=True):
        own = Counter(t for ts in terms for t in ts)
        related = [_relatedness(ts, doc_freq, own, others) for ts in terms]
        verdicts.append(_classify_page(lines, related, short_repeats, language, settings))
    return verdicts


def _relatedness(terms: set[str], doc_freq: Counter[str], own: Counter[str], others: int) -> float:
    """How much of ``terms`` the other pages use (for a lone page: the page's other lines)."""
    if not terms:
        return 0.0
    if others == 0:
        return sum(1 for t in terms if own[t] > 1) / len(terms)
    return sum((doc_freq[t] - 1) / others for t in terms) / len(terms)


def _short_lines_across_pages(
    pages: Sequence[Sequence[str]], language: Language, settings: LineFilterSettings
) -> set[str]:
    seen: Counter[str] = Counter()
    for page in pages:
        seen.update(
            {
                language.normalize(line)
                for line in page
                if len(line.split()) <= settings.max_furniture_words
            }
        )
    return {line for line, count in seen.items() if count > 1}


def _classify_page(
    lines: list[str],
    related: list[float],
    short_repeats: set[str],
    language: Language,
    settings: LineFilterSettings,
) -> list[LineVerdict]:
    junk = [_junk_reason(i, lines, short_repeats, language, settings) for i in range(len(lines))]
    body = [not junk[i] and _has_body_shape(lines[i], settings) for i in range(len(lines))]
    if not any(body):  # no paragraph anywhere: a page of furniture, or a stub
        return [
            LineVerdict(line, False, junk[i] or "no article body") for i, line in enumerate(lines)
        ]
    words = [len(line.split()) for line in lines]
    body = _peel_unrelated_tail(body, related, words, settings.min_relatedness)
    first = body.index(True)
    last = len(body) - 1 - body[::-1].index(True)
    headline = _headline_index(lines[:first], junk, settings)
    verdicts = []
    for i, line in enumerate(lines):
        if junk[i]:
            verdicts.append(LineVerdict(line, False, junk[i]))
        elif first <= i <= last:
            verdicts.append(LineVerdict(line, True, "body"))
        elif i == headline:
            verdicts.append(LineVerdict(line, True, "headline"))
        elif i < first:
            verdicts.append(LineVerdict(line, False, "page header"))
        else:
            verdicts.append(LineVerdict(line, False, "after the article body"))
    return verdicts


def _junk_reason(
    i: int,
    lines: list[str],
    short_repeats: set[str],
    language: Language,
    settings: LineFilterSettings,
) -> str:
    """Why line ``i`` can never be body text; empty string when it might be."""
    line = lines[i]
    chars = len("".join(line.split()))  # characters other than white space, at C speed
    letters = sum(map(len, _LETTERS.findall(line)))
    words = len(line.split())
    if letters < settings.min_letter_ratio * chars:
        return "mostly digits or symbols"
    if language.script_ratio(line) < settings.min_script_ratio:
        return f"not in {language.name} script"
    if _TEASER.search(line):
        return "truncated teaser of another page"
    if words <= settings.max_furniture_words and not _SENTENCE_END.search(line):
        if _repeats_neighbour(i, lines, language):
            return "caption printed twice"
        if language.normalize(line) in short_repeats:
            return "short line repeated across outlets"
    return ""


def _repeats_neighbour(i: int, lines: list[str], language: Language) -> bool:
    here = language.normalize(lines[i])
    for j in (i - 1, i + 1):
        if 0 <= j < len(lines):
            there = language.normalize(lines[j])
            if here == there or there.startswith(here) or here.startswith(there):
                return True
    return False


def _has_body_shape(line: str, settings: LineFilterSettings) -> bool:
    """Long enough for a paragraph and ending like a sentence (or long enough not to need to)."""
    words = len(line.split())
    if words < settings.min_body_words:
        return False
    return bool(_SENTENCE_END.search(line)) or words >= settings.long_line_words


def _peel_unrelated_tail(
    body: list[bool], related: list[float], words: list[int], threshold: float
) -> list[bool]:
    """Drop lone prose lines at the end of the page that the other outlets do not echo.

    A block is a run of consecutive body-shaped lines. An author bio, a contact paragraph or a
    disclaimer looks like prose, but it stands alone (a caption or a button line between it and
    the article) and shares little vocabulary with the story; it follows the article, it does not
    precede it. Only one-line blocks are peeled, never the page's largest block (that is the
    article), and peeling stops at the first block that is echoed, so the article body itself is
    never cut into.
    """
    blocks: list[list[int]] = []
    for i, is_body in enumerate(body):
        if is_body:
            if blocks and blocks[-1][-1] == i - 1:
                blocks[-1].append(i)
            else:
                blocks.append([i])
    kept = list(body)
    largest = max(blocks, key=lambda block: sum(words[i] for i in block))

    def unrelated(block: list[int]) -> bool:
        return len(block) == 1 and block is not largest and related[block[0]] < threshold

    while len(blocks) > 1 and unrelated(blocks[-1]):
        for i in blocks.pop():
            kept[i] = False
    return kept


def _headline_index(header: list[str], junk: list[str], settings: LineFilterSettings) -> int | None:
    """The fullest non-junk short line above the body: the article's headline, if any."""
    low, high = settings.headline_words
    candidates = [
        (len(line.split()), i)
        for i, line in enumerate(header)
        if not junk[i] and low <= len(line.split()) <= high
    ]
    return max(candidates)[1] if candidates else None
