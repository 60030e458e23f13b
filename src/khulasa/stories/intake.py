"""The one way articles enter a database: the CLI, the watcher, feeds and the HTTP API use it.

Storing and clustering is :class:`~khulasa.stories.engine.Ingestor`'s job; after it, two things
must be brought up to date before anyone reads the stories: editors' corrections (the engine may
have regrouped what an editor fixed) and the search index. Doing both here, under the same writer
lock, keeps every entry point identical.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Sequence
from functools import lru_cache

from khulasa.language import get_language
from khulasa.model import Article
from khulasa.problems import Problem
from khulasa.store import Store, corrections, search
from khulasa.stories.analyze import Analyzer
from khulasa.stories.engine import Ingestor, IngestReport, IngestSettings


@lru_cache(maxsize=4)
def _analyzer(language: str) -> Analyzer:
    return Analyzer(get_language(language))


def search_terms(language: str = "ar") -> Callable[[str], Sequence[str]]:
    """The function that turns text into index terms, for indexing and for queries alike."""
    analyzer = _analyzer(language)
    return lambda text: analyzer.words(text)[1]


def ingest_items(
    store: Store,
    items: Iterable[Article | Problem],
    settings: IngestSettings | None = None,
    tick: Callable[[int], None] | None = None,
) -> IngestReport:
    """Ingest ``items`` into ``store`` once (a CLI run): :meth:`Intake.ingest` with a fresh
    Ingestor."""
    return Intake(store, settings or IngestSettings()).ingest(items, tick)


def upkeep(store: Store, language: str = "ar") -> tuple[int, int]:
    """Re-apply corrections and catch the search index up; ``(restored, indexed)``.
    The caller holds the writer lock."""
    restored = corrections.reapply(store)
    indexed = search.catch_up(store, search_terms(language))
    return restored, indexed


class Intake:
    """Ingest into one store, call after call, keeping the Ingestor while that is safe.

    Building an Ingestor reloads the clusterer's state: every open story's members, profiles
    and signatures (2.4 s for a store holding one SaudiNewsNet day). A long-running process (the
    watcher, the feed loop, the server's upload endpoint) keeps one, as one long ``khulasa
    ingest`` keeps it between batches, while it is safe: no other connection has committed
    since its last call (SQLite's ``PRAGMA data_version`` changes only for other connections'
    commits), the last upkeep re-applied no correction (that moves articles behind its back),
    and it is younger than ``max_age`` seconds. Otherwise a new one is built."""

    def __init__(
        self, store: Store, settings: IngestSettings | None = None, max_age: float = 3600.0
    ) -> None:
        self.store = store
        self.settings = settings or IngestSettings(workers=0)
        self.max_age = max_age
        self._ingestor: Ingestor | None = None
        self._version: int | None = None
        self._built = 0.0
        self.rebuilt = 0  # how many Ingestors were built (for tests and the bench)

    def prepare(self) -> None:
        """Load the clustering state now (at start), so the first file does not wait for it."""
        with self.store.writer():
            self._ready()
            self._version = _data_version(self.store)

    def ingest(
        self, items: Iterable[Article | Problem], tick: Callable[[int], None] | None = None
    ) -> IngestReport:
        """Store and cluster ``items`` (one writer at a time), then restore corrections and
        index the new articles for search."""
        store = self.store
        with store.writer():
            self._ready()
            assert self._ingestor is not None
            try:
                report = self._ingestor.run(items, tick=tick)
                restored = 0
                if not report.interrupted:
                    restored, _ = upkeep(store, self.settings.language)
            except BaseException:
                self._ingestor = None  # its memory may be ahead of a rolled-back transaction
                raise
            if report.interrupted or restored:
                self._ingestor = None
            self._version = _data_version(store)
        return report

    def _ready(self) -> None:
        if not self._fresh():
            self._ingestor = Ingestor(self.store, self.settings)
            self._built = time.monotonic()
            self.rebuilt += 1

    def _fresh(self) -> bool:
        return (
            self._ingestor is not None
            and self._version == _data_version(self.store)
            and time.monotonic() - self._built < self.max_age
        )


def _data_version(store: Store) -> int:
    return int(store.conn.execute("PRAGMA data_version").fetchone()[0])
