"""A story's report — its summary and its facts — computed for the story's current version and
written to the store's story cache, which the web server, the API and ``khulasa reports`` read.

Both are pure functions of the story's members, so the cache is keyed by a digest of those
members and their headline: computing a report twice writes the same row twice, which makes
every runner (the server's worker processes, a Dask cluster, a plain loop) safe to kill and
rerun. Each worker keeps one store connection per database between jobs.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Sequence
from typing import Any

from khulasa.model import Budget
from khulasa.store import Store
from khulasa.store.cache import is_cached, store_results, story_digest

SUMMARY = "summary"  # the JSON report without facts (schema version 1)
CLEANED = "cleaned"  # the first articles' cleaned text and dropped lines, for the story page
LEAD = "lead"  # the summary's first sentence, for listings
FACTS = "facts"
JOB_OF = {SUMMARY: SUMMARY, CLEANED: SUMMARY, LEAD: SUMMARY, FACTS: FACTS}
SUMMARY_WORDS = 100
INLINE_ARTICLES = 40  # articles whose cleaned text a story page holds folded

JOBS = (SUMMARY, FACTS)  # the jobs of a report; CLEANED and LEAD come with the summary

_local = threading.local()


def _store(db: str) -> Store:
    """One writable connection per worker (process or thread) and database, kept between jobs."""
    stores: dict[str, Store] = _local.__dict__.setdefault("stores", {})
    store = stores.get(db)
    if store is None:
        store = stores[db] = Store(db)
    return store


def compute_jobs(db: str, story_id: int, jobs: Sequence[str] = JOBS) -> tuple[str, ...] | None:
    """Compute each of ``jobs`` not yet cached for the story's current version, reading the
    story once for all of them; the jobs computed (empty when every one was current), or
    ``None`` when the story no longer exists. Runs in a worker; safe to run twice."""
    from khulasa.stories.summary import UnknownStory, load_story

    store = _store(db)
    digest = story_digest(store, story_id)
    if digest is None:
        return None
    stale = tuple(job for job in jobs if not is_cached(store, story_id, job, digest))
    if not stale:
        return ()
    try:
        bundle = load_story(store, story_id)
    except UnknownStory:
        return None
    for job in stale:
        if job == SUMMARY:
            body = _summary(bundle)
            lead = body["summary"][0]["text"] if body.get("summary") else None
            bodies = {SUMMARY: body, CLEANED: _cleaned(bundle), LEAD: lead}
            store_results(store, story_id, digest, bodies)
        else:
            facts, entities = _facts(bundle)
            store_results(store, story_id, digest, {FACTS: facts}, entities)
    return stale


def compute(db: str, story_id: int, job: str) -> bool:
    """Compute one ``job`` (summary or facts) of the story and cache it; ``False`` when the
    story no longer exists."""
    return compute_jobs(db, story_id, (job,)) is not None


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


def _facts(bundle: Any) -> tuple[dict[str, Any], list[tuple[str, str]]]:
    from khulasa.facts import extract_facts, facts_to_dict

    if not bundle.story.documents:
        return {"counts": {}}, []
    facts = extract_facts(bundle.story)
    entities = [(e.kind, e.name) for e in facts.entities]
    return facts_to_dict(facts), entities
