"""Read articles from files, folders, globs, JSONL and stdin: the reading boundary.

One entry point, :func:`read_articles`, takes whatever the user typed and yields ``Article``
objects or ``Problem`` objects, in a stable order. Nothing else leaves it: a bad input becomes a
``Problem`` naming the file and the reason, and the batch goes on. Every read is bounded by
:class:`~khulasa.ingest.limits.ReadLimits`.

JSONL records hold one article each: ``text`` or ``html`` (or ``path``, a file relative to the
JSONL file — which is how a manifest attaches outlet names and dates to a folder of pages), and
optionally ``id``, ``source``, ``url``, ``published`` and ``title``. JSONL files and stdin are
streamed line by line, so a manifest of any length costs the memory of one line.
"""

from __future__ import annotations

import errno
import glob
import json
import os
import re
import sys
from collections.abc import Callable, Iterable, Iterator
from datetime import date
from pathlib import Path
from typing import Any, BinaryIO

from khulasa.ingest.decode import decode_bytes
from khulasa.ingest.limits import DEFAULT_LIMITS, ReadLimits, describe_size
from khulasa.ingest.sniff import looks_like_html
from khulasa.model import Article, ContentKind
from khulasa.problems import EMPTY_RECORD, ERROR, NOTICE, InputError, Problem

_JSONL_SUFFIXES = {".jsonl", ".ndjson"}
_SKIPPED_NAMES = {".DS_Store", "Thumbs.db"}
_SURROGATE = re.compile("[\ud800-\udfff]")
_TEXT_FIELDS = ("source", "url", "title")

Item = Article | Problem


def read_articles(
    inputs: Iterable[str], stdin: BinaryIO | None = None, limits: ReadLimits = DEFAULT_LIMITS
) -> Iterator[Item]:
    """Yield an Article or a Problem for every input: path, folder, glob, JSONL or ``-``."""
    for spec in inputs:
        yield from guarded(spec, lambda spec=spec: _read_spec(spec, stdin, limits))


def guarded(spec: str, read: Callable[[], Iterable[Item]]) -> Iterator[Item]:
    """The items of ``read()``; an error no reader foresaw ends that input with a Problem, not
    the batch with a traceback."""
    try:
        yield from read()
    except Exception as exc:  # the boundary: nothing but Articles and Problems leaves it
        yield Problem(
            spec, f"unexpected error, the rest of this input skipped ({type(exc).__name__}: {exc})"
        )


def _read_spec(spec: str, stdin: BinaryIO | None, limits: ReadLimits) -> Iterator[Item]:
    if spec == "-":
        yield from _read_stream(stdin if stdin is not None else sys.stdin.buffer, limits)
        return
    path = Path(spec)
    if path.is_dir():
        files, problems = walk_files(path)
        yield from problems
        if not files and not problems:
            yield Problem(spec, "folder holds no files")
        yield from _read_folder(files, limits)
    elif path.exists():
        yield from _read_path(path, limits)
    elif glob.has_magic(spec):
        matches = sorted(Path(p) for p in glob.glob(spec, recursive=True))
        files = [p for p in matches if p.is_file()]
        if not files:
            yield Problem(spec, "no file matches this pattern")
        for file in files:
            yield from _read_path(file, limits)
    else:
        yield Problem(spec, missing_reason(path))


def missing_reason(path: Path) -> str:
    """Why a path that does not exist cannot be read, told apart from a link that leads nowhere."""
    try:
        os.stat(path)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return "symbolic link loop"
        if path.is_symlink():
            return "broken symbolic link (its target does not exist)"
        if exc.errno in (errno.EACCES, errno.EPERM):
            return "permission denied"
        return "no such file or folder"
    return "no such file or folder"


def walk_files(folder: Path) -> tuple[list[Path], list[Problem]]:
    """Every wanted file under ``folder``, sorted, and a Problem for each sub-folder that cannot
    be listed (it is named, not silently skipped). Symbolic links to folders are not followed,
    so a link loop cannot make the walk endless."""
    problems: list[Problem] = []

    def unreadable(exc: OSError) -> None:
        problems.append(
            Problem(str(exc.filename or folder), f"cannot list folder: {describe_os_error(exc)}")
        )

    files = [
        Path(root) / name
        for root, _, names in os.walk(folder, onerror=unreadable)
        for name in names
        if _wanted(name)
    ]
    return sorted(files), problems


def describe_os_error(exc: BaseException) -> str:
    """``[Errno 13] Permission denied: '/x'`` → ``permission denied``, for one-line messages."""
    if isinstance(exc, OSError) and exc.errno == errno.ELOOP:
        return "symbolic link loop"
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror[0].lower() + exc.strerror[1:]
    return str(exc) or type(exc).__name__


