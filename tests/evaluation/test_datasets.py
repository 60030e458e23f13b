"""Loading test sets: both layouts, peers' names, and a clear skip for anything unusable."""

from pathlib import Path

import pytest

from khulasa.evaluation.datasets import load_dataset, load_topic
from tests.conftest import SHARED_DATA


def test_generic_layout_loads_articles_refs_and_peers(tiny_dataset: Path):
    dataset = load_dataset(tiny_dataset)
    assert dataset.layout == "generic"
    (topic,) = dataset.topics
    assert topic.id == "aleppo"
    assert len(topic.articles) == 5
    assert all("حلب" in a.content for a in topic.articles)
    assert set(topic.references) == {"A", "B"}
    assert set(topic.peers) == {"sys1"}
    assert any("norefs" in s and "refs/" in s for s in dataset.skipped)


def test_missing_or_empty_data_is_a_message_not_a_crash(tmp_path: Path):
    missing = load_dataset(tmp_path / "nowhere")
    assert missing.topics == () and "no such folder" in missing.skipped[0]
    assert load_dataset(tmp_path).skipped  # an empty folder says so
    topic = tmp_path / "t"
    (topic / "docs").mkdir(parents=True)
    (topic / "refs").mkdir()
    (topic / "docs" / "empty.txt").write_text("  \n", encoding="utf-8")
    (topic / "refs" / "A.txt").write_text("ملخص", encoding="utf-8")
    loaded, problems = load_topic(topic)
    assert loaded is None and any("no non-empty article" in p for p in problems)


def test_windows_1256_articles_are_decoded_by_khulasa_ingest(tmp_path: Path):
    topic = tmp_path / "t"
    (topic / "docs").mkdir(parents=True)
    (topic / "refs").mkdir()
    text = "أعلن وزير الخارجية الروسي أن العمليات القتالية للجيش السوري أوقفت في شرق حلب.\n" * 3
    (topic / "docs" / "d1.txt").write_bytes(text.encode("cp1256"))
    (topic / "refs" / "A.txt").write_text("العمليات القتالية في شرق حلب", encoding="utf-8")
    loaded, _ = load_topic(topic)
    assert loaded is not None
    assert "العمليات القتالية" in loaded.articles[0].content


def test_multiling_peers_get_the_participants_names(tmp_path: Path):
    topic = tmp_path / "M000"
    for sub in ("docs", "refs", "peers"):
        (topic / sub).mkdir(parents=True)
    (topic / "docs" / "M0000.txt").write_text("خبر عن حلب.\n", encoding="utf-8")
    (topic / "refs" / "A.txt").write_text("حلب", encoding="utf-8")
    for name in ("ID3", "ID10", "ID2"):
        (topic / "peers" / f"{name}.txt").write_text("حلب", encoding="utf-8")
    dataset = load_dataset(tmp_path)
    assert dataset.layout == "multiling2011"
    assert list(dataset.topics[0].peers) == ["CLASSY", "JRC", "topline (saw the refs)"]


def test_the_real_multiling_set_when_present():
    root = SHARED_DATA / "multiling2011-ar"
    if not root.is_dir():
        pytest.skip(f"{root} is absent")
    dataset = load_dataset(root)
    assert [t.id for t in dataset.topics] == ["M000", "M001", "M002", "M003", "M004"]
    assert all(len(t.articles) == 10 and len(t.references) == 3 for t in dataset.topics)
    assert "JRC" in dataset.topics[0].peers
