"""Two stories become one when the learned merge decision says so (``stories/merge.py``).

The engine tests ingest the members of a labelled event of the event gold's development days
(``bench/gold/events``, complete within ±2 days) among other articles of the same days, once
with the merge pass and once without; the decision tests use links built by hand.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from khulasa.store import Store
from khulasa.stories.engine import Ingestor, IngestSettings
from khulasa.stories.events import EventSettings
from khulasa.stories.merge import (
    MERGE_FEATURES,
    Link,
    StoryMergeModel,
    StoryView,
    cross_links,
    decide_merges,
    shipped_merge_model,
)
from khulasa.stories.pairs import unit_vector

from .test_events import DATA, _event, _stream

SUEZ = "Egypt's President Sisi inaugurates the New Suez Canal"


@pytest.fixture(scope="module")
def days_of_the_canal():
    from khulasa.ingest.saudinewsnet import read_saudinewsnet
    from khulasa.model import Article

    if not DATA.exists():
        pytest.skip(f"no SaudiNewsNet corpus at {DATA}")
    days = ("2015-08-06", "2015-08-07", "2015-08-08")
    return {
        day: [a for a in read_saudinewsnet(DATA / f"{day}.zip") if isinstance(a, Article)]
        for day in days
    }


def _stories(db: Path, articles, merge: bool, runs: int = 1) -> dict[str, int]:
    """Ingest ``articles`` in ``runs`` successive ingests of one store (a restart between)."""
    settings = IngestSettings(workers=0, events=replace(EventSettings(), merge=merge))
    step = -(-len(articles) // runs)
    with Store(db) as store:
        for start in range(0, len(articles), step):
            Ingestor(store, settings).run(articles[start : start + step])
        return dict(store.conn.execute("SELECT url, story_id FROM articles").fetchall())


def _largest(story_of: dict[str, int], event: frozenset[str]) -> set[str]:
    """The members of the story holding most of ``event``'s stored articles."""
    ids = [story_of[u] for u in event if u in story_of]
    biggest = max(set(ids), key=lambda s: (ids.count(s), -s))
    return {u for u, s in story_of.items() if s == biggest}


def test_the_reports_of_one_big_event_end_in_fewer_stories_and_take_no_intruder(
    days_of_the_canal, tmp_path: Path
) -> None:
    canal = _event("2015-08-07", SUEZ)
    articles = _stream(days_of_the_canal, tuple(days_of_the_canal), set(canal), others=450)
    apart = _stories(tmp_path / "apart.db", articles, merge=False)
    merged = _stories(tmp_path / "merged.db", articles, merge=True)
    stored = [u for u in canal if u in merged]
    assert len({merged[u] for u in stored}) < len({apart[u] for u in stored})
    assert len(_largest(merged, canal) & canal) > len(_largest(apart, canal) & canal)
    intruders = _largest(merged, canal) - canal
    assert len(intruders) <= 0.05 * len(_largest(merged, canal))


def test_an_ingest_cut_at_a_batch_boundary_gives_the_stories_of_one_run(
    days_of_the_canal, tmp_path: Path
) -> None:
    """A restarted engine rebuilds each open member as it was built on arrival (its weights
    under the frequencies of then, its scored pairs), so stopping and starting again between
    two batches changes nothing: the same stories as an ingest that ran on."""
    canal = _event("2015-08-07", SUEZ)
    articles = _stream(days_of_the_canal, tuple(days_of_the_canal), set(canal), others=450)
    settings = IngestSettings(workers=0, batch_size=100)
    with Store(tmp_path / "one.db") as store:
        running = Ingestor(store, settings)
        running.run(articles)
        one = dict(store.conn.execute("SELECT content_hash, story_id FROM articles").fetchall())
    with Store(tmp_path / "two.db") as store:
        Ingestor(store, settings).run(articles[:300])
        restarted = Ingestor(store, settings)
        restarted.run(articles[300:])
        two = dict(store.conn.execute("SELECT content_hash, story_id FROM articles").fetchall())
    assert len(one) > 400 and one == two  # the same ids too: one story numbering
    assert restarted.events is not None and running.events is not None
    assert restarted.events.members == running.events.members
    assert restarted.events._evidence == running.events._evidence


