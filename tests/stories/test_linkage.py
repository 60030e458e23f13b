"""Average linkage and the story-level step, on the MultiLing topics (real Arabic WikiNews)."""

from __future__ import annotations

import dataclasses
import itertools
import math
import random
from pathlib import Path

import pytest

from khulasa.ingest import read_articles
from khulasa.language import get_language
from khulasa.model import Article
from khulasa.store import Store
from khulasa.stories.analyze import Analyzer
from khulasa.stories.cluster import ClusterSettings, StoryClusterer
from khulasa.stories.engine import Ingestor, IngestSettings

from ..conftest import SHARED_DATA

MULTILING = SHARED_DATA / "multiling2011-ar"
TOPICS = ("M000", "M001", "M002", "M003", "M004")


@pytest.fixture(scope="module")
def topics() -> dict[str, list[Article]]:
    """The ten articles of each MultiLing topic (M002: British sailors held by Iran; M004: the
    Bali climate conference; M000: loosely related reports, the hardest to keep together)."""
    if not MULTILING.is_dir():
        pytest.skip(f"MultiLing data not found at {MULTILING}")
    folders = {topic: str(MULTILING / topic / "docs") for topic in TOPICS}
    return {
        topic: [a for a in read_articles([folder]) if isinstance(a, Article)]
        for topic, folder in folders.items()
    }


def _clusterer(topics: dict[str, list[Article]], settings: ClusterSettings | None = None):
    """A clusterer whose document frequencies count all fifty articles, and their vectors."""
    clusterer = StoryClusterer(settings)
    analyzer = Analyzer(get_language("ar"))
    counts = {t: [analyzer(a.content).term_counts for a in arts] for t, arts in topics.items()}
    for term_counts in itertools.chain.from_iterable(counts.values()):
        clusterer.count_document(term_counts)
    vectors = {t: [clusterer.vector(c) for c in cs] for t, cs in counts.items()}
    return clusterer, vectors


def _cosine(a: dict[str, float], b: dict[str, float]) -> float:
    return sum(w * b.get(t, 0.0) for t, w in a.items())


def test_story_linkage_is_the_mean_similarity_between_their_members(topics) -> None:
    clusterer, vectors = _clusterer(topics, ClusterSettings(link_rare_scale=0.0))
    left, right = vectors["M004"][:2], vectors["M004"][2:5]
    for i, vector in enumerate(left):
        clusterer.add(1, vector, day=None, article_id=i)
    for i, vector in enumerate(right):
        clusterer.add(2, vector, day=None, article_id=10 + i)
    expected = sum(_cosine(a, b) for a in left for b in right) / (len(left) * len(right))
    a, b = clusterer.stories[1], clusterer.stories[2]
    assert (a.members, b.members) == (2, 3)
    assert clusterer.linkage(a, b) == pytest.approx(expected, abs=1e-9)
    # the norm is kept up to date term by term; it must equal the centroid's real length
    assert b.norm == pytest.approx(math.sqrt(sum(w * w for w in b.centroid.values())))


def _broad_story(topics, settings: ClusterSettings):
    """A clusterer holding one story made of the first report of each topic, and its vectors."""
    clusterer, vectors = _clusterer(topics, settings)
    for i, topic in enumerate(TOPICS):
        clusterer.add(1, vectors[topic][0], day=None, article_id=i)
    return clusterer, vectors


def test_a_broad_story_does_not_take_an_article_close_to_one_member_only(topics) -> None:
    """Chaining: a story holding one report of each topic has a broad centroid that a new
    climate report is close to; its mean similarity to the members is what says no."""
    loose = ClusterSettings(threshold=0.05, min_cosine=0.0, rare_bonus=0.0)
    clusterer, vectors = _broad_story(topics, loose)
    newcomer = vectors["M004"][1]
    story = clusterer.stories[1]
    cosine = _cosine(newcomer, story.centroid) / story.norm
    mean = sum(_cosine(newcomer, vectors[t][0]) for t in TOPICS) / len(TOPICS)
    assert cosine >= loose.threshold  # the centroid alone would let it in ...
    assert mean < loose.link_threshold
    assert clusterer.best_match(newcomer, day=None) is None  # ... the linkage bar does not
    without, _ = _broad_story(topics, dataclasses.replace(loose, link_threshold=0.0))
    assert without.best_match(newcomer, day=None) is not None


def _ingest(articles: list[tuple[Article, str]], settings: ClusterSettings, db: Path):
    """``{topic: set of stories its articles landed in}`` after ingesting the stream."""
    with Store(db) as store:
        Ingestor(
            store, IngestSettings(workers=0, stories="topics", infer_dates=False, cluster=settings)
        ).run(a for a, _ in articles)
        story_of = dict(store.conn.execute("SELECT content_hash, story_id FROM articles"))
        assert store.check() == []
    parts: dict[str, set[int]] = {}
    for article, topic in articles:
        parts.setdefault(topic, set()).add(story_of[article.content_hash])
    return parts


def _shuffled(topics: dict[str, list[Article]], names: tuple[str, ...], seed: int):
    stream = [(a, t) for t in names for a in topics[t]]
    random.Random(seed).shuffle(stream)
    return stream


def _disjoint(parts: dict[str, set[int]]) -> bool:
    return all(not (parts[a] & parts[b]) for a, b in itertools.combinations(parts, 2))


def test_the_story_level_step_brings_a_loosely_written_topic_back_together(
    topics, tmp_path: Path
) -> None:
    stream = _shuffled(topics, ("M000", "M003"), seed=1)
    with_step = _ingest(stream, ClusterSettings(), tmp_path / "a.db")
    without = _ingest(stream, ClusterSettings(small_story=0), tmp_path / "b.db")
    assert len(with_step["M000"]) < len(without["M000"])
    assert len(with_step["M003"]) <= len(without["M003"])
    assert _disjoint(with_step)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_small_parts_need_a_strong_link_so_topics_alone_do_not_mix(
    topics, tmp_path: Path, seed: int
) -> None:
    """Fifty articles and nothing else: IDF cannot yet tell common words apart, so two
    one-article stories must link as strongly as an article joining a story would."""
    parts = _ingest(_shuffled(topics, TOPICS, seed), ClusterSettings(), tmp_path / "k.db")
    assert _disjoint(parts)
    assert len(parts["M002"]) <= 2 and len(parts["M004"]) == 1


def test_open_stories_keep_their_member_counts_across_a_restart(topics, tmp_path: Path) -> None:
    db = tmp_path / "k.db"
    _ingest(_shuffled(topics, ("M002", "M004"), seed=4), ClusterSettings(), db)
    with Store(db) as store:
        reopened = Ingestor(
            store, IngestSettings(workers=0, stories="topics", infer_dates=False)
        ).clusterer
        stored = dict(
            store.conn.execute(
                "SELECT story_id, COUNT(*) FROM articles WHERE dup_of IS NULL GROUP BY story_id"
            )
        )
    assert {s.id: s.members for s in reopened.stories.values()} == stored
