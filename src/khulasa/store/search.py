"""Full-text search over stored articles, in the language's own terms.

The index (FTS5, schema v4) holds each article's *stems*, not its words: Arabic glues clitics to
words (والحوثيين، بالحوثي), so an index of surface tokens would miss most matches of a query for
الحوثي. Indexing and querying through the same ``terms_of`` function (the analyzer's stemmer)
makes them meet. The index is contentless — the text is in ``articles`` already — and is brought
up to date after each ingest from a high-water mark, so a crash between ingest and indexing only
delays the index; the next catch-up finishes it. On PostgreSQL the same stems are kept in a plain
table and a query term is a ``LIKE`` on a word start (see :func:`search_condition`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from khulasa.store.db import Store
from khulasa.store.dialect import POSTGRES, Dialect

TermsOf = Callable[[str], Sequence[str]]

_TAG = re.compile(r"<[^>]*>")
_SCRIPT = re.compile(r"<(script|style)\b.*?</\1\s*>", re.IGNORECASE | re.DOTALL)
MAX_QUERY_TERMS = 12


def indexed_up_to(store: Store) -> int:
    row = store.conn.execute("SELECT MAX(rowid) FROM article_search").fetchone()
    return int(row[0] or 0)


def pending(store: Store) -> int:
    """How many stored articles the index does not hold yet."""
    row = store.conn.execute(
        "SELECT COUNT(*) FROM articles WHERE id > ?", (indexed_up_to(store),)
    ).fetchone()
    return int(row[0])


def catch_up(
    store: Store,
    terms_of: TermsOf,
    batch: int = 500,
    tick: Callable[[int], None] | None = None,
) -> int:
    """Index every article newer than the index, ``batch`` per transaction; return how many."""
    done = 0
    while True:
        after = indexed_up_to(store)
        rows = store.conn.execute(
            "SELECT id, kind, COALESCE(title, ''), content FROM articles "
            "WHERE id > ? ORDER BY id LIMIT ?",
            (after, batch),
        ).fetchall()
        if not rows:
            return done
        entries = [
            (article_id, " ".join(terms_of(title + "\n" + _plain(kind, content))))
            for article_id, kind, title, content in rows
        ]
        with store.transaction():
            store.conn.executemany(
                "INSERT INTO article_search (rowid, terms) VALUES (?, ?)", entries
            )
        done += len(entries)
        if tick is not None:
            tick(len(entries))


def match_expression(query: str, terms_of: TermsOf) -> str | None:
    """The FTS5 expression for ``query``: every term must occur (as a stem prefix, so a query
    for the singular also finds the plural). ``None`` when the query has no searchable term."""
    terms = []
    for term in terms_of(query):
        cleaned = term.replace('"', "")
        if cleaned and cleaned not in terms:
            terms.append(cleaned)
    if not terms:
        return None
    return " AND ".join(f'"{t}"*' for t in terms[:MAX_QUERY_TERMS])


def search_condition(
    dialect: Dialect, query: str, terms_of: TermsOf
) -> tuple[str, dict[str, str]] | None:
    """The condition on ``article_search f`` for ``query``, and its named parameters: every
    term must start a stem (FTS5's ``"term"*``), on PostgreSQL a ``LIKE`` on the space-separated
    stems. ``None`` when the query has no searchable term."""
    expression = match_expression(query, terms_of)
    if expression is None:
        return None
    if dialect is not POSTGRES:
        return "article_search MATCH :match", {"match": expression}
    terms = [t[1:-2] for t in expression.split(" AND ")]  # '"stem"*' → 'stem'
    params = {f"term{i}": "% " + _like_escape(t) + "%" for i, t in enumerate(terms)}
    condition = " AND ".join(f"(' ' || f.terms) LIKE :{name}" for name in params)
    return condition, params


def _like_escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _plain(kind: str, content: str) -> str:
    """Text good enough to index: a page's tags and scripts dropped (search needs no cleaning)."""
    if kind != "html":
        return content
    return _TAG.sub(" ", _SCRIPT.sub(" ", content))
