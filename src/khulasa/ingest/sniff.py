"""Tell HTML from plain text by content, since scraped files are often misnamed."""

from __future__ import annotations

import re

_HTML_MARKERS = re.compile(
    r"<!doctype\s+html|<html[\s>]|<body[\s>]|<head[\s>]|<(?:p|div|article|span|a|br|meta)[\s>/]",
    re.IGNORECASE,
)


def looks_like_html(text: str) -> bool:
    """True when ``text`` carries HTML markup near its start (or a dense run of tags anywhere)."""
    head = text[:4096]
    if _HTML_MARKERS.search(head):
        return True
    return len(_HTML_MARKERS.findall(text[:65536])) >= 5
