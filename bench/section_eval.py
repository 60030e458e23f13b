"""Sections and topics of a real day's stories, against a blind reader's labels.

``listing`` ingests one SaudiNewsNet day into a fresh database (as a user would) and writes its
largest multi-outlet stories for a reader who never saw the code or its output: each story's
headline and member titles. The reader gives each story a section (world, local, economy,
sports, culture, opinion) and a running topic name (the same name for stories of one topic), one
JSON line a story: ``{"story": RANK, "section": "...", "topic": "..."}``.

``score`` ingests the day again (the engine is deterministic; the stories are matched by their
member URLs, not by rank, so the check fails loudly if they differ), places the stories
(each story's section is its members' most frequent, :mod:`khulasa.stories.sections`) and prints
section accuracy against the labels. It also scores a finer level, running topics, measured
and not shipped: the stories of one section grouped by average linkage over the cosine
distance of their weighted stems, cut at ``--distances``; the pairwise precision / recall and
B³ of that grouping against the reader's topics, beside leaving every story alone.

    .venv/bin/python bench/section_eval.py listing 2015-07-22 -o /tmp/sec/0722.md
    .venv/bin/python bench/section_eval.py score 2015-07-22 \
        --gold bench/gold/sections/2015-07-22.jsonl
"""

from __future__ import annotations

import argparse
import json
import math
import sys
import tempfile
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path

from scipy.cluster.hierarchy import fcluster, linkage
from scipy.sparse import csr_matrix

from khulasa.evaluation.events import score_partition
from khulasa.ingest.saudinewsnet import read_saudinewsnet
from khulasa.store import Store
from khulasa.stories.engine import Ingestor, IngestSettings
from khulasa.stories.sections import SECTIONS, SectionModel, Terms, shipped_section_model

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data" / "saudinewsnet"
TITLES = 8  # member titles shown a reader
TOPIC_DISTANCE = 0.85  # where the topic grouping is cut: chosen on the dev day, 2015-08-02


@dataclass(frozen=True)
class ListedStory:
    story_id: int
    section: str | None
    titles: Sequence[str]
    members: Sequence[Terms]


def story_vector(model: SectionModel, members: Sequence[Terms]) -> dict[str, float]:
    """A story's stems: each member's tf-idf, l2-normalised (a long article does not outweigh
    the rest), summed and normalised again. Numbers name no topic."""
    total: Counter[str] = Counter()
    for terms in members:
        weights = {t: (1.0 + math.log(n)) * _idf(model, t) for t, n in terms if n > 0}
        norm = math.sqrt(sum(w * w for w in weights.values())) or 1.0
        for t, w in weights.items():
            if not t.isdigit():
                total[t] += w / norm
    norm = math.sqrt(sum(w * w for w in total.values())) or 1.0
    return {t: w / norm for t, w in total.items()}


def _idf(model: SectionModel, stem: str) -> float:
    """The training articles' idf; a stem they never had (kept under three times) is rare."""
    i = model.index.get(stem)
    return float(model.idf[i]) if i is not None else float(model.idf.max())


def group_topics(stories: Sequence[ListedStory], model: SectionModel, distance: float) -> list:
    """A topic label per story (None: alone). Within a section, average linkage over the cosine
    distance of the story vectors, cut at ``distance``; a group needs two stories."""
    vectors = [story_vector(model, s.members) for s in stories]
    labels: list[str | None] = [None] * len(stories)
    for section in sorted({s.section for s in stories if s.section}):
        ids = [i for i, s in enumerate(stories) if s.section == section]
        if len(ids) < 2:
            continue
        matrix = _matrix([vectors[i] for i in ids])
        similarity = (matrix @ matrix.T).toarray()
        condensed = [
            max(0.0, 1.0 - similarity[a, b])
            for a in range(len(ids))
            for b in range(a + 1, len(ids))
        ]
        flat = fcluster(linkage(condensed, method="average"), t=distance, criterion="distance")
        sizes = Counter(flat)
        for k, i in enumerate(ids):
            labels[i] = f"{section}-{flat[k]}" if sizes[flat[k]] > 1 else None
    return labels


def _matrix(vectors: Sequence[dict[str, float]]) -> csr_matrix:
    vocabulary: dict[str, int] = {}
    rows, cols, vals = [], [], []
    for i, vector in enumerate(vectors):
        for t, w in vector.items():
            rows.append(i)
            cols.append(vocabulary.setdefault(t, len(vocabulary)))
            vals.append(w)
    return csr_matrix((vals, (rows, cols)), shape=(len(vectors), max(len(vocabulary), 1)))


def day_stories(day: str, count: int) -> list[tuple[str | None, list[dict], ListedStory]]:
    """``(headline, members, the story as placing reads it)`` of the day's largest stories."""
    with tempfile.TemporaryDirectory() as folder, Store(Path(folder) / "d.db") as store:
        Ingestor(store, IngestSettings()).run(read_saudinewsnet(DATA / f"{day}.zip"))
        rows = store.list_stories(min_sources=2, limit=count)
        out = []
        for r in rows:
            members = store.story_members(r.id)
            titles = [str(m["title"]) for m in members if m["title"]]
            terms = [t for _, t in store.story_member_terms(r.id)]
            out.append((r.headline, members, ListedStory(r.id, r.section, titles, terms)))
        return out


