"""Story clustering and near-duplicate quality on labelled stories hidden among distractors.

Clustering: the 50 MultiLing dev articles (label = topic) and the 5 pages of the example story
(one label) are shuffled into 3,000 SaudiNewsNet articles of one crawl day and ingested into a
fresh database by the real engine, once per seed and setting. Reported for the labelled
articles: B-cubed precision, recall and F1 and the adjusted Rand index; the share of distractors
that landed in a story holding a labelled article; and, for the distractors, whether stories stay
sane: the stream's largest stories, the share of articles in stories of more than 50, and the
coherence of the four largest (mean cosine between two of their members; a chained blob is loose).

The settings were tuned on seeds 13 and 7 of 2015-08-06; ``--heldout-days`` repeats the default
setting on other crawl days (not tuned on), and ``--undated-seeds`` on the tuning day with the
distractors' dates removed (a stress test: dates no longer keep the undated MultiLing topics
apart from the day's news).

Near-duplicates, on the same day's distractors: precision of up to 200 sampled detected pairs
(article, group root), each checked by difflib's character-level ratio on normalized text; and
the share of SPA wire copies found — articles naming the agency (واس / وكالة الأنباء السعودية)
that have a same-day copy in another paper (difflib ratio >= 0.8), grouped with one of them.

    .venv/bin/python bench/cluster_eval.py [--seeds 13 7 21 42] [--heldout-days 2015-07-21]
        [--undated-seeds 13 7] [-o bench/results/clustering.md]
"""

from __future__ import annotations

import argparse
import dataclasses
import difflib
import itertools
import math
import random
import re
import sys
import tempfile
import time
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

from khulasa.ingest import read_articles
from khulasa.ingest.saudinewsnet import read_saudinewsnet
from khulasa.language import get_language
from khulasa.model import Article
from khulasa.store import Store
from khulasa.stories.engine import Ingestor, IngestSettings

ROOT = Path(__file__).resolve().parents[1]
SPA_MARK = re.compile(r"(?<!\w)واس(?!\w)|وكالة الأنباء السعودية")
DIFFLIB_SAME = 0.5  # a detected pair is right when its texts' character ratio is at least this
SPA_COPY = 0.8  # two SPA-marked texts are copies of one wire at this ratio


@dataclass
class Run:
    """Clustering metrics of one shuffled stream under one setting."""

    seed: int
    precision: float
    recall: float
    f1: float
    ari: float
    merged: int
    distractors: int
    seconds: float
    sizes: list[int]  # article counts of the stream's stories, largest first
    per_topic: list[tuple[str, int, int, int]]
    coherence: list[float]  # mean pairwise cosine inside each of the largest stories

    @property
    def in_big(self) -> float:
        """Share of articles in stories of more than 50 articles."""
        return sum(n for n in self.sizes if n > 50) / max(sum(self.sizes), 1)


