"""Print every conflict the facts extractor finds in multi-outlet SaudiNewsNet stories.

There is no gold for conflicts in a news stream, so precision is judged by reading: this script
groups each crawl day's articles into rough stories (titles sharing three or more words across
different papers, at least three papers by default, at most eight articles) and prints each
predicted conflict with its sentences for a person to mark right or wrong.

    .venv/bin/python bench/facts_audit.py 2015-07-21 2015-07-24 2015-08-02 2015-08-08
    .venv/bin/python bench/facts_audit.py --papers 2 2015-07-21   # two-paper stories only

The two-paper stories are disjoint from the three-or-more ones (a story is one connected group
of titles), so they are a fresh audit set on days whose larger stories were already read.

Reads ../shared/data/saudinewsnet in place; nothing is copied.
"""

from __future__ import annotations

import argparse
import itertools
import json
import re
import sys
import zipfile
from datetime import date
from pathlib import Path

from khulasa.facts import extract_facts
from khulasa.model import Article
from khulasa.pipeline import build_story

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "saudinewsnet"


def _title_words(title: str) -> set[str]:
    return {w for w in re.findall(r"\w+", title) if len(w) > 3}


def day_stories(day: str, min_papers: int = 3, max_papers: int | None = None) -> list[list[dict]]:
    """Rough multi-outlet stories of one crawl day (union of title-overlap pairs).

    Only groups whose number of distinct papers lies in ``[min_papers, max_papers]`` are kept.
    """
    with zipfile.ZipFile(DATA / f"{day}.zip") as archive:
        articles = json.loads(archive.read(archive.namelist()[0]))
    parent = list(range(len(articles)))

    def root(x: int) -> int:
        while parent[x] != x:
            x = parent[x]
        return x

    words = [_title_words(a["title"]) for a in articles]
    for i, j in itertools.combinations(range(len(articles)), 2):
        same_paper = articles[i]["source"] == articles[j]["source"]
        if not same_paper and len(words[i] & words[j]) >= 3:
            parent[root(i)] = root(j)
    groups: dict[int, list[int]] = {}
    for i in range(len(articles)):
        groups.setdefault(root(i), []).append(i)
    stories = []
    for members in groups.values():
        papers = len({articles[i]["source"] for i in members})
        if papers >= min_papers and (max_papers is None or papers <= max_papers):
            stories.append([{**articles[i], "index": i} for i in members[:8]])
    return stories


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("days", nargs="+", help="crawl days, e.g. 2015-07-21")
    parser.add_argument(
        "--papers",
        type=int,
        default=None,
        help="audit only stories from exactly this many papers (default: three or more)",
    )
    args = parser.parse_args()
    bounds = (3, None) if args.papers is None else (args.papers, args.papers)
    if not DATA.is_dir():
        print(f"no SaudiNewsNet data at {DATA}", file=sys.stderr)
        return 2
    stories = documents = conflicts = 0
    for day in args.days:
        for group in day_stories(day, *bounds):
            pages = [
                Article(
                    id=f"{day}-{a['index']}",
                    content=f"{a['title']}\n{a['content']}",
                    source=a["source"],
                    published=date.fromisoformat(day),
                )
                for a in group
            ]
            story, _ = build_story(pages)
            facts = extract_facts(story)
            stories += 1
            documents += len(story.documents)
            for conflict in facts.conflicts:
                conflicts += 1
                print(f"### {day} {group[0]['title'][:70]}")
                print(conflict.reason)
                for label, side in (("A", conflict.side_a), ("B", conflict.side_b)):
                    for source in side:
                        print(f"  {label} {source.outlet}: {source.sentence}")
    print(f"stories {stories} documents {documents} conflicts {conflicts}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
