"""Ingest throughput and memory on SaudiNewsNet: the whole corpus, then replays of it.

Each run ingests into a fresh database in its own process (so peak memory is that run's):
read + store + near-duplicate grouping + story clustering, the analysis in worker processes.
A replay ×K feeds the corpus K times; copy k gets new URLs, a marker appended to its text (new
content hash) and dates moved k × 30 days later, so it is new to the store and the stream moves
on in time, as a longer real stream would. Peak RSS is sampled from /proc over the whole process
tree (main + workers) every 0.2 s, and the largest single process is reported too.

The batch boilerplate filter (``clean_articles``) is not run at ingest (SaudiNewsNet content is
body text already, and the filter is meant for one story's pages); its cost per article is
measured separately here so the choice can be judged.

    .venv/bin/python bench/ingest.py [--replays 1 2 4] [-o bench/results/ingest.md]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = ROOT.parent / "shared" / "data" / "saudinewsnet"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default=str(DEFAULT_DATA))
    parser.add_argument("--replays", type=int, nargs="+", default=[1, 2, 4])
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--batch-size", type=int, default=500)
    parser.add_argument("-o", "--output", default=str(ROOT / "bench/results/ingest.md"))
    parser.add_argument(
        "--merge",
        choices=("on", "off", "both"),
        default="both",
        help="the story-merge pass after each batch (both: each replay with and without it)",
    )
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--no-merge", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--db", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        return _child(args)
    if not Path(args.data).is_dir():
        print(f"no SaudiNewsNet data at {args.data}: skipping", file=sys.stderr)
        return 0
    load = os.getloadavg()
    results = []
    merges = {"on": [True], "off": [False], "both": [False, True]}[args.merge]
    for replay in args.replays:
        for merge in merges:
            results.append(_run(args, replay, merge))
            print(json.dumps(results[-1]), file=sys.stderr)
    clean = _clean_cost(Path(args.data))
    _write(args, results, clean, load)
    return 0


def _run(args: argparse.Namespace, replay: int, merge: bool) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "bench.db"
        command = [
            sys.executable, __file__, "--child", str(replay), "--db", str(db),
            "--data", args.data, "--workers", str(args.workers),
            "--batch-size", str(args.batch_size), *([] if merge else ["--no-merge"]),
        ]  # fmt: skip
        process = subprocess.Popen(command, stdout=subprocess.PIPE, text=True)
        peak = _PeakRss(process.pid)
        peak.start()
        out, _ = process.communicate()
        peak.stop()
        result = json.loads(out)
        result["replay"] = replay
        result["merge"] = merge
        result["peak_tree_mib"] = peak.total / 1024
        result["peak_process_mib"] = peak.largest / 1024
        result["db_mib"] = sum(p.stat().st_size for p in Path(tmp).iterdir()) / 2**20
    return result


def _child(args: argparse.Namespace) -> int:
    from khulasa.store import Store
    from khulasa.stories.engine import Ingestor, IngestSettings
    from khulasa.stories.events import EventSettings

    settings = IngestSettings(
        workers=args.workers,
        batch_size=args.batch_size,
        events=EventSettings(merge=not args.no_merge),
    )
    with Store(args.db) as store:
        report = Ingestor(store, settings).run(_replayed(Path(args.data), args.child))
        stories = store.count("stories")
    print(
        json.dumps(
            {
                "read": report.read,
                "added": report.added,
                "skipped": len(report.problems),
                "near_duplicates": report.near_duplicates,
                "stories": stories,
                "seconds": report.seconds,
            }
        )
    )
    return 0


def _replayed(data: Path, times: int) -> Iterator[object]:
    from khulasa.ingest.saudinewsnet import read_inputs
    from khulasa.model import Article

    for copy in range(times):
        for item in read_inputs([str(data)]):
            if copy == 0 or not isinstance(item, Article):
                yield item
                continue
            yield replace(
                item,
                id=f"{item.id}-r{copy}",
                url=f"{item.url}#r{copy}" if item.url else None,
                content=f"{item.content}\n(r{copy})",
                published=item.published + timedelta(days=30 * copy) if item.published else None,
            )


class _PeakRss(threading.Thread):
    """Samples the RSS (KiB) of a process and its descendants."""

    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.pid = pid
        self.total = 0
        self.largest = 0
        self._done = threading.Event()

    def run(self) -> None:
        while not self._done.wait(0.2):
            sizes = [_rss(p) for p in _tree(self.pid)]
            self.total = max(self.total, sum(sizes))
            self.largest = max(self.largest, max(sizes, default=0))

    def stop(self) -> None:
        self._done.set()
        self.join()


def _tree(pid: int) -> list[int]:
    pids, todo = [], [pid]
    while todo:
        current = todo.pop()
        pids.append(current)
        try:
            for task in Path(f"/proc/{current}/task").iterdir():
                todo += [int(c) for c in (task / "children").read_text().split()]
        except OSError:
            continue
    return pids


def _rss(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def _clean_cost(data: Path, count: int = 1000, batch: int = 100) -> float:
    """Milliseconds per article of ``clean_articles`` over batches of one crawl day."""
    from khulasa.clean import clean_articles
    from khulasa.ingest.saudinewsnet import read_saudinewsnet
    from khulasa.language import get_language
    from khulasa.model import Article

    day = sorted(data.glob("*.zip"))[0]
    articles = [a for a in read_saudinewsnet(day) if isinstance(a, Article)][:count]
    language = get_language("ar")
    started = time.perf_counter()
    for start in range(0, len(articles), batch):
        clean_articles(articles[start : start + batch], language)
    return (time.perf_counter() - started) / len(articles) * 1000


def _write(
    args: argparse.Namespace,
    results: list[dict[str, float]],
    clean_ms: float,
    load: tuple[float, float, float],
) -> None:
    base = results[0]
    lines = [
        "# Ingest throughput and memory (SaudiNewsNet)",
        "",
        f"Command: `.venv/bin/python bench/ingest.py --replays {' '.join(map(str, args.replays))} "
        f"--workers {args.workers} --batch-size {args.batch_size}`",
        "",
        f"Machine: {os.cpu_count()} cores; load average when the bench started "
        f"{load[0]:.2f} / {load[1]:.2f} / {load[2]:.2f} (other jobs share the machine, so "
        "rates are a lower bound).",
        "",
        "Each run: read the 18 daily zips (streamed), store, group near-duplicates (MinHash "
        "LSH), place in stories (the learned same-event decision against the open articles "
        "that share rare title or lead terms, 3-day window; with the merge, the learned "
        "story-merge decision after each batch), one SQLite transaction per batch. Rates "
        "count articles read (including exact duplicates skipped); `skipped` are records "
        "with empty content. The first row is the baseline of the time and memory ratios.",
        "",
        "| replay | story merge | read | stored | skipped | near-dups | stories | seconds "
        "| articles/s | peak RSS, all processes (MiB) | largest process (MiB) | DB (MiB) "
        "| time / ×1 "
        "| memory / ×1 |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in results:
        lines.append(
            f"| ×{r['replay']} | {'on' if r['merge'] else 'off'} | {r['read']:,} "
            f"| {r['added']:,} | {r['skipped']:,} "
            f"| {r['near_duplicates']:,} | {r['stories']:,} | {r['seconds']:.1f} "
            f"| {r['read'] / r['seconds']:,.0f} | {r['peak_tree_mib']:,.0f} "
            f"| {r['peak_process_mib']:,.0f} | {r['db_mib']:,.0f} "
            f"| {r['seconds'] / base['seconds']:.2f} "
            f"| {r['peak_tree_mib'] / base['peak_tree_mib']:.2f} |"
        )
    lines += [
        "",
        f"`clean_articles` (batch boilerplate filter) on 1,000 articles of one day in batches "
        f"of 100: {clean_ms:.1f} ms/article (≈ {1000 / clean_ms:,.0f} articles/s on one core). "
        "Not run at ingest: SaudiNewsNet content is already body text, and over a batch of "
        "unrelated articles the filter drops real body lines (it expects one story's pages). "
        "`khulasa story` runs it per story on articles that were not clean at ingest.",
        "",
    ]
    text = "\n".join(lines)
    Path(args.output).parent.mkdir(parents=True, exist_ok=True)
    Path(args.output).write_text(text, encoding="utf-8")
    print(text)


if __name__ == "__main__":
    sys.exit(main())