def has_surrogates(text: str) -> bool:
    """True for text holding a lone UTF-16 surrogate, which cannot be stored or hashed."""
    return _SURROGATE.search(text) is not None


def _read_folder(files: list[Path], limits: ReadLimits) -> Iterator[Item]:
    """A folder's manifests first, then the files no manifest lists.

    A page listed in a manifest is read through it (with its outlet and date), so pointing
    Khulasa at the folder gives each article once, not once bare and once from the manifest.
    """
    manifests = [f for f in files if f.suffix.lower() in _JSONL_SUFFIXES]
    listed: set[Path] = set()
    for manifest in manifests:
        yield from _read_jsonl(manifest, limits, listed)
    for file in files:
        if file not in manifests and _resolved(file) not in listed:
            yield from _read_path(file, limits)


def _wanted(name: str) -> bool:
    return not name.startswith(".") and name not in _SKIPPED_NAMES


def _resolved(path: Path) -> Path:
    try:
        return path.resolve()
    except (OSError, RuntimeError):
        return path


def read_bounded(path: Path, limits: ReadLimits) -> bytes:
    """The bytes of one file, refused past ``max_file_bytes`` before they are read."""
    with path.open("rb") as handle:
        size = os.fstat(handle.fileno()).st_size
        if size > limits.max_file_bytes:
            raise InputError(_too_large(size, limits))
        data = handle.read(limits.max_file_bytes + 1)
    if len(data) > limits.max_file_bytes:
        raise InputError(_too_large(len(data), limits))
    return data


def _too_large(size: int, limits: ReadLimits) -> str:
    return (
        f"file of {describe_size(size)} is over the limit of {describe_size(limits.max_file_bytes)}"
    )


def _read_path(path: Path, limits: ReadLimits) -> Iterator[Item]:
    if path.suffix.lower() in _JSONL_SUFFIXES:
        yield from _read_jsonl(path, limits)
        return
    try:
        text, _ = decode_bytes(read_bounded(path, limits))
        yield _article(path.stem, text, origin=str(path))
    except InputError as exc:
        yield Problem(str(path), str(exc))
    except OSError as exc:
        yield Problem(str(path), f"cannot read: {describe_os_error(exc)}")


