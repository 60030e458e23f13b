"""Properties of the renderers' safety helpers, over arbitrary and hostile-looking text."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from hypothesis import given, settings
from hypothesis import strategies as st

from khulasa.render.safe import anchor, isolate, md_code, md_link, md_text, one_line, safe_url

SPECIALS = set("\\`*_[]{}()<>#+!|~&\"'=:-")
CONTROLS = re.compile("[\x00-\x1f\x7f-\x9f]")
BIDI = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069\u061c]")

HOSTILE = st.sampled_from(
    [
        "<script>", "<img src=x onerror=alert(1)>", "javascript:", "JaVaScRiPt:", "data:",
        "](", ")", "[", "|", "`", "\\", "\n", "\r", "\x1b[2J", "\x1b]0;x\x07", "\u202e",
        "\u2066", "http://", "https://", "//", "@", " ", "\t", "\x00", "&lt;", "%0a", "#",
        "example.org", "vbscript:", "file:///etc/passwd", "\u0085",
    ]
)  # fmt: skip
TEXT = st.lists(st.one_of(HOSTILE, st.text(max_size=6)), max_size=12).map("".join)
URLS = st.tuples(
    st.sampled_from(["", "http://", "https://", "HTTP://", " http://", "javascript:", "data:"]),
    TEXT,
).map("".join)


def unescaped_specials(out: str) -> list[str]:
    """Specials not preceded by the backslash that escapes them, read left to right."""
    found, i = [], 0
    while i < len(out):
        if out[i] == "\\":
            if i + 1 >= len(out) or out[i + 1] not in SPECIALS:
                found.append("\\")
            i += 2
            continue
        if out[i] in SPECIALS:
            found.append(out[i])
        i += 1
    return found


@settings(max_examples=300)
@given(TEXT)
def test_md_text_leaves_no_markdown_or_html_special_unescaped(text: str) -> None:
    out = md_text(text)
    assert unescaped_specials(out) == []
    assert not CONTROLS.search(out)  # one line, no escape sequence


@settings(max_examples=300)
@given(URLS)
def test_safe_url_returns_only_plain_http_or_https_addresses(url: str) -> None:
    out = safe_url(url)
    if out is None:
        return
    assert out == url
    parts = urlsplit(out)
    assert parts.scheme.lower() in ("http", "https") and parts.hostname
    assert out.lower().startswith(("http://", "https://"))
    assert not CONTROLS.search(out) and not BIDI.search(out) and " " not in out


@settings(max_examples=300)
@given(TEXT)
def test_one_line_never_returns_a_control_character(text: str) -> None:
    out = one_line(text)
    assert not CONTROLS.search(out)


@settings(max_examples=200)
@given(TEXT, URLS)
def test_md_link_targets_only_http_and_cannot_end_early(label: str, url: str) -> None:
    out = md_link(label, url)
    links = re.findall(r"(?<!\\)\]\(([^)]*)\)", out)
    if safe_url(url):
        assert out.endswith(")") and len(links) == 1
        assert links[0].lower().startswith(("http://", "https://"))
        assert not re.search(r"[()<>\[\] ]", links[0])
    else:
        assert links == [] and unescaped_specials(out) == []


@settings(max_examples=200)
@given(TEXT, st.booleans())
def test_md_code_is_one_code_span_that_cannot_be_closed_early(text: str, table: bool) -> None:
    out = md_code(text, table=table)
    assert out.startswith("`") and out.endswith("`") and "`" not in out[1:-1]
    assert not CONTROLS.search(out)
    if table:
        assert not re.search(r"(?<!\\)\|", out)


@settings(max_examples=200)
@given(TEXT)
def test_isolate_and_anchor_leave_no_stray_direction_control(text: str) -> None:
    out = isolate(text)
    assert out[0] == "\u2068" and out[-1] == "\u2069" and not BIDI.search(out[1:-1])
    assert re.fullmatch(r"[A-Za-z0-9_-]+", anchor(text, 3))
