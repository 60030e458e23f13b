"""What the pages and the API read: stories filtered and paged, one story's rows, an article.

Plain SQL over the store's tables, one query per question, so a listing of the whole corpus
stays a few milliseconds: the cheap conditions come first (a story with N outlets has at least
N articles), the full-text index answers keywords, and the entity index (filled when a story's
facts are computed) answers people, places and organisations.

The connection is a store's (``Store.conn``), SQLite's or PostgreSQL's; the few fragments that
differ (aggregating the outlets, the keyword search) come from the store's dialect.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from khulasa.store.dialect import POSTGRES, Dialect, dialect_of
from khulasa.store.reading import STORY_SECTION
from khulasa.store.search import search_condition

Connection = Any  # a store's connection: sqlite3's, or the PostgreSQL wrapper

ENTITY_KINDS = ("person", "place", "organization")


@dataclass(frozen=True)
class Filters:
    since: date | None = None
    until: date | None = None
    outlet: str | None = None
    q: str | None = None
    entity: str | None = None
    kind: str | None = None
    min_outlets: int = 2
    page: int = 1
    section: str | None = None  # one of khulasa.stories.sections.SECTIONS

    def active(self) -> bool:
        return any((self.since, self.until, self.outlet, self.q, self.entity, self.section))


@dataclass(frozen=True)
class StoryItem:
    id: int
    headline: str | None
    article_count: int
    first: date | None
    last: date | None
    outlets: tuple[str, ...]
    lead: str | None = None  # the summary's first sentence, once computed
    section: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "headline": self.headline,
            "articles": self.article_count,
            "outlets": list(self.outlets),
            "first": self.first.isoformat() if self.first else None,
            "last": self.last.isoformat() if self.last else None,
            "lead": self.lead,
            "section": self.section,
        }


@dataclass(frozen=True)
class StoryPage:
    items: tuple[StoryItem, ...]
    page: int
    has_next: bool
    query_terms: bool = True  # False when the keyword had nothing searchable in it
    notes: tuple[str, ...] = field(default=())


_OUTLETS = (
    "(SELECT group_concat(o, char(31)) FROM (SELECT DISTINCT COALESCE(a.source, a.ext_id) AS o "
    "FROM articles a WHERE a.story_id = s.id ORDER BY o))"
)
_OUTLETS_PG = (
    "(SELECT string_agg(o, chr(31) ORDER BY o) FROM (SELECT DISTINCT "
    "COALESCE(a.source, a.ext_id) AS o FROM articles a WHERE a.story_id = s.id) AS outlet)"
)


def _outlets(dialect: Dialect) -> str:
    """A story's outlets, sorted, in one string separated by U+001F."""
    return _OUTLETS_PG if dialect is POSTGRES else _OUTLETS


_OUTLET_COUNT = (
    "(SELECT COUNT(DISTINCT COALESCE(a.source, a.ext_id)) FROM articles a WHERE a.story_id = s.id)"
)


def browse(
    conn: Connection,
    filters: Filters,
    page_size: int,
    terms_of: Callable[[str], Sequence[str]],
) -> StoryPage:
    """The stories matching ``filters``: the latest day first, the largest first within a day."""
    dialect = dialect_of(conn)
    where = ["s.article_count >= :min"]
    params: dict[str, Any] = {"min": max(1, filters.min_outlets)}
    if filters.min_outlets > 1:
        where.append(f"{_OUTLET_COUNT} >= :min")
    if filters.since:
        where.append("s.last_day >= :since")
        params["since"] = filters.since.toordinal()
    if filters.until:
        where.append("s.first_day <= :until")
        params["until"] = filters.until.toordinal()
    if filters.section:
        where.append(f"{STORY_SECTION} = :section")
        params["section"] = filters.section
    if filters.outlet:
        where.append(
            "EXISTS (SELECT 1 FROM articles a WHERE a.story_id = s.id AND a.source = :outlet)"
        )
        params["outlet"] = filters.outlet
    if filters.q:
        found = search_condition(dialect, filters.q, terms_of)
        if found is None:
            return StoryPage((), filters.page, False, query_terms=False)
        condition, values = found
        where.append(
            "s.id IN (SELECT a.story_id FROM article_search f JOIN articles a ON a.id = f.rowid "
            f"WHERE {condition})"
        )
        params.update(values)
    if filters.entity:
        where.append(
            "s.id IN (SELECT story_id FROM story_entities "
            f"WHERE {dialect.find('name', ':entity')} > 0 "
            "AND (:kind IS NULL OR label = :kind))"
        )
        params["entity"] = filters.entity.strip()
        params["kind"] = filters.kind
    params["limit"] = page_size + 1
    params["offset"] = (filters.page - 1) * page_size
    rows = conn.execute(
        f"SELECT s.id, s.headline, s.article_count, s.first_day, s.last_day, {_outlets(dialect)}, "
        f"{STORY_SECTION} FROM stories s WHERE {' AND '.join(where)} "
        # DESC puts undated stories (NULL) last; the order is the stories_recent index's.
        "ORDER BY s.last_day DESC, s.article_count DESC, s.id DESC "
        "LIMIT :limit OFFSET :offset",
        params,
    ).fetchall()
    items = tuple(_item(r) for r in rows[:page_size])
    return StoryPage(items, filters.page, len(rows) > page_size)


def story_item(conn: Connection, story_id: int) -> StoryItem | None:
    outlets = _outlets(dialect_of(conn))
    row = conn.execute(
        f"SELECT s.id, s.headline, s.article_count, s.first_day, s.last_day, {outlets}, "
        f"{STORY_SECTION} FROM stories s WHERE s.id = ? AND s.article_count > 0",
        (story_id,),
    ).fetchone()
    return None if row is None else _item(row)


def outlets(conn: Connection) -> list[tuple[str, int]]:
    """Every outlet with its article count, most articles first."""
    rows = conn.execute(
        "SELECT source, COUNT(*) FROM articles WHERE source IS NOT NULL "
        "GROUP BY source ORDER BY COUNT(*) DESC, source"
    )
    return [(r[0], r[1]) for r in rows]


def article(conn: Connection, article_id: int) -> dict[str, Any] | None:
    """One article with its story and its near-duplicates (the copies of one text)."""
    row = conn.execute(
        "SELECT id, ext_id, source, url, title, published, kind, content, clean, dup_of, "
        "story_id, origin FROM articles WHERE id = ?",
        (article_id,),
    ).fetchone()
    if row is None:
        return None
    original = row[9] or row[0]
    copies = conn.execute(
        "SELECT id, COALESCE(source, ext_id), title FROM articles "
        "WHERE (id = ? OR dup_of = ?) AND id != ? ORDER BY id",
        (original, original, row[0]),
    ).fetchall()
    return {
        "id": row[0],
        "ext_id": row[1],
        "source": row[2],
        "url": row[3],
        "title": row[4],
        "published": row[5],
        "kind": row[6],
        "content": row[7],
        "clean": bool(row[8]),
        "near_duplicate_of": row[9],
        "story_id": row[10],
        "origin": row[11],
        "near_duplicates": [{"id": c[0], "outlet": c[1], "title": c[2]} for c in copies],
    }


def _item(row: tuple) -> StoryItem:
    return StoryItem(
        id=row[0],
        headline=row[1],
        article_count=row[2],
        first=date.fromordinal(row[3]) if row[3] else None,
        last=date.fromordinal(row[4]) if row[4] else None,
        outlets=tuple(row[5].split("\x1f")) if row[5] else (),
        section=row[6],
    )
