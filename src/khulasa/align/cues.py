"""The cues of polarity and opposition the aligner reads, loaded from ``data/cues.json``.

Linguistic knowledge is data: the word lists live in one JSON file with an id per entry, so a
verdict can name the cue that decided it and a linguist can extend the lists without code.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib import resources

from khulasa.facts.text import key


@dataclass(frozen=True)
class Cue:
    """A cue found in a sentence: which entry matched, and at which token."""

    id: str
    position: int
    text: str


@dataclass(frozen=True)
class Cues:
    """Lookup tables built once from the JSON lexicon."""

    negation_words: dict[str, str]  # key → cue id
    negation_phrases: tuple[tuple[tuple[str, ...], str], ...]
    denial_words: dict[str, str]
    not_negation: tuple[tuple[str, ...], ...]
    at_least: tuple[tuple[str, ...], ...]
    antonyms: dict[str, tuple[str, str]]  # key → (pair id, side "a" or "b")


@cache
def load_cues() -> Cues:
    """Parse the shipped lexicon (once per process)."""
    raw = json.loads(
        resources.files("khulasa.align").joinpath("data/cues.json").read_text(encoding="utf-8")
    )
    neg_words: dict[str, str] = {}
    neg_phrases: list[tuple[tuple[str, ...], str]] = []
    for entry in raw["negation"]:
        for word in entry.get("words", ()):
            neg_words[key(word)] = entry["id"]
        for phrase in entry.get("phrases", ()):
            neg_phrases.append((tuple(key(w) for w in phrase), entry["id"]))
    denial = {key(w): e["id"] for e in raw["denial"] for w in e["words"]}
    not_neg = tuple(tuple(key(w) for w in p) for e in raw["not_negation"] for p in e["phrases"])
    at_least = tuple(tuple(key(w) for w in p) for e in raw["at_least"] for p in e["phrases"])
    antonyms: dict[str, tuple[str, str]] = {}
    for entry in raw["antonyms"]:
        for side in ("a", "b"):
            for word in entry[side]:
                antonyms.setdefault(key(word), (entry["id"], side))
    return Cues(neg_words, tuple(neg_phrases), denial, not_neg, at_least, antonyms)


def bare(word: str) -> tuple[str, ...]:
    """A key and, for a word that starts with the conjunction و or ف, the key without it."""
    if len(word) > 3 and word[0] in "وف":
        return (word, word[1:])
    return (word,)


def _starts(keys: list[str], i: int, phrase: tuple[str, ...]) -> bool:
    rest = tuple(keys[i + 1 : i + len(phrase)])
    return any((first, *rest) == phrase for first in bare(keys[i]))


@cache
def _phrases_by_first() -> tuple[dict[str, list[tuple[str, ...]]], dict[str, list[int]]]:
    """The exception phrases, and the positions of the negation phrases, by their first word.

    A phrase can start at a word only when its first word is one of that word's forms, so each
    word is compared with those few phrases instead of every phrase.
    """
    cues = load_cues()
    masks: dict[str, list[tuple[str, ...]]] = {}
    for phrase in cues.not_negation:
        masks.setdefault(phrase[0], []).append(phrase)
    negations: dict[str, list[int]] = {}
    for n, (phrase, _) in enumerate(cues.negation_phrases):
        negations.setdefault(phrase[0], []).append(n)
    return masks, negations


def polarity_cues(keys: list[str], words: list[str]) -> tuple[list[Cue], list[Cue]]:
    """(negations, denials) in a sentence given as token keys.

    A negation word inside an exception phrase ("ما لا يقل عن 30" = at least 30, "لا يزال" =
    still) is no negation: these read as negative words but assert something.
    """
    cues = load_cues()
    masks, phrase_starts = _phrases_by_first()
    masked: set[int] = set()
    for i in range(len(keys)):
        for form in bare(keys[i]):
            for phrase in masks.get(form, ()):
                if _starts(keys, i, phrase):
                    masked.update(range(i, i + len(phrase)))
    negations: list[Cue] = []
    denials: list[Cue] = []
    for i, word in enumerate(keys):
        if i in masked:
            continue
        forms = bare(word)
        found = next((cues.negation_words[f] for f in forms if f in cues.negation_words), None)
        if found:
            negations.append(Cue(found, i, words[i]))
        deny = next((cues.denial_words[f] for f in forms if f in cues.denial_words), None)
        if deny:
            denials.append(Cue(deny, i, words[i]))
        for n in sorted({n for f in forms for n in phrase_starts.get(f, ())}):
            phrase, ident = cues.negation_phrases[n]
            if _starts(keys, i, phrase):
                negations.append(Cue(ident, i, " ".join(words[i : i + len(phrase)])))
    return negations, denials


def antonym_sides(keys: list[str]) -> dict[str, set[str]]:
    """Antonym pair id → the sides ("a"/"b") of it the sentence uses."""
    table = load_cues().antonyms
    found: dict[str, set[str]] = {}
    for word in keys:
        for form in bare(word):
            hit = table.get(form)
            if hit:
                found.setdefault(hit[0], set()).add(hit[1])
                break
    return found


def qualified_at_least(keys: list[str], position: int) -> bool:
    """Is the number at token ``position`` qualified as a lower bound or an estimate?"""
    for phrase in load_cues().at_least:
        start = position - len(phrase)
        if start >= 0 and tuple(keys[start:position]) == phrase:
            return True
    return False
