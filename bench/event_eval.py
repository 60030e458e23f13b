"""Stories against the event gold: is each story one event? (``bench/gold/README-events.md``)

For each gold day, the SaudiNewsNet crawl days within ±2 days are ingested, in crawl order, into
a fresh database by the real ingest engine; every stored article's story is then scored against
the day's events (B³ and pairwise precision/recall over the gold articles, with whole predicted
stories on the precision side). Engines are run side by side in the same run.

    .venv/bin/python bench/event_eval.py --split dev        # the days the model is fitted on
    .venv/bin/python bench/event_eval.py --split heldout -o bench/results/events.md
"""

from __future__ import annotations

import argparse
import dataclasses
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from khulasa.evaluation.events import EventScore, load_event_gold, score_partition
from khulasa.ingest.saudinewsnet import read_saudinewsnet
from khulasa.store import Store
from khulasa.stories.engine import Ingestor, IngestSettings
from khulasa.stories.events import EventSettings

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "bench" / "gold" / "events"
DATA = ROOT.parent / "shared" / "data" / "saudinewsnet"
SPLITS = {
    # Round 3: every day scored as held-out in an earlier round is now development; the
    # model is fitted on all six and the story bar chosen on them.
    "dev": ("2015-07-21", "2015-08-02", "2015-07-27", "2015-08-07", "2015-07-23", "2015-08-04"),
    "dev1": ("2015-07-21", "2015-08-02"),  # round 1's development days
    "heldout": ("2015-07-27", "2015-08-07"),  # round 1's held-out, scored twice
    "heldout2": ("2015-07-23", "2015-08-04"),  # labelled blind during round 2, scored once
    "heldout3": ("2015-07-26", "2015-08-10"),  # labelled blind during round 3, scored once
    "heldout4": ("2015-08-01", "2015-08-08"),  # labelled blind during round 4, scored once
    "heldout5": ("2015-07-24", "2015-08-11"),  # labelled blind during round 5, scored once
}
WINDOW_DAYS = 2


def window(day: str, data: Path = DATA) -> list[Path]:
    """The crawl days' zips within ±WINDOW_DAYS of ``day`` that the corpus has."""
    centre = date.fromisoformat(day)
    days = (centre + timedelta(days=d) for d in range(-WINDOW_DAYS, WINDOW_DAYS + 1))
    return [p for p in (data / f"{d.isoformat()}.zip" for d in days) if p.exists()]


def run_engine(zips: list[Path], settings: IngestSettings) -> tuple[dict[str, int], float, int]:
    """Ingest ``zips`` into a fresh database: ``(url → story id, seconds, articles)``."""
    with tempfile.TemporaryDirectory() as folder, Store(Path(folder) / "e.db") as store:
        started = time.perf_counter()
        report = Ingestor(store, settings).run(
            item for path in zips for item in read_saudinewsnet(path)
        )
        seconds = time.perf_counter() - started
        rows = store.conn.execute("SELECT url, story_id FROM articles WHERE url IS NOT NULL")
        return dict(rows.fetchall()), seconds, report.added


ENGINES = {
    "topics (old engine)": IngestSettings(stories="topics"),
    "events + story merge (default)": IngestSettings(stories="events"),
    "events + story merge at 0.3": IngestSettings(
        stories="events", events=EventSettings(merge_bar=0.3)
    ),
    "events, no merge (round 3)": IngestSettings(
        stories="events", events=EventSettings(merge=False)
    ),
    "events, story model": IngestSettings(stories="events", events=EventSettings(decision="story")),
}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--split", choices=sorted(SPLITS), default="dev")
    parser.add_argument("--engines", nargs="+", default=list(ENGINES), choices=list(ENGINES))
    parser.add_argument("-o", "--output", type=Path, help="append the table to this file")
    args = parser.parse_args()
    if not DATA.exists():
        print(f"no SaudiNewsNet corpus at {DATA}", file=sys.stderr)
        return 2
    lines = [
        f"### Event gold, {args.split} days ({', '.join(SPLITS[args.split])})",
        "",
        "| engine | day | gold articles | B³ P | B³ R | B³ F1 | pair P | pair R | articles/s |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for name in args.engines:
        scores: list[EventScore] = []
        for day in SPLITS[args.split]:
            gold = load_event_gold(GOLD, day)
            story_of, seconds, added = run_engine(window(day), ENGINES[name])
            score = score_partition(gold.events, story_of)
            scores.append(score)
            lines.append(_row(name, day, score, added / seconds))
            print(lines[-1], flush=True)
        lines.append(_row(name, "both", _pooled(scores), None))
        print(lines[-1], flush=True)
    text = "\n".join(lines) + "\n"
    if args.output:
        with args.output.open("a", encoding="utf-8") as handle:
            handle.write("\n" + text)
    return 0


def _pooled(scores: list[EventScore]) -> EventScore:
    """Article-weighted means over days (pairs pooled by article too)."""
    total = sum(s.articles for s in scores) or 1
    fields = {
        f.name: sum(getattr(s, f.name) * s.articles for s in scores) / total
        for f in dataclasses.fields(EventScore)
        if f.name not in ("articles", "missing")
    }
    return EventScore(**fields, articles=total, missing=sum(s.missing for s in scores))


def _row(name: str, day: str, s: EventScore, rate: float | None) -> str:
    speed = f"{rate:.0f}" if rate else ""
    return (
        f"| {name} | {day} | {s.articles} | {s.precision:.3f} | {s.recall:.3f} | {s.f1:.3f} | "
        f"{s.pair_precision:.3f} | {s.pair_recall:.3f} | {speed} |"
    )


if __name__ == "__main__":
    sys.exit(main())
