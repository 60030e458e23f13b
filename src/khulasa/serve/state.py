"""What one running server holds: its configuration, a read connection per thread, the report
workers, and the few answers worth keeping for a few seconds (the outlet list)."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress

from khulasa.serve.config import ServeConfig
from khulasa.serve.memo import Recent
from khulasa.serve.reports import Reports
from khulasa.store import Store
from khulasa.stories.intake import search_terms

OUTLETS_TTL = 30.0
PAGES_KEPT = 128


class AppState:
    def __init__(self, config: ServeConfig) -> None:
        self.config = config
        self.db = str(config.db)
        with Store(self.db):  # create or upgrade once, so every read connection can be read-only
            pass
        self.reports = Reports(self.db, processes=config.report_workers)
        self.pages = Recent(PAGES_KEPT)  # rendered story pages, keyed by story version
        self.terms_of = search_terms("ar")
        self._local = threading.local()
        self._readers: list[Store] = []
        self._lock = threading.Lock()
        self._outlets: tuple[float, list[tuple[str, int]]] = (0.0, [])
        self.stop = threading.Event()  # set at shutdown, for background loops

    def reader(self) -> Store:
        """This thread's read-only connection (SQLite connections stay in their thread)."""
        store = getattr(self._local, "store", None)
        if store is None:
            store = Store(self.db, readonly=True)
            self._local.store = store
            with self._lock:
                self._readers.append(store)
        return store

    @contextmanager
    def writer(self, lock: bool = True) -> Iterator[Store]:
        """A writable connection, holding the database's writer lock as an ingest does (so a
        correction never lands between two batches of a running ingest) unless ``lock`` is
        false: the intake takes the lock itself."""
        store = Store(self.db)
        try:
            if lock:
                with store.writer():
                    yield store
            else:
                yield store
        finally:
            store.close()

    def outlets(self) -> list[tuple[str, int]]:
        from khulasa.serve.views import outlets

        stamp, value = self._outlets
        if time.monotonic() - stamp > OUTLETS_TTL:
            value = outlets(self.reader().conn)
            self._outlets = (time.monotonic(), value)
        return value

    def close(self) -> None:
        self.stop.set()
        self.reports.close()
        with self._lock:
            readers, self._readers = self._readers, []
        for store in readers:
            with suppress(Exception):
                store.close()
