"""The lexicon behind entity recognition: curated JSON plus CLDR country and city names.

CLDR (through babel) gives the Arabic name of every country and of the main city of every time
zone, which a hand list would always lag behind; the curated file adds what CLDR lacks (regions,
towns in the news, organisations, well-known people, given names, role words). Everything is
keyed by :func:`khulasa.facts.text.key`, so one spelling per variant family is enough.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, cached_property
from importlib import resources

from khulasa.facts.model import EntityKind
from khulasa.facts.text import key, lexicon_keys

# CLDR exemplar cities of these zones are real cities Arabic news names; other zones hold
# obscure places whose Arabic names collide with common words.
_CITY_ZONES = ("Asia/", "Europe/", "Africa/")
# CLDR names that are also everyday words or that outlets never use for the place.
_CLDR_SKIP = lexicon_keys("place_cldr_skip")


@dataclass(frozen=True)
class Entry:
    """A lexicon entry: the canonical name an alias resolves to, and its kind."""

    canonical: str
    kind: EntityKind
    role: str | None = None
    context_only: bool = False  # a short alias used only if the full name is in the story


@dataclass(frozen=True)
class Gazetteer:
    """Phrase keys (tuples of token keys) → entries, plus the word lists the rules need."""

    phrases: dict[tuple[str, ...], Entry]
    first_names: frozenset[str]
    name_particles: frozenset[str]
    role_heads: frozenset[str]
    place_heads: frozenset[str]
    org_heads: frozenset[str]
    max_len: int
    nationalities: frozenset[str] = frozenset()
    # given names spelled with ة (نادية), whose folded key a pronoun ending ه imitates (ناديه)
    feminine_names: frozenset[str] = frozenset()

    def lookup(self, words: tuple[str, ...]) -> Entry | None:
        return self.phrases.get(words)

    @cached_property
    def lengths(self) -> dict[str, tuple[int, ...]]:
        """First word → the lengths of the phrases it starts, longest first.

        The matcher tries only those lengths at a token instead of every length up to
        ``max_len``: most words start no listed name at all.
        """
        found: dict[str, set[int]] = {}
        for words in self.phrases:
            found.setdefault(words[0], set()).add(len(words))
        return {w: tuple(sorted(n, reverse=True)) for w, n in found.items()}

    def is_nationality(self, word_key: str) -> bool:
        """A nisba adjective of a known place (عراقي، الإيرانية، بريطانيون): never a name."""
        bare = word_key[2:] if word_key.startswith("ال") else word_key
        return bare in self.nationalities


def _phrase(text: str) -> tuple[str, ...]:
    return tuple(key(w) for w in text.split())


@cache
def load_gazetteer() -> Gazetteer:
    """The shared gazetteer (curated data file + babel's CLDR names), built once."""
    raw = json.loads(
        resources.files("khulasa.facts").joinpath("data/gazetteer.json").read_text("utf-8")
    )
    phrases: dict[tuple[str, ...], Entry] = {}

    def add(text: str, entry: Entry) -> None:
        words = _phrase(text)
        if words and words not in phrases:
            phrases[words] = entry

    for kind, section in (("person", "persons"), ("org", "orgs"), ("place", "places")):
        for item in raw[section]:
            entry = Entry(item["name"], kind, item.get("role"))  # type: ignore[arg-type]
            for text in (item["name"], *item.get("aliases", ())):
                add(text, entry)
            for text in item.get("context_aliases", ()):
                add(text, Entry(item["name"], kind, item.get("role"), context_only=True))
    countries, cities = _cldr_places()
    for name in countries + cities:
        if _phrase(name) not in phrases and key(name) not in _CLDR_SKIP:
            add(name, Entry(name, "place"))
    for name in countries:  # outlets also write باكستان as الباكستان
        bare = key(name)
        if (
            " " not in name
            and len(bare) >= 5
            and not bare.startswith("ال")
            and bare not in _CLDR_SKIP
        ):
            add("ال" + name, phrases.get(_phrase(name), Entry(name, "place")))
    return Gazetteer(
        phrases=phrases,
        first_names=frozenset(key(w) for w in raw["first_names"]),
        feminine_names=frozenset(key(w) for w in raw["first_names"] if w.endswith("ة")),
        name_particles=frozenset(key(w) for w in raw["name_particles"]),
        role_heads=frozenset(key(w) for w in raw["role_heads"]),
        place_heads=frozenset(key(w) for w in raw["place_heads"]),
        org_heads=frozenset(key(w) for w in raw["org_heads"]),
        max_len=max(len(p) for p in phrases),
        nationalities=_nisba_forms(
            words[0]
            for words, entry in phrases.items()
            if entry.kind == "place" and len(words) == 1
        ),
    )


def _nisba_forms(place_keys: Iterable[str]) -> frozenset[str]:
    """Adjectives of origin built from one-word place names, without the article.

    العراق → عراقي، عراقيه، عراقيون، عراقيين; روسيا → روسي …; بريطانيا → بريطاني …. They let the
    rules tell "صياد عراقي" (a description) from a name, and make "الحكومة الإيرانية" an
    organisation.
    """
    forms: set[str] = set()
    for place in place_keys:
        bare = place[2:] if place.startswith("ال") else place
        if bare.endswith(("يا", "يه")):  # روسيا → روسي، السعودية → سعودي
            base = bare[:-1]
        elif bare.endswith(("ا", "ه")):
            base = bare[:-1] + "ي"
        else:
            base = bare + "ي"
        if len(base) >= 4:
            forms.update(base + end for end in ("", "ه", "ون", "ين", "ات"))
    return frozenset(forms)


def _cldr_places() -> tuple[list[str], list[str]]:
    """Arabic country names and main-city names from CLDR; empty if babel is unavailable."""
    try:
        from babel import Locale
    except ImportError:  # pragma: no cover - babel ships with the project's dependencies
        return [], []
    locale = Locale("ar")
    names = [
        name
        for code, name in locale.territories.items()
        # countries (two letters) and world regions (three digits: أفريقيا، آسيا، غرب آسيا)
        if ((code.isalpha() and len(code) == 2) or (code.isdigit() and code != "001"))
        and "(" not in name
    ]
    cities = []
    for zone, info in locale.time_zones.items():
        city = info.get("city")
        if city and zone.startswith(_CITY_ZONES) and len(key(city)) >= 4 and "،" not in city:
            cities.append(city)
    return names, cities