TUNING_SEEDS = (13, 7)
VARIANTS = {
    "events (the engine)": IngestSettings(stories="events"),
    "topics (the old engine)": IngestSettings(stories="topics"),
}
DEFAULT = "events (the engine)"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default=str(ROOT.parent / "shared" / "data"))
    parser.add_argument("--day", default="2015-08-06", help="SaudiNewsNet crawl day")
    parser.add_argument("--distractors", type=int, default=3000)
    parser.add_argument("--seeds", type=int, nargs="+", default=[13, 7, 21, 42])
    parser.add_argument("--heldout-days", nargs="*", default=["2015-07-21"])
    parser.add_argument("--undated-seeds", type=int, nargs="*", default=[13, 7])
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--pairs", type=int, default=200)
    parser.add_argument("-o", "--output", default=str(ROOT / "bench/results/clustering.md"))
    args = parser.parse_args()
    data = Path(args.data)
    if not (data / "multiling2011-ar").is_dir() or not (data / "saudinewsnet").is_dir():
        print(f"no data under {data}: skipping", file=sys.stderr)
        return 0

    labelled = _labelled(data)
    day = _day(data, args.day)
    runs: dict[str, list[Run]] = {name: [] for name in VARIANTS}
    rows: list[tuple[int, str, str | None, int | None, int]] = []
    for seed in args.seeds:
        stream = _stream(labelled, day, seed, args.distractors)
        for name, settings in VARIANTS.items():
            run, stored = _run(stream, seed, settings, args.workers)
            runs[name].append(run)
            rows = rows or stored
            print(f"{name} seed {seed}: F1 {run.f1:.3f} merged {run.merged}", file=sys.stderr)
    extra: dict[str, list[Run]] = {}
    for other_day in args.heldout_days:
        other = _day(data, other_day)
        extra[f"default, distractors of {other_day} (held out)"] = [
            _run(_stream(labelled, other, seed, args.distractors), seed, VARIANTS[DEFAULT], 1)[0]
            for seed in args.seeds
        ]
    if args.undated_seeds:
        undated = [dataclasses.replace(a, published=None) for a in day]
        extra[f"default, distractors of {args.day} with dates removed (stress)"] = [
            _run(_stream(labelled, undated, seed, args.distractors), seed, VARIANTS[DEFAULT], 1)[0]
            for seed in args.undated_seeds
        ]

    pair_precision, pairs_checked, spa_found, spa_total = _near_duplicates(
        rows, args.pairs, random.Random(args.seeds[0])
    )
    first = runs[DEFAULT][0]
    lines = [
        "# Story clustering and near-duplicates",
        "",
        f"Command: `.venv/bin/python bench/cluster_eval.py --day {args.day} "
        f"--distractors {args.distractors} --seeds {' '.join(map(str, args.seeds))} "
        f"--heldout-days {' '.join(args.heldout_days)} "
        f"--undated-seeds {' '.join(map(str, args.undated_seeds))} --workers {args.workers}`",
        "",
        f"Stream: {len(labelled)} labelled articles (6 stories: 5 MultiLing dev topics × 10, "
        f"undated, + the example story's 5 pages, 4 dated 2016-12) shuffled into "
        f"{first.distractors} SaudiNewsNet articles of {args.day} (dated), one shuffle per seed, "
        "ingested by the real engine into a fresh database. The settings were tuned on seeds "
        f"{' and '.join(map(str, TUNING_SEEDS))} of {args.day} (marked *); the other seeds and "
        "days were not looked at while tuning.",
        "",
        "## Clustering (labelled articles)",
        "",
        *_table({**runs, **extra}),
        "",
        "Targets: B³ F1 ≥ 0.95, ≤ 1 % distractors merged. *Coherence* is the mean cosine (TF-IDF "
        "at the end of the stream) between two non-copy members of each of the four largest "
        "stories: the size-capped stories of *before* score 0.17–0.24, the default's 0.11–0.17, "
        "the topic-sized blobs that chaining builds without a linkage bar 0.05–0.10.",
        "",
        "Settings: *default* asks an article for a mean similarity of `link_threshold` to a "
        "story's members besides the centroid bar, merges two stories only when their average "
        "linkage (plus a quarter of the rare-term bonus) reaches `merge_link` (raised when "
        "they have few cross pairs: `link_evidence`), and lets stories "
        "of up to `small_story` members fold into a story they link to (the story-level step). "
        "*before* is the previous default: a bar that rises by `size_penalty` per doubling of a "
        "story's size, no linkage.",
        "",
        "What the tuning seeds showed, beyond the ablation rows above: a looser story merge "
        "(`merge_link` 0.08) gave F1 0.983 there, but the day's largest stories grew to 157–159 "
        "articles (29 % of articles in stories > 50) and the five MultiLing topics ingested "
        "alone (50 articles, no distractors, 3 shuffles) mixed M002 (sailors held by Iran) with "
        "M004 (the Bali climate conference) in 2 shuffles; a stricter one (0.12) split topics "
        "(F1 0.934). Without the evidence term (`link_evidence` 0) F1 was 0.992, but the "
        "topics alone mixed in all 3 shuffles; at 0.5 they do not. Did not help: letting a "
        "large story that grows also look for small ones to absorb (same F1 in an earlier "
        "configuration, more CPU); fewer "
        "story-level candidates (3 or 2 instead of 6: F1 0.961 / 0.952, no measurable CPU "
        "saving); folding one-article stories at join time instead of in the story-level step "
        "(F1 0.959). Stress rows: without dates, the undated example page joins the day's Syria "
        "war reports and the 2007 climate-conference topic draws in 2015 reports on Kerry and "
        "on climate change; dates, not text alone, keep those apart.",
        "",
        "Per story (parts it was split into / articles in its largest part), default setting:",
        "",
        *_splits({**{DEFAULT: runs[DEFAULT]}, **extra}),
        "",
        f"## Near-duplicates (the {args.day} distractors, seed {args.seeds[0]})",
        "",
        "| metric | value |",
        "|---|---|",
        f"| detected pairs (article, group's first article) checked | {pairs_checked} |",
        f"| precision: pairs whose normalized texts have difflib ratio ≥ {DIFFLIB_SAME} "
        f"| {pair_precision:.3f} |",
        f"| SPA-marked articles (واس / وكالة الأنباء السعودية) with a same-day copy in another "
        f"paper (difflib ratio ≥ {SPA_COPY}) | {spa_total} |",
        f"| ... of which the detector grouped with a copy | {spa_found} "
        f"({spa_found / max(spa_total, 1):.1%}) |",
        "",
    ]
    text = "\n".join(lines)
    Path(args.output).parent.mkdir(parents=True, exist_ok=True)
    Path(args.output).write_text(text, encoding="utf-8")
    print(text)
    return 0


