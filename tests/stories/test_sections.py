"""Sections above the stories (``stories/sections.py``): each article classified at ingest, a
story taking its members' most frequent section, listings filtered by it.

The articles are real SaudiNewsNet reports. The section labels come from the two outlets that
print a section in their URLs, on 2015-07-22, a day the shipped model never trained on.
"""

from __future__ import annotations

import json
import sqlite3
from collections import Counter
from pathlib import Path

import pytest
from bench.train_sections import HELD_OUT_DAYS, outlet_label

from khulasa.cli import main
from khulasa.ingest.saudinewsnet import read_saudinewsnet
from khulasa.language import get_language
from khulasa.model import Article
from khulasa.store import LATEST, Store, migrate
from khulasa.stories.analyze import Analyzer
from khulasa.stories.engine import Ingestor, IngestSettings
from khulasa.stories.sections import SECTIONS, shipped_section_model

from .test_events import DATA


def _day(day: str) -> list[Article]:
    if not DATA.exists():
        pytest.skip(f"no SaudiNewsNet corpus at {DATA}")
    return [a for a in read_saudinewsnet(DATA / f"{day}.zip") if isinstance(a, Article)]


@pytest.fixture(scope="module")
def market_and_football_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """2015-08-02's stock-market and Saudi-club reports among 300 other articles of the day."""
    articles = _day("2015-08-02")
    marked = [a for a in articles if a.title and any(w in a.title for w in ("الأسهم", "الهلال"))]
    others = [a for a in articles if a not in marked][:300]
    db = tmp_path_factory.mktemp("sections") / "news.db"
    with Store(db) as store:
        Ingestor(store, IngestSettings(workers=0)).run(marked + others)
    return db


def test_articles_of_a_held_out_day_are_filed_as_their_outlet_filed_them() -> None:
    (day,) = HELD_OUT_DAYS
    model = shipped_section_model("ar")
    assert model is not None and model.sections == SECTIONS
    analyzer = Analyzer(get_language("ar"))
    right: Counter[str] = Counter()
    seen: Counter[str] = Counter()
    for article in _day(day):
        label = outlet_label(article.url)
        if label is None:
            continue
        section = label[1]
        seen[section] += 1
        right[section] += model.classify(analyzer(article.content).term_counts) == section
    assert sum(seen.values()) > 200
    assert sum(right.values()) / sum(seen.values()) > 0.75  # 0.84 measured (sections.md)


def test_a_story_takes_its_members_most_frequent_section(market_and_football_db: Path) -> None:
    with Store(market_and_football_db, readonly=True) as store:
        rows = store.list_stories(min_sources=1)
        members = dict(
            store.conn.execute(
                "SELECT story_id, group_concat(COALESCE(section, '-'), ' ') FROM articles "
                "GROUP BY story_id"
            ).fetchall()
        )
    assert {s for votes in members.values() for s in votes.split()} <= {*SECTIONS, "-"}
    for row in rows:
        votes = Counter(s for s in members[row.id].split() if s != "-")
        top = max(votes.values())
        assert row.section == min(s for s, n in votes.items() if n == top)


def test_the_market_close_is_economy_and_the_club_news_sports(market_and_football_db: Path) -> None:
    with Store(market_and_football_db, readonly=True) as store:
        rows = store.list_stories(min_sources=2)
        titles = {r.id: [str(m["title"]) for m in store.story_members(r.id)] for r in rows}

    def section_of(word: str) -> str | None:
        story = max(rows, key=lambda r: sum(word in t for t in titles[r.id]))
        return story.section

    assert section_of("الأسهم") == "economy"
    assert section_of("الهلال") == "sports"


def test_stories_filtered_by_section_on_the_command_line(
    market_and_football_db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(market_and_football_db)
    assert main(["stories", "--db", db, "--section", "sports", "--format", "json"]) == 0
    sports = json.loads(capsys.readouterr().out)
    assert sports and {s["section"] for s in sports} == {"sports"}
    assert main(["stories", "--db", db, "--limit", "1000", "--format", "json"]) == 0
    every = json.loads(capsys.readouterr().out)
    assert len(sports) == sum(s["section"] == "sports" for s in every)
    assert main(["stories", "--db", db, "--section", "economy", "--limit", "3"]) == 0
    assert "اقتصاد" in capsys.readouterr().out  # the row names its section in Arabic


def test_a_database_from_before_sections_gets_them_from_recluster(
    market_and_football_db: Path, tmp_path: Path
) -> None:
    old = tmp_path / "old.db"
    with sqlite3.connect(old, isolation_level=None) as conn:
        migrate(conn, LATEST - 1)
    with Store(old) as store:  # opening upgrades it: the column exists, every section NULL
        assert store.version == LATEST
    copy = tmp_path / "copy.db"
    with sqlite3.connect(market_and_football_db) as source, sqlite3.connect(copy) as target:
        source.backup(target)
        target.execute("UPDATE articles SET section = NULL")
    with Store(copy) as store:
        assert store.list_stories(min_sources=2, section="sports") == []
    assert main(["recluster", "--db", str(copy), "--quiet"]) == 0
    with Store(copy, readonly=True) as store:
        nulls = store.conn.execute("SELECT COUNT(*) FROM articles WHERE section IS NULL")
        assert nulls.fetchone()[0] == 0
        assert store.list_stories(min_sources=2, section="sports")


def test_a_language_without_a_section_model_has_no_sections() -> None:
    assert shipped_section_model("en") is None
