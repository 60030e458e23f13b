"""Editors' corrections on the real example database: recorded with who and when, and still
true after a restart, a re-ingest of the same pages and a full re-clustering."""

from __future__ import annotations

from pathlib import Path

import pytest

from khulasa.cli import main
from khulasa.ingest import read_articles
from khulasa.store import Store, corrections
from khulasa.stories.engine import IngestSettings
from khulasa.stories.intake import ingest_items

from ..conftest import EXAMPLE_MANIFEST


def ingest(db: Path | str) -> None:
    with Store(db) as store:
        ingest_items(store, read_articles([str(EXAMPLE_MANIFEST)]), IngestSettings(workers=0))


def story_with(store: Store, outlet: str) -> int:
    (row,) = store.conn.execute(
        "SELECT DISTINCT story_id FROM articles WHERE source = ?", (outlet,)
    ).fetchall()
    return int(row[0])


def groups(store: Store) -> set[frozenset[str]]:
    """The stories as sets of outlets (ids change on re-clustering; groupings must not)."""
    found: dict[int, set[str]] = {}
    for story, source in store.conn.execute("SELECT story_id, source FROM articles"):
        found.setdefault(story, set()).add(source)
    return {frozenset(v) for v in found.values()}


@pytest.fixture
def db(database: Path | str) -> Path | str:
    ingest(database)
    return database


def test_corrections_survive_a_restart_a_reingest_and_a_recluster(db: Path | str) -> None:
    with Store(db) as store, store.writer():
        bayan, dw = story_with(store, "Al-Bayan"), story_with(store, "Al-Bawaba News")
        corrections.merge(store, bayan, dw, "ليلى")
        corrections.rename(store, dw, "تضارب حول خروج المعارضة من حلب", "ليلى")
        huff_article = store.conn.execute(
            "SELECT id FROM articles WHERE source = 'HuffPost Arabi'"
        ).fetchone()[0]
        corrections.split(store, huff_article, "سامي")
        wanted = groups(store)
    assert frozenset({"Al-Bayan", "Al-Bawaba News"}) in wanted
    assert frozenset({"HuffPost Arabi"}) in wanted

    ingest(db)  # the same pages again: nothing added, nothing undone
    assert main(["recluster", "--db", str(db)]) == 0  # every story rebuilt from scratch
    with Store(db) as store:
        assert groups(store) == wanted
        dw = story_with(store, "Al-Bawaba News")
        assert store.story_headline(dw) == "تضارب حول خروج المعارضة من حلب"
        log = corrections.history(store)
        assert [(c.action, c.author) for c in log] == [
            ("merge", "ليلى"),
            ("rename", "ليلى"),
            ("split", "سامي"),
        ]
        assert all(c.created_at.startswith("20") for c in log)
        assert store.check() == []


def test_a_later_correction_wins_over_an_earlier_one(db: Path | str) -> None:
    with Store(db) as store, store.writer():
        bayan, dw = story_with(store, "Al-Bayan"), story_with(store, "Al-Bawaba News")
        huff = story_with(store, "HuffPost Arabi")
        corrections.merge(store, bayan, dw, "a")
        article = store.conn.execute("SELECT id FROM articles WHERE source = 'Al-Bayan'").fetchone()
        corrections.move(store, article[0], huff, "b")
    assert main(["recluster", "--db", str(db)]) == 0
    with Store(db) as store:
        assert story_with(store, "Al-Bayan") == story_with(store, "HuffPost Arabi")
        assert story_with(store, "Al-Bayan") != story_with(store, "Al-Bawaba News")


def test_a_correction_that_changes_nothing_or_names_nothing_is_refused(db: Path | str) -> None:
    with Store(db) as store, store.writer():
        dw = story_with(store, "Al-Bawaba News")
        with pytest.raises(corrections.CorrectionError, match="into itself"):
            corrections.merge(store, dw, dw, "a")
        with pytest.raises(corrections.NotFound, match="no story 999"):
            corrections.merge(store, dw, 999, "a")
        with pytest.raises(corrections.CorrectionError, match="empty"):
            corrections.rename(store, dw, "   ", "a")
        bayan_article = store.conn.execute(
            "SELECT id FROM articles WHERE source = 'Al-Bayan'"
        ).fetchone()[0]
        with pytest.raises(corrections.CorrectionError, match="alone in its story"):
            corrections.split(store, bayan_article, "a")
        assert corrections.history(store) == []
