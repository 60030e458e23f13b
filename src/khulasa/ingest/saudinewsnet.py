"""Read the SaudiNewsNet layout: daily zips (or bare files) holding one JSON array of articles.

Each record is ``{source, url, date_extracted, title, author, content}``. A day's array is
~12 MB and the corpus ~150 MB, so records are streamed with ijson (its C backend, yajl2_c, ships
in the wheels) straight from the zip member: memory stays at one record whatever the file size.

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

import ijson

from khulasa.ingest.readers import read_articles
from khulasa.model import Article
from khulasa.problems import Problem

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
            return head.startswith(b"[")
    except (OSError, zipfile.BadZipFile):
        return False
    return False


def is_preclean(article: Article) -> bool:
    """True for articles whose content is body text already (no boilerplate filter needed)."""
    return (article.origin or "").startswith(ORIGIN_PREFIX)


def read_saudinewsnet(path: Path) -> Iterator[Item]:
    """Stream the articles of one SaudiNewsNet zip or JSON file."""
    try:
        if path.suffix.lower() == ".zip":
            with zipfile.ZipFile(path) as archive:
                for name in sorted(archive.namelist()):
                    if name.lower().endswith(".json"):
                        with archive.open(name) as member:
                            yield from _records(member, f"{path}!{name}")
        else:
            with path.open("rb") as handle:
                yield from _records(handle, str(path))
    except (OSError, zipfile.BadZipFile) as exc:
        yield Problem(str(path), f"cannot read: {exc}")


def _records(stream: IO[bytes], where: str) -> Iterator[Item]:
    number = 0
    try:
        for number, record in enumerate(ijson.items(stream, "item"), start=1):
            yield _article(record, f"{where}#{number}")
    except ijson.JSONError as exc:
        reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        yield Problem(
            f"{where}#{number + 1}", f"invalid JSON ({reason}); the records before it were read"
        )


def _article(record: Any, where: str) -> Item:
    if not isinstance(record, dict):
        return Problem(where, "a record must be a JSON object")
    content = record.get("content")
    if not isinstance(content, str) or not content.strip():
        return Problem(where, "empty article text")
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


def read_inputs(specs: Iterable[str]) -> Iterator[Item]:
    """Everything ``read_articles`` reads, plus SaudiNewsNet zips/JSON arrays (also in folders)."""
    for spec in specs:
        path = Path(spec)
        if path.is_dir():
            files = sorted(p for p in path.rglob("*") if p.is_file())
            if any(is_saudinewsnet(p) for p in files):
                for file in files:
                    if is_saudinewsnet(file):
                        yield from read_saudinewsnet(file)
                    elif not file.name.startswith("."):
                        yield from read_articles([str(file)])
                continue
        elif not path.exists() and glob.has_magic(spec):
            matches = sorted(Path(p) for p in glob.glob(spec, recursive=True))
            if any(is_saudinewsnet(p) for p in matches if p.is_file()):
                yield from read_inputs(str(p) for p in matches)
                continue
        elif path.is_file() and is_saudinewsnet(path):
            yield from read_saudinewsnet(path)
            continue
        elif path.is_file() and path.suffix.lower() == ".zip":
            # Without this a damaged archive would be sniffed as a text file and reported as
            # "binary", which sends the user looking for the wrong problem.
            yield Problem(spec, _zip_problem(path))
            continue
        yield from read_articles([spec])


def _zip_problem(path: Path) -> str:
    """Why a ``.zip`` given by name cannot be read as a SaudiNewsNet archive."""
    if not zipfile.is_zipfile(path):
        return "not a readable zip archive (damaged or truncated?)"
    return "zip archive without .json members (expected the SaudiNewsNet layout)"
