"""Closed word lists the extractors share: speech verbs, negation cues, weekdays, stops.

The words are language data (``language/data/ar_*.json``, one lexicon each with its gloss and
examples, checked by ``tests/language/test_lexicons.py``); this module only reads them under the
names the rules import, so that a rule reads its words from one place and a language brings its
own files. Lists read by the entity rules alone are in :mod:`khulasa.facts.entities.cues`.
"""

from __future__ import annotations

import json
from importlib import resources

from khulasa.facts.text import key, lexicon_keys, lexicon_values
from khulasa.language.lexicons import load_lexicon


def _keys(*words: str) -> frozenset[str]:
    return frozenset(key(w) for w in words)


def _denial_verbs() -> frozenset[str]:
    """The forms of نفى, from the one lexicon the claim aligner reads too
    (``khulasa/align/data/cues.json``, entry ``deny.nafa``), so the list has one copy."""
    path = resources.files("khulasa").joinpath("align/data/cues.json")
    entries = json.loads(path.read_text(encoding="utf-8"))["denial"]
    return _keys(*next(e["words"] for e in entries if e["id"] == "deny.nafa"))


def _phrases(name: str) -> tuple[tuple[str, ...], ...]:
    """The phrases of a lexicon as tuples of word keys, in file order."""
    return tuple(tuple(key(w) for w in phrase.split()) for phrase in load_lexicon(name).words)


DENIAL_VERBS = _denial_verbs()

# Speech: the verbs, those that continue the previous speaker (the present ones only with
# nothing between them and their إن/أن), the complementisers that open reported speech and
# the words that open an attribution with no verb.
SPEECH_VERBS = lexicon_keys("speech_verbs")
CONTINUATION_VERBS = lexicon_keys("speech_continuation_verbs")
PRESENT_CONTINUATION_VERBS = lexicon_keys("speech_present_continuation_verbs")
COMPLEMENTISERS = lexicon_keys("speech_complementisers")
ATTRIBUTION_MARKERS = lexicon_keys("speech_attribution_markers")

# Negation and denial cues for contradictions, with how far (in tokens) each reaches; a scope
# also ends at the end of its clause.
_NEGATION = load_lexicon("conflict_negation_cues").values
NEGATION_CUES = {
    **dict.fromkeys(DENIAL_VERBS, 25),
    **dict.fromkeys(_keys(*_NEGATION["clause"]), 25),
    **dict.fromkeys(_keys(*_NEGATION["near"]), 6),
}
NOT_NEGATION_AFTER = lexicon_keys("conflict_not_negation_after")
SCOPE_ENDS = lexicon_keys("conflict_scope_ends")
DISPUTE_WORDS = lexicon_keys("conflict_dispute_words")
REJECTION_WORDS = lexicon_keys("conflict_rejection_words")
DENIAL_PHRASES = _phrases("conflict_denial_phrases")

# Stopped against went on, about fighting: such claims contradict each other about one place.
HALT_VERBS = lexicon_keys("conflict_halt_verbs")
HALT_NOUNS = lexicon_keys("conflict_halt_nouns")
HALT_NOUN_BLOCKERS = lexicon_keys("conflict_halt_noun_blockers")
CONTINUE_WORDS = lexicon_keys("conflict_continue_words")
FIGHTING_WORDS = lexicon_keys("conflict_fighting_words")

# Weekday names by weekday number, Monday 0 (language/data/ar_weekdays.json).
WEEKDAYS = lexicon_values("weekdays", int)

# Names and the words around them, shared by the quote reader and the entity rules.
NAME_STOPS = lexicon_keys("name_stops")
SOURCE_NOUNS = lexicon_keys("source_nouns")
NAME_TITLES = lexicon_keys("name_titles")
ORG_CONSTRUCT_HEADS = lexicon_keys("org_construct_heads")
QUALIFIED_ORG_HEADS = lexicon_keys("org_qualified_heads")
SCOPE_ADJECTIVES = lexicon_keys("org_scope_adjectives")
KINSHIP_NOUNS = lexicon_keys("kinship_nouns")
SUBJECT_FIRST_VERBS = lexicon_keys("speech_subject_first_verbs")
NOT_NAME_WORDS = lexicon_keys("not_name_words")
PLACE_CUES = frozenset(_phrases("place_cues"))
# The phrase after which the word before it is a place (a tuple of word keys: على بعد).
PLACE_AFTER = _phrases("place_after")[0]
KINSHIP_TITLES = lexicon_keys("kinship_titles")
