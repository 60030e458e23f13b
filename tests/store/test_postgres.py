"""What only a shared PostgreSQL database has to prove: several ``khulasa ingest`` processes
writing at once end as one would have, and a server that cannot be reached is named plainly."""

from __future__ import annotations

import json
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

from khulasa.cli import main
from khulasa.store import Store
from khulasa.store.db import WRITER_LOCK
from khulasa.store.dialect import _translate

from ..conftest import SHARED_DATA
from ..postgres import Cluster

DAY = SHARED_DATA / "saudinewsnet" / "2015-07-21.zip"
INGEST = "import sys; from khulasa.cli import main; sys.exit(main(sys.argv[1:]))"


def _command(db: str, source: Path) -> list[str]:
    return [sys.executable, "-c", INGEST, "ingest", str(source), "--db", db, "-q", "--workers", "0"]


def _stories(db: str) -> tuple[int, set[frozenset[str]]]:
    """``(articles, stories as sets of content hashes)``: ids may differ, groupings must not."""
    with Store(db, readonly=True) as store:
        total, distinct = store.conn.execute(
            "SELECT COUNT(*), COUNT(DISTINCT content_hash) FROM articles"
        ).fetchone()
        assert total == distinct  # no article stored twice
        groups: dict[int, set[str]] = {}
        for story, digest in store.conn.execute("SELECT story_id, content_hash FROM articles"):
            groups.setdefault(story, set()).add(digest)
        assert store.check() == []
    return total, {frozenset(g) for g in groups.values()}


def _wait_for_the_writer_lock(db: str, process: subprocess.Popen) -> None:
    """Until ``process`` holds the ingest's advisory lock (a 64-bit key below 2³²: PostgreSQL
    shows it as ``classid`` 0 and ``objid`` the key)."""
    deadline = time.monotonic() + 120
    with Store(db) as store:
        while time.monotonic() < deadline:
            assert process.poll() is None, "the first ingest ended before it was seen writing"
            held = store.conn.execute(
                "SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND granted "
                "AND classid = 0 AND objid = ? AND objsubid = 1",
                (WRITER_LOCK,),
            ).fetchone()
            if held:
                return
            time.sleep(0.02)
    pytest.fail("the first ingest never took the writer lock")


@pytest.fixture
def day_sample(tmp_path: Path) -> Path:
    """The first 300 articles of one real SaudiNewsNet day, as the JSON array it ships."""
    if not DAY.exists():
        pytest.skip(f"{DAY} is not here (the corpus lives beside the checkout)")
    with zipfile.ZipFile(DAY) as archive:
        records = json.loads(archive.read(archive.namelist()[0]))[:300]
    path = tmp_path / "day.json"
    path.write_text(json.dumps(records, ensure_ascii=False), encoding="utf-8")
    return path


def test_two_ingests_at_once_store_each_article_once_in_the_stories_of_one(
    postgres_cluster: Cluster, day_sample: Path
) -> None:
    alone = postgres_cluster.new_database()
    shared = postgres_cluster.new_database()
    assert subprocess.run(_command(alone, day_sample), capture_output=True).returncode == 0

    first = subprocess.Popen(_command(shared, day_sample), stderr=subprocess.PIPE)
    _wait_for_the_writer_lock(shared, first)  # so the second surely starts while it writes
    second = subprocess.Popen(_command(shared, day_sample), stderr=subprocess.PIPE)
    both = [first, second]
    errors = [p.communicate(timeout=600)[1].decode() for p in both]
    assert [p.returncode for p in both] == [0, 0], errors
    # They did overlap: the second found the first writing and waited for it, instead of
    # placing articles blind to the other's stories.
    assert ["another ingest is writing" in e for e in errors] == [False, True], errors
    assert ["added 0," in e for e in errors] == [False, True], errors

    count, stories = _stories(shared)
    assert (count, stories) == _stories(alone)
    assert count > 250


def test_an_unreachable_server_is_named_without_its_password(tmp_path: Path, capsys) -> None:
    url = f"postgresql://desk:secret@/news?host={tmp_path}"  # no server listens there
    assert main(["stories", "--db", url]) == 2
    err = capsys.readouterr().err
    assert "cannot reach the PostgreSQL server at postgresql://desk:***@/news" in err
    assert "secret" not in err


def test_placeholders_are_rewritten_outside_string_literals_only() -> None:
    text, style, _ = _translate("SELECT '?', 'it''s 50%' FROM t WHERE a = ? AND b LIKE '%x'")
    assert (text, style) == (
        "SELECT '?', 'it''s 50%%' FROM t WHERE a = %s AND b LIKE '%%x'",
        "seq",
    )
    text, style, names = _translate("UPDATE s SET n = :added WHERE id = :id AND t = '10:30'")
    assert (text, style, names) == (
        "UPDATE s SET n = %(added)s WHERE id = %(id)s AND t = '10:30'",
        "map",
        ("added", "id"),
    )
    assert _translate("SELECT ?2, ?1, ?2")[0] == "SELECT %(p2)s, %(p1)s, %(p2)s"


def test_a_reader_cannot_write(postgres_cluster: Cluster) -> None:
    url = postgres_cluster.new_database()
    Store(url).close()
    with Store(url, readonly=True) as store, pytest.raises(store.errors):
        store.set_meta("k", "v")
