"""Watching a folder: a dropped file is ingested once complete, a broken one is named, a restart
does not re-read."""

from __future__ import annotations

import json
import threading
import zipfile
from pathlib import Path

import pytest
from tests.live.conftest import example_text, wait_for

from khulasa.cli import main
from khulasa.live.loop import run_forever
from khulasa.live.watch import Watcher, WatchError
from khulasa.store import Store

SAMPLE = Path(__file__).resolve().parents[1] / "fixtures" / "saudinewsnet-sample.json"


def _stories(store: Store) -> dict[str, int | None]:
    rows = store.conn.execute("SELECT origin, story_id FROM articles").fetchall()
    return {Path(origin).name: story for origin, story in rows}


def test_a_dropped_file_is_ingested_into_a_story(tmp_path: Path, database: Path | str) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    lines: list[str] = []
    with Store(database) as store:
        watcher = Watcher(store, inbox, log=lines.append)
        assert watcher.scan() == []
        (inbox / "kerry.txt").write_text(example_text("001"), encoding="utf-8")
        assert watcher.scan() == []  # seen once: not yet known to be complete
        (report,) = watcher.scan()
        stories = _stories(store)
        headline = store.story_headline(stories["kerry.txt"])
    assert report.added == 1 and not report.problems
    assert report.stories == {stories["kerry.txt"]: headline} and headline
    assert lines == [report.line()]
    assert lines[0].startswith(
        f"{inbox.resolve() / 'kerry.txt'}: 1 added, 0 already stored → story"
    )


