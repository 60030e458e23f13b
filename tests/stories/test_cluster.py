"""Incremental clustering: stories come back from a shuffled stream; dates keep them apart."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from khulasa.ingest import read_articles
from khulasa.language import get_language
from khulasa.model import Article
from khulasa.store import Store
from khulasa.stories.analyze import Analyzer
from khulasa.stories.cluster import StoryClusterer
from khulasa.stories.engine import Ingestor, IngestSettings

from ..conftest import EXAMPLE_MANIFEST, SHARED_DATA

MULTILING = SHARED_DATA / "multiling2011-ar"


def _multiling(topic: str, count: int) -> list[Article]:
    folder = MULTILING / topic / "docs"
    if not folder.is_dir():
        pytest.skip(f"MultiLing data not found at {folder}")
    return [a for a in read_articles([str(folder)]) if isinstance(a, Article)][:count]


def test_a_shuffled_mix_of_stories_comes_back_apart(tmp_path: Path, sample_records) -> None:
    labelled = [(a, "M002") for a in _multiling("M002", 3)]
    labelled += [(a, "M004") for a in _multiling("M004", 3)]
    labelled += [(a, "aleppo") for a in read_articles([str(EXAMPLE_MANIFEST)])]
    stream = list(labelled)
    random.Random(3).shuffle(stream)
    with Store(tmp_path / "k.db") as store:
        Ingestor(store, IngestSettings(workers=0, stories="topics", infer_dates=False)).run(
            a for a, _ in stream
        )
        story_of = dict(store.conn.execute("SELECT content_hash, story_id FROM articles"))
    stories: dict[str, set[int]] = {}
    for article, label in stream:
        stories.setdefault(label, set()).add(story_of[article.content_hash])
    # no two labels share a story ...
    for label, ids in stories.items():
        for other, other_ids in stories.items():
            if other != label:
                assert not ids & other_ids, (label, other)
    # ... and each MultiLing topic's three articles form one story
    assert len(stories["M002"]) == 1 and len(stories["M004"]) == 1


def _vector(clusterer: StoryClusterer, text: str) -> dict[str, float]:
    analysis = Analyzer(get_language("ar"))(text)
    clusterer.count_document(analysis.term_counts)
    return clusterer.vector(analysis.term_counts)


def test_an_article_joins_only_stories_within_the_time_window(sample_records) -> None:
    clusterer = StoryClusterer()
    copy_a, copy_b = sample_records[0]["content"], sample_records[1]["content"]
    first = _vector(clusterer, copy_a)
    clusterer.add(1, first, day=1000, article_id=1)
    second = _vector(clusterer, copy_b)
    assert clusterer.best_match(second, day=1001).story_id == 1
    assert clusterer.best_match(second, day=1000 + clusterer.settings.window_days + 1) is None
    # an undated report may join: nothing says it is from another time
    assert clusterer.best_match(second, day=None).story_id == 1


def test_stories_close_after_the_window_and_leave_the_index(sample_records) -> None:
    clusterer = StoryClusterer()
    vector = _vector(clusterer, sample_records[0]["content"])
    clusterer.add(1, vector, day=1000, article_id=1)
    assert clusterer.expire(newest_article=2) == []  # too few articles since
    clusterer.clock = 1000 + clusterer.settings.window_days + 1
    assert clusterer.expire(newest_article=2 + clusterer.settings.idle_articles) == [1]
    assert clusterer.stories == {}
    assert clusterer.best_match(vector, day=None) is None
