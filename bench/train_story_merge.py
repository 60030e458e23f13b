"""Fit the story-merge model (should two stories be one?) on the development days of the event gold.

Round 3 found that a merge pass over the pair probabilities rejoins the big events the engine
splits (B³ F1 0.679 → 0.757 on the dev days) but also joins stories of the same kind (pair
precision 0.732 → 0.586). Here the merge is a decision learned from the gold instead of a count
against a hand-set bar: each pair of stories linked by a strong cross pair gets story-level
features (the cross pairs, the stories' core terms and numbers, their days and outlets), is
labelled by whether merging them raises the day's B³ on the gold, and a logistic regression is
fitted on them. Each day is first merged by a model fitted on the five others (leave one day
out: the table), then the shipped model is fitted on all six and written to
``src/khulasa/stories/data/story_merge.json`` (byte for byte the same on every run).

    .venv/bin/python bench/event_lab.py dump          # once: the dev streams (cache)
    .venv/bin/python bench/train_story_merge.py       # the table, and the model
"""

from __future__ import annotations

import argparse
import json
import pickle
import sys
from collections import Counter, defaultdict
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression

sys.path.insert(0, str(Path(__file__).resolve().parent))
from event_eval import SPLITS
from event_lab import _load
from khulasa.evaluation.events import score_partition
from khulasa.stories.events import EventClusterer, EventSettings
from khulasa.stories.merge import (
    MERGE_FEATURES,
    StoryMergeModel,
    StoryView,
    cross_links,
    merge_features,
)
from khulasa.stories.pairs import shipped_model
from train_same_event import replay

DAYS = SPLITS["dev"]
MODEL_PATH = Path(__file__).resolve().parents[1] / "src/khulasa/stories/data/story_merge.json"
GATE = StoryMergeModel(np.zeros(0), np.ones(0), np.zeros(0), 0.0)  # the gate's defaults


def record(day: str, cache: Path) -> tuple[object, dict[str, int], list, dict]:
    """Replay the shipped engine over a day, keeping every scored pair and every member."""
    stream = _load(cache, "stream", day)
    pairs: list[tuple[int, int, float]] = []
    members: dict = {}
    original_candidates, original_add = EventClusterer.story_candidates, EventClusterer.add

    def recording(self, member, features=True):  # type: ignore[no-untyped-def]
        found = self.candidates(member)
        if found:
            _, p = self.model.score(member, found)
            pairs.extend(
                (member.article_id, o.article_id, q) for o, q in zip(found, p, strict=True)
            )
        return original_candidates(self, member, features)

    def adding(self, member, story_id):  # type: ignore[no-untyped-def]
        members[member.article_id] = member
        return original_add(self, member, story_id)

    EventClusterer.story_candidates = recording  # type: ignore[method-assign]
    EventClusterer.add = adding  # type: ignore[method-assign]
    try:
        part = replay(stream, shipped_model(), EventSettings(merge=False))
    finally:
        EventClusterer.story_candidates = original_candidates  # type: ignore[method-assign]
        EventClusterer.add = original_add  # type: ignore[method-assign]
    return stream, part, pairs, members


def _local_gain(stream, story_members: dict[int, list[int]], a: int, b: int) -> float:
    """How much B³ (precision + recall, summed over gold articles) merging ``a`` and ``b`` adds."""
    urls = stream.urls
    event_size = Counter(stream.gold_event.values())

    def score(groups: list[list[int]]) -> float:
        total = 0.0
        for group in groups:
            events = Counter(stream.gold_event.get(urls[i]) for i in group)
            for i in group:
                e = stream.gold_event.get(urls[i])
                if e is None:
                    continue
                total += events[e] / len(group) + events[e] / event_size[e]
        return total

    before = score([story_members[a], story_members[b]])
    return score([story_members[a] + story_members[b]]) - before


def day_rows(day: str, cache: Path) -> dict:
    """Every candidate merge of a day's replay: its features and its B³ gain on the gold."""
    stream, part, pairs, members = record(day, cache)
    index = {url: i for i, url in enumerate(stream.urls)}
    story_members: dict[int, list[int]] = defaultdict(list)
    for url, story in part.items():
        story_members[story].append(index[url])
    story_of = {i: part[u] for u, i in index.items()}
    links = cross_links(pairs, story_of)
    df: Counter[str] = Counter()  # the stream's document frequencies, as the engine keeps them
    for _, _, terms, _ in stream.items:
        df.update(t for t, _ in terms)
    views = {
        s: StoryView.of([members[i] for i in ids if i in members])
        for s, ids in story_members.items()
    }
    keys, rows, gains, gated = [], [], [], []
    for (a, b), link in sorted(links.items()):
        rows.append(merge_features(views[a], views[b], link, df, len(stream.urls)))
        gains.append(_local_gain(stream, story_members, a, b))
        gated.append(GATE.gate(link, min(views[a].size, views[b].size)))
        keys.append((a, b))
    return {
        "stream": stream,
        "part": part,
        "keys": keys,
        "x": np.array(rows, dtype=float).reshape(-1, len(MERGE_FEATURES)),
        "gain": np.array(gains),
        "gated": np.array(gated, dtype=bool),
    }


