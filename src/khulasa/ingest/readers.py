"""Read articles from files, folders, globs, JSONL and stdin.

One entry point, :func:`read_articles`, takes whatever the user typed and yields ``Article``
objects or ``Problem`` objects, in a stable order. A bad input never stops the batch: it becomes
a ``Problem`` naming the file and the reason.

JSONL records hold one article each: ``text`` or ``html`` (or ``path``, a file relative to the
JSONL file — which is how a manifest attaches outlet names and dates to a folder of pages), and
optionally ``id``, ``source``, ``url``, ``published`` and ``title``.
"""

from __future__ import annotations

import glob
import json
import sys
from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path
from typing import Any, BinaryIO

from khulasa.ingest.decode import decode_bytes
from khulasa.ingest.sniff import looks_like_html
from khulasa.model import Article, ContentKind
from khulasa.problems import InputError, Problem

_JSONL_SUFFIXES = {".jsonl", ".ndjson"}
_SKIPPED_NAMES = {".DS_Store", "Thumbs.db"}

Item = Article | Problem


def read_articles(inputs: Iterable[str], stdin: BinaryIO | None = None) -> Iterator[Item]:
    """Yield an Article or a Problem for every input: path, folder, glob, JSONL or ``-``."""
    for spec in inputs:
        if spec == "-":
            stream = stdin if stdin is not None else sys.stdin.buffer
            yield from _read_stream(stream)
            continue
        path = Path(spec)
        if path.is_dir():
            files = sorted(p for p in path.rglob("*") if p.is_file() and _wanted(p))
            if not files:
                yield Problem(spec, "folder holds no files")
            yield from _read_folder(files)
        elif path.exists():
            yield from _read_path(path)
        elif glob.has_magic(spec):
            matches = sorted(Path(p) for p in glob.glob(spec, recursive=True))
            files = [p for p in matches if p.is_file()]
            if not files:
                yield Problem(spec, "no file matches this pattern")
            for file in files:
                yield from _read_path(file)
        else:
            yield Problem(spec, "no such file or folder")


def _read_folder(files: list[Path]) -> Iterator[Item]:
    """A folder's manifests first, then the files no manifest lists.

    A page listed in a manifest is read through it (with its outlet and date), so pointing
    Khulasa at the folder gives each article once, not once bare and once from the manifest.
    """
    manifests = [f for f in files if f.suffix.lower() in _JSONL_SUFFIXES]
    listed: set[Path] = set()
    for manifest in manifests:
        yield from _read_jsonl(manifest, listed)
    for file in files:
        if file not in manifests and file.resolve() not in listed:
            yield from _read_path(file)


def _wanted(path: Path) -> bool:
    return not path.name.startswith(".") and path.name not in _SKIPPED_NAMES


def _read_path(path: Path) -> Iterator[Item]:
    if path.suffix.lower() in _JSONL_SUFFIXES:
        yield from _read_jsonl(path)
        return
    try:
        text, _ = decode_bytes(path.read_bytes())
        yield _article(path.stem, text, origin=str(path))
    except InputError as exc:
        yield Problem(str(path), str(exc))
    except OSError as exc:
        yield Problem(str(path), f"cannot read: {exc.strerror or exc}")


def _read_stream(stream: BinaryIO) -> Iterator[Item]:
    try:
        text, _ = decode_bytes(stream.read())
    except InputError as exc:
        yield Problem("stdin", str(exc))
        return
    first = text.lstrip()[:1]
    if first == "{":
        yield from _parse_jsonl(text.splitlines(), origin="stdin", base=Path.cwd())
    else:
        yield _article("stdin", text, origin="stdin")


def _read_jsonl(path: Path, listed: set[Path] | None = None) -> Iterator[Item]:
    """Every record of a JSONL file; files its ``path`` records name are added to ``listed``."""
    try:
        text, _ = decode_bytes(path.read_bytes())
    except InputError as exc:
        yield Problem(str(path), str(exc))
        return
    except OSError as exc:
        yield Problem(str(path), f"cannot read: {exc.strerror or exc}")
        return
    yield from _parse_jsonl(text.splitlines(), origin=str(path), base=path.parent, listed=listed)


def _parse_jsonl(
    lines: list[str], origin: str, base: Path, listed: set[Path] | None = None
) -> Iterator[Item]:
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        where = f"{origin}:{number}"
        try:
            record = json.loads(line)
            if not isinstance(record, dict):
                raise InputError("a JSONL line must hold a JSON object")
            if listed is not None and isinstance(record.get("path"), str):
                listed.add((base / record["path"]).resolve())
            yield _from_record(record, where, base)
        except json.JSONDecodeError as exc:
            yield Problem(where, f"invalid JSON ({exc.msg})")
        except InputError as exc:
            yield Problem(where, str(exc))
        except OSError as exc:
            yield Problem(where, f"cannot read {record.get('path')!r}: {exc.strerror or exc}")


def _from_record(record: dict[str, Any], where: str, base: Path) -> Article:
    fields = {
        "source": _optional_str(record, "source"),
        "url": _optional_str(record, "url"),
        "title": _optional_str(record, "title"),
        "published": _parse_date(record.get("published")),
    }
    if isinstance(record.get("html"), str):
        content, kind, default_id = record["html"], "html", None
    elif isinstance(record.get("text"), str):
        content, kind, default_id = record["text"], None, None
    elif isinstance(record.get("path"), str):
        file = (base / record["path"]).resolve()
        content, _ = decode_bytes(file.read_bytes())
        kind, default_id = None, file.stem
        where = f"{where} ({record['path']})"
    else:
        raise InputError("record has none of 'text', 'html' or 'path'")
    if not content.strip():
        raise InputError("empty article text")
    article_id = _optional_str(record, "id") or default_id or where.rsplit("/", 1)[-1]
    return _article(article_id, content, origin=where, kind=kind, **fields)


def _article(
    article_id: str, content: str, origin: str, kind: ContentKind | None = None, **fields: Any
) -> Article:
    content = content.lstrip("\ufeff")
    if not content.strip():
        raise InputError("empty file")
    detected: ContentKind = kind or ("html" if looks_like_html(content) else "text")
    return Article(id=article_id, content=content, kind=detected, origin=origin, **fields)


def _optional_str(record: dict[str, Any], key: str) -> str | None:
    value = record.get(key)
    if value is None:
        return None
    if not isinstance(value, str | int):
        raise InputError(f"field {key!r} must be a string")
    return str(value).strip() or None


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
