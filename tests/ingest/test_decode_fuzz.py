"""Property: whatever the bytes, ``decode_bytes`` returns text or raises ``InputError``."""

from __future__ import annotations

import codecs

from hypothesis import given, settings
from hypothesis import strategies as st

from khulasa.ingest.decode import decode_bytes
from khulasa.problems import InputError

ARABIC = "قال وزير الخارجية إن المحادثات ستتواصل في هامبورغ رغم الخلاف. "
BOMS = [b"", codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE, codecs.BOM_UTF32_LE]
ENCODINGS = ["utf-8", "cp1256", "iso8859_6", "utf-16-le", "utf-16-be", "utf-32"]


@st.composite
def text_like_bytes(draw) -> bytes:
    """Real encoded Arabic, behind any BOM, cut anywhere and with random bytes spliced in."""
    text = draw(st.text(alphabet=st.sampled_from(ARABIC + "abc<>\x00\x1b\n"), max_size=200))
    data = draw(st.sampled_from(BOMS)) + text.encode(draw(st.sampled_from(ENCODINGS)), "replace")
    if data and draw(st.booleans()):
        data = data[: draw(st.integers(0, len(data)))]
    splice = draw(st.binary(max_size=8))
    at = draw(st.integers(0, len(data)))
    return data[:at] + splice + data[at:]


def assert_text_or_input_error(data: bytes) -> None:
    try:
        text, encoding = decode_bytes(data)
    except InputError as exc:
        assert str(exc)  # a reason a person can read
        return
    assert isinstance(text, str) and isinstance(encoding, str)
    assert text.strip()  # an empty page is an InputError, not empty text
    text.encode("utf-8")  # no lone surrogate: the text can be hashed and stored


@settings(max_examples=150)
@given(st.binary(max_size=600))
def test_arbitrary_bytes_decode_to_text_or_an_input_error(data: bytes) -> None:
    assert_text_or_input_error(data)


@settings(max_examples=150)
@given(text_like_bytes())
def test_damaged_arabic_in_any_encoding_decodes_to_text_or_an_input_error(data: bytes) -> None:
    assert_text_or_input_error(data)


@settings(max_examples=60)
@given(st.text(alphabet=st.sampled_from(ARABIC), min_size=20, max_size=300))
def test_arabic_utf8_with_or_without_bom_decodes_to_itself(text: str) -> None:
    if not text.strip():
        return
    assert decode_bytes(text.encode("utf-8"))[0] == text
    assert decode_bytes(codecs.BOM_UTF8 + text.encode("utf-8"))[0] == text
