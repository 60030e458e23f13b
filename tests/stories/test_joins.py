"""The story-level join decision on real SaudiNewsNet articles of the event gold's dev days.

The Omani pilgrims' bus crash (2015-08-02) is a story of many reports; beside it in the window
are other road accidents of the same days, written with the same words (حادث، وفاة، إصابة).
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from khulasa.evaluation.events import load_event_gold
from khulasa.ingest.saudinewsnet import read_saudinewsnet
from khulasa.language import get_language
from khulasa.model import Article
from khulasa.stories.analyze import Analyzer
from khulasa.stories.events import EventClusterer, EventSettings
from khulasa.stories.joins import StoryStats, shipped_story_model, story_features
from khulasa.stories.profile import build_profile

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT.parent / "shared" / "data" / "saudinewsnet"
GOLD = ROOT / "bench" / "gold" / "events"
pytestmark = pytest.mark.skipif(not DATA.exists(), reason=f"no SaudiNewsNet corpus at {DATA}")
DAYS = ("2015-08-01", "2015-08-02")


@pytest.fixture(scope="module")
def window() -> tuple[list[Article], frozenset[str]]:
    """Two crawl days (crawl order) and the members of the Omani bus crash event."""
    articles = [
        a for day in DAYS for a in read_saudinewsnet(DATA / f"{day}.zip") if isinstance(a, Article)
    ]
    seed = next(
        json.loads(line)["seed"]
        for path in sorted(GOLD.glob("events-2015-08-02-*.jsonl"))
        for line in path.read_text(encoding="utf-8").splitlines()
        if json.loads(line)["event"].startswith("Bus of Omani umrah pilgrims")
    )
    crash = next(e for e in load_event_gold(GOLD, "2015-08-02").events if seed in e)
    return articles, crash


def _clusterer(articles: list[Article]) -> tuple[EventClusterer, list]:
    """A clusterer whose frequencies count every article given, and their members."""
    analyzer = Analyzer(get_language("ar"))
    df: Counter[str] = Counter()
    analysed = []
    for a in articles:
        analysis = analyzer(a.content)
        df.update(t for t, _ in analysis.term_counts)
        analysed.append((a, analysis, build_profile(analyzer, a.title, a.content, a.published)))
    settings = EventSettings(decision="story")
    clusterer = EventClusterer(lambda: (df, len(articles)), settings)
    members = [
        clusterer.member(i, a.source, profile, analysis.term_counts, analysis.signature)
        for i, (a, analysis, profile) in enumerate(analysed)
    ]
    return clusterer, members


def test_a_crash_story_takes_its_follow_up_and_refuses_another_road_accident(window) -> None:
    articles, crash = window
    reports = [a for a in articles if a.url in crash][:11]
    # Another accident of the same days, by its own title: the words of the crash, not its place.
    other = next(
        a
        for a in articles
        if a.url not in crash and a.title and "حادث" in a.title and "حائل" in a.title
    )
    pool = [a for a in articles if a.url not in crash][:300]
    clusterer, members = _clusterer([*pool, *reports, other])
    story_members, follow_up, stranger = members[300:310], members[310], members[311]
    for member in story_members:
        clusterer.add(member, 1)
    joined, _ = clusterer.decide(follow_up)
    assert joined == 1
    refused, _ = clusterer.decide(stranger)
    assert refused != 1


@pytest.mark.xfail(
    strict=True,
    reason="known defect (issue 12 open): the story model fitted on the dev gold gives a story "
    "of ten with one strong pair 0.63, above its threshold (larger gold stories took more joins)",
)
def test_a_story_of_ten_needs_more_than_one_matching_member(window) -> None:
    """The same strong pair is enough for a one-member story, not for a story of ten."""
    articles, crash = window
    reports = [a for a in articles if a.url in crash][:10]
    _, members = _clusterer([*articles[:200], *reports])
    model = shipped_story_model()
    assert model is not None
    article, member = members[-1], members[-2]
    small, large = StoryStats(), StoryStats()
    small.add(member)
    for m in members[-11:-1]:
        large.add(m)
    day = article.day
    alone = story_features(article, small, [0.8], [0.5], day, 0, {})
    among_ten = story_features(article, large, [0.8], [0.5], day, 0, {})
    p_small, p_large = model.probability([alone, among_ten]).tolist()
    assert p_small > model.threshold > p_large


def test_story_counts_after_expiry_are_those_of_the_members_left(window) -> None:
    """A restarted engine rebuilds each story's counts from its open members; an engine that
    kept running must hold the same counts, or the two would decide differently."""
    articles, _ = window
    clusterer, members = _clusterer(articles[::8])  # both days
    for member in members:
        story, _, bridged = clusterer.decide_with_bridges(member)
        story = member.article_id + 1000 if story is None else story
        for gone in bridged:
            clusterer.merge(gone, story)
        clusterer.add(member, story)
    days = sorted({m.day for m in members if m.day is not None})
    clusterer.expire(days[-1] + clusterer.settings.window_days + 1)  # keeps the last day only
    assert clusterer.members and len(clusterer.members) < len(members)
    for story in clusterer.stories.values():
        rebuilt = StoryStats()
        for article_id in story.members:
            rebuilt.add(clusterer.members[article_id])
        assert (story.stats.size, story.stats.rare, story.stats.numbers) == (
            rebuilt.size,
            rebuilt.rare,
            rebuilt.numbers,
        )