def test_members_stored_without_their_arrival_state_are_rebuilt_and_rescored(
    days_of_the_canal, tmp_path: Path
) -> None:
    """A database upgraded from before the states were kept: its open members are rebuilt
    under today's frequencies, and their strong pairs scored again when a batch touches their
    story, so the merge decides on about the evidence it had."""
    canal = _event("2015-08-07", SUEZ)
    articles = _stream(days_of_the_canal, tuple(days_of_the_canal), set(canal), others=450)
    with Store(tmp_path / "k.db") as store:
        running = Ingestor(store, IngestSettings(workers=0))
        running.run(articles)
        before = {k for k, p in running.events._evidence.items() if p >= 0.5}
        with store.transaction():
            store.conn.execute("DELETE FROM member_state")
        restarted = Ingestor(store, IngestSettings(workers=0)).events
        assert not restarted._evidence  # nothing scored until a batch needs it
        restarted.merges(set(restarted.stories))
        after = {k for k, p in restarted._evidence.items() if p >= 0.5}
    assert before
    # Most come back (0.83 when written); not all, since a pair is scored under the stream's
    # frequencies of now rather than of its arrival, and near the bar it can fall either side.
    assert len(before & after) > 0.5 * len(before)


def test_the_store_holds_the_state_of_every_open_member_and_no_other(
    days_of_the_canal, tmp_path: Path
) -> None:
    canal = _event("2015-08-07", SUEZ)
    articles = _stream(days_of_the_canal, tuple(days_of_the_canal), set(canal), others=450)
    with Store(tmp_path / "k.db") as store:
        running = Ingestor(store, IngestSettings(workers=0, batch_size=100))
        running.run(articles)
        events = running.events
        assert events is not None and events.members
        pending = set(events._gone)  # expired after the last batch: dropped with the next
        assert store.member_state_ids() == set(events.members) | pending


def _view(size: int, day: int, terms: list[str], outlets: list[str]) -> StoryView:
    vector = unit_vector(dict.fromkeys(terms, 1.0))
    return StoryView(
        size=size,
        title=vector,
        lead=vector,
        body=vector,
        core=frozenset(terms),
        vocabulary=frozenset(terms),
        numbers=frozenset(),
        days=(day,) * size,
        outlets=frozenset(outlets),
    )


def test_cross_links_count_only_pairs_between_two_stories() -> None:
    story_of = {1: 10, 2: 10, 3: 20, 4: 20, 5: 30}
    pairs = [(1, 3, 0.9), (2, 4, 0.6), (1, 2, 0.99), (4, 5, 0.35), (2, 3, 0.2)]
    links = cross_links(pairs, story_of)
    assert set(links) == {(10, 20)}  # 20–30 has no strong pair; 10–10 is one story
    link = links[(10, 20)]
    assert (link.strong, link.weak, link.best) == (2, 2, 0.9)
    assert link.covered == 1.0


def test_one_strong_pair_is_not_enough_to_put_two_stories_to_the_model() -> None:
    model = shipped_merge_model()
    assert model is not None
    link = Link(strong=1, weak=1, best=0.99, top3=0.33, covered=0.2)
    views = {1: _view(5, 1, ["قناة", "السويس"], ["a"]), 2: _view(5, 1, ["قناة", "السويس"], ["b"])}
    assert decide_merges({(1, 2): link}, views.__getitem__, {}, 1000, model) == []


def test_merges_go_into_the_oldest_story_whatever_the_order_of_the_links() -> None:
    always = StoryMergeModel(
        mean=np.zeros(len(MERGE_FEATURES)),
        scale=np.ones(len(MERGE_FEATURES)),
        coef=np.zeros(len(MERGE_FEATURES)),
        intercept=5.0,
    )
    link = Link(strong=4, weak=4, best=0.9, top3=0.9, covered=1.0)
    views = {s: _view(2, 1, ["تفجير", "أبها"], ["a"]) for s in (3, 7, 9)}
    forward = decide_merges({(3, 7): link, (7, 9): link}, views.__getitem__, {}, 100, always)
    backward = decide_merges({(7, 9): link, (3, 7): link}, views.__getitem__, {}, 100, always)
    assert forward == backward
    assert {into for _, into in forward} == {3}
