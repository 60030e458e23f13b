import codecs

import pytest

from khulasa.ingest import decode_bytes
from khulasa.problems import InputError


def test_windows_1256_and_bom_decode_to_the_same_text_as_utf8(example_page):
    text = example_page("003")
    utf8, enc_utf8 = decode_bytes(text.encode("utf-8"))
    bom, enc_bom = decode_bytes(codecs.BOM_UTF8 + text.encode("utf-8"))
    # cp1256 has no curly quotes or some punctuation of the page; keep what it can encode.
    legacy = text.encode("cp1256", errors="ignore")
    cp1256, enc_cp = decode_bytes(legacy)
    assert utf8 == bom == text
    assert cp1256 == legacy.decode("cp1256")
    assert (enc_utf8, enc_bom, enc_cp) == ("utf-8", "utf-8-sig", "cp1256")


def test_short_windows_1256_line_is_still_read_as_arabic():
    line = "أعلن وزير الخارجية الروسي سيرغي لافروف أن الجيش السوري أوقف عملياته في حلب."
    text, encoding = decode_bytes(line.encode("cp1256"))
    assert text == line
    assert encoding == "cp1256"


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty file"),
        (b"  \n\t\n", "empty file"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00", "binary"),
    ],
)
def test_bad_bytes_raise_a_clear_reason(data, reason):
    with pytest.raises(InputError, match=reason):
        decode_bytes(data)
