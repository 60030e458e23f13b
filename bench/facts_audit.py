"""Print every conflict the facts extractor finds in multi-outlet SaudiNewsNet stories.

There is no gold for conflicts in a news stream, so precision is judged by reading: this script
groups each crawl day's articles into rough stories (titles sharing three or more words across
different papers, at least three papers by default, at most eight articles) and prints each
predicted conflict with its sentences for a person to mark right or wrong.

    .venv/bin/python bench/facts_audit.py 2015-07-21 2015-07-24 2015-08-02 2015-08-08
    .venv/bin/python bench/facts_audit.py --papers 2 2015-07-21   # two-paper stories only
    .venv/bin/python bench/facts_audit.py --engine 2015-08-06     # Khulasa's own stories

The two-paper stories are disjoint from the three-or-more ones (a story is one connected group
of titles), so they are a fresh audit set on days whose larger stories were already read.

``--engine`` groups the day with Khulasa's story engine instead (the path of ``khulasa ingest``
and ``khulasa stories``: default settings, a throwaway database), keeps its stories of two or
more papers, and reads each one's first twelve articles in the engine's order (so a huge topic
cluster cannot dominate the audit; the twelve must still span two papers). The engine groups by
content, not titles, so its stories hold article pairs that no rough group ever showed together.
Only those conflicts are printed: a conflict is fresh when some article on one side and a
different article on the other were never both among the audited members of one rough group
(the first eight of a group of three or more papers, every member of a two-paper group). The
others are counted as already seen. Each printed conflict also names its kind.

Reads ../shared/data/saudinewsnet in place; nothing is copied.
"""

from __future__ import annotations

import argparse
import itertools
import json
import re
import sys
import tempfile
import time
import zipfile
from datetime import date
from pathlib import Path

from khulasa.facts import extract_facts
from khulasa.facts.model import Conflict, StoryFacts
from khulasa.model import Article
from khulasa.pipeline import build_story
from khulasa.store import Store
from khulasa.stories.engine import Ingestor, IngestSettings

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "saudinewsnet"
AUDITED = 8  # members read of a rough story of three or more papers
ENGINE_CAP = 12  # articles read of one engine story

Pair = frozenset[int]


def _title_words(title: str) -> set[str]:
    return {w for w in re.findall(r"\w+", title) if len(w) > 3}


def _read_day(day: str) -> list[dict]:
    with zipfile.ZipFile(DATA / f"{day}.zip") as archive:
        return json.loads(archive.read(archive.namelist()[0]))


def rough_groups(articles: list[dict]) -> list[list[int]]:
    """Every rough story of a day's articles (union of title-overlap pairs), as indexes."""
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
    return list(groups.values())


def _papers(articles: list[dict], members: list[int]) -> int:
    return len({articles[i]["source"] for i in members})


def day_stories(day: str, min_papers: int = 3, max_papers: int | None = None) -> list[list[dict]]:
    """Rough multi-outlet stories of one crawl day (union of title-overlap pairs).

    Only groups whose number of distinct papers lies in ``[min_papers, max_papers]`` are kept.
    """
    articles = _read_day(day)
    stories = []
    for members in rough_groups(articles):
        papers = _papers(articles, members)
        if papers >= min_papers and (max_papers is None or papers <= max_papers):
            stories.append([{**articles[i], "index": i} for i in members[:AUDITED]])
    return stories


def seen_pairs(articles: list[dict]) -> set[Pair]:
    """Article pairs the rough-group audits showed together (see the module docstring)."""
    pairs: set[Pair] = set()
    for members in rough_groups(articles):
        papers = _papers(articles, members)
        if papers < 2:
            continue
        shown = members[:AUDITED] if papers >= 3 else members
        pairs.update(frozenset(p) for p in itertools.combinations(shown, 2))
    return pairs


def _article(day: str, index: int, record: dict) -> Article:
    return Article(
        id=f"{day}-{index}",
        content=f"{record['title']}\n{record['content']}",
        source=record["source"],
        published=date.fromisoformat(day),
    )


