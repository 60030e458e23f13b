"""The store: one database holds every ingested article, its analysis and its story.

Why SQLite by default: a single file a journalist can copy, transactions that survive ``kill -9``
(WAL journal, ``synchronous=FULL``: a committed batch is on disk before ``COMMIT`` returns), and
indexes that let ingestion look up duplicates and near-duplicate candidates without keeping the
corpus in memory. All SQL lives here; the ingest engine and the CLI speak to this class only.

A ``postgresql://`` URL instead of a path opens the same schema on a PostgreSQL server, for a
desk whose ingests and servers run on several processes or machines. The guarantees are kept by
the engine, not by code of ours: each batch is one transaction (PostgreSQL's commit is durable),
articles are keyed by the same unique constraints, and write transactions and whole ingests are
serialised by advisory locks where SQLite uses ``BEGIN IMMEDIATE`` and a lock file. The few SQL
fragments that differ come from :mod:`khulasa.store.dialect`.
"""

from __future__ import annotations

import fcntl
import json
import sqlite3
import sys
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import quote

from khulasa.store.dialect import (
    DATABASE_ERRORS,
    POSTGRES,
    SQLITE,
    PostgresConnection,
    is_postgres_url,
    psycopg,
)
from khulasa.store.errors import StoreError, describe, one_line_reason, without_password
from khulasa.store.reading import StoreReading
from khulasa.store.rows import (
    ArticleRow,
    OpenStoryState,
    PendingRow,
    StoredArticle,
    StoryDelta,
    StoryRow,
)
from khulasa.store.schema import LATEST, current_version, migrate

__all__ = [
    "DEFAULT_DB",
    "ArticleRow",
    "OpenStoryState",
    "PendingRow",
    "Store",
    "StoreError",
    "StoredArticle",
    "StoryDelta",
    "StoryRow",
]

DEFAULT_DB = "khulasa.db"

# PostgreSQL advisory lock keys: one ingest (or recluster, or correction) at a time, held across
# its transactions like SQLite's lock file; and one write transaction at a time, like SQLite's
# ``BEGIN IMMEDIATE``. Two keys, because a reader's small write (a cache entry) must wait for the
# running batch, not for the whole ingest.
WRITER_LOCK = 0x6B68_0002
TRANSACTION_LOCK = 0x6B68_0003


