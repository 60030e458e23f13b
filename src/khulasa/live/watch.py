"""Watch a folder: ingest each file that appears in it (or changes), once it is complete.

Polling with ``os.scandir`` rather than inotify: it works on network shares and in containers,
needs no dependency, and a scan of a few thousand names costs milliseconds. A file is read only
when it is *stable*, its size and modification time unchanged between two scans, so a page
still being copied or downloaded is not read half-written. What was read is remembered in the
store with its size and modification time (``khulasa.store.feeds.remember_file``): a restarted
watcher skips it, and a file that changes is read again (the intake then adds only what is new,
by content hash and URL).

Files are read with the same readers and limits as ``khulasa ingest`` (text, HTML, JSONL
manifests, SaudiNewsNet zips) and go through the same intake. A file that cannot be used is
named with the reason, remembered so it is not reported on every scan, and the watch goes on.
Hidden files and the usual partial-download names (``.part``, ``.tmp``, ``.crdownload``, ``~``)
are left alone until they are renamed.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from khulasa.ingest.limits import DEFAULT_LIMITS, ReadLimits
from khulasa.ingest.saudinewsnet import read_inputs
from khulasa.model import Article
from khulasa.problems import Problem
from khulasa.render.safe import one_line
from khulasa.store import Store
from khulasa.store import feeds as table
from khulasa.stories.engine import IngestSettings
from khulasa.stories.intake import Intake

PARTIAL_SUFFIXES = (".part", ".partial", ".tmp", ".crdownload", ".download", "~")

Signature = tuple[int, int]  # size, mtime in nanoseconds
Log = Callable[[str], None]


@dataclass
class FileReport:
    """What one file gave: articles added, already stored, their stories, its problems."""

    path: str
    added: int = 0
    already: int = 0
    stories: dict[int, str | None] = field(default_factory=dict)  # id → headline
    problems: list[Problem] = field(default_factory=list)

    @property
    def status(self) -> str:
        if self.added or self.already:
            return f"{self.added} added, {self.already} already stored" + (
                f", {len(self.problems)} skipped" if self.problems else ""
            )
        reason = self.problems[0].reason if self.problems else "no article"
        return f"problem: {reason}"

    def line(self) -> str:
        """One terminal-safe line naming the file, what it gave and where it went."""
        text = f"{self.path}: {self.status}"
        if self.stories:
            shown = list(self.stories.items())[:3]
            text += " → " + "; ".join(f"story {i} «{h or '—'}»" for i, h in shown)
            if len(self.stories) > len(shown):
                text += f" and {len(self.stories) - len(shown)} more stories"
        return one_line(text)


class WatchError(Exception):
    """The watched folder cannot be used (missing, not a folder)."""


class Watcher:
    """Scans one folder; :meth:`scan` ingests what became stable since the previous scan."""

    def __init__(
        self,
        store: Store,
        folder: str | Path,
        limits: ReadLimits = DEFAULT_LIMITS,
        settings: IngestSettings | None = None,
        log: Log | None = None,
        intake: Intake | None = None,
    ) -> None:
        self.store = store
        self.folder = Path(folder)
        if not self.folder.is_dir():
            what = "not a folder" if self.folder.exists() else "no such folder"
            raise WatchError(f"{self.folder}: {what}")
        self.limits = limits
        self.intake = intake or Intake(store, settings or IngestSettings(workers=0))
        self.log = log
        self._previous: dict[str, Signature] = {}
        self._done: dict[str, Signature] = table.watched_files(store)
        self._missing_reported = False

    def scan(self) -> list[FileReport]:
        """One pass: ingest the files unchanged since the last pass and not read as they are."""
        current = self._listing()
        ready = sorted(
            path
            for path, signature in current.items()
            if self._previous.get(path) == signature and self._done.get(path) != signature
        )
        self._previous = current
        if not ready:
            return []
        reports = self._ingest(ready, current)
        if self.log:
            for report in reports:
                self.log(report.line())
                shown = report.problems[:5] if report.added or report.already else []
                for problem in shown:  # a file's own problem is in its line already
                    self.log(one_line(f"  skipped {problem}"))
        return reports

    def _listing(self) -> dict[str, Signature]:
        """``absolute path → (size, mtime_ns)`` of every wanted file under the folder."""
        found: dict[str, Signature] = {}
        pending = [str(self.folder.resolve())]
        if not self.folder.is_dir():
            if self.log and not self._missing_reported:
                self.log(f"{self.folder}: the watched folder is gone; waiting for it")
            self._missing_reported = True
            return found
        self._missing_reported = False
        while pending:
            try:
                with os.scandir(pending.pop()) as entries:
                    for entry in entries:
                        if entry.name.startswith(".") or entry.name.endswith(PARTIAL_SUFFIXES):
                            continue
                        try:
                            if entry.is_dir(follow_symlinks=False):
                                pending.append(entry.path)
                            elif entry.is_file():
                                info = entry.stat()
                                found[entry.path] = (info.st_size, info.st_mtime_ns)
                        except OSError:
                            continue  # gone between listing and stat: the next scan will tell
            except OSError as exc:
                if self.log:
                    self.log(one_line(f"{exc.filename}: cannot list folder ({exc.strerror})"))
        return found

    def _ingest(self, paths: list[str], signatures: dict[str, Signature]) -> list[FileReport]:
        """Read the files, ingest all their articles in one batch, report file by file."""
        reports = {path: FileReport(path) for path in paths}
        owner: dict[str, str] = {}  # article origin → file, to credit the intake's refusals
        articles: list[tuple[str, Article]] = []
        for path in paths:
            for item in read_inputs([path], self.limits):
                if isinstance(item, Problem):
                    reports[path].problems.append(item)
                else:
                    articles.append((path, item))
                    owner[item.origin or item.id] = path
        if articles:
            hashes = [a.content_hash for _, a in articles]
            before = self.store.known(hashes, [a.url for _, a in articles if a.url])
            result = self.intake.ingest([a for _, a in articles])
            refused = set()
            for problem in result.problems:
                path = owner.get(problem.origin)
                if path is not None:
                    reports[path].problems.append(problem)
                    refused.add(problem.origin)
            stored = table.stories_of(self.store, hashes)
            for (path, article), content_hash in zip(articles, hashes, strict=True):
                if (article.origin or article.id) in refused:
                    continue
                found = stored.get(content_hash)
                if found is None and article.url:
                    found = table.story_of_url(self.store, article.url)
                if found is None:
                    continue
                report = reports[path]
                if content_hash in before or (article.url and article.url in before):
                    report.already += 1
                else:
                    report.added += 1
                if found[1] is not None and found[1] not in report.stories:
                    report.stories[found[1]] = self.store.story_headline(found[1])
            if result.interrupted:
                raise KeyboardInterrupt
        for path in paths:
            size, mtime_ns = signatures[path]
            table.remember_file(self.store, path, size, mtime_ns, reports[path].status)
            self._done[path] = signatures[path]
        return [reports[path] for path in paths]
