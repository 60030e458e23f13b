"""Clean: strip boilerplate from a batch of articles and split what is left into sentences.

The batch matters: the plain-text filter compares each page with the others (a story's body
shares vocabulary across outlets, page furniture does not), so ``clean_articles`` takes all the
articles of one story at once.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from khulasa.clean.html import html_to_text
from khulasa.clean.lines import LineFilterSettings, LineVerdict, filter_batch
from khulasa.language import Language, get_language
from khulasa.model import Article, Document, Sentence
from khulasa.problems import Problem


def clean_articles(
    articles: Sequence[Article],
    language: Language | None = None,
    settings: LineFilterSettings | None = None,
) -> list[Document | Problem]:
    """One Document (or one Problem saying why not) per article, in input order."""
    language = language or get_language()
    texts: list[str] = []
    prepared: list[Article] = []
    results: list[Document | Problem | None] = []
    for article in articles:
        text = article.content
        if article.kind == "html":
            text, title = html_to_text(article.content)
            if title and not article.title:
                article = replace(article, title=title)
            if not text.strip():
                results.append(Problem(_origin(article), "no article text found in the HTML"))
                continue
        reason = language.rejects(text)
        if reason:
            results.append(Problem(_origin(article), reason))
            continue
        prepared.append(article)
        texts.append(text)
        results.append(None)
    verdicts = filter_batch([t.splitlines() for t in texts], language, settings)
    documents = iter(_document(a, v, language) for a, v in zip(prepared, verdicts, strict=True))
    return [r if r is not None else next(documents) for r in results]


def _document(
    article: Article, verdicts: list[LineVerdict], language: Language
) -> Document | Problem:
    paragraphs = [v.text for v in verdicts if v.keep]
    if not paragraphs:
        return Problem(_origin(article), "no article body left after removing boilerplate")
    sentences = tuple(
        Sentence(doc_id=article.id, index=i, text=text, paragraph=p)
        for i, (p, text) in enumerate(
            (p, s) for p, para in enumerate(paragraphs) for s in language.split_sentences(para)
        )
    )
    return Document(
        article=article,
        text="\n".join(paragraphs),
        sentences=sentences,
        language=language.code,
        dropped=tuple(v.text for v in verdicts if not v.keep),
    )


def _origin(article: Article) -> str:
    return article.origin or article.id


__all__ = ["LineFilterSettings", "clean_articles"]
