"""Snapshots of the facts of the gold stories: a pure refactoring or speed-up is provably one.

The snapshots under ``tests/facts/snapshots/`` record ``extract_facts`` for each story named by
``bench/gold/facts-*.json`` and for a 20-article SaudiNewsNet story from ``bench/facts_speed.py``
(many articles of several outlets: the cross-article code paths). The facts quote the articles'
sentences and the corpora may not be copied into the repository, so a snapshot keeps one SHA-256
digest of each item's canonical JSON, by section: a failure names the section and the item.
A change that alters the output on purpose regenerates them, in its own commit that says why:

    .venv/bin/python -m tests.facts.test_snapshot
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from bench.facts_speed import DAY, story_of_size

from khulasa.cli.eval_facts import _story_inputs, saudinewsnet_articles
from khulasa.facts import extract_facts, facts_to_dict
from khulasa.model import Story
from khulasa.pipeline import build_story, load_articles

ROOT = Path(__file__).resolve().parents[2]
SNAPSHOTS = Path(__file__).resolve().parent / "snapshots"
GOLD = sorted((ROOT / "bench" / "gold").glob("facts-*.json"))
BUILT = "snn-2015-08-06-20"


def _gold_story(path: Path) -> Story | None:
    """The story a gold file names, or None when its data is not on this machine."""
    gold = json.loads(path.read_text(encoding="utf-8"))
    if gold.get("data_root"):
        gold["data_root"] = str(ROOT / gold["data_root"])
        if not Path(gold["data_root"]).is_dir():
            return None
    inputs = _story_inputs(gold)
    if isinstance(gold["story"], dict):
        articles = saudinewsnet_articles(inputs, gold["story"]["saudinewsnet"])
    else:
        articles, _ = load_articles([str(ROOT / p) for p in inputs])
    story, _ = build_story(articles)
    return story


def _story(name: str) -> Story | None:
    if name == BUILT:
        return story_of_size(20) if DAY.is_file() else None
    return _gold_story(ROOT / "bench" / "gold" / f"{name}.json")


def _digest(value: object) -> str:
    canonical = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:20]


def _facts_digests(story: Story) -> dict[str, object]:
    """Per section of the facts JSON: the digest of every item (scalars kept as they are)."""
    data = facts_to_dict(extract_facts(story))
    return {
        key: [_digest(item) for item in value] if isinstance(value, list) else value
        for key, value in data.items()
    }


def _dumps(digests: dict[str, object]) -> str:
    return json.dumps(digests, ensure_ascii=False, indent=1) + "\n"


NAMES = [p.stem for p in GOLD] + [BUILT]


@pytest.mark.parametrize("name", NAMES)
def test_facts_match_the_snapshot(name: str) -> None:
    story = _story(name)
    if story is None:
        pytest.skip("story data not present")
    expected = json.loads((SNAPSHOTS / f"{name}.json").read_text(encoding="utf-8"))
    found = _facts_digests(story)
    for key in expected.keys() | found.keys():
        want, got = expected.get(key), found.get(key)
        if isinstance(want, list) and isinstance(got, list) and want != got:
            first = next(
                (i for i, (w, g) in enumerate(zip(want, got, strict=False)) if w != g),
                min(len(want), len(got)),
            )
            pytest.fail(f"{name}: {key} differs from item {first} ({len(want)} → {len(got)} items)")
        assert got == want, f"{name}: {key}"


def write_snapshots() -> None:
    """Regenerate every snapshot from the code as it is now."""
    SNAPSHOTS.mkdir(exist_ok=True)
    for name in NAMES:
        story = _story(name)
        if story is not None:
            (SNAPSHOTS / f"{name}.json").write_text(_dumps(_facts_digests(story)), encoding="utf-8")
            print("wrote", name)


if __name__ == "__main__":
    write_snapshots()
