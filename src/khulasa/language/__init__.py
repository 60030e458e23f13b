"""Language plug-ins. Arabic ships built in; another language registers a class here.

Every stage asks this module for a :class:`Language` instead of importing Arabic helpers
directly, so adding English means writing one module and one registry line.
"""

from __future__ import annotations

from functools import cache

from khulasa.language.arabic import Arabic
from khulasa.language.base import Language

_REGISTRY: dict[str, type] = {"ar": Arabic}


@cache
def get_language(code: str = "ar") -> Language:
    """The shared instance of the language plug-in for ``code`` (e.g. ``"ar"``)."""
    try:
        return _REGISTRY[code]()
    except KeyError:
        known = ", ".join(sorted(_REGISTRY))
        raise ValueError(f"no language plug-in for {code!r} (available: {known})") from None


__all__ = ["Language", "get_language"]
