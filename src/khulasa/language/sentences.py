"""Sentence splitting for news text written in Arabic (and, with other settings, other scripts).

Rules, in order of importance:
- a line break always ends a sentence: scraped pages put headline, lede and paragraphs on their
  own lines, and gluing a headline to the next paragraph makes nonsense summary sentences;
- ``.``, ``!``, ``?`` and ``؟`` end a sentence when followed by white space (so 3.5 and د.ب.أ stay
  whole), except after a one-letter token or a known abbreviation (د. for doctor, م. for the year);
- a terminator inside a balanced quotation («…», “…”, "…") does not end the sentence, so a quoted
  statement stays with its speaker; unbalanced quotes (common in scraped text) are ignored;
- ``،`` and ``؛`` are clause marks, not sentence ends;
- `` .X`` (a space, a full stop, then a letter) is how scrapers glue two blocks together, so it is
  split too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_TERMINATORS = ".!?؟…"
_CLOSERS = "\"'”’»)]"
_QUOTE_PAIRS = {"«": "»", "“": "”"}
_MARKS = re.compile("[" + re.escape(_TERMINATORS + '«»“”"') + "]")


@dataclass(frozen=True)
class SentenceSplitter:
    """Splits text into sentences; ``abbreviations`` are tokens whose full stop ends nothing."""

    abbreviations: frozenset[str] = frozenset()

    def split(self, text: str) -> list[str]:
        """All sentences of ``text``, in order, stripped, none empty."""
        sentences: list[str] = []
        for line in text.splitlines():
            sentences.extend(self._split_line(line))
        return sentences

    def _split_line(self, line: str) -> list[str]:
        line = line.strip()
        if not line:
            return []
        track_quotes = _quotes_balanced(line)
        pieces: list[str] = []
        start = 0
        depth = 0
        straight_open = False
        i = 0  # characters before i are settled (skipped runs of terminators and closers)
        n = len(line)
        # Only terminators and quotes change anything; jumping between them with a regex keeps
        # splitting at C speed on long paragraphs, where a character loop was the hot spot.
        for mark in _MARKS.finditer(line):
            pos = mark.start()
            if pos < i:
                continue
            ch = line[pos]
            if track_quotes:
                if ch in _QUOTE_PAIRS:
                    depth += 1
                elif ch in _QUOTE_PAIRS.values() and depth > 0:
                    depth -= 1
                elif ch == '"':
                    straight_open = not straight_open
            if ch not in _TERMINATORS or depth or straight_open:
                continue
            end = pos + 1
            while end < n and line[end] in _TERMINATORS:
                end += 1
            while end < n and line[end] in _CLOSERS and not (line[end] == '"' and not track_quotes):
                end += 1
            glued = ch == "." and line[pos - 1 : pos] == " " and end < n and line[end].isalpha()
            at_space = end >= n or line[end].isspace()
            if glued or (at_space and self._ends_sentence(line, start, pos)):
                pieces.append(line[start:end])
                start = end
            i = end
        pieces.append(line[start:])
        return [p.strip() for p in pieces if p.strip() and not _only_punctuation(p)]

    def _ends_sentence(self, line: str, start: int, stop: int) -> bool:
        """False when the full stop at ``stop`` closes an abbreviation, not a sentence."""
        if line[stop] != ".":
            return True
        token = line[start:stop].rsplit(maxsplit=1)[-1] if line[start:stop].strip() else ""
        token = token.lstrip("(\"'«“")
        if len(token) == 1 and token.isalpha():
            return False
        return token not in self.abbreviations


def _quotes_balanced(line: str) -> bool:
    if line.count('"') % 2:
        return False
    return all(line.count(o) == line.count(c) for o, c in _QUOTE_PAIRS.items())


_PUNCT_ONLY = re.compile(r"^[\W_]+$")


def _only_punctuation(piece: str) -> bool:
    return bool(_PUNCT_ONLY.match(piece.strip()))