def _day(data: Path, day: str) -> list[Article]:
    path = data / "saudinewsnet" / f"{day}.zip"
    return [a for a in read_saudinewsnet(path) if isinstance(a, Article)]


def _stream(
    labelled: list[tuple[Article, str]], day: list[Article], seed: int, distractors: int
) -> list[tuple[Article, str | None]]:
    """The labelled articles shuffled into ``distractors`` articles drawn from ``day``."""
    rng = random.Random(seed)
    pool = list(day)
    rng.shuffle(pool)
    stream: list[tuple[Article, str | None]] = list(labelled)
    stream += [(a, None) for a in pool[:distractors]]
    rng.shuffle(stream)
    return stream


def _table(runs: dict[str, list[Run]]) -> list[str]:
    lines = [
        "| setting | seed | B³ precision | B³ recall | B³ F1 | ARI | distractors merged "
        "into a labelled story | largest stories | articles in stories > 50 "
        "| coherence of the 4 largest |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for name, name_runs in runs.items():
        for run in name_runs:
            tuned = "*" if run.seed in TUNING_SEEDS and name in VARIANTS else ""
            lines.append(
                f"| {name} | {run.seed}{tuned} | {run.precision:.3f} | {run.recall:.3f} "
                f"| {run.f1:.3f} | {run.ari:.3f} "
                f"| {run.merged} ({run.merged / run.distractors:.2%}) "
                f"| {', '.join(map(str, run.sizes[:4]))} | {run.in_big:.1%} "
                f"| {', '.join(f'{c:.2f}' for c in run.coherence)} |"
            )
        mean = lambda attr, rs=name_runs: sum(getattr(r, attr) for r in rs) / len(rs)  # noqa: E731
        lines.append(
            f"| **{name}, mean** | | {mean('precision'):.3f} | {mean('recall'):.3f} "
            f"| **{mean('f1'):.3f}** | {mean('ari'):.3f} "
            f"| {mean('merged'):.1f} ({mean('merged') / name_runs[0].distractors:.2%}) "
            f"| | {mean('in_big'):.1%} | |"
        )
    return lines


def _splits(runs: dict[str, list[Run]]) -> list[str]:
    columns = [(name, run) for name, name_runs in runs.items() for run in name_runs]
    header = [f"{name.split(' (')[0]}, seed {run.seed}" for name, run in columns]
    lines = [
        "| story | articles | " + " | ".join(header) + " |",
        "|---|---|" + "---|" * len(columns),
    ]
    for i, (label, n, _, _) in enumerate(columns[0][1].per_topic):
        cells = [f"{run.per_topic[i][2]} / {run.per_topic[i][3]}" for _, run in columns]
        lines.append(f"| {label} | {n} | " + " | ".join(cells) + " |")
    return lines


def _run(
    stream: list[tuple[Article, str | None]], seed: int, settings: IngestSettings, workers: int
) -> tuple[Run, list[tuple[int, str, str | None, int | None, int]]]:
    with tempfile.TemporaryDirectory() as tmp:
        store = Store(Path(tmp) / "eval.db")
        started = time.perf_counter()
        ingestor = Ingestor(store, dataclasses.replace(settings, workers=workers))
        ingestor.run(a for a, _ in stream)
        seconds = time.perf_counter() - started
        story_of = dict(store.conn.execute("SELECT content_hash, story_id FROM articles"))
        rows = store.conn.execute(
            "SELECT id, content, source, day, COALESCE(dup_of, id) FROM articles"
        ).fetchall()
        ranked = store.conn.execute(
            "SELECT id, article_count FROM stories ORDER BY article_count DESC, id"
        ).fetchall()
        coherence = [_coherence(ingestor, store, story_id) for story_id, _ in ranked[:4]]
        store.close()
    clusters = [
        (story_of[a.content_hash], label) for a, label in stream if a.content_hash in story_of
    ]
    gold = [(c, label) for c, label in clusters if label is not None]
    precision, recall = _bcubed([c for c, _ in gold], [label for _, label in gold])
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    labelled_stories = {c for c, _ in gold}
    run = Run(
        seed=seed,
        precision=precision,
        recall=recall,
        f1=f1,
        ari=_ari([c for c, _ in gold], [label for _, label in gold]),
        merged=sum(1 for c, label in clusters if label is None and c in labelled_stories),
        distractors=sum(1 for _, label in clusters if label is None),
        seconds=seconds,
        sizes=[n for _, n in ranked],
        per_topic=_per_topic(gold),
        coherence=coherence,
    )
    return run, rows


def _coherence(ingestor: Ingestor, store: Store, story_id: int, limit: int = 100) -> float:
    """Mean cosine between two of the story's first ``limit`` non-copy members."""
    vectors = [ingestor.clusterer.vector(t) for _, t in store.story_member_terms(story_id)]
    pairs = list(itertools.combinations(vectors[:limit], 2))
    if not pairs:
        return 1.0
    total = sum(sum(w * b.get(t, 0.0) for t, w in a.items()) for a, b in pairs)
    return total / len(pairs)


def _labelled(data: Path) -> list[tuple[Article, str]]:
    items: list[tuple[Article, str]] = []
    for topic in sorted((data / "multiling2011-ar").iterdir()):
        for item in read_articles([str(topic / "docs")]):
            if isinstance(item, Article):
                items.append((item, topic.name))
    for item in read_articles([str(ROOT / "examples/aleppo-2016-12/manifest.jsonl")]):
        if isinstance(item, Article):
            items.append((item, "aleppo-2016-12"))
    return items


def _bcubed(clusters: list[int], labels: list[str]) -> tuple[float, float]:
    by_cluster = Counter(clusters)
    by_label = Counter(labels)
    both = Counter(zip(clusters, labels, strict=True))
    n = len(clusters)
    precision = sum(both[(c, lab)] / by_cluster[c] for c, lab in zip(clusters, labels, strict=True))
    recall = sum(both[(c, lab)] / by_label[lab] for c, lab in zip(clusters, labels, strict=True))
    return precision / n, recall / n


def _ari(clusters: list[int], labels: list[str]) -> float:
    def pairs(k: int) -> float:
        return k * (k - 1) / 2

    n = len(clusters)
    index = sum(pairs(v) for v in Counter(zip(clusters, labels, strict=True)).values())
    a = sum(pairs(v) for v in Counter(clusters).values())
    b = sum(pairs(v) for v in Counter(labels).values())
    expected = a * b / pairs(n)
    maximum = (a + b) / 2
    return (index - expected) / (maximum - expected) if maximum != expected else 1.0


def _per_topic(gold: list[tuple[int, str]]) -> list[tuple[str, int, int, int]]:
    parts: dict[str, Counter[int]] = defaultdict(Counter)
    for cluster, label in gold:
        parts[label][cluster] += 1
    return [(label, sum(c.values()), len(c), max(c.values())) for label, c in sorted(parts.items())]


def _near_duplicates(
    rows: list[tuple[int, str, str | None, int | None, int]], sample: int, rng: random.Random
) -> tuple[float, int, int, int]:
    normalize = get_language("ar").normalize
    text = {r[0]: normalize(r[1]) for r in rows}
    source = {r[0]: r[2] for r in rows}
    root = {r[0]: r[4] for r in rows}
    pairs = [(i, r) for i, r in root.items() if i != r]
    rng.shuffle(pairs)
    checked = pairs[:sample]
    good = sum(1 for a, b in checked if _ratio(text[a], text[b]) >= DIFFLIB_SAME)
    precision = good / len(checked) if checked else math.nan

    # Candidate copies share a word 8-gram (any pair with ratio >= 0.8 does in practice);
    # difflib then decides. This is independent of the MinHash detector being measured.
    grams: dict[int, set[int]] = defaultdict(set)
    for i, t in text.items():
        words = t.split()
        for k in range(len(words) - 7):
            grams[hash(" ".join(words[k : k + 8]))].add(i)
    spa = [r[0] for r in rows if SPA_MARK.search(r[1])]
    spa_total = spa_found = 0
    for i in spa:
        words = text[i].split()
        candidates = set()
        for k in range(len(words) - 7):
            candidates |= grams[hash(" ".join(words[k : k + 8]))]
        copies = [
            j
            for j in candidates
            if j != i and source[j] != source[i] and _ratio(text[i], text[j]) >= SPA_COPY
        ]
        if copies:
            spa_total += 1
            spa_found += any(root[j] == root[i] for j in copies)
    return precision, len(checked), spa_found, spa_total


def _ratio(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()


if __name__ == "__main__":
    sys.exit(main())
