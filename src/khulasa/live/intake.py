"""The common intake, for a process that ingests a little at a time, for days.

:func:`khulasa.stories.intake.ingest_items` builds a fresh :class:`Ingestor` for every call, and
building one reloads the clusterer's state from the store: every open story's members, their
profiles and signatures (2.4 s for a store holding one SaudiNewsNet day, on this machine, and
more for a busier week). That is nothing for ``khulasa ingest`` of a corpus, but it is most of
the time a watched folder takes to put one new file in its story. :class:`LiveIntake` does the
same steps in the same order (writer lock → ingest → re-apply corrections and index for search,
through :func:`~khulasa.stories.intake.upkeep`) and keeps its Ingestor between calls — as one
long ``khulasa ingest`` run keeps it between batches — for as long as that is safe:

- no other connection has committed since its last call (SQLite's ``PRAGMA data_version``,
  which changes only for other connections' commits: another ingest, an upload, an editor);
- the last upkeep re-applied no correction (that moves articles behind the Ingestor's back);
- it is younger than ``max_age`` seconds (a bound on any drift, cheap to pay once an hour).

Otherwise it builds a new one, exactly as ``ingest_items`` would.
"""

from __future__ import annotations

import time
from collections.abc import Iterable

from khulasa.model import Article
from khulasa.problems import Problem
from khulasa.store import Store
from khulasa.stories.engine import Ingestor, IngestReport, IngestSettings
from khulasa.stories.intake import upkeep


class LiveIntake:
    """``ingest(items)`` = ``ingest_items(store, items, settings)``, with the Ingestor kept."""

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

    def ingest(self, items: Iterable[Article | Problem]) -> IngestReport:
        store = self.store
        with store.writer():
            self._ready()
            assert self._ingestor is not None
            try:
                report = self._ingestor.run(items)
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
