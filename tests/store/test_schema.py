"""Schema versions: a new database is created at the latest version; a v1 one is upgraded."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from khulasa.ingest.saudinewsnet import read_inputs
from khulasa.store import LATEST, Store, current_version, migrate
from khulasa.stories.engine import Ingestor, IngestSettings

SAMPLE = Path(__file__).resolve().parents[1] / "fixtures" / "saudinewsnet-sample.json"


def test_a_new_database_is_at_the_latest_version_in_wal_mode(
    database: Path | str, backend: str
) -> None:
    with Store(database) as store:
        assert store.version == LATEST == current_version(store.conn)
        if backend == "sqlite":
            assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    with Store(database) as store:  # reopening applies nothing
        assert store.version == LATEST


def _raw_connection(database: Path | str) -> object:
    """A connection with no Store around it, in autocommit mode as ``migrate`` wants."""
    if isinstance(database, Path):
        return sqlite3.connect(database, isolation_level=None)
    import psycopg

    from khulasa.store.dialect import PostgresConnection

    return PostgresConnection(psycopg.connect(database, autocommit=True))


def test_migrating_twice_is_harmless_and_versions_do_not_go_backwards(
    database: Path | str,
) -> None:
    conn = _raw_connection(database)
    assert migrate(conn, 1) == 1
    assert migrate(conn, 1) == 1
    assert migrate(conn) == LATEST
    conn.execute("UPDATE schema_version SET version = ?", (LATEST + 1,))
    with pytest.raises(RuntimeError, match="newer"):
        migrate(conn)


def _v1_database(path: Path | str) -> None:
    """A database as schema v1 left it: two stored copies of one report, in one story."""
    import json

    records = json.loads(SAMPLE.read_text(encoding="utf-8"))[:2]
    with Store(path, target_version=1) as store:
        assert store.version == 1
        conn = store.conn
        conn.execute(
            "INSERT INTO stories (id, headline, first_day, last_day, article_count, created_at) "
            "VALUES (1, 'old story', 735800, 735800, 2, '2015-07-21')"
        )
        for number, record in enumerate(records, start=1):
            conn.execute(
                "INSERT INTO articles (id, content_hash, url, ext_id, source, title, published, "
                "day, kind, content, story_id, ingested_at) "
                "VALUES (?, ?, ?, ?, ?, ?, '2015-07-21', 735800, 'text', ?, 1, '2015-07-21')",
                (
                    number,
                    f"h{number}",
                    record["url"],
                    f"a{number}",
                    record["source"],
                    record["title"],
                    record["content"],
                ),
            )


def test_a_v1_database_is_upgraded_and_its_articles_analysed(database: Path | str) -> None:
    db = database
    _v1_database(db)
    with Store(db) as store:
        assert store.version == LATEST
        assert len(store.pending_analysis()) == 2
        report = Ingestor(store, IngestSettings(workers=0)).run(read_inputs([str(SAMPLE)]))
        assert report.backfilled == 2
        rows = store.conn.execute(
            "SELECT id, story_id, COALESCE(dup_of, id) FROM articles ORDER BY id"
        ).fetchall()
        assert store.pending_analysis() == []
        assert store.check() == []
    # The v1 articles kept their story; the other two copies of the same report, ingested after
    # the upgrade, are found to be near-duplicates of them and join that story.
    assert rows[0][1] == rows[1][1] == 1
    assert {row[2] for row in rows[:4]} == {1}
    assert {row[1] for row in rows[:4]} == {1}
