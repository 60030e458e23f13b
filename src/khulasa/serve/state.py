"""What one running server holds: its configuration, a read connection per thread, the report
workers, and the few answers worth keeping for a few seconds (the outlet list)."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager, suppress

from khulasa.model import Article
from khulasa.serve.config import ServeConfig
from khulasa.serve.memo import Recent
from khulasa.serve.reports import Reports
from khulasa.serve.views import Filters, StoryPage, browse
from khulasa.store import Store
from khulasa.stories.engine import IngestReport, IngestSettings
from khulasa.stories.intake import Intake, search_terms

OUTLETS_TTL = 30.0
PAGES_KEPT = 128
LISTINGS_KEPT = 256


class AppState:
    def __init__(self, config: ServeConfig) -> None:
        self.config = config
        self.db = str(config.db)
        with Store(self.db):  # create or upgrade once, so every read connection can be read-only
            pass
        self.reports = Reports(self.db, processes=config.report_workers)
        self.pages = Recent(PAGES_KEPT)  # rendered story pages, keyed by story version
        self.listings = Recent(LISTINGS_KEPT)  # pages of stories, keyed by filters and version
        self.terms_of = search_terms("ar")
        self._local = threading.local()
        self._readers: list[Store] = []
        self._lock = threading.Lock()
        self._outlets: tuple[float, list[tuple[str, int]]] = (0.0, [])
        self.stop = threading.Event()  # set at shutdown, for background loops
        # Uploads go through one thread that keeps its connection and its Intake (the
        # clustering state) between requests: building that state anew costs seconds.
        self._uploads = ThreadPoolExecutor(max_workers=1, thread_name_prefix="khulasa-upload")
        self._upload_local = threading.local()

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
    def writer(self) -> Iterator[Store]:
        """A writable connection holding the database's writer lock, as an ingest does, so a
        correction never lands between two batches of a running ingest."""
        store = Store(self.db)
        try:
            with store.writer():
                yield store
        finally:
            store.close()

    def ingest(self, articles: list[Article]) -> tuple[IngestReport, list[tuple[int, int | None]]]:
        """Ingest ``articles`` through the upload thread; the report and, for each article,
        its stored id and story (matched by content hash, or URL for a changed page)."""
        return self._uploads.submit(self._ingest, articles).result()

    def _ingest(self, articles: list[Article]) -> tuple[IngestReport, list[tuple[int, int | None]]]:
        local = self._upload_local
        if getattr(local, "intake", None) is None:
            local.intake = Intake(Store(self.db), IngestSettings(workers=0))
        report = local.intake.ingest(articles)
        placed = []
        for article in articles:
            row = local.intake.store.conn.execute(
                "SELECT id, story_id FROM articles WHERE content_hash = ? OR "
                "(url IS NOT NULL AND url = ?) ORDER BY content_hash = ? DESC LIMIT 1",
                (article.content_hash, article.url, article.content_hash),
            ).fetchone()
            placed.append((row[0], row[1]) if row else (0, None))
        return report, placed

    def browse(self, filters: Filters) -> tuple[StoryPage, bool]:
        """A page of stories, and whether it was computed now (not remembered). The stories
        change only when an article is added, a correction made or the stories rebuilt
        (``khulasa recluster`` numbers them anew), so the newest article, correction and story
        ids are the version of every listing."""
        conn = self.reader().conn
        version = conn.execute(
            "SELECT (SELECT MAX(id) FROM articles), (SELECT MAX(id) FROM corrections), "
            "(SELECT MAX(id) FROM stories)"
        ).fetchone()
        key = (filters, self.config.page_size, *version)
        found = self.listings.get(key)
        if found is not None:
            return found, False
        found = browse(conn, filters, self.config.page_size, self.terms_of)
        return self.listings.put(key, found), True

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
        self._uploads.shutdown(wait=True)
        with self._lock:
            readers, self._readers = self._readers, []
        for store in readers:
            with suppress(Exception):
                store.close()