def test_a_half_written_file_waits_until_it_is_complete(
    tmp_path: Path, database: Path | str
) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    text = example_text("003")
    page = inbox / "lavrov.txt"
    with Store(database) as store:
        watcher = Watcher(store, inbox)
        with page.open("w", encoding="utf-8") as handle:
            handle.write(text[: len(text) // 3])
            handle.flush()
            assert watcher.scan() == []
            handle.write(text[len(text) // 3 : 2 * len(text) // 3])
            handle.flush()
            assert watcher.scan() == []  # it grew since the last scan: still being written
            assert store.count("articles") == 0
            handle.write(text[2 * len(text) // 3 :])
        (inbox / "draft.html.part").write_text("<p>نصف صفحة", encoding="utf-8")
        assert watcher.scan() == []
        (report,) = watcher.scan()
        (content,) = store.conn.execute("SELECT content FROM articles").fetchone()
    assert report.path.endswith("lavrov.txt") and report.added == 1
    assert content == text  # the whole page, not the part first seen


def test_a_broken_file_is_named_and_the_watch_goes_on(tmp_path: Path, database: Path | str) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "photo.txt").write_bytes(bytes(range(256)) * 8)  # binary, named .txt
    (inbox / "empty.html").write_bytes(b"")
    (inbox / "day.zip").write_bytes(b"PK\x03\x04 truncated")
    (inbox / "bad.jsonl").write_text('{"text": "ok"\n', encoding="utf-8")
    (inbox / "kerry.txt").write_text(example_text("001"), encoding="utf-8")
    lines: list[str] = []
    with Store(database) as store:
        watcher = Watcher(store, inbox, log=lines.append)
        watcher.scan()
        reports = {Path(r.path).name: r for r in watcher.scan()}
        (inbox / "lavrov.txt").write_text(example_text("003"), encoding="utf-8")
        watcher.scan()
        (later,) = watcher.scan()  # the broken files are not reported again
        count = store.count("articles")
    assert reports["kerry.txt"].added == 1 and later.path.endswith("lavrov.txt")
    assert count == 2
    for name in ("photo.txt", "empty.html", "day.zip", "bad.jsonl"):
        assert reports[name].problems and reports[name].status.startswith("problem: ")
    assert "binary" in reports["photo.txt"].status
    assert "zip" in reports["day.zip"].status
    assert "invalid JSON" in reports["bad.jsonl"].status
    named = [line for line in lines if "photo.txt" in line]
    assert named and "problem" in named[0]


def test_a_restarted_watch_does_not_read_again_but_reads_a_changed_file(
    tmp_path: Path, database: Path | str
) -> None:
    inbox = tmp_path / "inbox"
    (inbox / "sub").mkdir(parents=True)
    (inbox / "sub" / "kerry.txt").write_text(example_text("001"), encoding="utf-8")
    (inbox / "photo.txt").write_bytes(bytes(range(256)) * 8)
    db = database
    with Store(db) as store:
        first = Watcher(store, inbox)
        first.scan()
        assert len(first.scan()) == 2
    with Store(db) as store:
        again = Watcher(store, inbox)
        assert again.scan() == [] and again.scan() == []  # neither the page nor the bad file
        (inbox / "sub" / "kerry.txt").write_text(example_text("004"), encoding="utf-8")
        again.scan()
        (changed,) = again.scan()
        count = store.count("articles")
    assert changed.path.endswith("kerry.txt") and changed.added == 1 and count == 2


def test_a_saudinewsnet_day_and_a_manifest_are_read_as_ingest_reads_them(
    tmp_path: Path, database: Path | str
) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    records = json.loads(SAMPLE.read_text(encoding="utf-8"))
    with zipfile.ZipFile(inbox / "2015-07-21.zip", "w") as archive:
        archive.writestr("2015-07-21.json", json.dumps(records, ensure_ascii=False))
    (inbox / "wire.jsonl").write_text(
        json.dumps(
            {
                "text": example_text("003"),
                "source": "HuffPost Arabi",
                "published": "2016-12-08",
                "url": "https://example.org/lavrov",
            },
            ensure_ascii=False,
        )
        + "\n",
        encoding="utf-8",
    )
    with Store(database) as store:
        watcher = Watcher(store, inbox)
        watcher.scan()
        reports = {Path(r.path).name: r for r in watcher.scan()}
        row = store.conn.execute(
            "SELECT source, published FROM articles WHERE url = 'https://example.org/lavrov'"
        ).fetchone()
    usable = sum(1 for r in records if (r.get("content") or "").strip())
    day = reports["2015-07-21.zip"]
    assert day.added + day.already >= usable - len(day.problems) > 0
    assert len(day.stories) >= 2
    assert row == ("HuffPost Arabi", "2016-12-08")


def test_a_missing_folder_is_an_error(tmp_path: Path, database: Path | str) -> None:
    with Store(database) as store, pytest.raises(WatchError, match="no such folder"):
        Watcher(store, tmp_path / "nowhere")


def test_the_loop_watches_in_a_thread_and_stops_when_told(
    tmp_path: Path, database: Path | str
) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    db = database
    stop = threading.Event()
    lines: list[str] = []
    thread = threading.Thread(
        target=run_forever,
        args=(db,),
        kwargs={
            "stop": stop,
            "folders": [inbox],
            "feeds": False,
            "watch_interval": 0.1,
            "log": lines.append,
        },
    )
    thread.start()
    try:
        (inbox / "kerry.txt").write_text(example_text("001"), encoding="utf-8")
        wait_for(lambda: len(lines) >= 2)
    finally:
        stop.set()
        thread.join(timeout=10)
    assert not thread.is_alive()
    assert lines[0] == f"ready: watching {inbox}"  # the clustering state is loaded first
    assert "kerry.txt: 1 added" in lines[1]
    with Store(db) as store:
        assert store.count("articles") == 1


def test_the_watch_command_once(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], database: Path | str
) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    db = str(database)
    assert main(["watch", str(tmp_path / "nowhere"), "--once", "--db", db]) == 2
    assert "no such folder" in capsys.readouterr().err
    (inbox / "kerry.txt").write_text(example_text("001"), encoding="utf-8")
    assert main(["watch", str(inbox), "--once", "--interval", "0.05", "--db", db]) == 0
    err = capsys.readouterr().err
    assert "kerry.txt: 1 added, 0 already stored → story" in err
    (inbox / "photo.txt").write_bytes(bytes(range(256)) * 8)
    assert main(["watch", str(inbox), "--once", "--interval", "0.05", "--db", db]) == 1
    err = capsys.readouterr().err
    assert "photo.txt: problem" in err and "kerry.txt" not in err  # read once, not again
