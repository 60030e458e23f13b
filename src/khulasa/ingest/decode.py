"""Bytes → text for what a real Arabic corpus holds: UTF-8, UTF-8 with BOM, Windows-1256.

UTF-8 is tried strictly first (it almost never decodes text that is not UTF-8). Otherwise the
decision goes to charset-normalizer, which scores candidate code pages by how plausible the
decoded text is; among single-byte Arabic code pages it can hesitate between cp1256 and
ISO-8859-6, so when both decode we take the one whose text is more Arabic.
"""

from __future__ import annotations

import codecs

from charset_normalizer import from_bytes

from khulasa.language.normalize import arabic_letter_ratio
from khulasa.problems import InputError

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_ARABIC_CODEPAGES = ("cp1256", "iso8859_6")


def looks_binary(data: bytes) -> bool:
    """True for bytes that are not text in any encoding we read (NULs, many control bytes)."""
    sample = data[:8192]
    if b"\x00" in sample:
        return True
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13))
    return controls > len(sample) * 0.05


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Decode ``data``; return the text and the encoding used. Raise InputError if impossible."""
    if not data.strip():
        raise InputError("empty file")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data.decode(encoding), encoding
    if looks_binary(data):
        raise InputError("binary file, not text")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    best = from_bytes(data).best()
    if best is not None and best.encoding not in _ARABIC_CODEPAGES:
        text = str(best)
        if arabic_letter_ratio(text) > 0.5:
            return text, best.encoding
    # An Arabic single-byte page is by far the likeliest; pick the code page that reads best.
    for encoding in _ARABIC_CODEPAGES:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if arabic_letter_ratio(text) > 0.5:
            return text, encoding
    if best is not None:
        return str(best), best.encoding
    raise InputError("undecodable bytes: not UTF-8, Windows-1256 or any encoding detected")
