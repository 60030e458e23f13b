"""Bytes → text for what a real Arabic corpus holds: UTF-8, UTF-8 with BOM, Windows-1256.

UTF-8 is tried strictly first (it almost never decodes text that is not UTF-8). Otherwise the
decision goes to charset-normalizer, which scores candidate code pages by how plausible the
decoded text is; among single-byte Arabic code pages it can hesitate between cp1256 and
ISO-8859-6, so when both decode we take the one whose text is more Arabic.
"""

from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes

from khulasa.language.normalize import arabic_letter_ratio
from khulasa.problems import InputError

# UTF-32's little-endian mark begins with UTF-16's, so it is tested first.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32", "UTF-32"),
    (codecs.BOM_UTF32_BE, "utf-32", "UTF-32"),
    (codecs.BOM_UTF8, "utf-8-sig", "UTF-8"),
    (codecs.BOM_UTF16_LE, "utf-16", "UTF-16"),
    (codecs.BOM_UTF16_BE, "utf-16", "UTF-16"),
)
_ARABIC_CODEPAGES = ("cp1256", "iso8859_6")
# A page with a few stray NULs (a crawler's artefact) is still text; more than this is binary.
_MAX_NUL_SHARE = 0.005
# In UTF-8, Arabic letters are a lead byte 0xD8–0xDB and a continuation byte; in Windows-1256
# that pair is rare. A file that fails UTF-8 yet holds many such pairs mixes the two encodings.
_UTF8_ARABIC = re.compile(rb"[\xd8-\xdb][\x80-\xbf]")
_MIXED_SHARE = 0.2


def looks_binary(data: bytes) -> bool:
    """True for bytes that are not text in any encoding we read (NULs, many control bytes)."""
    sample = data[:8192]
    if sample.count(b"\x00") > len(sample) * _MAX_NUL_SHARE:
        return True
    controls = sum(1 for b in sample if b < 32 and b not in (0, 9, 10, 12, 13))
    return controls > len(sample) * 0.05


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Decode ``data``; return the text and the encoding used. Raise InputError if impossible."""
    if not data.strip():
        raise InputError("empty file")
    for bom, encoding, name in _BOMS:
        if data.startswith(bom):
            return _not_empty(_strict(data, encoding, f"{name} with a byte-order mark")), encoding
    utf16 = _utf16_without_bom(data)
    if utf16:
        return _not_empty(_strict(data, utf16, "UTF-16 without a byte-order mark")), utf16
    if looks_binary(data):
        raise InputError("binary file, not text")
    data = data.replace(b"\x00", b"")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as exc:
        if _looks_mixed(data):
            raise InputError(
                "mixes UTF-8 with another encoding (invalid UTF-8 at byte "
                f"{exc.start}): save it in one encoding"
            ) from None
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


def _not_empty(text: str) -> str:
    """A byte-order mark (or UTF-16 spaces) alone is an empty page, not a page of no text."""
    if not text.strip("\ufeff \t\r\n\x00"):
        raise InputError("empty file")
    return text


def _strict(data: bytes, encoding: str, described: str) -> str:
    """Decode or say where it breaks; a lone surrogate in UTF-16 is invalid too."""
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise InputError(f"invalid {described} at byte {exc.start} ({exc.reason})") from None


def _utf16_without_bom(data: bytes) -> str | None:
    """``utf-16-le``/``-be`` for text whose every other byte is 0x00 or 0x06 (ASCII and Arabic
    in UTF-16), which the binary test would otherwise reject for its NULs."""
    sample = data[:4096]
    if len(sample) < 8 or b"\x00" not in sample:
        return None
    usual = (0x00, 0x06)
    for offset, encoding in ((1, "utf-16-le"), (0, "utf-16-be")):
        high = sample[offset::2]
        if sum(b in usual for b in high) >= 0.9 * len(high) and high.count(0) < len(high):
            return encoding
        if high.count(0) == len(high):  # pure ASCII in UTF-16
            return encoding
    return None


def _looks_mixed(data: bytes) -> bool:
    high = sum(1 for b in data if b >= 0x80)
    return high > 0 and 2 * len(_UTF8_ARABIC.findall(data)) >= _MIXED_SHARE * high