def listing(args: argparse.Namespace) -> int:
    stories = day_stories(args.day, args.stories)
    out = [f"# The {len(stories)} largest multi-outlet stories of {args.day}", ""]
    urls = {}
    for rank, (headline, members, _) in enumerate(stories, start=1):
        out += [f"## Story {rank} ({len(members)} articles)", "", f"Headline: {headline}", ""]
        seen = list(dict.fromkeys(str(m["title"]) for m in members if m["title"]))
        out += [f"- {title}" for title in seen[:TITLES]]
        out.append("")
        urls[rank] = sorted(str(m["url"]) for m in members)
    args.output.write_text("\n".join(out) + "\n", encoding="utf-8")
    args.output.with_suffix(".urls.json").write_text(json.dumps(urls), encoding="utf-8")
    print(f"wrote {args.output} and {args.output.with_suffix('.urls.json')}")
    return 0


def score(args: argparse.Namespace) -> int:
    gold = {}
    for line in args.gold.read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            if row["section"] not in SECTIONS:
                raise SystemExit(
                    f"{args.gold}: story {row['story']}: no section {row['section']!r}"
                )
            gold[int(row["story"])] = row
    stories = day_stories(args.day, max(gold))
    expected = json.loads(args.gold.with_suffix(".urls.json").read_text(encoding="utf-8"))
    for rank, (_, members, _) in enumerate(stories, start=1):
        if str(rank) in expected and sorted(str(m["url"]) for m in members) != expected[str(rank)]:
            print(
                f"story {rank} differs from the one labelled: the engine changed", file=sys.stderr
            )
            return 2
    model = shipped_section_model()
    assert model is not None
    listed = [story for _, _, story in stories]
    ranks = [r for r in range(1, len(stories) + 1) if r in gold]
    right = sum(listed[r - 1].section == gold[r]["section"] for r in ranks)
    confusion = Counter(
        (gold[r]["section"], listed[r - 1].section)
        for r in ranks
        if listed[r - 1].section != gold[r]["section"]
    )
    print(
        f"| day | stories | section accuracy |\n|---|---|---|\n| {args.day} | {len(ranks)} "
        f"| {right / len(ranks):.3f} ({right}/{len(ranks)}) |"
    )
    print("\nsection errors (reader → model):", dict(confusion.most_common()))
    gold_topic = {r: str(gold[r]["topic"]) for r in ranks}  # a topic may span two sections
    print(
        "\n| topics cut at | gold topic pairs | pairs grouped | pair P | pair R | B³ P | B³ R "
        "| B³ F1 |\n|---|---|---|---|---|---|---|---|"
    )
    for distance in args.distances:
        labels = group_topics(listed, model, distance)
        ours = {r: labels[r - 1] or f"alone-{r}" for r in ranks}
        print(_topic_row(f"{distance:g}", gold_topic, ours))
    lone = {r: f"alone-{r}" for r in ranks}
    print(_topic_row("every story alone", gold_topic, lone))
    return 0


def _topic_row(name: str, gold: dict[int, str], guess: dict[int, str]) -> str:
    pairs = list(combinations(sorted(gold), 2))
    same_gold = {p for p in pairs if gold[p[0]] == gold[p[1]]}
    same_guess = {p for p in pairs if guess[p[0]] == guess[p[1]]}
    hit = len(same_gold & same_guess)
    precision = hit / len(same_guess) if same_guess else 1.0
    recall = hit / len(same_gold) if same_gold else 1.0
    groups: dict[str, set[str]] = {}
    for rank, topic in gold.items():
        groups.setdefault(topic, set()).add(str(rank))
    ids = {label: i for i, label in enumerate(sorted(set(guess.values())))}
    b3 = score_partition(
        [frozenset(g) for g in groups.values()], {str(r): ids[t] for r, t in guess.items()}
    )
    return (
        f"| {name} | {len(same_gold)} | {len(same_guess)} | {precision:.3f} | {recall:.3f} "
        f"| {b3.precision:.3f} | {b3.recall:.3f} | {b3.f1:.3f} |"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(required=True)
    one = sub.add_parser("listing")
    one.add_argument("day")
    one.add_argument("--stories", type=int, default=80)
    one.add_argument("-o", "--output", type=Path, required=True)
    one.set_defaults(func=listing)
    two = sub.add_parser("score")
    two.add_argument("day")
    two.add_argument("--gold", type=Path, required=True)
    two.add_argument(
        "--distances",
        type=float,
        nargs="+",
        default=[TOPIC_DISTANCE],
        metavar="D",
        help=f"where the topic grouping is cut (default: the shipped {TOPIC_DISTANCE})",
    )
    two.set_defaults(func=score)
    args = parser.parse_args()
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
