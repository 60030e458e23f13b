"""Read the SaudiNewsNet layout: daily zips (or bare files) holding one JSON array of articles.

Each record is ``{source, url, date_extracted, title, author, content}``. A day's array is
~12 MB and the corpus ~150 MB, so records are streamed (:mod:`khulasa.ingest.jsonstream`)
straight from the zip member: memory stays at one record whatever the file size, and every
record, member and archive is bounded by :class:`~khulasa.ingest.limits.ReadLimits`.

``content`` is already the article body (the crawler extracted it), which is why these articles
are marked as clean (:func:`is_preclean`) and skip the boilerplate filter.

:func:`read_inputs` is what ``khulasa ingest`` reads: SaudiNewsNet files go to this reader and
everything else to :func:`khulasa.ingest.read_articles`.
"""

from __future__ import annotations

import glob
import hashlib
import zipfile
from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path
from typing import IO, Any

from khulasa.ingest.jsonstream import json_records
from khulasa.ingest.limits import DEFAULT_LIMITS, ReadLimits, describe_size
from khulasa.ingest.readers import describe_os_error, guarded, read_articles, walk_files
from khulasa.model import Article
from khulasa.problems import Problem, empty_record

ORIGIN_PREFIX = "saudinewsnet:"

Item = Article | Problem


def is_saudinewsnet(path: Path) -> bool:
    """A ``.zip`` holding ``.json`` members, or a ``.json`` file whose text starts with ``[``."""
    suffix = path.suffix.lower()
    try:
        if suffix == ".zip":
            with zipfile.ZipFile(path) as archive:
                return any(n.lower().endswith(".json") for n in archive.namelist())
        if suffix == ".json":
            with path.open("rb") as handle:
                head = handle.read(64).lstrip(b"\xef\xbb\xbf \t\r\n")
            return head.startswith((b"[", b"{"))
    except (OSError, zipfile.BadZipFile, ValueError):
        return False
    return False


def is_preclean(article: Article) -> bool:
    """True for articles whose content is body text already (no boilerplate filter needed)."""
    return (article.origin or "").startswith(ORIGIN_PREFIX)


def read_saudinewsnet(path: Path, limits: ReadLimits = DEFAULT_LIMITS) -> Iterator[Item]:
    """Stream the articles of one SaudiNewsNet zip or JSON file."""
    try:
        if path.suffix.lower() == ".zip":
            with zipfile.ZipFile(path) as archive:
                yield from _archive(archive, str(path), limits)
        else:
            with path.open("rb") as handle:
                yield from _records(handle, str(path), limits)
    except (OSError, zipfile.BadZipFile) as exc:
        yield Problem(str(path), f"cannot read: {describe_os_error(exc)}")


def _archive(archive: zipfile.ZipFile, where: str, limits: ReadLimits) -> Iterator[Item]:
    """The ``.json`` members in name order, each bounded; a bad member is skipped, not fatal."""
    members = sorted(
        (i for i in archive.infolist() if i.filename.lower().endswith(".json")),
        key=lambda i: i.filename,
    )
    if len(members) > limits.max_members:
        yield Problem(
            where, f"archive holds {len(members)} JSON members (limit {limits.max_members})"
        )
        return
    declared = sum(i.file_size for i in members)
    if declared > limits.max_archive_bytes:
        yield Problem(
            where,
            f"archive expands to {describe_size(declared)} "
            f"(limit {describe_size(limits.max_archive_bytes)})",
        )
        return
    for info in members:
        origin = f"{where}!{info.filename}"
        if info.flag_bits & 0x1:
            yield Problem(origin, "encrypted archive member (no password is asked for)")
            continue
        try:
            member = archive.open(info)
        except (NotImplementedError, RuntimeError, zipfile.BadZipFile, OSError) as exc:
            yield Problem(origin, f"cannot open archive member: {exc}")
            continue
        with member:
            yield from _records(member, origin, limits)


def _records(stream: IO[bytes], where: str, limits: ReadLimits) -> Iterator[Item]:
    for origin, record in json_records(stream, where, limits):
        yield record if isinstance(record, Problem) else _article(record, origin)


def _article(record: Any, where: str) -> Item:
    if not isinstance(record, dict):
        return Problem(where, "a record must be a JSON object")
    content = record.get("content")
    if not isinstance(content, str) or not content.strip():
        return empty_record(where)  # hundreds a day in the corpus: a notice, not an error
    url = _text(record.get("url"))
    source = _text(record.get("source"))
    key = url or content
    article_id = f"{source or 'article'}-{hashlib.sha1(key.encode()).hexdigest()[:10]}"
    return Article(
        id=article_id,
        content=content.strip(),
        kind="text",
        source=source,
        url=url,
        published=_date(record.get("date_extracted")),
        title=_text(record.get("title")),
        origin=ORIGIN_PREFIX + where,
    )


def _text(value: Any) -> str | None:
    return value.strip() or None if isinstance(value, str) else None


def _date(value: Any) -> date | None:
    """``2015-07-21 02:51:32`` → the crawl day (the corpus has no publication date)."""
    if not isinstance(value, str):
        return None
    try:
        return date.fromisoformat(value.strip()[:10])
    except ValueError:
        return None


def read_inputs(specs: Iterable[str], limits: ReadLimits = DEFAULT_LIMITS) -> Iterator[Item]:
    """Everything ``read_articles`` reads, plus SaudiNewsNet zips/JSON arrays (also in folders)."""
    for spec in specs:
        yield from guarded(spec, lambda spec=spec: _read_spec(spec, limits))


def _read_spec(spec: str, limits: ReadLimits) -> Iterator[Item]:
    path = Path(spec)
    if path.is_dir():
        files, problems = walk_files(path)
        if any(is_saudinewsnet(p) for p in files):
            yield from problems
            for file in files:
                if is_saudinewsnet(file):
                    yield from read_saudinewsnet(file, limits)
                else:
                    yield from read_articles([str(file)], limits=limits)
            return
    elif not path.exists() and glob.has_magic(spec):
        matches = sorted(Path(p) for p in glob.glob(spec, recursive=True))
        if any(is_saudinewsnet(p) for p in matches if p.is_file()):
            yield from read_inputs((str(p) for p in matches), limits)
            return
    elif path.is_file() and is_saudinewsnet(path):
        yield from read_saudinewsnet(path, limits)
        return
    elif path.is_file() and path.suffix.lower() == ".zip":
        # Without this a damaged archive would be sniffed as a text file and reported as
        # "binary", which sends the user looking for the wrong problem.
        yield Problem(spec, _zip_problem(path))
        return
    yield from read_articles([spec], limits=limits)


def _zip_problem(path: Path) -> str:
    """Why a ``.zip`` given by name cannot be read as a SaudiNewsNet archive."""
    if not zipfile.is_zipfile(path):
        return "not a readable zip archive (damaged or truncated?)"
    return "zip archive without .json members (expected the SaudiNewsNet layout)"