def engine_stories(day: str, articles: list[dict], offset: int = 0) -> list[list[int]]:
    """The engine's stories of two or more papers, ``ENGINE_CAP`` members from ``offset``.

    ``offset`` 12 reads each story's next twelve articles: pairs an offset-0 audit never showed.

    One process does the analysis (``workers=0``): the grouping does not depend on it, and the
    machine is shared. Exact copies are stored once, so they appear in no story.
    """
    with tempfile.TemporaryDirectory() as tmp, Store(Path(tmp) / "audit.db") as store:
        Ingestor(store, IngestSettings(workers=0)).run(
            _article(day, i, a) for i, a in enumerate(articles)
        )
        stories = []
        for row in store.list_stories(min_sources=2):
            members = [
                int(stored.ext_id.rsplit("-", 1)[1])
                for stored in store.story_articles(row.id)[offset : offset + ENGINE_CAP]
            ]
            if _papers(articles, members) >= 2:
                stories.append(members)
    return stories


def _index(doc_id: str) -> int:
    return int(doc_id.rsplit("-", 1)[1])


def is_fresh(conflict: Conflict, seen: set[Pair]) -> bool:
    """True when some article of side A and a different one of side B were never shown together."""
    side_a = {_index(s.doc_id) for s in conflict.side_a}
    side_b = {_index(s.doc_id) for s in conflict.side_b}
    return any(a != b and frozenset((a, b)) not in seen for a in side_a for b in side_b)


def _print_conflict(day: str, title: str, conflict: Conflict, tag: str | None = None) -> None:
    print(f"### {day} {title[:70]}")
    print(f"[{tag}] {conflict.reason}" if tag else conflict.reason)
    for label, side in (("A", conflict.side_a), ("B", conflict.side_b)):
        for source in side:
            print(f"  {label} {source.outlet}: {source.sentence}")


def _facts(day: str, group: list[dict]) -> tuple[int, StoryFacts]:
    """Documents kept and facts found in one group of article records."""
    story, _ = build_story([_article(day, a["index"], a) for a in group])
    return len(story.documents), extract_facts(story)


def audit_rough(days: list[str], bounds: tuple[int, int | None]) -> None:
    """The rough-group modes: every conflict of every kept rough story."""
    stories = documents = conflicts = 0
    for day in days:
        for group in day_stories(day, *bounds):
            kept, facts = _facts(day, group)
            stories += 1
            documents += kept
            for conflict in facts.conflicts:
                conflicts += 1
                _print_conflict(day, group[0]["title"], conflict)
    print(f"stories {stories} documents {documents} conflicts {conflicts}")


def audit_engine(days: list[str], offset: int = 0) -> None:
    """``--engine``: the fresh conflicts of the engine's stories, and the fresh possible ones
    (bare negations, which the product shows apart as leads to check), tagged ``[possible]``."""
    stories = documents = printed = possible = skipped = 0
    for day in days:
        started = time.perf_counter()
        articles = _read_day(day)
        seen = seen_pairs(articles)
        for members in engine_stories(day, articles, offset):
            group = [{**articles[i], "index": i} for i in members]
            kept, facts = _facts(day, group)
            stories += 1
            documents += kept
            tagged = [(c, c.kind) for c in facts.conflicts]
            tagged += [(c, "possible") for c in facts.possible_conflicts]
            for conflict, tag in tagged:
                if not is_fresh(conflict, seen):
                    skipped += 1
                    continue
                printed += tag != "possible"
                possible += tag == "possible"
                _print_conflict(day, group[0]["title"], conflict, tag)
        print(f"{day}: {time.perf_counter() - started:.1f} s", file=sys.stderr)
    print(
        f"stories {stories} documents {documents} conflicts printed {printed} "
        f"possible conflicts printed {possible} skipped as already seen {skipped}"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("days", nargs="+", help="crawl days, e.g. 2015-07-21")
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument(
        "--papers",
        type=int,
        default=None,
        help="audit only stories from exactly this many papers (default: three or more)",
    )
    mode.add_argument(
        "--engine",
        action="store_true",
        help="audit the story engine's stories, printing only conflicts no rough group showed",
    )
    parser.add_argument(
        "--offset",
        type=int,
        default=0,
        help="with --engine: skip each story's first N articles (12 gives a fresh set after a "
        "first --engine audit)",
    )
    args = parser.parse_args()
    if not DATA.is_dir():
        print(f"no SaudiNewsNet data at {DATA}", file=sys.stderr)
        return 2
    if args.engine:
        audit_engine(args.days, args.offset)
    else:
        audit_rough(args.days, (3, None) if args.papers is None else (args.papers, args.papers))
    return 0


if __name__ == "__main__":
    sys.exit(main())
