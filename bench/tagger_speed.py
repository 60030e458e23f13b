"""What the trained tagger costs the facts: CPU time of ``extract_facts`` without and with it.

    .venv/bin/python bench/tagger_speed.py -o /tmp/tagger-speed.md

Two stories: the 5-page example (``examples/aleppo-2016-12``) and a 100-article SaudiNewsNet
story (the first 100 articles of 2015-08-07 whose title names the Abha mosque bombing; read in
place from ../shared/data, never copied). Each is cleaned once; then facts are extracted with the
rules alone and with rules + tagger in turns (``--repeats`` each, after one warm-up of both, which
also opens the model), and the median CPU time (``time.process_time``) of each is reported.
The baseline is measured in the same run, on the same machine, at the same time.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
import zipfile
from datetime import date
from pathlib import Path

from khulasa.facts import extract_facts
from khulasa.facts.tagger import load_tagger
from khulasa.model import Article, Story
from khulasa.pipeline import build_story, load_articles

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples/aleppo-2016-12/manifest.jsonl"
DAY = ROOT.parent / "shared/data/saudinewsnet/2015-08-07.zip"
TOPIC = ("مسجد الطوارئ", "عسير", "أبها", "ابها")


def news_story(limit: int = 100) -> Story:
    with zipfile.ZipFile(DAY) as archive:
        records = json.loads(archive.read(archive.namelist()[0]))
    articles = [
        Article(
            id=f"snn-{n}",
            content=f"{r['title']}\n{r['content']}",
            source=r["source"],
            published=date(2015, 8, 7),
            title=r["title"],
        )
        for n, r in enumerate(records)
        if any(word in r["title"] for word in TOPIC)
    ][:limit]
    story, _ = build_story(articles)
    return story


def cpu(story: Story, tagger: bool) -> float:
    start = time.process_time()
    extract_facts(story, tagger=tagger)
    return time.process_time() - start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("-o", "--output", type=Path)
    args = parser.parse_args(argv)
    start = time.process_time()
    load_tagger()
    opened = time.process_time() - start
    stories = [("aleppo example", build_story(load_articles([str(EXAMPLE)])[0])[0])]
    if DAY.exists():
        stories.append(("SaudiNewsNet 2015-08-07, Abha bombing", news_story()))
    else:
        print(f"tagger_speed: {DAY} not found; only the example is timed", file=sys.stderr)
    lines = [
        f"Opening the model: {opened * 1000:.0f} ms CPU (once per process).",
        "",
        "| story | articles | sentences | rules only (s CPU) | rules + tagger (s CPU) | ratio |",
        "|---|---|---|---|---|---|",
    ]
    for name, story in stories:
        cpu(story, False), cpu(story, True)  # warm-up: caches, the model
        runs: dict[bool, list[float]] = {False: [], True: []}
        for _ in range(args.repeats):
            for tagger in (False, True):
                runs[tagger].append(cpu(story, tagger))
        off, on = (statistics.median(runs[t]) for t in (False, True))
        sentences = sum(len(d.sentences) for d in story.documents)
        lines.append(
            f"| {name} | {len(story.documents)} | {sentences} | {off:.3f} | {on:.3f} | "
            f"{on / off:.2f}× |"
        )
        print(lines[-1], file=sys.stderr)
    text = "\n".join(lines)
    print(text)
    if args.output:
        args.output.write_text(text + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
