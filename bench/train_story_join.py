"""Fit the story-level join model on the development days of the event gold, and its threshold.

Rows are the decisions the engine itself faces: each article of a gold day's window, in crawl
order, against every open story its candidate members belong to (``EventClusterer
.story_candidates``), with the stories the engine has built so far — not the gold's, so the
model sees the mixed, theme-like stories it must learn to refuse. A row is labelled when the
gold knows the answer: the article is a gold article and more than half of the story's open
members are of its event (positive), or more than half of the story is one gold event the
article is not in (negative; gold membership is complete within the window). Other rows are
left out.

Training is in rounds (as in imitation learning): round 0 collects rows while the earlier
pair rule decides; each later round refits on all rows so far and collects more while the new
model decides, so the model also sees the states its own choices lead to. The threshold for
opening a new story is then chosen by replaying the dev days and taking the best B³ F1.

    .venv/bin/python bench/train_story_join.py                 # fit, choose, write the model
    .venv/bin/python bench/train_story_join.py --cache /tmp/s.pkl   # keep the analysed days

The model is written to ``src/khulasa/stories/data/story_join.json``.
"""

from __future__ import annotations

import argparse
import json
import pickle
import sys
from collections import Counter
from dataclasses import replace
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import average_precision_score, roc_auc_score

sys.path.insert(0, str(Path(__file__).resolve().parent))
from event_eval import SPLITS
from khulasa.evaluation.events import score_partition
from khulasa.stories.events import EventClusterer, EventSettings
from khulasa.stories.joins import STORY_FEATURES, StoryJoinModel, shipped_story_model
from khulasa.stories.pairs import shipped_model
from train_same_event import Stream, load_stream

MODEL_PATH = Path(__file__).resolve().parents[1] / "src/khulasa/stories/data/story_join.json"
THRESHOLDS = (0.3, 0.4, 0.5)
BRIDGES = (0.7, 0.85)  # tried at the best threshold; 1.1 = never bridge
LINKS = ((0.3, 2), (0.3, 3), (0.5, 2), (0.5, 3))  # (link_p, link_count), then; 0 = never
VETOES = (0.0, 0.05, 0.15, 0.3)  # --veto: 0.0 is the pair rule alone, in the same run
ROUNDS = 2

Rows = list[tuple[list[float], int]]


def replay(
    stream: Stream, settings: EventSettings, story_model: StoryJoinModel | None, rows=None
) -> dict[str, int]:
    """Run the event clusterer over ``stream`` (``story_model=None``: the pair rule decides);
    collect labelled story rows into ``rows`` if given. Returns url → story."""
    df: Counter[str] = Counter()
    n = [0]
    if story_model is None:
        settings = replace(settings, decision="pairs")
    clusterer = EventClusterer(lambda: (df, n[0]), settings, shipped_model(), story_model)
    story_of: dict[str, int] = {}
    moved: dict[int, int] = {}
    for index, (url, (outlet, profile, terms, signature)) in enumerate(
        zip(stream.urls, stream.items, strict=True)
    ):
        n[0] += 1
        df.update(t for t, _ in terms)
        member = clusterer.member(index, outlet, profile, terms, signature)
        if rows is not None:
            for story_id, row, _ in clusterer.story_candidates(member):
                label = _label(stream, url, clusterer.stories[story_id].members)
                if label is not None:
                    rows.append((row, label))
        story, _, bridged = clusterer.decide_with_bridges(member)
        story = index if story is None else story
        for gone in bridged:
            clusterer.merge(gone, story)
            moved[gone] = story
        clusterer.add(member, story)
        story_of[url] = story
        if profile.day is not None and index % 200 == 0:
            clusterer.expire(profile.day)
    final = {}
    for url, story in story_of.items():
        while story in moved:
            story = moved[story]
        final[url] = story
    return final


def _label(stream: Stream, url: str, members: set[int]) -> int | None:
    """1: the story is mostly the article's event; 0: it holds none of it, or it is mostly
    a gold event the article is not in; None: the gold cannot say (or the story is mixed)."""
    if not members:
        return None
    mine = stream.gold_event.get(url)
    events = Counter(stream.gold_event.get(stream.urls[i]) for i in members)
    if mine is not None:
        share = events.get(mine, 0)
        if share == 0:
            return 0
        return 1 if share * 2 > len(members) else None
    held = max((c for e, c in events.items() if e is not None), default=0)
    return 0 if held * 2 > len(members) else None


def fit(rows: Rows, threshold: float = 0.5) -> StoryJoinModel:
    x = np.array([r[0] for r in rows], dtype=float)
    y = np.array([r[1] for r in rows])
    mean, scale = x.mean(axis=0), x.std(axis=0)
    scale[scale == 0] = 1.0
    lr = LogisticRegression(C=1.0, max_iter=3000).fit((x - mean) / scale, y)
    return StoryJoinModel(
        mean=np.round(mean, 6),
        scale=np.round(scale, 6),
        coef=np.round(lr.coef_[0], 6),
        intercept=round(float(lr.intercept_[0]), 6),
        threshold=threshold,
    )