def _read_stream(stream: BinaryIO, limits: ReadLimits) -> Iterator[Item]:
    """stdin: JSONL (first byte ``{``) streamed line by line, or one article's text."""
    head = stream.readline(limits.max_record_bytes + 1)
    while head and not head.strip():
        head = stream.readline(limits.max_record_bytes + 1)
    if head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{"):
        lines = _chain_first(head, stream)
        yield from _parse_jsonl(lines, "stdin", Path.cwd(), limits)
        return
    data = head + stream.read(limits.max_file_bytes + 1 - len(head))
    try:
        if len(data) > limits.max_file_bytes:
            raise InputError(f"stdin is over the limit of {describe_size(limits.max_file_bytes)}")
        text, _ = decode_bytes(data)
        yield _article("stdin", text, origin="stdin")
    except InputError as exc:
        yield Problem("stdin", str(exc))


def _chain_first(first: bytes, stream: BinaryIO) -> Iterator[bytes]:
    yield first
    yield from stream


def _read_jsonl(path: Path, limits: ReadLimits, listed: set[Path] | None = None) -> Iterator[Item]:
    """Every record of a JSONL file; files its ``path`` records name are added to ``listed``."""
    try:
        handle = path.open("rb")
    except OSError as exc:
        yield Problem(str(path), f"cannot read: {describe_os_error(exc)}")
        return
    with handle:
        yield from _parse_jsonl(handle, str(path), path.parent, limits, listed)


def _parse_jsonl(
    lines: Iterable[bytes],
    origin: str,
    base: Path,
    limits: ReadLimits,
    listed: set[Path] | None = None,
) -> Iterator[Item]:
    for number, raw in enumerate(lines, start=1):
        if number > limits.max_records:
            yield Problem(origin, f"more than {limits.max_records} records; the rest skipped")
            return
        where = f"{origin}:{number}"
        if len(raw) > limits.max_record_bytes:
            yield Problem(where, f"line longer than {describe_size(limits.max_record_bytes)}")
            continue
        if not raw.strip():
            continue
        try:
            record = _load_record(raw, number == 1)
            if listed is not None and isinstance(record.get("path"), str):
                listed.add(_resolved(base / record["path"]))
            yield _from_record(record, where, base, limits)
        except InputError as exc:
            yield Problem(where, str(exc), exc.severity)
        except OSError as exc:
            yield Problem(where, f"cannot read {record.get('path')!r}: {describe_os_error(exc)}")


def _load_record(raw: bytes, first: bool) -> dict[str, Any]:
    if first and raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        line = raw.decode("utf-8")
    except UnicodeDecodeError:
        line, _ = decode_bytes(raw)
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        raise InputError(f"invalid JSON ({exc.msg})") from None
    except RecursionError:
        raise InputError("invalid JSON (nested too deeply)") from None
    except ValueError as exc:  # e.g. an integer of more digits than Python converts
        raise InputError(f"invalid JSON ({exc})") from None
    if not isinstance(record, dict):
        raise InputError("a JSONL line must hold a JSON object")
    return record


def _from_record(record: dict[str, Any], where: str, base: Path, limits: ReadLimits) -> Article:
    fields = {key: _optional_str(record, key) for key in _TEXT_FIELDS}
    fields["published"] = _parse_date(record.get("published"))
    named_file = False
    if isinstance(record.get("html"), str):
        content, kind, default_id = record["html"], "html", None
    elif isinstance(record.get("text"), str):
        content, kind, default_id = record["text"], None, None
    elif isinstance(record.get("path"), str):
        file = _confined(base, record["path"], limits)
        content, _ = decode_bytes(read_bounded(file, limits))
        kind, default_id, named_file = None, file.stem, True
        where = f"{where} ({record['path']})"
    else:
        raise InputError("record has none of 'text', 'html' or 'path' (as a string)")
    if has_surrogates(content):
        raise InputError("article text holds a lone UTF-16 surrogate (invalid Unicode)")
    if not content.strip():
        # An empty inline record is a notice; a listed file that holds only spaces is an input
        # the user named, so it stays an error.
        raise InputError(EMPTY_RECORD, ERROR if named_file else NOTICE)
    article_id = _optional_str(record, "id", numbers=True) or default_id or where.rsplit("/", 1)[-1]
    return _article(article_id, content, origin=where, kind=kind, **fields)


def _confined(base: Path, relative: str, limits: ReadLimits) -> Path:
    """The file a manifest's ``path`` names, refused when it leads outside the manifest's
    folder (by ``..``, an absolute path or a symbolic link). The refusal is the same whether or
    not the file exists, so a manifest cannot be used to probe the machine."""
    file = _resolved(base / relative)
    if not limits.allow_outside_paths and not file.is_relative_to(_resolved(base)):
        raise InputError(
            "'path' leads outside the manifest's folder: refused (--allow-outside-paths allows it)"
        )
    return file


def _article(
    article_id: str, content: str, origin: str, kind: ContentKind | None = None, **fields: Any
) -> Article:
    content = content.lstrip("\ufeff")
    if not content.strip():
        raise InputError("empty file")
    detected: ContentKind = kind or ("html" if looks_like_html(content) else "text")
    return Article(id=article_id, content=content, kind=detected, origin=origin, **fields)


def _optional_str(record: dict[str, Any], key: str, numbers: bool = False) -> str | None:
    """A text field; an id may also be a whole number. Anything else (true, a list) is refused
    rather than silently turned into "True"."""
    value = record.get(key)
    if value is None:
        return None
    is_number = isinstance(value, int) and not isinstance(value, bool)
    if not isinstance(value, str) and not (numbers and is_number):
        raise InputError(f"field {key!r} must be a string, not {type(value).__name__}")
    text = str(value).strip()
    if has_surrogates(text):
        raise InputError(f"field {key!r} holds a lone UTF-16 surrogate (invalid Unicode)")
    return text or None


def _parse_date(value: Any) -> date | None:
    """ISO dates (``2016-12-08``, or a datetime whose first ten characters are one)."""
    if value in (None, ""):
        return None
    if not isinstance(value, str):
        raise InputError("field 'published' must be an ISO date string")
    try:
        return date.fromisoformat(value.strip()[:10])
    except ValueError:
        raise InputError(f"field 'published' is not an ISO date: {value!r}") from None


def article_from_record(
    record: dict[str, Any], origin: str, limits: ReadLimits = DEFAULT_LIMITS
) -> Item:
    """One record as a JSONL line holds it, received whole (the HTTP API): the same fields and
    the same checks as a manifest line, except that ``path`` is refused — a record that came
    over the network may not make the server read one of its own files."""
    if "path" in record:
        return Problem(origin, "'path' is not accepted here: send the page as 'text' or 'html'")
    size = sum(len(v.encode("utf-8", "replace")) for v in record.values() if isinstance(v, str))
    if size > limits.max_record_bytes:
        return Problem(
            origin, f"record is over the limit of {describe_size(limits.max_record_bytes)}"
        )
    try:
        return _from_record(record, origin, Path(), limits)
    except InputError as exc:
        return Problem(origin, str(exc), exc.severity)
