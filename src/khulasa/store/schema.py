"""The store's schema as a list of migrations, so an old database upgrades in place.

Migration *n* takes a database at version *n − 1* to version *n*; each runs in its own
transaction together with the bump of ``schema_version``, so a crash during an upgrade leaves the
database at the old version, never half-migrated. Never edit a released migration: add one.

- v1: articles (keyed by content hash, and URL where given) and the stories they belong to.
- v2: near-duplicate groups and MinHash signatures, per-article term counts, document
  frequencies and stream metadata, which make clustering incremental across runs. Articles
  ingested under v1 have no analysis yet; the ingest engine analyses them on its next run (see
  ``Store.pending_analysis``).
- v3: each article's event profile (title, lead and number terms, its day), and whether its day
  was stated in the text rather than given as metadata; stories are events from here on. A v2
  database keeps its stories until ``khulasa recluster`` rebuilds them.
- v4: what a newsroom server needs. A full-text index of each article's stems (FTS5, contentless:
  the text is already in ``articles``); editors' corrections, recorded against article ids,
  which outlive story ids, so they can be re-applied after re-ingest and reclustering; a cache
  of each story's rendered summary and facts keyed by a digest of its members; followed feeds
  and the items already fetched from them.
- v5: indexes for the server's pages (the newest stories first; a story's outlets).
- v6: each article's section, so stories can be listed and filtered by section.

One list serves both engines: DDL words that differ (``BLOB``, ids the database numbers itself,
``WITHOUT ROWID``, the FTS5 index) are written as ``{placeholders}`` that
:meth:`khulasa.store.dialect.Dialect.ddl` renders, to the original text on SQLite.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from khulasa.store.dialect import POSTGRES, dialect_of

# The transaction lock two processes upgrading one PostgreSQL database at once take (any number
# that other programs sharing the database are unlikely to pick).
MIGRATION_LOCK = 0x6B68_0001

_V1 = """
CREATE TABLE stories (
    id            INTEGER PRIMARY KEY,
    headline      TEXT,
    first_day     INTEGER,          -- proleptic ordinal of the earliest dated article
    last_day      INTEGER,          -- ... and of the latest one
    article_count INTEGER NOT NULL DEFAULT 0,
    created_at    TEXT NOT NULL
);
CREATE TABLE articles (
    id           INTEGER PRIMARY KEY,
    content_hash TEXT NOT NULL UNIQUE,
    url          TEXT UNIQUE,
    ext_id       TEXT NOT NULL,
    source       TEXT,
    title        TEXT,
    published    TEXT,              -- ISO date or NULL
    day          INTEGER,           -- the same date as an ordinal, for window arithmetic
    kind         TEXT NOT NULL,
    origin       TEXT,
    content      TEXT NOT NULL,
    story_id     INTEGER REFERENCES stories(id),
    ingested_at  TEXT NOT NULL
);
CREATE INDEX articles_story ON articles(story_id);
"""

_V2 = """
ALTER TABLE articles ADD COLUMN clean INTEGER NOT NULL DEFAULT 0;  -- content is already body text
ALTER TABLE articles ADD COLUMN dup_of INTEGER REFERENCES articles(id);
ALTER TABLE stories ADD COLUMN seen_day INTEGER;  -- stream day of its latest article (expiry)
CREATE INDEX articles_dup ON articles(dup_of);
CREATE TABLE article_terms (
    article_id INTEGER PRIMARY KEY REFERENCES articles(id),
    length     INTEGER NOT NULL,    -- tokens in the text
    terms      TEXT NOT NULL        -- JSON [[stem, count], ...], most frequent first
);
CREATE TABLE minhash (
    article_id INTEGER PRIMARY KEY REFERENCES articles(id),
    signature  {blob} NOT NULL
);
CREATE TABLE term_df (
    term TEXT PRIMARY KEY,
    df   INTEGER NOT NULL
){without_rowid};
CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
"""


def _script(sql: str) -> Callable[[Any], None]:
    def run(conn: Any) -> None:
        for statement in dialect_of(conn).ddl(sql).split(";"):
            if statement.strip():
                conn.execute(statement)

    return run


_V3 = """
ALTER TABLE article_terms ADD COLUMN profile TEXT;  -- EventProfile JSON (khulasa.stories.profile)
ALTER TABLE articles ADD COLUMN day_inferred INTEGER NOT NULL DEFAULT 0;  -- day read in the text
CREATE INDEX articles_day ON articles(day);
"""

_V4 = """
{search_index};
ALTER TABLE stories ADD COLUMN headline_fixed INTEGER NOT NULL DEFAULT 0;  -- set by an editor
CREATE TABLE corrections (
    id         {autoid},
    action     TEXT NOT NULL CHECK (action IN ('merge', 'move', 'split', 'rename')),
    articles   TEXT NOT NULL,       -- JSON list of the article ids the correction moves or names
    anchor     INTEGER REFERENCES articles(id),  -- an article of the story they go to
    value      TEXT,                -- the new headline of a rename
    story_id   INTEGER,             -- the story ids it was made on, for the audit trail only
    target_id  INTEGER,
    author     TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE TABLE story_cache (
    story_id    INTEGER NOT NULL,
    kind        TEXT NOT NULL,      -- what is cached: 'summary', 'facts'
    digest      TEXT NOT NULL,      -- of the story's member ids and headline when computed
    body        TEXT NOT NULL,      -- JSON
    computed_at TEXT NOT NULL,
    PRIMARY KEY (story_id, kind)
);
CREATE TABLE story_entities (
    story_id INTEGER NOT NULL,
    label    TEXT NOT NULL,         -- PER, LOC, ORG
    name     TEXT NOT NULL,
    PRIMARY KEY (story_id, label, name)
){without_rowid};
CREATE INDEX story_entities_name ON story_entities(name);
CREATE TABLE feeds (
    id          {autoid},
    url         TEXT NOT NULL UNIQUE,
    title       TEXT,
    etag        TEXT,
    modified    TEXT,
    added_at    TEXT NOT NULL,
    polled_at   TEXT,
    status      TEXT,               -- the last poll's outcome, in a few words
    failures    INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE feed_items (
    feed_id    INTEGER NOT NULL REFERENCES feeds(id),
    guid       TEXT NOT NULL,
    url        TEXT,
    seen_at    TEXT NOT NULL,
    status     TEXT NOT NULL,       -- 'ingested', or why not
    PRIMARY KEY (feed_id, guid)
);
"""

# What the server's pages ask most: the newest stories first (scanned in index order, so a page
# stops after its rows instead of sorting every story), and a story's outlets (index-only).
_V5 = """
CREATE INDEX stories_recent ON stories(last_day, article_count);
CREATE INDEX articles_story_source ON articles(story_id, source);
"""

# Each article's section (world, local, economy, sports, culture, opinion), read by a model at
# ingest; a story's section is its members' most frequent one. Articles stored before stay
# NULL until ``khulasa recluster`` reads them again.
_V6 = """
ALTER TABLE articles ADD COLUMN section TEXT;
CREATE INDEX articles_story_section ON articles(story_id, section);
"""

# What each open event member was built with on arrival (``khulasa.stories.arrival``): its
# terms' weights, rare terms and scored pairs, as JSON, so that a restarted ingest decides as
# one that ran on. Rows go when the member leaves the window; a database upgraded to v7 has
# none for its older members, which are rebuilt and rescored as before.
_V7 = """
CREATE TABLE member_state (
    article_id INTEGER PRIMARY KEY REFERENCES articles(id),
    idf        TEXT NOT NULL,       -- {"term": weight} at arrival
    rare       TEXT NOT NULL,       -- ["term", …]
    evidence   TEXT NOT NULL        -- [[older article id, P], …]: the scored pairs
);
"""

MIGRATIONS: list[Callable[[Any], None]] = [
    _script(_V1),
    _script(_V2),
    _script(_V3),
    _script(_V4),
    _script(_V5),
    _script(_V6),
    _script(_V7),
]
LATEST = len(MIGRATIONS)


def current_version(conn: Any) -> int:
    """The schema version of ``conn``'s database (0 for an empty one)."""
    if dialect_of(conn) is POSTGRES:
        exists = conn.execute(
            "SELECT 1 FROM information_schema.tables "
            "WHERE table_schema = current_schema() AND table_name = 'schema_version'"
        ).fetchone()
    else:
        exists = conn.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'"
        ).fetchone()
    if not exists:
        return 0
    row = conn.execute("SELECT MAX(version) FROM schema_version").fetchone()
    return int(row[0] or 0)


def migrate(conn: Any, target: int = LATEST) -> int:
    """Apply the migrations missing from ``conn`` up to ``target``; return the new version.

    ``conn`` must be in autocommit mode (``isolation_level=None``): each step opens its own
    ``BEGIN IMMEDIATE`` transaction, so two processes upgrading at once serialize cleanly. On
    PostgreSQL (whose DDL is transactional too) a transaction-scoped advisory lock does the same.
    """
    if target > LATEST:
        raise ValueError(f"schema version {target} does not exist (latest is {LATEST})")
    version = current_version(conn)
    if version > LATEST:
        raise RuntimeError(
            f"the database has schema version {version}, newer than this khulasa ({LATEST})"
        )
    postgres = dialect_of(conn) is POSTGRES
    while version < target:
        if postgres:
            conn.execute("BEGIN")
            conn.execute("SELECT pg_advisory_xact_lock(?)", (MIGRATION_LOCK,))
        else:
            conn.execute("BEGIN IMMEDIATE")
        try:
            version = current_version(conn)  # another process may have upgraded meanwhile
            if version >= target:
                conn.execute("COMMIT")
                break
            if version == 0:
                conn.execute("CREATE TABLE schema_version (version INTEGER NOT NULL)")
            MIGRATIONS[version](conn)
            conn.execute("DELETE FROM schema_version")
            conn.execute("INSERT INTO schema_version (version) VALUES (?)", (version + 1,))
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        version += 1
    return version
