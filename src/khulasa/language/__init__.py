"""Language plug-ins: Arabic (the default) and English ship built in.

Every stage asks this module for a :class:`Language` instead of importing Arabic helpers
directly, so a new language is one module implementing the protocol and one registry line here
(``english.py`` is the worked example).
"""

from __future__ import annotations

from functools import cache

from khulasa.language.arabic import Arabic
from khulasa.language.base import Language
from khulasa.language.english import English

_REGISTRY: dict[str, type] = {"ar": Arabic, "en": English}

LANGUAGES = tuple(_REGISTRY)


@cache
def get_language(code: str = "ar") -> Language:
    """The shared instance of the language plug-in for ``code`` (e.g. ``"ar"``)."""
    try:
        return _REGISTRY[code]()
    except KeyError:
        known = ", ".join(sorted(_REGISTRY))
        raise ValueError(f"no language plug-in for {code!r} (available: {known})") from None


__all__ = ["LANGUAGES", "Language", "get_language"]