class Store(StoreReading):
    """A Khulasa database, upgraded to the latest schema when opened for writing.

    ``readonly=True`` is what the listing and reading commands use: the file must exist and hold
    a Khulasa database at the current schema; nothing is created, migrated or written, so they
    work on a copy they may not write and never turn a stray empty file into a database.
    """

    def __init__(
        self, path: str | Path, *, target_version: int = LATEST, readonly: bool = False
    ) -> None:
        self.readonly = readonly
        self.url = str(path) if is_postgres_url(path) else None
        self.path = Path(path) if self.url is None else None
        self.dialect = SQLITE if self.url is None else POSTGRES
        #: How messages name the database: the file, or the URL without its password.
        self.where = str(self.path) if self.url is None else without_password(self.url)
        try:
            self.conn: Any = self._connect(readonly) if self.url is None else self._connect_pg()
            self.version = self._check(readonly, target_version)
        except DATABASE_ERRORS as exc:
            raise StoreError(f"{self.where}: {describe(exc)}") from None

    @property
    def errors(self) -> tuple[type[Exception], ...]:
        """The exceptions this store's engine raises for a database problem."""
        return DATABASE_ERRORS

    def _connect_pg(self) -> PostgresConnection:
        """A PostgreSQL connection in autocommit mode: :meth:`transaction` opens each
        transaction itself, as ``isolation_level=None`` lets it do on SQLite."""
        if psycopg is None:
            raise StoreError(
                f"{self.where}: PostgreSQL needs psycopg (pip install 'khulasa[postgres]')"
            )
        try:
            raw = psycopg.connect(self.url, autocommit=True, connect_timeout=10)
        except psycopg.OperationalError as exc:
            reason = one_line_reason(exc)
            raise StoreError(
                f"cannot reach the PostgreSQL server at {self.where}: {reason}"
            ) from None
        conn = PostgresConnection(raw)
        if self.readonly:
            conn.execute("SET default_transaction_read_only = on")
        return conn

    def _connect(self, readonly: bool) -> sqlite3.Connection:
        if self.path.is_dir():
            raise StoreError(f"{self.path} is a folder, not a database file")
        if readonly:
            if not self.path.is_file():
                raise StoreError(f"no database at {self.path} (run 'khulasa ingest' first)")
            uri = f"file:{quote(str(self.path.resolve()))}?mode=ro"
            conn = sqlite3.connect(uri, uri=True, isolation_level=None, timeout=30)
            conn.execute("PRAGMA query_only=ON")
            return conn
        if self.path.parent != Path():
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise StoreError(
                    f"cannot create the folder of {self.path}: {exc.strerror}"
                ) from None
        conn = sqlite3.connect(self.path, isolation_level=None, timeout=30)
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=FULL")
        conn.execute("PRAGMA foreign_keys=ON")
        return conn

    def _check(self, readonly: bool, target_version: int) -> int:
        if not readonly:
            return migrate(self.conn, target_version)
        version = current_version(self.conn)
        if version == 0:
            raise StoreError(f"{self.where} is not a Khulasa database (empty or another program's)")
        if version != LATEST:
            raise StoreError(
                f"{self.where} has schema version {version}, this khulasa reads {LATEST}: "
                "run 'khulasa ingest' (or 'khulasa recluster') on it to upgrade"
            )
        return version

    @contextmanager
    def writer(self) -> Iterator[None]:
        """Hold the database for one writer at a time, across all its transactions.

        Each ingest keeps the clusterer's state in memory between batches, so two ingests
        running at once would each place articles blind to the other's (more stories, missed
        copies). The second one waits, and says so, instead. On PostgreSQL the lock is a
        session advisory lock, which the server drops by itself when a killed writer's
        connection goes."""
        if self.url is not None:
            yield from self._pg_writer()
            return
        lock_path = self.path.with_name(self.path.name + ".lock")
        with open(lock_path, "a") as handle:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                print(
                    f"khulasa: another ingest is writing to {self.path}; waiting for it",
                    file=sys.stderr,
                )
                fcntl.flock(handle, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)

    def _pg_writer(self) -> Iterator[None]:
        got = self.conn.execute("SELECT pg_try_advisory_lock(?)", (WRITER_LOCK,)).fetchone()[0]
        if not got:
            print(
                f"khulasa: another ingest is writing to {self.where}; waiting for it",
                file=sys.stderr,
            )
            self.conn.execute("SELECT pg_advisory_lock(?)", (WRITER_LOCK,))
        try:
            yield
        finally:
            self.conn.execute("SELECT pg_advisory_unlock(?)", (WRITER_LOCK,))

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One batch: everything inside is committed together or not at all."""
        if self.url is not None:
            self.conn.execute("BEGIN")
            self.conn.execute("SELECT pg_advisory_xact_lock(?)", (TRANSACTION_LOCK,))
        else:
            self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield self.conn
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        self.conn.execute("COMMIT")

    # -- duplicates ------------------------------------------------------------------------

    def known(self, hashes: Sequence[str], urls: Sequence[str]) -> set[str]:
        """Which of these content hashes and URLs are already stored."""
        found: set[str] = set()
        for column, values in (("content_hash", hashes), ("url", urls)):
            for start in range(0, len(values), 500):
                chunk = tuple(values[start : start + 500])
                marks = ",".join("?" * len(chunk))
                rows = self.conn.execute(
                    f"SELECT {column} FROM articles WHERE {column} IN ({marks})", chunk
                )
                found.update(r[0] for r in rows)
        return found

    def recent_signatures(
        self, since_day: int | None, since_article: int
    ) -> Iterator[tuple[int, bytes, int | None, int, int | None]]:
        """``(id, signature, day, group root, story)`` of articles dated on or after
        ``since_day`` or newer than ``since_article``."""
        yield from self.conn.execute(
            "SELECT a.id, m.signature, a.day, COALESCE(a.dup_of, a.id), a.story_id "
            "FROM articles a JOIN minhash m ON m.article_id = a.id "
            "WHERE (a.day IS NOT NULL AND ?1 IS NOT NULL AND a.day >= ?1) OR a.id >= ?2 "
            "ORDER BY a.id",
            (since_day, since_article),
        )

    # -- writing ---------------------------------------------------------------------------

    def insert_articles(self, rows: Sequence[ArticleRow]) -> None:
        """Insert new articles with ids chosen by the caller (inside a write transaction)."""
        now = _now()
        self.conn.executemany(
            "INSERT INTO articles (id, content_hash, url, ext_id, source, title, published, "
            "day, kind, origin, content, clean, story_id, dup_of, ingested_at, day_inferred) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (
                    r.id,
                    r.content_hash,
                    r.url,
                    r.ext_id,
                    r.source,
                    r.title,
                    r.published.isoformat() if r.published else None,
                    r.day if r.day is not None or r.published is None else r.published.toordinal(),
                    r.kind,
                    r.origin,
                    r.content,
                    int(r.clean),
                    r.story_id,
                    r.dup_of,
                    now,
                    int(r.day_inferred),
                )
                for r in rows
            ],
        )

    def insert_stories(self, stories: Sequence[tuple[int, str | None]]) -> None:
        """Open new stories ``(id, headline)``, ids chosen by the caller."""
        now = _now()
        self.conn.executemany(
            "INSERT INTO stories (id, headline, article_count, created_at) VALUES (?, ?, 0, ?)",
            [(story_id, headline, now) for story_id, headline in stories],
        )
        if stories:
            self.set_meta("last_story_id", str(max(story_id for story_id, _ in stories)))

    def next_story_id(self) -> int:
        """The next story id, never given before (read inside the transaction that uses it).

        ``MAX(id) + 1`` would hand out again the id of a story merged away and deleted, and
        anything still pointing at the old story (a copy's original, a reader's bookmark) would
        silently point at an unrelated one; :meth:`insert_stories` keeps a high-water mark."""
        row = self.conn.execute(
            f"SELECT {self.dialect.greatest}(COALESCE((SELECT MAX(id) FROM stories), 0), "
            "COALESCE((SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'last_story_id'), 0))"
        ).fetchone()
        return int(row[0]) + 1

    def assign(
        self,
        article_id: int,
        story_id: int,
        dup_of: int | None,
        day: int | None = None,
        day_inferred: bool = False,
    ) -> None:
        """Place an already stored article (backfill, recluster) in a story and group."""
        self.conn.execute(
            "UPDATE articles SET story_id = ?, dup_of = ?, day = COALESCE(?, day), "
            "day_inferred = ? WHERE id = ?",
            (story_id, dup_of, day, int(day_inferred), article_id),
        )

    def reset_stories(self) -> None:
        """Forget every story and analysis, keeping the articles (``khulasa recluster``), in one
        transaction; the story id high-water mark stays, so no old id is given again."""
        with self.transaction():
            last = self.next_story_id() - 1
            self.conn.execute("UPDATE articles SET story_id = NULL, dup_of = NULL")
            for table in (
                "story_cache",
                "story_entities",
                "stories",
                "article_terms",
                "minhash",
                "term_df",
                "member_state",
            ):
                self.conn.execute(f"DELETE FROM {table}")
            self.conn.execute("DELETE FROM meta WHERE key IN ('n_docs', 'clock')")
            self.set_meta("last_story_id", str(last))

    def save_analyses(self, rows: Sequence[tuple]) -> None:
        """``(article id, MinHash signature, token count, term counts as JSON[, profile JSON])``
        rows."""
        # An upsert of every column: what INSERT OR REPLACE did, in SQL both engines take.
        self.conn.executemany(
            "INSERT INTO minhash (article_id, signature) VALUES (?, ?) "
            "ON CONFLICT(article_id) DO UPDATE SET signature = excluded.signature",
            [(r[0], r[1]) for r in rows],
        )
        self.conn.executemany(
            "INSERT INTO article_terms (article_id, length, terms, profile) VALUES (?, ?, ?, ?) "
            "ON CONFLICT(article_id) DO UPDATE SET length = excluded.length, "
            "terms = excluded.terms, profile = excluded.profile",
            [(r[0], r[2], r[3], r[4] if len(r) > 4 else None) for r in rows],
        )

    def save_member_states(self, rows: Sequence[tuple[int, str, str, str]]) -> None:
        """``(article id, idf JSON, rare JSON, evidence JSON)`` of members just placed."""
        self.conn.executemany(
            "INSERT INTO member_state (article_id, idf, rare, evidence) VALUES (?, ?, ?, ?) "
            "ON CONFLICT(article_id) DO UPDATE SET idf = excluded.idf, rare = excluded.rare, "
            "evidence = excluded.evidence",
            rows,
        )

    def story_days(self, story_ids: Sequence[int]) -> list[tuple[int, int | None, int | None]]:
        """``(story, first day, last day)`` of the given stories."""
        found = []
        for start in range(0, len(story_ids), 500):
            chunk = tuple(story_ids[start : start + 500])
            marks = ",".join("?" * len(chunk))
            found += self.conn.execute(
                f"SELECT id, first_day, last_day FROM stories WHERE id IN ({marks})", chunk
            ).fetchall()
        return found

    def member_state_ids(self) -> set[int]:
        return {row[0] for row in self.conn.execute("SELECT article_id FROM member_state")}

    def drop_member_states(self, article_ids: Sequence[int]) -> None:
        """Forget the states of members that left the window."""
        self.conn.executemany(
            "DELETE FROM member_state WHERE article_id = ?", [(i,) for i in article_ids]
        )

    def new_story(self, headline: str | None) -> int:
        story_id = self.next_story_id()
        self.insert_stories([(story_id, headline)])
        return story_id

    def merge_stories(self, merges: Sequence[tuple[int, int]]) -> None:
        """Apply ``(story, into)`` merges made in this order: move the articles, recount, drop.

        A batch can merge a story into one that is merged further on; each story's articles go
        straight to the last one, and every statement runs once for the batch, not per merge.
        """
        final: dict[int, int] = {}
        for gone, into in merges:
            final[gone] = into
        for gone in final:
            target = final[gone]
            while target in final:
                target = final[target]
            final[gone] = target
        if not final:
            return
        moves = [(target, gone) for gone, target in final.items()]
        conn = self.conn
        greatest = self.dialect.greatest
        # Seen days first, while the merged stories still exist to read them from.
        conn.executemany(
            f"UPDATE stories SET seen_day = {greatest}(COALESCE(seen_day, "
            "(SELECT seen_day FROM stories WHERE id = ?2)), "
            "COALESCE((SELECT seen_day FROM stories WHERE id = ?2), seen_day)) WHERE id = ?1",
            moves,
        )
        conn.executemany("UPDATE articles SET story_id = ? WHERE story_id = ?", moves)
        conn.executemany(
            "UPDATE stories SET "
            "article_count = (SELECT COUNT(*) FROM articles WHERE story_id = ?1), "
            "first_day = (SELECT MIN(day) FROM articles WHERE story_id = ?1), "
            "last_day = (SELECT MAX(day) FROM articles WHERE story_id = ?1) WHERE id = ?1",
            [(target,) for target in set(final.values())],
        )
        conn.executemany("DELETE FROM stories WHERE id = ?", [(gone,) for gone in final])

    def grow_stories(self, deltas: Iterable[StoryDelta]) -> None:
        """Add articles to stories' counts and widen their time spans."""
        least, greatest = self.dialect.least, self.dialect.greatest
        self.conn.executemany(
            "UPDATE stories SET article_count = article_count + :added, "
            f"first_day = {least}(COALESCE(first_day, :first), COALESCE(:first, first_day)), "
            f"last_day = {greatest}(COALESCE(last_day, :last), COALESCE(:last, last_day)), "
            f"seen_day = {greatest}(COALESCE(seen_day, :seen), COALESCE(:seen, seen_day)) "
            "WHERE id = :id",
            [d.params() for d in deltas],
        )

    def add_document_frequencies(self, deltas: dict[str, int]) -> None:
        self.conn.executemany(
            "INSERT INTO term_df (term, df) VALUES (?, ?) "
            "ON CONFLICT(term) DO UPDATE SET df = term_df.df + excluded.df",
            deltas.items(),
        )

    def set_meta(self, key: str, value: str) -> None:
        self.conn.execute(
            "INSERT INTO meta (key, value) VALUES (?, ?) "
            "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            (key, value),
        )

    # -- reading state ---------------------------------------------------------------------

    def meta(self, key: str, default: str | None = None) -> str | None:
        row = self.conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return row[0] if row else default

    def document_frequencies(self) -> Iterator[tuple[str, int]]:
        yield from self.conn.execute("SELECT term, df FROM term_df")

    def pending_analysis(self, after: int = 0, limit: int = 500) -> list[PendingRow]:
        """Articles with no analysis yet (ingested under schema v1), by id, after ``after``."""
        rows = self.conn.execute(
            "SELECT a.id, a.kind, a.content, a.day, a.title, a.story_id, a.source, a.published, "
            "a.clean FROM articles a "
            "LEFT JOIN article_terms t ON t.article_id = a.id "
            "WHERE t.article_id IS NULL AND a.id > ? ORDER BY a.id LIMIT ?",
            (after, limit),
        )
        return [PendingRow(*row) for row in rows]

    def open_stories(self, since_day: int | None, since_article: int) -> list[OpenStoryState]:
        """Stories seen on or after ``since_day`` or holding an article newer than the id."""
        rows = self.conn.execute(
            "SELECT s.id, s.first_day, s.last_day, s.seen_day, MAX(a.id), "
            "SUM(CASE WHEN a.day IS NULL THEN 1 ELSE 0 END) "
            "FROM stories s JOIN articles a ON a.story_id = s.id GROUP BY s.id "
            "HAVING (?1 IS NOT NULL AND s.seen_day IS NOT NULL AND s.seen_day >= ?1) "
            "OR MAX(a.id) >= ?2",
            (since_day, since_article),
        )
        return [OpenStoryState(*row) for row in rows]

    def event_members(self, since_day: int | None, since_article: int) -> list[tuple]:
        """``(id, outlet, story, profile, terms, signature, idf, rare, evidence)`` of the
        articles dated on or after ``since_day``, or undated and newer than ``since_article``,
        by id; the last three (the member's arrival state) are NULL when it was not stored."""
        rows = self.conn.execute(
            "SELECT a.id, a.source, a.story_id, t.profile, t.terms, m.signature, "
            "s.idf, s.rare, s.evidence FROM articles a "
            "JOIN article_terms t ON t.article_id = a.id JOIN minhash m ON m.article_id = a.id "
            "LEFT JOIN member_state s ON s.article_id = a.id "
            "WHERE t.profile IS NOT NULL AND a.story_id IS NOT NULL AND "
            "((a.day IS NOT NULL AND (?1 IS NULL OR a.day >= ?1)) "
            "OR (a.day IS NULL AND a.id > ?2)) "
            "ORDER BY a.id",
            (since_day, since_article),
        )
        return list(rows)

    def set_sections(self, sections: Sequence[tuple[int, str | None]]) -> None:
        """Record ``(article id, section)`` for articles just stored or analysed again."""
        self.conn.executemany(
            "UPDATE articles SET section = ? WHERE id = ?", [(s, i) for i, s in sections]
        )

    def set_headlines(self, medoids: Sequence[tuple[int, int]]) -> None:
        """Make each story's headline its medoid article's title (or its text's first line),
        unless an editor has set it."""
        first_line = self.dialect.first_line("h", 160)
        text = self.dialect.strip_leading_space("content")
        self.conn.executemany(
            f"UPDATE stories SET headline = (SELECT {first_line} "
            f"FROM (SELECT COALESCE(NULLIF(trim(title), ''), {text}) AS h "
            "FROM articles WHERE id = ?2) AS medoid) "
            "WHERE id = ?1 AND headline_fixed = 0",
            medoids,
        )

    def story_member_terms(self, story_id: int) -> list[tuple[int, list[tuple[str, int]]]]:
        """Term counts of a story's articles that are not near-duplicates of another."""
        rows = self.conn.execute(
            "SELECT a.id, t.terms FROM articles a JOIN article_terms t ON t.article_id = a.id "
            "WHERE a.story_id = ? AND a.dup_of IS NULL ORDER BY a.id",
            (story_id,),
        )
        return [(i, [tuple(t) for t in json.loads(terms)]) for i, terms in rows]

    def max_article_id(self) -> int:
        return int(self.conn.execute("SELECT COALESCE(MAX(id), 0) FROM articles").fetchone()[0])

    def count(self, table: str) -> int:
        if table not in {"articles", "stories", "minhash", "article_terms", "term_df"}:
            raise ValueError(table)
        return int(self.conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0])


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")