def ranking(model: StoryJoinModel, rows: Rows) -> str:
    y = np.array([r[1] for r in rows])
    p = model.probability([r[0] for r in rows])
    return (
        f"{len(y)} rows ({int(y.sum())} positive), ROC AUC {roc_auc_score(y, p):.3f}, "
        f"average precision {average_precision_score(y, p):.3f}"
    )


def scored(streams: list[Stream], settings: EventSettings, model: StoryJoinModel | None):
    """Article-weighted B³ P, R, F1, pair P, pair R over the streams."""
    scores = [score_partition(s.events, replay(s, settings, model)) for s in streams]
    w = sum(s.articles for s in scores)
    p, r, pp, pr = (
        sum(getattr(s, f) * s.articles for s in scores) / w
        for f in ("precision", "recall", "pair_precision", "pair_recall")
    )
    return p, r, 2 * p * r / (p + r), pp, pr


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--cache", type=Path, help="pickle of the analysed dev days (made if absent)"
    )
    parser.add_argument(
        "--veto",
        action="store_true",
        help="keep the shipped story model; choose its veto over the pair rule (decision=veto)",
    )
    args = parser.parse_args()
    if args.cache and args.cache.exists():
        streams = pickle.loads(args.cache.read_bytes())
    else:
        streams = [load_stream(day) for day in SPLITS["dev1"]]
        if args.cache:
            args.cache.write_bytes(pickle.dumps(streams))
    settings = EventSettings()
    if args.veto:
        return choose_veto(streams, settings)
    rows: dict[str, Rows] = {s.day: [] for s in streams}
    model = None
    for round_ in range(ROUNDS):
        for stream in streams:
            replay(stream, settings, model, rows[stream.day])
        model = fit([r for day in rows.values() for r in day])
        print(f"round {round_}: {ranking(model, [r for d in rows.values() for r in d])}")
    a, b = (s.day for s in streams)
    print(f"fit {a}, score {b}: {ranking(fit(rows[a]), rows[b])}")
    print(f"fit {b}, score {a}: {ranking(fit(rows[b]), rows[a])}")
    assert model is not None
    weights = zip(STORY_FEATURES, model.coef, strict=True)
    for name, weight in sorted(weights, key=lambda kv: -abs(kv[1])):
        print(f"  {name:>20} {weight:+.3f}")
    print("| threshold | bridge | links | B³ P | B³ R | F1 | pair P | pair R |")
    print("|---|---|---|---|---|---|---|---|")
    best = (-1.0, 0.5, 1.1, 1.1, 0)

    def trial(threshold: float, bridge: float, link_p: float = 1.1, link_count: int = 0) -> None:
        nonlocal best
        tried = replace(
            model, threshold=threshold, bridge=bridge, link_p=link_p, link_count=link_count
        )
        p, r, f1, pp, pr = scored(streams, settings, tried)
        links = f"{link_p} × {link_count}" if link_count else "off"
        print(
            f"| {threshold} | {bridge} | {links} | {p:.3f} | {r:.3f} | {f1:.3f} | {pp:.3f} | "
            f"{pr:.3f} |",
            flush=True,
        )
        best = max(best, (f1, threshold, bridge, link_p, link_count))

    for threshold in THRESHOLDS:
        trial(threshold, 1.1)
    for bridge in BRIDGES:
        trial(best[1], bridge)
    for link_p, link_count in LINKS:
        trial(best[1], best[2], link_p, link_count)
    model = replace(model, threshold=best[1], bridge=best[2], link_p=best[3], link_count=best[4])
    about = {
        "trained_on": f"bench/gold/events, development days {', '.join(SPLITS['dev1'])}",
        "rows": sum(len(d) for d in rows.values()),
        "rounds": ROUNDS,
        "threshold_chosen_by": "best B³ F1 replaying the development days",
        "script": "bench/train_story_join.py",
    }
    MODEL_PATH.write_text(json.dumps(model.to_dict(**about), indent=1) + "\n", encoding="utf-8")
    print(f"wrote {MODEL_PATH} (F1 {best[0]:.3f}: threshold, bridge, links {best[1:]})")
    return 0


def choose_veto(streams: list[Stream], settings: EventSettings) -> int:
    """The pair rule proposes, the shipped story model vetoes: choose the veto on dev."""
    model = shipped_story_model()
    assert model is not None, "train the story model first"
    vetoing = replace(settings, decision="veto")
    print("| veto | B³ P | B³ R | F1 | pair P | pair R |")
    print("|---|---|---|---|---|---|")
    best = (-1.0, 0.0)
    for veto in VETOES:
        p, r, f1, pp, pr = scored(streams, vetoing, replace(model, veto=veto))
        print(f"| {veto} | {p:.3f} | {r:.3f} | {f1:.3f} | {pp:.3f} | {pr:.3f} |", flush=True)
        best = max(best, (f1, veto))
    data = json.loads(MODEL_PATH.read_text(encoding="utf-8"))
    data["veto"] = best[1]
    data["veto_chosen_by"] = "best B³ F1 replaying the development days (--veto)"
    MODEL_PATH.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {MODEL_PATH} (veto {best[1]}, F1 {best[0]:.3f})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
