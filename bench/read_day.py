"""The 25 largest multi-outlet stories of one real day, written out for a blind reader.

A reader who never saw the engine or its code judges each story: is it one event, and which
members are intruders (articles of another event)? The day is ingested alone into a fresh
database, as a user would (``khulasa ingest DAY.zip`` then ``khulasa stories --min-sources 2``).

    .venv/bin/python bench/read_day.py 2015-07-24 -o /tmp/read/2015-07-24.md
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

from khulasa.ingest.saudinewsnet import read_saudinewsnet
from khulasa.store import Store
from khulasa.stories.engine import Ingestor, IngestSettings

DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "saudinewsnet"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("day")
    parser.add_argument("--stories", type=int, default=25)
    parser.add_argument("--engine", choices=("events", "topics"), default="events")
    parser.add_argument("-o", "--output", type=Path, required=True)
    parser.add_argument("--json", type=Path, help="also write url → story id here")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder, Store(Path(folder) / "d.db") as store:
        Ingestor(store, IngestSettings(stories=args.engine)).run(
            read_saudinewsnet(DATA / f"{args.day}.zip")
        )
        rows = store.list_stories(min_sources=2, limit=args.stories)
        out = [f"# The {len(rows)} largest multi-outlet stories of {args.day}", ""]
        listing = {}
        for rank, row in enumerate(rows, start=1):
            members = store.story_articles(row.id)
            out += [f"## Story {rank} ({len(members)} articles, {len(row.outlets)} outlets)", ""]
            for article in members:
                lead = " ".join(article.content.split())[:220]
                out.append(f"- [{article.id}] {article.source} | {article.title} | {lead}")
                listing[article.url] = rank
            out.append("")
    args.output.write_text("\n".join(out) + "\n", encoding="utf-8")
    if args.json:
        args.json.write_text(json.dumps(listing, ensure_ascii=False), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
