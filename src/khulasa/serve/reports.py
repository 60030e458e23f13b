"""A story's summary and facts, computed once per story version and served from the store.

Facts take seconds on a large story (about 2.8 s for 44 articles), a summary a fraction of
that. Both are pure Python, so computing them in the server's own threads would hold the
interpreter lock and stall every other request; they run in worker processes instead, one for
summaries (quick, asked for by pages waiting on them) and one for facts (slow, in the
background), and each result is written to the story cache keyed by the story's digest. A page
reads the cache; a story that changed since is recomputed, once, however many readers ask.
"""

from __future__ import annotations

import json
import multiprocessing
import threading
from collections.abc import Iterable
from concurrent.futures import Executor, Future, ProcessPoolExecutor, ThreadPoolExecutor
from typing import Any

from khulasa.model import Budget
from khulasa.serve.memo import Recent
from khulasa.store import Store
from khulasa.store.cache import cached_text, is_cached, store_results, story_digest

SUMMARY = "summary"  # the JSON report without facts (schema version 1)
CLEANED = "cleaned"  # the first articles' cleaned text and dropped lines, for the story page
LEAD = "lead"  # the summary's first sentence, for listings
FACTS = "facts"
JOB_OF = {SUMMARY: SUMMARY, CLEANED: SUMMARY, LEAD: SUMMARY, FACTS: FACTS}
SUMMARY_WORDS = 100
INLINE_ARTICLES = 40  # articles whose cleaned text a story page holds folded
PARSED_KEPT = 64  # parsed reports kept in memory (a large story's facts take ~0.1 s to parse)

_local = threading.local()


def _store(db: str) -> Store:
    """One writable connection per worker (process or thread) and database, kept between jobs."""
    stores: dict[str, Store] = _local.__dict__.setdefault("stores", {})
    store = stores.get(db)
    if store is None:
        store = stores[db] = Store(db)
    return store


def compute(db: str, story_id: int, job: str) -> bool:
    """Compute ``job`` (summary or facts) for the story's current version and cache it;
    ``False`` when the story no longer exists. Runs in a worker; safe to run twice."""
    from khulasa.stories.summary import UnknownStory, load_story

    store = _store(db)
    digest = story_digest(store, story_id)
    if digest is None:
        return False
    if is_cached(store, story_id, job, digest):
        return True
    try:
        bundle = load_story(store, story_id)
    except UnknownStory:
        return False
    if job == SUMMARY:
        body = _summary(bundle)
        lead = body["summary"][0]["text"] if body.get("summary") else None
        bodies = {SUMMARY: body, CLEANED: _cleaned(bundle), LEAD: lead}
        store_results(store, story_id, digest, bodies)
    else:
        facts, entities = _facts(bundle)
        store_results(store, story_id, digest, {FACTS: facts}, entities)
    return True


def _summary(bundle: Any) -> dict[str, Any]:
    from khulasa.stories.summary import render_story, summarize_story

    if not bundle.story.documents:
        return {"summary": [], "warnings": ["no usable article text"], "articles": []}
    summary = summarize_story(bundle, Budget(words=SUMMARY_WORDS))
    return json.loads(render_story(bundle, summary, "json"))


def _cleaned(bundle: Any) -> list[dict[str, Any]]:
    """The first articles' cleaned text and dropped lines, for the story page to fold out."""
    from khulasa.stories.summary import document_ids

    documents = {d.id: d for d in bundle.story.documents}
    ids = document_ids(bundle.articles)
    cleaned = []
    for row in bundle.articles[:INLINE_ARTICLES]:
        document = documents.get(ids[row.id])
        if document is not None:
            cleaned.append(
                {"article_id": row.id, "text": document.text, "dropped": list(document.dropped)}
            )
    return cleaned


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


def _facts(bundle: Any) -> tuple[dict[str, Any], list[tuple[str, str]]]:
    from khulasa.facts import extract_facts, facts_to_dict

    if not bundle.story.documents:
        return {"counts": {}}, []
    facts = extract_facts(bundle.story)
    entities = [(e.kind, e.name) for e in facts.entities]
    return facts_to_dict(facts), entities


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
