"""The whole job behind one function: inputs in, a sourced summary out.

Ingest → clean → (one story) → summarize. I/O happens only in ingestion; everything after works
on in-memory objects, so the Python API, the CLI and the tests all run the same code.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from os import PathLike
from typing import TypeVar

from khulasa.clean import clean_articles
from khulasa.ingest import read_articles
from khulasa.ingest.limits import DEFAULT_LIMITS, ReadLimits
from khulasa.language import get_language
from khulasa.model import Article, Budget, Document, Story, Summary
from khulasa.problems import NothingToSummarize, Problem
from khulasa.summarizer import ConceptSummarizer, SummarizerSettings

T = TypeVar("T")
Progress = Callable[[Iterable[T]], Iterator[T]]

DEFAULT_WORDS = 100


def load_articles(
    inputs: Iterable[Article | str | PathLike[str]],
    progress: Progress | None = None,
    limits: ReadLimits = DEFAULT_LIMITS,
) -> tuple[list[Article], list[Problem]]:
    """Articles from a mix of ``Article`` objects and path specs (files, folders, globs, ``-``),
    read within ``limits``."""
    articles: list[Article] = []
    problems: list[Problem] = []
    specs = [i if isinstance(i, Article) else str(i) for i in inputs]
    items = progress(specs) if progress else specs
    for spec in items:
        found = [spec] if isinstance(spec, Article) else read_articles([spec], limits=limits)
        for item in found:
            (articles if isinstance(item, Article) else problems).append(item)
    return _unique_ids(articles), problems


def build_story(articles: list[Article], language: str = "ar") -> tuple[Story, list[Problem]]:
    """Clean the articles and bundle the usable ones as one story."""
    cleaned = clean_articles(articles, get_language(language))
    documents = tuple(d for d in cleaned if isinstance(d, Document))
    problems = [p for p in cleaned if isinstance(p, Problem)]
    return Story(id=_story_id(documents), documents=documents), problems


def summarize(
    inputs: Iterable[Article | str | PathLike[str]],
    *,
    words: int | None = None,
    chars: int | None = None,
    language: str = "ar",
    settings: SummarizerSettings | None = None,
    progress: Progress | None = None,
    limits: ReadLimits = DEFAULT_LIMITS,
) -> Summary:
    """Summarize the articles of one story within ``words`` (default 100) or ``chars``.

    ``inputs`` mixes ``Article`` objects and paths (files, folders, globs, JSONL manifests).
    Inputs that cannot be used are listed in ``Summary.problems``; if none can be used,
    :class:`NothingToSummarize` is raised with the list.
    """
    budget = Budget(words=words, chars=chars) if words or chars else Budget(words=DEFAULT_WORDS)
    articles, problems = load_articles(inputs, progress, limits)
    story, clean_problems = build_story(articles, language)
    problems += clean_problems
    if not story.documents:
        raise NothingToSummarize(problems)
    summary = ConceptSummarizer(settings, get_language(language))(story, budget)
    return replace(summary, problems=tuple(problems))


def _unique_ids(articles: list[Article]) -> list[Article]:
    """Article ids must be unique within a story (they anchor links in reports)."""
    seen: dict[str, int] = {}
    unique = []
    for article in articles:
        count = seen.get(article.id, 0)
        seen[article.id] = count + 1
        unique.append(article if count == 0 else replace(article, id=f"{article.id}-{count + 1}"))
    return unique


def _story_id(documents: tuple[Document, ...]) -> str:
    import hashlib

    digest = hashlib.sha1("|".join(d.article.content_hash for d in documents).encode())
    return digest.hexdigest()[:12]
