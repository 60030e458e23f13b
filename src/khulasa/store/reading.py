"""What the listing and reading commands ask of a store: stories and their articles, as people
read them. Kept apart from the engine's own reads and writes (``db.py``); the SQL is the same on
both engines but for the fragments the store's dialect renders."""

from __future__ import annotations

from datetime import date
from typing import Any

from khulasa.store.dialect import Dialect
from khulasa.store.rows import StoredArticle, StoryRow

# A story's section: its members' most frequent one (ties: the first by name). One definition,
# read by the CLI listing and the server's pages alike.
STORY_SECTION = (
    "(SELECT a2.section FROM articles a2 WHERE a2.story_id = s.id AND a2.section IS NOT NULL "
    "GROUP BY a2.section ORDER BY COUNT(*) DESC, a2.section LIMIT 1)"
)


class StoreReading:
    """The reading half of :class:`khulasa.store.db.Store` (a mixin: it needs ``conn``,
    ``dialect`` and ``url``)."""

    conn: Any
    dialect: Dialect
    url: str | None

    def list_stories(
        self,
        since: date | None = None,
        min_sources: int = 1,
        limit: int | None = None,
        until: date | None = None,
        section: str | None = None,
    ) -> list[StoryRow]:
        """Stories, largest first; ``since`` / ``until`` keep those with an article on or
        after / on or before the day, ``section`` those of that section."""
        since_day = since.toordinal() if since else None
        until_day = until.toordinal() if until else None
        rows = self.conn.execute(
            "SELECT s.id, s.headline, s.article_count, s.first_day, s.last_day, "
            f"{self.dialect.group_concat('DISTINCT COALESCE(a.source, a.ext_id)')} AS outlets, "
            "COUNT(DISTINCT COALESCE(a.source, a.ext_id)) AS n_outlets, "
            f"{STORY_SECTION} "
            "FROM stories s JOIN articles a ON a.story_id = s.id "
            "WHERE (?1 IS NULL OR s.last_day IS NULL OR s.last_day >= ?1) "
            "AND (?4 IS NULL OR s.first_day IS NULL OR s.first_day <= ?4) "
            "GROUP BY s.id HAVING COUNT(DISTINCT COALESCE(a.source, a.ext_id)) >= ?2 "
            f"AND (?5 IS NULL OR ?5 = {STORY_SECTION}) "
            "ORDER BY s.article_count DESC, n_outlets DESC, s.id LIMIT ?3",
            (
                since_day,
                min_sources,
                self.dialect.no_limit if limit is None else limit,
                until_day,
                section,
            ),
        )
        return [
            StoryRow(
                id=r[0],
                headline=r[1],
                article_count=r[2],
                first=_day(r[3]),
                last=_day(r[4]),
                outlets=tuple(sorted((r[5] or "").split(","))),
                section=r[7],
            )
            for r in rows
        ]

    def story_members(self, story_id: int) -> list[dict[str, object]]:
        """A story's articles as a listing shows them (no text): id, url, outlet, title,
        published, and whether the day was read in the text."""
        rows = self.conn.execute(
            "SELECT id, url, COALESCE(source, ext_id), title, published, day, day_inferred, dup_of "
            "FROM articles WHERE story_id = ? ORDER BY day, id",
            (story_id,),
        )
        return [
            {
                "id": r[0],
                "url": r[1],
                "outlet": r[2],
                "title": r[3],
                "published": r[4],
                "day": _day(r[5]).isoformat() if r[5] else None,
                "day_inferred": bool(r[6]),
                "copy_of": r[7],
            }
            for r in rows
        ]

    def story_articles(self, story_id: int) -> list[StoredArticle]:
        rows = self.conn.execute(
            "SELECT id, ext_id, source, url, title, published, kind, origin, content, clean, "
            "dup_of, story_id FROM articles WHERE story_id = ? ORDER BY day, id",
            (story_id,),
        )
        return [
            StoredArticle(
                id=r[0],
                ext_id=r[1],
                source=r[2],
                url=r[3],
                title=r[4],
                published=date.fromisoformat(r[5]) if r[5] else None,
                kind=r[6],
                origin=r[7],
                content=r[8],
                clean=bool(r[9]),
                dup_of=r[10],
                story_id=r[11],
            )
            for r in rows
        ]

    def story_headline(self, story_id: int) -> str | None:
        row = self.conn.execute("SELECT headline FROM stories WHERE id = ?", (story_id,)).fetchone()
        return row[0] if row else None

    def check(self) -> list[str]:
        """Consistency problems (empty when the database is sound)."""
        problems = []
        if self.url is None:  # PostgreSQL checks its pages itself; SQLite is asked
            result = self.conn.execute("PRAGMA integrity_check").fetchone()[0]
            if result != "ok":
                problems.append(f"integrity_check: {result}")
        mismatched = self.conn.execute(
            "SELECT COUNT(*) FROM stories s WHERE article_count != "
            "(SELECT COUNT(*) FROM articles a WHERE a.story_id = s.id)"
        ).fetchone()[0]
        if mismatched:
            problems.append(f"{mismatched} stories whose article_count is wrong")
        orphans = self.conn.execute(
            "SELECT COUNT(*) FROM articles a LEFT JOIN article_terms t ON t.article_id = a.id "
            "WHERE a.story_id IS NULL OR t.article_id IS NULL"
        ).fetchone()[0]
        if orphans:
            problems.append(f"{orphans} articles without analysis or story")
        return problems


def _day(value: int | None) -> date | None:
    return date.fromordinal(value) if value is not None else None
