"""The held-out gold stories read from SaudiNewsNet zips in place (skipped when absent)."""

from __future__ import annotations

import json

import pytest

from khulasa.cli.eval_facts import _story_inputs, saudinewsnet_articles

from ..conftest import ROOT, SHARED_DATA

GOLD = ROOT / "bench" / "gold" / "facts-yemen-truce.json"


@pytest.mark.skipif(
    not (SHARED_DATA / "saudinewsnet").is_dir(), reason="shared SaudiNewsNet data not present"
)
def test_gold_story_articles_are_read_from_the_zips() -> None:
    gold = json.loads(GOLD.read_text(encoding="utf-8"))
    gold["data_root"] = str(SHARED_DATA / "saudinewsnet")
    articles = saudinewsnet_articles(_story_inputs(gold), gold["story"]["saudinewsnet"])
    assert [a.id for a in articles] == [
        "snn-2015-07-25-101",
        "snn-2015-07-26-114",
        "snn-2015-07-26-67",
        "snn-2015-07-26-1046",
    ]
    assert articles[0].source == "3alyoum" and articles[0].published.isoformat() == "2015-07-25"
    assert articles[0].content.startswith(articles[0].title)