def fit(days: list[dict], bar: float = 0.5) -> StoryMergeModel:
    """Logistic regression over the gated candidates whose merge changes B³ on the gold, each
    weighted by how much it changes (rejoining two halves of a 500-article event outweighs a
    singleton) and each day weighing the same in total; classes balanced, as merges that help
    are a few percent of the candidates."""
    x, y, w = [], [], []
    for d in days:
        keep = d["gated"] & (d["gain"] != 0)
        if not keep.any():
            continue
        x.append(d["x"][keep])
        y.append((d["gain"][keep] > 0).astype(int))
        gain = np.abs(d["gain"][keep])
        w.append(gain / gain.sum())
    xs, ys, ws = np.vstack(x), np.concatenate(y), np.concatenate(w)
    ws = ws * len(ws) / ws.sum()
    mean, scale = xs.mean(axis=0), xs.std(axis=0)
    scale[scale == 0] = 1.0
    lr = LogisticRegression(C=1.0, max_iter=3000, class_weight="balanced")
    lr.fit((xs - mean) / scale, ys, sample_weight=ws)
    return StoryMergeModel(
        mean=np.round(mean, 6),
        scale=np.round(scale, 6),
        coef=np.round(lr.coef_[0], 6),
        intercept=round(float(lr.intercept_[0]), 6),
        bar=bar,
        need=GATE.need,
        share=GATE.share,
    )


def apply(part: dict[str, int], keys: list, p: np.ndarray, bar: float) -> dict[str, int]:
    parent: dict[int, int] = {}

    def root(x: int) -> int:
        while parent.get(x, x) != x:
            x = parent[x]
        return x

    for (a, b), q in sorted(zip(keys, p, strict=True), key=lambda kv: -kv[1]):
        if q >= bar:
            ra, rb = root(a), root(b)
            if ra != rb:
                parent[max(ra, rb)] = min(ra, rb)
    return {u: root(s) for u, s in part.items()}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cache", type=Path, default=Path("/tmp/khulasa-event-lab"))
    parser.add_argument("--bars", type=float, nargs="*", default=[0.3, 0.5, 0.7])
    parser.add_argument("--bar", type=float, default=0.5, help="the bar shipped")
    parser.add_argument("--fresh", action="store_true", help="recompute the cached replays")
    args = parser.parse_args()
    data = {}
    for day in DAYS:
        cached = args.cache / f"merge-{day}.pkl"
        if cached.exists() and not args.fresh:
            data[day] = pickle.loads(cached.read_bytes())
        else:
            data[day] = day_rows(day, args.cache)
            cached.write_bytes(pickle.dumps(data[day]))
        d = data[day]
        print(
            f"{day}: {len(d['keys'])} linked story pairs, {int(d['gated'].sum())} gated, "
            f"{int((d['gain'] > 0).sum())} that help",
            flush=True,
        )
    variants = {"none": {d: np.zeros(len(data[d]["keys"])) for d in DAYS}}
    variants["gate alone (round 3's count rule)"] = {
        d: data[d]["gated"].astype(float) for d in DAYS
    }
    for day in DAYS:
        model = fit([data[d] for d in DAYS if d != day])
        p = model.probability(data[day]["x"].tolist())
        for bar in args.bars:
            chosen = (p >= bar) & data[day]["gated"]
            variants.setdefault(f"gate + model ≥ {bar}", {})[day] = chosen.astype(float)
    print("\nEach day merged by a model fitted on the five others:\n")
    print("| merge | B³ P | B³ R | F1 | pair P | pair R | " + " | ".join(DAYS) + " |")
    print("|---" * (6 + len(DAYS)) + "|")
    for name, decided in variants.items():
        scores = [
            score_partition(
                data[d]["stream"].events, apply(data[d]["part"], data[d]["keys"], decided[d], 0.5)
            )
            for d in DAYS
        ]
        w = sum(s.articles for s in scores)
        p, r, pp, pr = (
            sum(getattr(s, f) * s.articles for s in scores) / w
            for f in ("precision", "recall", "pair_precision", "pair_recall")
        )
        print(
            f"| {name} | {p:.3f} | {r:.3f} | {2 * p * r / (p + r):.3f} | {pp:.3f} | {pr:.3f} | "
            + " | ".join(f"{s.f1:.3f}" for s in scores)
            + " |",
            flush=True,
        )
    model = fit(list(data.values()), bar=args.bar)
    about = {
        "trained_on": f"bench/gold/events, development days {', '.join(DAYS)}",
        "candidates": int(sum(d["gated"].sum() for d in data.values())),
        "script": "bench/train_story_merge.py",
    }
    MODEL_PATH.write_text(json.dumps(model.to_dict(**about), indent=1) + "\n", encoding="utf-8")
    print(f"\nwrote {MODEL_PATH}")
    for name, weight in sorted(
        zip(MERGE_FEATURES, model.coef, strict=True), key=lambda kv: -abs(kv[1])
    ):
        print(f"  {name:>18} {weight:+.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
