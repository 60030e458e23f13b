"""Every field a report shows comes from outside: make it inert in each output format.

Outlet names, titles, URLs, ids and article text are written by whoever published or crawled the
page. Rendered as they are, a ``javascript:`` URL runs script when clicked, a ``<img onerror>``
in a Markdown report runs once a Markdown library turns it into HTML, a ``)`` ends a link early
and injects another, an ANSI escape recolours or rewrites the terminal, a newline in a file name
forges a log line, and a right-to-left override turns "evil.com/moc.elgoog" around. One module
owns these rules so that every renderer applies the same ones.
"""

from __future__ import annotations

import hashlib
import re
from urllib.parse import urlsplit

SAFE_SCHEMES = ("http", "https")

# C0 and C1 control characters, DEL; tab and newline are handled by each caller.
_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# Bidi embeddings, overrides and isolates, and the marks: inside a URL or an id they only hide
# what it really says.
_BIDI = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069\u061c]")
_MD_SPECIAL = re.compile(r"([\\`*_\[\]{}()<>#+!|~&\"'=:-])")
FSI, PDI = "\u2068", "\u2069"


def safe_url(url: str | None) -> str | None:
    """``url`` when it is a plain http(s) address a reader may open, else None.

    Anything else — ``javascript:``, ``data:``, ``file:``, a scheme hidden behind whitespace or
    bidi controls, credentials in the host part — is not made into a link."""
    if not url:
        return None
    if _CONTROLS.search(url) or _BIDI.search(url) or any(ch.isspace() for ch in url):
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in SAFE_SCHEMES or not parts.hostname or "@" in parts.netloc:
        return None
    return url


def one_line(text: str) -> str:
    """Terminal-safe text on one line: controls shown as escapes (``\\n``, ``\\x1b``)."""
    return _CONTROLS.sub(
        _visible, text.replace("\r", "\\r").replace("\n", "\\n").replace("\t", " ")
    )


def terminal_text(text: str) -> str:
    """Terminal-safe text that keeps its line breaks: escape sequences and other controls are
    shown, not obeyed."""
    return "\n".join(_CONTROLS.sub(_visible, line.replace("\r", "")) for line in text.split("\n"))


def _visible(match: re.Match[str]) -> str:
    return f"\\x{ord(match.group()):02x}"


def md_text(text: str) -> str:
    """Source text inside Markdown: every character Markdown or raw HTML could act on is
    backslash-escaped, and line breaks become spaces so a field cannot open a new block."""
    flat = " ".join(terminal_text(text).split())
    return _MD_SPECIAL.sub(r"\\\1", flat)


def md_code(text: str, table: bool = False) -> str:
    """Text shown as inline code: backticks cannot close the span early. In a table cell
    (``table``) a ``|`` is escaped too: GFM splits cells before it parses code spans, so a bare
    ``|`` would end the span's cell and let the rest of the field out as raw HTML."""
    flat = " ".join(terminal_text(text).split()).replace("`", "'")
    if table:
        flat = flat.replace("|", "\\|")
    return f"`{flat}`" if flat else "``"


def md_link(label: str, url: str | None) -> str:
    """A Markdown link when ``url`` is safe (with ``(``, ``)``, ``<``, ``>`` and spaces
    percent-encoded so it cannot end early), else the label alone."""
    target = safe_url(url)
    if not target:
        return md_text(label)
    encoded = "".join(f"%{ord(ch):02X}" if ch in "()<>[] " else ch for ch in target)
    return f"[{md_text(label)}]({encoded})"


def isolate(text: str) -> str:
    """Text that keeps its own direction inside a line of the other direction (an outlet's
    Latin name in an Arabic line): wrapped in first-strong isolates, stray bidi controls
    removed so it cannot reorder what follows it."""
    return f"{FSI}{_BIDI.sub('', text)}{PDI}"


def anchor(*parts: object) -> str:
    """An HTML id for ``parts``: readable where the text allows, and distinct for ids that differ
    only in punctuation (``a.b`` and ``a-b`` once gave the same anchor)."""
    raw = "|".join(str(p) for p in parts)
    readable = re.sub(r"[^A-Za-z0-9_-]+", "-", raw).strip("-")[:40]
    digest = hashlib.sha1(raw.encode("utf-8", "surrogatepass")).hexdigest()[:8]
    return f"{readable}-{digest}" if readable else f"id-{digest}"
