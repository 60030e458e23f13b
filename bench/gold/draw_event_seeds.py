"""Draw the seed articles of the event gold (``bench/gold/README-events.md``).

Seeds are drawn uniformly at random, with a fixed seed, from the non-empty articles of one
SaudiNewsNet crawl day, so the gold reflects what a day really holds (most articles belong to no
multi-outlet event). The script reads only the corpus: it never runs Khulasa.

    python bench/gold/draw_event_seeds.py 2015-07-21 --count 65 > seeds.txt
"""

from __future__ import annotations

import argparse
import json
import random
import zipfile
from pathlib import Path

CORPUS = Path(__file__).resolve().parents[3] / "shared" / "data" / "saudinewsnet"


def day_records(day: str, corpus: Path = CORPUS) -> list[dict]:
    """The records of one crawl day, in the archive's order."""
    with zipfile.ZipFile(corpus / f"{day}.zip") as archive:
        return json.loads(archive.read(archive.namelist()[0]))


def draw(day: str, count: int, corpus: Path = CORPUS) -> list[str]:
    """``count`` seed URLs of ``day``, the same on every run."""
    urls = sorted(r["url"] for r in day_records(day, corpus) if r["content"].strip())
    return random.Random(f"khulasa-events-{day}").sample(urls, count)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("day", help="crawl day, e.g. 2015-07-21")
    parser.add_argument("--count", type=int, default=65)
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    args = parser.parse_args()
    for url in draw(args.day, args.count, args.corpus):
        print(url)


if __name__ == "__main__":
    main()
