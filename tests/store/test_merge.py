"""Story merges applied at commit: chains within one batch land in the last story."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from khulasa.store import Store, StoryDelta
from khulasa.store.db import ArticleRow

SAMPLE = Path(__file__).resolve().parents[1] / "fixtures" / "saudinewsnet-sample.json"


def test_a_chain_of_merges_in_one_batch_moves_every_article_to_the_last_story(
    database: Path | str,
) -> None:
    records = [r for r in json.loads(SAMPLE.read_text(encoding="utf-8")) if r["content"]][:4]
    days = [date(2015, 7, 21), date(2015, 7, 23), None, date(2015, 7, 22)]
    stories = [1, 1, 2, 3]  # story 1 is merged into 2, then 2 into 3
    with Store(database) as store, store.transaction():
        store.insert_stories([(1, "أ"), (2, "ب"), (3, "ج")])
        rows = [
            ArticleRow(
                id=i + 1,
                content_hash=f"h{i}",
                url=record["url"],
                ext_id=str(i),
                source=record["source"],
                title=record["title"],
                published=day,
                kind="text",
                origin=None,
                content=record["content"],
                clean=True,
                story_id=story,
                dup_of=None,
            )
            for i, (record, day, story) in enumerate(zip(records, days, stories, strict=True))
        ]
        store.insert_articles(rows)
        deltas = {s: StoryDelta(s) for s in (1, 2, 3)}
        for row, story in zip(rows, stories, strict=True):
            day = row.published.toordinal() if row.published else None
            deltas[story].add(day, day or date(2015, 7, 25).toordinal())
        store.grow_stories(deltas.values())
        store.merge_stories([(1, 2), (2, 3)])
        left = store.conn.execute(
            "SELECT id, article_count, first_day, last_day, seen_day FROM stories"
        ).fetchall()
        moved = {s for (s,) in store.conn.execute("SELECT story_id FROM articles")}
    assert moved == {3}
    assert left == [
        (
            3,
            4,
            date(2015, 7, 21).toordinal(),
            date(2015, 7, 23).toordinal(),
            date(2015, 7, 25).toordinal(),  # the undated article counted as seen that day
        )
    ]
