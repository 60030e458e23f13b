"""Draw the items of the attribution gold's second part (``README-support.md``), blind.

Items are sentences of the source articles themselves, drawn at random with a fixed seed —
never a Khulasa summary — so a labeller who reads them sees nothing of Khulasa's output. The
stories are events of the blind event gold (``events/``) told by at least three outlets, and
MultiLing topics not yet in the gold; each item is paired with every other article of its story.

    python bench/gold/draw_support_items.py OUT_FOLDER
"""

from __future__ import annotations

import argparse
import json
import random
import re
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
DATA = HERE.parents[2] / "shared" / "data"
EVENT_FILES = [
    "events-2015-07-21-a",
    "events-2015-07-21-b",
    "events-2015-08-02-a",
    "events-2015-08-02-b",
    "events-2015-07-27-a",
    "events-2015-08-07-b",
]
MULTILING = ["M000", "M001", "M004"]
SNN_STORIES = 9
DOCS_PER_STORY = 5
ITEMS_PER_DOC = 4
MIN_WORDS = 8
_END = re.compile(r"(?<=[.!؟?])\s+|\n+")


def sentences(text: str) -> list[str]:
    found = [s.strip() for s in _END.split(text) if s and s.strip()]
    return [s for s in found if len(s.split()) >= MIN_WORDS]


def corpus() -> dict[str, dict]:
    records = {}
    for day in sorted((DATA / "saudinewsnet").glob("*.zip")):
        with zipfile.ZipFile(day) as archive:
            for record in json.loads(archive.read(archive.namelist()[0])):
                records[record["url"]] = record
    return records


def snn_stories(rng: random.Random) -> list[tuple[str, list[dict]]]:
    records = corpus()
    candidates = {}
    for name in EVENT_FILES:
        for line in (HERE / "events" / f"{name}.jsonl").read_text(encoding="utf-8").splitlines():
            event = json.loads(line)
            members = [records[u] for u in event["members"] if u in records]
            by_outlet: dict[str, dict] = {}
            for m in members:
                if len(sentences(m["content"])) >= ITEMS_PER_DOC:
                    by_outlet.setdefault(m["source"], m)
            if len(by_outlet) >= 3 and event["seed"] not in candidates:
                candidates[event["seed"]] = (event["event"], list(by_outlet.values()))
    chosen = rng.sample(sorted(candidates), SNN_STORIES)
    return [candidates[seed] for seed in chosen]


def multiling(rng: random.Random) -> list[tuple[str, list[dict]]]:
    stories = []
    for topic in MULTILING:
        docs = sorted((DATA / "multiling2011-ar" / topic / "docs").iterdir())
        picked = rng.sample(docs, DOCS_PER_STORY)
        stories.append(
            (
                topic,
                [
                    {
                        "url": p.name,
                        "source": p.stem,
                        "title": None,
                        "content": p.read_text(encoding="utf-8"),
                    }
                    for p in picked
                ],
            )
        )
    return stories


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path)
    args = parser.parse_args()
    rng = random.Random("khulasa-support-2")
    stories = snn_stories(rng) + multiling(rng)
    args.out.mkdir(parents=True, exist_ok=True)
    halves: list[list[dict]] = [[], []]
    for number, (what, docs) in enumerate(stories):
        docs = docs[:DOCS_PER_STORY]
        story = f"support2-{number:02d}"
        listing = [
            {
                "doc_id": d["url"],
                "outlet": d["source"],
                "title": d.get("title"),
                "text": d["content"],
            }
            for d in docs
        ]
        items = []
        for doc in docs:
            for text in rng.sample(sentences(doc["content"]), ITEMS_PER_DOC):
                items.append(
                    {"item": f"{story}#{len(items)}", "source_doc": doc["url"], "text": text}
                )
        halves[number % 2].append({"story": story, "about": what, "docs": listing, "items": items})
    for half, name in zip(halves, "ab", strict=True):
        path = args.out / f"support-items-{name}.json"
        path.write_text(json.dumps(half, ensure_ascii=False, indent=1), encoding="utf-8")
        pairs = sum(len(s["items"]) * (len(s["docs"]) - 1) for s in half)
        print(f"{path}: {len(half)} stories, {pairs} item–document pairs")


if __name__ == "__main__":
    main()
