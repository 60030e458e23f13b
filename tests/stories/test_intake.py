"""The long-running intake keeps its clustering state only while it equals a reload."""

from __future__ import annotations

from pathlib import Path

from khulasa.ingest.saudinewsnet import read_inputs
from khulasa.model import Article
from khulasa.store import Store, corrections
from khulasa.stories.engine import IngestSettings
from khulasa.stories.intake import Intake, ingest_items

ROOT = Path(__file__).resolve().parents[2]
INPUTS = [
    str(ROOT / "tests" / "fixtures" / "saudinewsnet-sample.json"),
    str(ROOT / "examples" / "aleppo-2016-12" / "manifest.jsonl"),
]
SETTINGS = IngestSettings(workers=0)


def _chunks() -> list[list[Article]]:
    articles = [a for a in read_inputs(INPUTS) if isinstance(a, Article)]
    assert len(articles) >= 10
    return [articles[i::4] for i in range(4)]


def _partition(store: Store) -> set[frozenset[str]]:
    groups: dict[int, set[str]] = {}
    for content_hash, story in store.conn.execute("SELECT content_hash, story_id FROM articles"):
        groups.setdefault(story, set()).add(content_hash)
    return {frozenset(g) for g in groups.values()}


def test_kept_state_gives_the_stories_a_reload_gives(tmp_path: Path) -> None:
    with Store(tmp_path / "fresh.db") as fresh, Store(tmp_path / "kept.db") as kept:
        intake = Intake(kept, SETTINGS)
        for chunk in _chunks():
            ingest_items(fresh, chunk, SETTINGS)
            intake.ingest(chunk)
        assert intake.rebuilt == 1  # built once, kept for the three later batches
        assert _partition(kept) == _partition(fresh)
        assert kept.check() == [] and kept.count("articles") == fresh.count("articles")


def test_another_writer_or_a_restored_correction_makes_it_reload(tmp_path: Path) -> None:
    first, second, third, fourth = _chunks()
    db = tmp_path / "k.db"
    with Store(db) as store, Store(db) as other:
        intake = Intake(store, SETTINGS)
        intake.ingest(first)
        ingest_items(other, second, SETTINGS)  # another connection commits
        intake.ingest(third)
        assert intake.rebuilt == 2
        intake.ingest([])
        assert intake.rebuilt == 2  # nothing written by others since: kept
        article, story = other.conn.execute(
            "SELECT id, story_id FROM articles ORDER BY id LIMIT 1"
        ).fetchone()
        target = other.conn.execute(
            "SELECT story_id FROM articles WHERE story_id != ? LIMIT 1", (story,)
        ).fetchone()[0]
        corrections.move(other, article, target, "editor")  # an editor, on the server
        intake.ingest(fourth)
        assert intake.rebuilt == 3
        placed = store.conn.execute(
            "SELECT story_id FROM articles WHERE id = ?", (article,)
        ).fetchone()[0]
        assert placed == target and store.check() == []
