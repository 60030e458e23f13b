"""Tokens and features of the entity tagger, shared by its training script and by the tagger.

The CRF only ever sees what this module makes of a sentence, so training
(``bench/train_tagger.py``) and use (:mod:`khulasa.facts.tagger`) must both go through it:
that is the whole guarantee that the shipped model reads text the way it was trained.

- Tokens are the facts extractors' word tokens (:func:`khulasa.facts.text.tokenize`, so spans are
  the same character offsets the rules use) plus every punctuation mark between them as a token
  of its own, as the training corpus writes them. A conjunction stays on its word (وقال، ولبنان),
  as it does in running text; the training script glues the corpus's separate و back on.
- Every feature is computed from the normalised key (hamza seats, ى, ة folded): the corpus is
  already written with bare alef, so the raw spelling would teach the model nothing that the key
  does not, and would differ at run time.
- The knowledge the rules encode becomes features: gazetteer phrases (longest match, clitics
  peeled), given names, nationality adjectives, titles, office and organisation heads, place
  nouns, speech verbs, kinship and source nouns, and whether the word is in an Arabic dictionary
  at all (transliterated names are not).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from khulasa.facts.dictionary import is_arabic_word
from khulasa.facts.gazetteer import Gazetteer, load_gazetteer
from khulasa.facts.lexicon import (
    KINSHIP_NOUNS,
    NAME_TITLES,
    ORG_CONSTRUCT_HEADS,
    QUALIFIED_ORG_HEADS,
    SOURCE_NOUNS,
    SPEECH_VERBS,
)
from khulasa.facts.text import clitic_forms, key, tokenize, verb_forms
from khulasa.language import get_language

Features = dict[str, str | float]

_PUNCT = re.compile(r"[^\w\s\u064B-\u0652\u0640]")
_DIGITS = re.compile(r"^\d+(?:[.,]\d+)*$")
_LATIN = re.compile(r"^[A-Za-z]")
_WINDOW = 2  # neighbours on each side whose words are features


@dataclass(frozen=True)
class TagToken:
    """A token the tagger reads, with its character span in the sentence."""

    text: str
    start: int
    end: int


def tag_tokens(text: str) -> list[TagToken]:
    """Word tokens (the extractors' own) and punctuation marks between them, left to right."""
    out: list[TagToken] = []
    last = 0
    for token in tokenize(text):
        out.extend(_marks(text, last, token.start))
        out.append(TagToken(token.text, token.start, token.end))
        last = token.end
    out.extend(_marks(text, last, len(text)))
    return out


def _marks(text: str, start: int, end: int) -> list[TagToken]:
    return [
        TagToken(m.group(), start + m.start(), start + m.end())
        for m in _PUNCT.finditer(text[start:end])
    ]


def _bare(word_key: str) -> str:
    """The word without its proclitics and article: ولبنان → لبنان, بالعراق → عراق."""
    form = clitic_forms(word_key)[-1]
    return form[2:] if form.startswith("ال") and len(form) > 4 else form


class FeatureExtractor:
    """Builds the feature dicts of a sentence's tokens; word-level features are cached."""

    def __init__(self, gazetteer: Gazetteer | None = None) -> None:
        self.gaz = gazetteer or load_gazetteer()
        self._stem = get_language("ar").stem
        self._cache: dict[str, Features] = {}
        self._offices = self.gaz.role_heads | NAME_TITLES
        self._org_heads = self.gaz.org_heads | ORG_CONSTRUCT_HEADS | QUALIFIED_ORG_HEADS
        self._single_kinds = {
            words[0]: entry.kind for words, entry in self.gaz.phrases.items() if len(words) == 1
        }

    def word(self, text: str) -> Features:
        """Features of a word on its own (no context)."""
        cached = self._cache.get(text)
        if cached is not None:
            return cached
        k = key(text)
        feats: Features = {"w": k}
        if _PUNCT.fullmatch(text):
            feats["shape"] = "punct"
        elif _DIGITS.match(k):
            feats["shape"] = "digit"
        elif _LATIN.match(k):
            feats["shape"] = "latin"
        elif not k:
            feats["shape"] = "mark"  # a lone tatweel or vowel mark
        else:
            feats.update(self._arabic(k))
        if len(self._cache) < 200_000:
            self._cache[text] = feats
        return feats

    def _arabic(self, k: str) -> Features:
        forms = clitic_forms(k)
        bare = _bare(k)
        feats: Features = {
            "b": bare,
            "st": self._stem(bare),
            "p2": bare[:2],
            "p3": bare[:3],
            "s1": k[-1:],
            "s2": k[-2:],
            "s3": k[-3:],
            "len": str(min(len(bare), 8)),
        }
        if k[:1] in "وفبلك" and len(k) > 3:
            feats["cl"] = k[0]
        if forms[-1].startswith("ال"):
            feats["al"] = 1.0
        flags = (
            ("fn", any(f in self.gaz.first_names for f in forms)),
            ("part", k in self.gaz.name_particles),
            ("nat", any(self.gaz.is_nationality(f) for f in forms)),
            ("office", any(f in self._offices for f in forms)),
            ("orgh", any(f in self._org_heads for f in forms)),
            ("plh", any(f in self.gaz.place_heads for f in forms)),
            ("speech", any(f in SPEECH_VERBS for f in verb_forms(k))),
            ("kin", any(f in KINSHIP_NOUNS for f in forms)),
            ("srcn", any(f in SOURCE_NOUNS for f in forms)),
            ("word", len(k) > 1 and is_arabic_word(k)),
        )
        feats.update({name: 1.0 for name, on in flags if on})
        kind = next((self._single_kinds[f] for f in forms if f in self._single_kinds), None)
        if kind:
            feats["gz1"] = kind
        return feats

    def phrase_tags(self, keys: list[str]) -> list[str]:
        """Gazetteer phrases over the sentence, longest first: "place-B", "org-I", … or ""."""
        tags = [""] * len(keys)
        i = 0
        while i < len(keys):
            hit = 0
            for length in range(min(self.gaz.max_len, len(keys) - i), 0, -1):
                rest = tuple(keys[i + 1 : i + length])
                entry = next(
                    (e for f in clitic_forms(keys[i]) if (e := self.gaz.lookup((f, *rest)))),
                    None,
                )
                if entry is not None:
                    tags[i] = f"{entry.kind}-B"
                    for j in range(i + 1, i + length):
                        tags[j] = f"{entry.kind}-I"
                    hit = length
                    break
            i += hit or 1
        return tags

    def sentence(self, words: list[str]) -> list[Features]:
        """One feature dict per token: its own features and its neighbours'."""
        own = [self.word(w) for w in words]
        phrase = self.phrase_tags([str(f["w"]) for f in own])
        out: list[Features] = []
        n = len(words)
        for i, feats in enumerate(own):
            item: Features = {"bias": 1.0, **feats}
            if phrase[i]:
                item["gz"] = phrase[i]
            for off in range(-_WINDOW, _WINDOW + 1):
                if off == 0:
                    continue
                j = i + off
                if not 0 <= j < n:
                    item[f"{off}:w"] = "<s>" if j < 0 else "</s>"
                    continue
                other = own[j]
                item[f"{off}:w"] = other["w"]
                if "b" in other:
                    item[f"{off}:b"] = other["b"]
                if abs(off) == 1:
                    for flag in ("fn", "nat", "office", "orgh", "plh", "speech", "kin", "word"):
                        if flag in other:
                            item[f"{off}:{flag}"] = 1.0
                    if "gz1" in other:
                        item[f"{off}:gz1"] = other["gz1"]
                    if phrase[j]:
                        item[f"{off}:gz"] = phrase[j]
                    item[f"{off}:shape"] = other.get("shape", "ar")
            if i > 0:
                item["-1|0"] = f"{own[i - 1]['w']}|{feats['w']}"
            if i + 1 < n:
                item["0|+1"] = f"{feats['w']}|{own[i + 1]['w']}"
            out.append(item)
        return out


@cache
def shared_extractor() -> FeatureExtractor:
    """One extractor per process: building the gazetteer maps costs more than tagging."""
    return FeatureExtractor()
