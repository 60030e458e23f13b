"""Stream the records of a JSON array, one at a time, within :class:`ReadLimits`.

``ijson.items`` would be the obvious tool, but it hands every event the full path prefix of its
value ("item.item.item…"), so a record nested 200,000 deep costs memory in the square of the
depth (20 GB from a 520-byte zip). Here records are built from ijson's ``basic_parse`` events,
which carry no prefix: a record deeper than ``max_depth`` or larger than ``max_record_bytes`` is
skipped in constant memory and the next record is read.

yajl, ijson's C parser, raises on a ``\\udc00`` escape (a lone UTF-16 surrogate, which no valid
text holds), and a parser that has raised cannot go on, so one bad record would lose the rest of
the file. :class:`SurrogateEscapeFilter` rewrites such escapes on the way in to a noncharacter
that the record builder recognises, so only that record is skipped.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Iterator
from typing import IO, Any

import ijson

from khulasa.ingest.limits import ReadLimits, describe_size
from khulasa.problems import Problem

# A lone surrogate escape becomes this noncharacter, which a record must not hold.
BAD_ESCAPE = "\ufffe"
_BAD_ESCAPE_BYTES = b"\\ufffe"
# Left to right, an escaped backslash is consumed whole, so "\\\\udc00" (a backslash, then the
# letters udc00) is never taken for an escape; a valid surrogate pair is kept.
_ESCAPE = re.compile(
    rb"\\(?:\\|u[dD][89abAB][0-9a-fA-F]{2}\\u[dD][c-fC-F][0-9a-fA-F]{2}|u[dD][89a-fA-F][0-9a-fA-F]{2})"
)
_HIGH_ESCAPE = re.compile(rb"\\u[dD][89abAB][0-9a-fA-F]{2}")
_UTF8_BOM = b"\xef\xbb\xbf"
_LONGEST_ESCAPE = 12

# What reading a damaged stream can raise, besides the parser's own errors.
STREAM_ERRORS = (
    OSError,
    EOFError,
    zlib.error,
    UnicodeDecodeError,
    NotImplementedError,
    RuntimeError,
)


class SurrogateEscapeFilter:
    """A binary stream that drops a leading UTF-8 BOM and defuses lone surrogate escapes."""

    def __init__(self, raw: IO[bytes], chunk: int = 1 << 16) -> None:
        self._raw = raw
        self._chunk = chunk
        self._pending = b""
        self._ready = b""
        self._started = False
        self._eof = False

    def read(self, size: int = -1) -> bytes:
        if size == 0:
            return b""
        while not self._eof and (size < 0 or len(self._ready) < size):
            self._fill()
        if size < 0:
            size = len(self._ready)
        out, self._ready = self._ready[:size], self._ready[size:]
        return out

    def _fill(self) -> None:
        data = self._raw.read(self._chunk)
        if not self._started:
            # A short read may hold only part of the mark: decide on three bytes (or the end).
            while len(data) < len(_UTF8_BOM) and (more := self._raw.read(self._chunk)):
                data += more
            self._started = True
            if data.startswith(_UTF8_BOM):
                data = data[len(_UTF8_BOM) :]
                if not data:  # the mark alone was read: that is not the end of the stream
                    data = self._raw.read(self._chunk)
        if not data:
            self._eof = True
            cut = len(self._pending)
        else:
            self._pending += data
            cut = _safe_cut(self._pending)
        head, self._pending = self._pending[:cut], self._pending[cut:]
        self._ready += _ESCAPE.sub(_defuse, head) if b"\\" in head else head


def _safe_cut(buffer: bytes) -> int:
    """Where to stop so that no escape is split: before the last run of backslashes near the end."""
    last = buffer.rfind(b"\\", max(0, len(buffer) - _LONGEST_ESCAPE))
    if last < 0:
        return len(buffer)
    if _HIGH_ESCAPE.fullmatch(buffer, max(0, last - 6), last):
        last -= 6  # the low half of a surrogate pair: keep the pair together
    while last > 0 and buffer[last - 1] == 0x5C:
        last -= 1
    return last


def _defuse(match: re.Match[bytes]) -> bytes:
    text = match.group()
    return text if text == b"\\\\" or len(text) == _LONGEST_ESCAPE else _BAD_ESCAPE_BYTES


class _Rejected:
    """A record that was read to its end but not kept, and why."""

    def __init__(self, reason: str) -> None:
        self.reason = reason


def json_records(
    stream: IO[bytes], where: str, limits: ReadLimits
) -> Iterator[tuple[str, dict[str, Any] | Problem]]:
    """``(origin, record or Problem)`` for each element of the top-level JSON array.

    A top-level object is read as one record. Whatever the stream holds, nothing but these
    pairs leaves this function: a parse error ends the file with a Problem saying how many
    records were read before it.
    """
    number = 0
    events = ijson.basic_parse(SurrogateEscapeFilter(stream), use_float=True)
    try:
        first = next(events, None)
        if first is None:
            yield where, Problem(where, "empty JSON file")
            return
        if first[0] == "start_map":
            yield f"{where}#1", _as_record(_build(first, events, limits), f"{where}#1")
            return
        if first[0] != "start_array":
            yield where, Problem(where, "not a JSON array of article records")
            return
        for event in events:
            if event[0] == "end_array":
                return
            number += 1
            origin = f"{where}#{number}"
            if number > limits.max_records:
                yield (
                    origin,
                    Problem(origin, f"more than {limits.max_records} records; the rest skipped"),
                )
                return
            yield origin, _as_record(_build(event, events, limits), origin)
    except ijson.JSONError as exc:
        yield (
            where,
            Problem(f"{where}#{number + 1}", f"invalid JSON ({_first_line(exc)}); {_kept(number)}"),
        )
    except STREAM_ERRORS as exc:
        yield (
            where,
            Problem(f"{where}#{number + 1}", f"unreadable ({_first_line(exc)}); {_kept(number)}"),
        )


def _as_record(value: Any, origin: str) -> dict[str, Any] | Problem:
    if isinstance(value, _Rejected):
        return Problem(origin, value.reason)
    if not isinstance(value, dict):
        return Problem(origin, "a record must be a JSON object")
    return value


def _build(first: tuple[str, Any], events: Iterator[tuple[str, Any]], limits: ReadLimits) -> Any:
    """The value that starts with event ``first``, read to its end (or rejected, in O(1) memory)."""
    kind, value = first
    if kind not in ("start_map", "start_array"):
        return value
    stack: list[Any] = [{} if kind == "start_map" else []]
    keys: list[str | None] = [None]
    size = 0
    skipped_depth = 0  # > 0 once rejected: only nesting is counted from then on
    reason = ""
    for kind, value in events:
        if skipped_depth:
            if kind in ("start_map", "start_array"):
                skipped_depth += 1
            elif kind in ("end_map", "end_array"):
                skipped_depth -= 1
                if not skipped_depth:
                    return _Rejected(reason)
            continue
        if kind in ("end_map", "end_array"):
            done = stack.pop()
            keys.pop()
            if not stack:
                return done
            continue
        if kind == "map_key":
            keys[-1] = value
            size += len(value)
            continue
        if kind in ("start_map", "start_array"):
            child: Any = {} if kind == "start_map" else []
            item: Any = child
        else:
            item = value
            if isinstance(item, str):
                size += len(item.encode("utf-8", "surrogatepass"))
                if BAD_ESCAPE in item:
                    reason = "holds an invalid \\u escape (a lone UTF-16 surrogate)"
        if not reason and size > limits.max_record_bytes:
            reason = f"record larger than {describe_size(limits.max_record_bytes)}"
        if not reason and kind in ("start_map", "start_array") and len(stack) >= limits.max_depth:
            reason = f"nested deeper than {limits.max_depth} levels"
        if reason:
            skipped_depth = len(stack) + (kind in ("start_map", "start_array"))
            stack.clear()
            keys.clear()
            continue
        parent = stack[-1]
        if isinstance(parent, dict):
            parent[keys[-1]] = item
        else:
            parent.append(item)
        if kind in ("start_map", "start_array"):
            stack.append(item)
            keys.append(None)
    raise ijson.IncompleteJSONError("premature end of the JSON value")


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    if isinstance(exc, UnicodeDecodeError):
        return f"bytes that are not UTF-8 at offset {exc.start}"
    return text.splitlines()[0].strip() if text else type(exc).__name__


def _kept(number: int) -> str:
    return f"the {number} records before it were read" if number else "nothing was read from it"
