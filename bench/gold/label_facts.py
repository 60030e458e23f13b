"""A facts labeller's tool: an event's pages, a story's cleaned sentences, a gold file's checks.

    .venv/bin/python bench/gold/label_facts.py event DAY SEED_URL   # zip, index, outlet, title
    .venv/bin/python bench/gold/label_facts.py sentences GOLD.json   # doc id, outlet, index, text
    .venv/bin/python bench/gold/label_facts.py check GOLD.json       # snippets, numbers, spellings

It runs the loader path only (reading the pages, cleaning, splitting sentences), never the
fact extraction, so a blind labeller can use it without seeing the extractor's output. The
labeller writes a gold file with ``story`` and ``data_root`` first (empty lists elsewhere),
prints its sentences, labels them, and checks until ``problems: 0``.
"""

from __future__ import annotations

import json
import os
import sys
import zipfile
from pathlib import Path
from typing import Any

from khulasa.cli.eval_facts import _story_inputs, gold_articles
from khulasa.facts.entities.mention import sources_of
from khulasa.facts.model import Source
from khulasa.pipeline import build_story

ROOT = Path(__file__).resolve().parents[2]
SNN = ROOT.parent / "shared" / "data" / "saudinewsnet"


def event(day: str, seed: str) -> None:
    """The pages of the gold event drawn from ``seed`` on ``day``, wherever they were crawled."""
    for path in sorted((ROOT / "bench/gold/events").glob(f"events-{day}-*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            found = json.loads(line)
            if found["seed"] != seed:
                continue
            wanted = set(found["members"]) | {seed}
            print("event:", found["event"])
            for day_zip in sorted(SNN.glob("*.zip")):
                with zipfile.ZipFile(day_zip) as archive:
                    rows = json.loads(archive.read(archive.namelist()[0]))
                for index, row in enumerate(rows):
                    if row.get("url") in wanted:
                        print(
                            day_zip.name, index, row["source"], row["title"], row["url"], sep="\t"
                        )
            return
    print("no gold event has that seed")


def load(path: str) -> tuple[dict[str, Any], list[Source]]:
    gold = json.loads(Path(path).read_text(encoding="utf-8"))
    os.chdir(ROOT)  # gold files name their data relative to the repository
    inputs = _story_inputs(gold)
    articles, _ = gold_articles(gold, inputs)
    story, _ = build_story(articles)
    return gold, list(sources_of(story))


def sentences(path: str) -> None:
    for s in load(path)[1]:
        print(f"[{s.doc_id} {s.outlet} s{s.sentence_index}] {s.sentence}")


def check(path: str) -> None:
    gold, sources = load(path)
    text = " ".join(s.sentence for s in sources)
    refs = list(gold.get("quotes", []))
    for item in gold.get("agreements", []):
        refs += item["sentences"]
    for item in gold.get("conflicts", []):
        refs += [ref for side in item["sides"] for ref in side]
    problems = 0
    for ref in refs:
        hits = [s for s in sources if s.doc_id == ref["doc"] and ref["contains"] in s.sentence]
        if len(hits) != 1:
            problems += 1
            print(f"snippet on {len(hits)} sentences: {ref['doc']} {ref['contains']!r}")
    quoted: set[tuple[str, int]] = set()
    for quote in gold.get("quotes", []):
        for s in sources:
            if s.doc_id == quote["doc"] and quote["contains"] in s.sentence:
                if (s.doc_id, s.sentence_index) in quoted:
                    problems += 1
                    print("two quotes on one sentence:", s.doc_id, s.sentence_index)
                quoted.add((s.doc_id, s.sentence_index))
    for entity in gold.get("entities", []):
        for name in [entity["name"], *entity.get("aliases", [])]:
            if name not in text:
                print(f"spelling not in the text (fine only for a canonical name): {name!r}")
    for number in gold.get("numbers", []):
        fragment = number["text"].replace(" (title line)", "")
        if not any(s.doc_id == number["doc"] and fragment in s.sentence for s in sources):
            problems += 1
            print(f"number text not in its document: {number['doc']} {number['text']!r}")
    print("problems:", problems)


if __name__ == "__main__":
    commands = {"event": event, "sentences": sentences, "check": check}
    if len(sys.argv) < 3 or sys.argv[1] not in commands:
        sys.exit(__doc__)
    commands[sys.argv[1]](*sys.argv[2:])
