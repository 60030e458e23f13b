"""Properties of the JSON record streamer: only ``(origin, dict | Problem)`` pairs come out,
whatever the bytes; and a valid document reads as ``json.loads`` reads it."""

from __future__ import annotations

import io
import json

from hypothesis import given, settings
from hypothesis import strategies as st

from khulasa.ingest.jsonstream import SurrogateEscapeFilter, json_records
from khulasa.ingest.limits import ReadLimits
from khulasa.problems import Problem

LIMITS = ReadLimits(max_depth=32, max_record_bytes=64 * 1024)
TOKENS = [
    "[", "]", "{", "}", ",", ":", '"', '"a"', '"\\udc00"', '"\\ud800\\udc00"', "\\", "\\\\",
    "\\u", "\\ud8", "1", "-0.5e3", "true", "null", " ", "\n", '"content"', "\ufeff", "\ufffe",
]  # fmt: skip


class ShortReads(io.BytesIO):
    """A stream that hands out at most ``chunk`` bytes a read, as a pipe or a socket may."""

    def __init__(self, data: bytes, chunk: int) -> None:
        super().__init__(data)
        self.chunk = chunk

    def read(self, size: int | None = -1) -> bytes:
        return super().read(self.chunk if size is None or size < 0 else min(size, self.chunk))


def records(data: bytes, limits: ReadLimits = LIMITS, chunk: int = 1 << 20) -> list:
    out = list(json_records(ShortReads(data, chunk), "f.json", limits))
    for origin, item in out:
        assert isinstance(origin, str) and origin.startswith("f.json")
        assert isinstance(item, dict | Problem), item
        if isinstance(item, Problem):
            assert item.reason and item.origin.startswith("f.json")
    return out


@settings(max_examples=200)
@given(st.binary(max_size=400))
def test_arbitrary_bytes_give_only_records_and_problems(data: bytes) -> None:
    records(data)


@settings(max_examples=300)
@given(st.lists(st.sampled_from(TOKENS), max_size=60))
def test_json_ish_text_gives_only_records_and_problems(tokens: list[str]) -> None:
    records("".join(tokens).encode("utf-8"))


@settings(max_examples=50)
@given(st.integers(33, 5_000), st.sampled_from(["[", '{"a":']))
def test_nesting_past_the_depth_limit_is_a_problem_and_the_next_record_is_read(
    depth: int, opener: str
) -> None:
    closer = "]" if opener == "[" else "}"
    doc = "[" + opener * depth + "1" + closer * depth + ', {"content": "x"}]'
    out = records(doc.encode())
    assert isinstance(out[0][1], Problem) and "nested deeper" in out[0][1].reason
    assert out[1][1] == {"content": "x"}


# Valid JSON values without lone surrogates (hypothesis's text() holds none) or U+FFFE (the
# filter's marker for a defused escape).
SCALARS = (
    st.none()
    | st.booleans()
    | st.integers(-(2**62), 2**62)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(
        alphabet=st.characters(exclude_categories=["Cs"], exclude_characters="\ufffe"), max_size=20
    )
)
VALUES = st.recursive(
    SCALARS,
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(
            st.text(max_size=6).filter(lambda k: "\ufffe" not in k), inner, max_size=4
        )
    ),
    max_leaves=20,
)
RECORDS = st.dictionaries(st.text(max_size=8).filter(lambda k: "\ufffe" not in k), VALUES)


@settings(max_examples=200)
@given(
    st.lists(RECORDS, max_size=5), st.booleans(), st.booleans(), st.sampled_from([1, 2, 3, 5, 64])
)
def test_a_valid_array_of_records_reads_as_json_loads_reads_it(
    array: list[dict], ascii_only: bool, bom: bool, chunk: int
) -> None:
    text = json.dumps(array, ensure_ascii=ascii_only)
    data = (b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8")
    filtered = SurrogateEscapeFilter(io.BytesIO(data), chunk=chunk).read()
    assert json.loads(filtered) == json.loads(text)
    out = records(data, chunk=chunk)
    assert [item for _, item in out] == json.loads(text)


@settings(max_examples=150)
@given(st.lists(RECORDS, min_size=1, max_size=4), st.data())
def test_a_lone_surrogate_escape_loses_only_its_own_record(array: list[dict], data) -> None:
    bad = data.draw(st.integers(0, len(array) - 1))
    escape = data.draw(st.sampled_from(["\\udc00", "\\ud800", "\\uDFFF", "\\ud83d x"]))
    array[bad] = {**array[bad], "content": "@@BAD@@"}
    text = json.dumps(array).replace("@@BAD@@", escape)
    out = records(text.encode("utf-8"))
    assert len(out) == len(array)
    for number, (_, item) in enumerate(out):
        if number == bad:
            assert isinstance(item, Problem) and "surrogate" in item.reason
        else:
            assert item == array[number]


@settings(max_examples=200)
@given(st.binary(max_size=300), st.integers(1, 40))
def test_the_filter_gives_the_same_bytes_whatever_the_chunk_size(data: bytes, chunk: int) -> None:
    whole = SurrogateEscapeFilter(io.BytesIO(data)).read()
    pieces = SurrogateEscapeFilter(io.BytesIO(data), chunk=chunk)
    parts = []
    while part := pieces.read(7):
        parts.append(part)
    assert b"".join(parts) == whole
