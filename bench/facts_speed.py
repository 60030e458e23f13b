"""CPU cost of ``extract_facts`` by story size: the code at a base commit beside this checkout.

    git archive 62c3c76 | (mkdir -p /tmp/khulasa-base && tar -x -C /tmp/khulasa-base)
    .venv/bin/python bench/facts_speed.py --base /tmp/khulasa-base/src \
        -o bench/results/facts-speed.md

Stories of 5 / 20 / 100 / 200 real SaudiNewsNet articles are built reproducibly from one day
file: the articles whose title holds the rarest title word that at least *n* articles share (ties
by the word), first *n* in file order. They are not always one event; the cost depends on the
text, not on whether the story is true. Each code version runs in its own process (two copies of
one package cannot share one), warmed up on a 5-article story of another day so that loading
the lexicons and models is not counted but no timed sentence is already cached, then timed once
per size with ``time.process_time``; the least of ``--repeat`` fresh processes is reported (CPU,
not wall time, and the least, so that other jobs on the machine change the figures less; on a
busy 2-core machine single runs still move by a third).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import time
import zipfile
from collections import defaultdict
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DAY = ROOT.parent / "shared" / "data" / "saudinewsnet" / "2015-08-06.zip"
WARM_UP = DAY.with_name("2015-07-25.zip")  # another day: the timed stories start uncached
SIZES = (5, 20, 100, 200)
_WORD = re.compile(r"[\u0621-\u064a]{2,}")


def story_articles(size: int, day: Path = DAY) -> list:
    """``size`` articles of ``day`` that share the rarest title word at least ``size`` share."""
    from khulasa.model import Article

    with zipfile.ZipFile(day) as archive:
        raw = json.loads(archive.read(archive.namelist()[0]))
    holders: dict[str, list[int]] = defaultdict(list)
    for index, item in enumerate(raw):
        for word in sorted(set(_WORD.findall(item.get("title") or ""))):
            holders[word].append(index)
    word = min(
        (w for w, ids in holders.items() if len(ids) >= size), key=lambda w: (len(holders[w]), w)
    )
    articles = []
    for index in holders[word][:size]:
        item = raw[index]
        articles.append(
            Article(
                id=f"snn-{day.stem}-{index}",
                content=f"{item['title']}\n{item['content']}",
                source=item["source"],
                published=date.fromisoformat(item["date_extracted"][:10]),
                title=item["title"],
                origin=f"{day.name}:{index}",
            )
        )
    return articles


def story_of_size(size: int, day: Path = DAY):
    """The cleaned story of :func:`story_articles` (the input ``extract_facts`` sees)."""
    from khulasa.pipeline import build_story

    story, _ = build_story(story_articles(size, day))
    return story


def _worker(sizes: list[int]) -> dict[str, float]:
    """CPU seconds of ``extract_facts`` per size in this process (warmed up first)."""
    from khulasa.facts import extract_facts

    stories = {n: story_of_size(n) for n in sizes}
    extract_facts(story_of_size(5, WARM_UP))
    out = {}
    for n in sizes:
        start = time.process_time()
        extract_facts(stories[n])
        out[str(n)] = time.process_time() - start
    return out


def _run(src: Path | None, sizes: list[int]) -> dict[str, float]:
    env = dict(os.environ)
    if src is not None:
        env["PYTHONPATH"] = str(src)
    args = [sys.executable, __file__, "--worker", *map(str, sizes)]
    done = subprocess.run(args, env=env, capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def table(base: dict[str, float], new: dict[str, float], sizes: list[int], label: str) -> str:
    lines = [
        f"| articles | base {label} CPU s | new CPU s | base ms/article | new ms/article"
        " | speed-up |",
        "|---:|---:|---:|---:|---:|---:|",
    ]
    for n in sizes:
        b, a = base[str(n)], new[str(n)]
        lines.append(
            f"| {n} | {b:.2f} | {a:.3f} | {1000 * b / n:.0f} | {1000 * a / n:.1f} | {b / a:.0f}× |"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--base", type=Path, help="src folder of the base code (PYTHONPATH)")
    parser.add_argument("--label", default="62c3c76")
    parser.add_argument("--worker", type=int, nargs="*", help=argparse.SUPPRESS)
    parser.add_argument("--sizes", type=int, nargs="*", default=list(SIZES))
    parser.add_argument("--repeat", type=int, default=3, help="processes per version (least)")
    parser.add_argument("-o", "--output", type=Path)
    args = parser.parse_args(argv)
    if args.worker is not None:
        print(json.dumps(_worker(args.worker)))
        return 0
    sizes = sorted(args.sizes)
    # fresh processes, base and new in turn; the least CPU of each size is the one least
    # disturbed by other jobs (a repeat in one process would find its sentences cached)
    news, bases = [], []
    for _ in range(args.repeat):
        news.append(_run(None, sizes))
        if args.base:
            bases.append(_run(args.base, sizes))
    new = {str(n): min(r[str(n)] for r in news) for n in sizes}
    base = {str(n): min(r[str(n)] for r in bases or news) for n in sizes}
    load = " ".join(f"{x:.1f}" for x in os.getloadavg())
    text = (
        f"# Facts speed: CPU of `extract_facts` by story size\n\n"
        f"Measured {time.strftime('%Y-%m-%d', time.gmtime())} with `bench/facts_speed.py` "
        f"(stories from `{DAY.name}`; base and new in the same run, each in its own process, "
        f"warmed up; least of {args.repeat} processes each; load average before: {load}).\n\n"
        f"{table(base, new, sizes, args.label)}\n"
    )
    print(text)
    if args.output:
        args.output.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
