"""The server's side of story reports: computed once per story version, served from the store.

The computation itself is :mod:`khulasa.reports.compute`. Facts take seconds on a large story
(about 2.8 s for 44 articles), a summary a fraction of that. Both are pure Python, so computing
them in the server's own threads would hold the interpreter lock and stall every other request;
they run in worker processes instead, one for summaries (quick, asked for by pages waiting on
them) and one for facts (slow, in the background), and each result is written to the story cache
keyed by the story's digest. A page reads the cache; a story that changed since is recomputed,
once, however many readers ask."""

from __future__ import annotations

import json
import multiprocessing
import threading
from collections.abc import Iterable
from concurrent.futures import Executor, Future, ProcessPoolExecutor, ThreadPoolExecutor
from typing import Any

from khulasa.reports.compute import CLEANED, FACTS, JOB_OF, LEAD, SUMMARY, compute
from khulasa.serve.memo import Recent
from khulasa.store import Store
from khulasa.store.cache import cached_text, is_cached, story_digest

__all__ = ["CLEANED", "FACTS", "LEAD", "SUMMARY", "Reports", "cleaned_text"]

PARSED_KEPT = 64  # parsed reports kept in memory (a large story's facts take ~0.1 s to parse)


def cleaned_text(article: dict[str, Any]) -> tuple[str, list[str]]:
    """One stored article's body text, cleaned on its own (a story's pages are cleaned together,
    which can drop a little more boilerplate; alone is good enough to read one article)."""
    from khulasa.clean import clean_articles
    from khulasa.language import get_language
    from khulasa.model import Article, Document

    if article["clean"]:
        return article["content"], []
    page = Article(
        id=str(article["id"]),
        content=article["content"],
        kind="html" if article["kind"] == "html" else "text",
        source=article["source"],
    )
    (result,) = clean_articles([page], get_language())
    if isinstance(result, Document):
        return result.text, list(result.dropped)
    return "", []


class Reports:
    """Hands story reports to the workers and remembers what is in flight, so that sixteen
    readers of one new story start one computation, not sixteen."""

    def __init__(self, db: str, processes: bool = True) -> None:
        self.db = db
        self.processes = processes
        self._pools: dict[str, Executor] = {}
        self._flight: dict[tuple[int, str, str], Future[Any]] = {}
        self._parsed = Recent(PARSED_KEPT)
        self._lock = threading.Lock()

    def _pool(self, job: str) -> Executor:
        pool = self._pools.get(job)
        if pool is None:
            if self.processes:
                # spawn, not fork: the server has threads, and a forked copy of a lock held by
                # one of them would never be released in the child.
                context = multiprocessing.get_context("spawn")
                pool = ProcessPoolExecutor(max_workers=1, mp_context=context)
            else:
                pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix=f"khulasa-{job}")
            self._pools[job] = pool
        return pool

    def submit(self, story_id: int, job: str, digest: str) -> Future[Any]:
        """The computation of ``job`` for this version of the story, started now or already
        running (a computation for an older version is not this one)."""
        key = (story_id, job, digest)
        with self._lock:
            running = self._flight.get(key)
            if running is not None:
                return running
            future = self._pool(job).submit(compute, self.db, story_id, job)
            self._flight[key] = future
        future.add_done_callback(lambda _: self._forget(key, future))
        return future

    def _forget(self, key: tuple[int, str, str], future: Future[Any]) -> None:
        with self._lock:
            if self._flight.get(key) is future:
                del self._flight[key]

    def text(self, store: Store, story_id: int, kind: str, wait: float | None) -> str | None:
        """The current ``kind`` of the story as JSON text: from the cache, or computed now
        (waiting up to ``wait`` seconds; ``0`` only schedules it). ``None`` when not ready or
        the story is gone."""
        digest = story_digest(store, story_id)
        if digest is None:
            return None
        found = cached_text(store, story_id, kind, digest)
        if found is not None:
            return found
        future = self.submit(story_id, JOB_OF[kind], digest)
        if wait == 0:
            return None
        try:
            future.result(timeout=wait)
        except TimeoutError:  # still computing: the caller shows it as pending
            return None
        return cached_text(store, story_id, kind, digest)

    def get(self, store: Store, story_id: int, kind: str, wait: float | None) -> Any | None:
        """:meth:`text`, parsed; the last reports parsed are kept, keyed by story version."""
        digest = story_digest(store, story_id)
        if digest is None:
            return None
        key = (story_id, kind, digest)
        value = self._parsed.get(key)
        if value is not None:
            return value
        found = self.text(store, story_id, kind, wait)
        return None if found is None else self._parsed.put(key, json.loads(found))

    def ready(self, store: Store, story_id: int, kind: str) -> bool:
        digest = story_digest(store, story_id)
        return digest is not None and is_cached(store, story_id, kind, digest)

    def refresh(self, store: Store, story_ids: Iterable[int], jobs: Iterable[str]) -> int:
        """Schedule every listed job that is missing or stale; how many were scheduled."""
        scheduled = 0
        jobs = list(jobs)
        for story_id in story_ids:
            digest = story_digest(store, story_id)
            if digest is None:
                continue
            for job in jobs:
                if not is_cached(store, story_id, job, digest):
                    self.submit(story_id, job, digest)
                    scheduled += 1
        return scheduled

    def busy(self) -> int:
        with self._lock:
            return len(self._flight)

    def close(self) -> None:
        """Stop the workers now: a facts computation in progress is abandoned (it is redone
        at the next start), and no worker outlives the server."""
        for pool in self._pools.values():
            processes = list(getattr(pool, "_processes", {}).values())  # ProcessPoolExecutor
            pool.shutdown(wait=False, cancel_futures=True)
            for process in processes:  # Python 3.11 has no public way to stop them
                process.terminate()
            for process in processes:
                process.join(timeout=5)
        self._pools.clear()
