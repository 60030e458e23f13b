"""The one way articles enter a database: the CLI, the watcher, feeds and the HTTP API use it.

Storing and clustering is :class:`~khulasa.stories.engine.Ingestor`'s job; after it, two things
must be brought up to date before anyone reads the stories: editors' corrections (the engine may
have regrouped what an editor fixed) and the search index. Doing both here, under the same writer
lock, keeps every entry point identical.
"""

from __future__ import annotations

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
    """Ingest ``items`` into ``store`` (one writer at a time), then restore corrections and
    index the new articles for search."""
    settings = settings or IngestSettings()
    with store.writer():
        report = Ingestor(store, settings).run(items, tick=tick)
        if not report.interrupted:
            upkeep(store, settings.language)
    return report


def upkeep(store: Store, language: str = "ar") -> tuple[int, int]:
    """Re-apply corrections and catch the search index up; ``(restored, indexed)``.
    The caller holds the writer lock."""
    restored = corrections.reapply(store)
    indexed = search.catch_up(store, search_terms(language))
    return restored, indexed
