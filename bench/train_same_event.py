"""Fit the same-event model on the development days of the event gold, and choose the story bar.

Pairs are the ones the engine itself would score: each article of a gold day's window
(SaudiNewsNet crawl days within ±2 days), in crawl order, against the open members its rare
title/lead terms find (``EventClusterer.candidates``). A pair is labelled when one side is a
gold article: positive when both are in one gold event, negative otherwise — membership is
complete within the window, so a non-member is known not to be the event. Pairs of two
unlabelled articles are not used.

    .venv/bin/python bench/train_same_event.py            # fit, report, write the model
    .venv/bin/python bench/train_same_event.py --tune     # also choose join and top_k

The model is written to ``src/khulasa/stories/data/same_event.json``; with the same corpus and
gold the file comes out byte for byte the same.
"""

from __future__ import annotations

import argparse
import json
import pickle
import sys
from collections import Counter
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np
from scipy.sparse import csr_matrix, hstack
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import average_precision_score, log_loss, roc_auc_score

sys.path.insert(0, str(Path(__file__).resolve().parent))
from event_eval import GOLD, SPLITS, window
from khulasa.evaluation.events import load_event_gold, score_partition
from khulasa.ingest.saudinewsnet import read_saudinewsnet
from khulasa.language import get_language
from khulasa.model import Article
from khulasa.stories.analyze import Analyzer
from khulasa.stories.events import EventClusterer, EventSettings
from khulasa.stories.pairs import FEATURES, SameEventModel, pair_features, title_words
from khulasa.stories.profile import build_profile

MODEL_PATH = Path(__file__).resolve().parents[1] / "src/khulasa/stories/data/same_event.json"
CACHE = Path("/tmp/khulasa-event-lab")  # bench/event_lab.py dump keeps the analysed streams here
MIN_WORD_PAIRS = 5  # a title word feature seen in fewer training pairs gets no weight
WORD_C = 0.1  # the L2 strength over the word features (and the rest): chosen leave-one-day-out
WORD_WEIGHT_MIN = 1e-3  # smaller learned weights are not shipped


@dataclass
class Stream:
    """One gold day's window, analysed once: what the clusterer needs per article."""

    day: str
    urls: list[str]
    items: list[tuple[str | None, object, tuple, bytes]]  # outlet, profile, terms, signature
    gold_event: dict[str, int]  # url → event index
    events: tuple


def load_stream(day: str) -> Stream:
    analyzer = Analyzer(get_language("ar"))
    gold = load_event_gold(GOLD, day)
    urls, items = [], []
    for path in window(day):
        for article in read_saudinewsnet(path):
            if not isinstance(article, Article):
                continue
            analysis = analyzer(article.content)
            profile = build_profile(analyzer, article.title, article.content, article.published)
            urls.append(article.url)
            items.append((article.source, profile, analysis.term_counts, analysis.signature))
    event_of = {url: i for i, event in enumerate(gold.events) for url in event}
    return Stream(day, urls, items, event_of, gold.events)


def _cached_stream(day: str) -> Stream:
    """The analysed window of ``day`` from ``bench/event_lab.py dump``'s cache, else analysed."""
    path = CACHE / f"stream-{day}.pkl"
    if path.exists():
        with open(path, "rb") as handle:
            return pickle.load(handle)
    return load_stream(day)


def replay(stream: Stream, model: SameEventModel | None, settings: EventSettings, pairs=None):
    """Run the clusterer over the stream; collect labelled pairs into ``pairs`` if given.

    With ``model=None`` (collecting pairs for the first fit) each article is filed under its
    gold event so the stories are right; only candidates matter then."""
    df: Counter[str] = Counter()
    n = [0]
    clusterer = EventClusterer(lambda: (df, n[0]), settings, model or _NULL)
    story_of: dict[str, int] = {}
    moved: dict[int, int] = {}  # stories merged into another
    for index, (url, (outlet, profile, terms, signature)) in enumerate(
        zip(stream.urls, stream.items, strict=True)
    ):
        n[0] += 1
        df.update(t for t, _ in terms)
        member = clusterer.member(index, outlet, profile, terms, signature)
        if pairs is not None:
            for other in clusterer.candidates(member):
                label = _label(stream, url, stream.urls[other.article_id])
                if label is not None:
                    pairs.append((pair_features(member, other), label, title_words(member, other)))
        if model is None:
            story = stream.gold_event.get(url, 10**6 + index)
        else:
            story, _, bridged = clusterer.decide_with_bridges(member)
            story = index if story is None else story
            for gone in bridged:
                clusterer.merge(gone, story)
                moved[gone] = story
        clusterer.add(member, story)
        story_of[url] = story
        if profile.day is not None and index % 200 == 0:
            clusterer.expire(profile.day)
    return {url: _final(moved, story) for url, story in story_of.items()}


def _final(moved: dict[int, int], story: int) -> int:
    while story in moved:
        story = moved[story]
    return story


class _Null:
    """The model of a replay that only collects candidates: every pair scores zero."""

    def score(self, a, others):
        return [], [0.0] * len(others)


_NULL = _Null()


def _label(stream: Stream, a: str, b: str) -> int | None:
    ea, eb = stream.gold_event.get(a), stream.gold_event.get(b)
    if ea is None and eb is None:
        return None
    return int(ea is not None and ea == eb)


def fit(by_day: dict[str, list[tuple]], words: bool = True) -> SameEventModel:
    """Logistic regression over the pairs of several days, each day weighing the same in total:
    one day's big event (2015-08-07's bombing gives 16,700 positive pairs, the other days
    550–4,100) would otherwise teach the model that day's wording. Measured leave-one-day-out
    on the six labelled days, the weighting raised average precision on five of them by
    0.004–0.035 and left one equal.

    With ``words``, each title word feature seen in at least ``MIN_WORD_PAIRS`` training pairs
    is a binary column beside the standardised features, L2-regularised at ``WORD_C``
    (``bench/event_words.py``: leave-one-day-out AP 0.693 → 0.749 on the dev days)."""
    days = [rows for rows in by_day.values() if rows]
    x = np.array([p[0] for rows in days for p in rows], dtype=float)
    y = np.array([p[1] for rows in days for p in rows])
    weight = np.concatenate([np.full(len(rows), 1.0 / len(rows)) for rows in days])
    weight *= len(weight) / weight.sum()
    mean, scale = x.mean(axis=0), x.std(axis=0)
    scale[scale == 0] = 1.0
    dense = (x - mean) / scale
    if not words:
        lr = LogisticRegression(C=1.0, max_iter=3000).fit(dense, y, sample_weight=weight)
        return SameEventModel(
            mean=np.round(mean, 6),
            scale=np.round(scale, 6),
            coef=np.round(lr.coef_[0], 6),
            intercept=round(float(lr.intercept_[0]), 6),
        )
    seen = Counter(w for rows in days for p in rows for w in set(p[2]))
    vocabulary = sorted(w for w, n in seen.items() if n >= MIN_WORD_PAIRS)
    index = {w: len(FEATURES) + i for i, w in enumerate(vocabulary)}
    cells = [
        (r, index[w])
        for r, p in enumerate(p for rows in days for p in rows)
        for w in p[2]
        if w in index
    ]
    words_part = csr_matrix(
        (np.ones(len(cells)), ([c[0] for c in cells], [c[1] - len(FEATURES) for c in cells])),
        shape=(len(y), len(vocabulary)),
    )
    matrix = hstack([csr_matrix(dense), words_part]).tocsr()
    lr = LogisticRegression(C=WORD_C, max_iter=5000, solver="liblinear", random_state=0)
    lr.fit(matrix, y, sample_weight=weight)
    coef = lr.coef_[0]
    learned = {
        w: round(float(coef[i]), 4) for w, i in index.items() if abs(coef[i]) >= WORD_WEIGHT_MIN
    }
    return SameEventModel(
        mean=np.round(mean, 6),
        scale=np.round(scale, 6),
        coef=np.round(coef[: len(FEATURES)], 6),
        intercept=round(float(lr.intercept_[0]), 6),
        words=learned,
    )


def report(model: SameEventModel, pairs, name: str) -> str:
    y = np.array([p[1] for p in pairs])
    logits = [sum(model.words.get(w, 0.0) for w in r[2]) for r in pairs]
    p = model.probability([r[0] for r in pairs], logits)
    return (
        f"{name}: {len(y)} pairs ({int(y.sum())} positive), ROC AUC {roc_auc_score(y, p):.3f}, "
        f"average precision {average_precision_score(y, p):.3f}, log loss {log_loss(y, p):.3f}"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--tune", action="store_true", help="choose join and top_k on dev")
    args = parser.parse_args()
    settings = EventSettings()
    streams = [_cached_stream(day) for day in SPLITS["dev"]]
    pairs = {s.day: [] for s in streams}
    for stream in streams:
        replay(stream, None, settings, pairs[stream.day])
    # Cross-day check first: each day scored by a model fitted on the others.
    for day in pairs:
        rest = {d: rows for d, rows in pairs.items() if d != day}
        print(report(fit(rest, words=False), pairs[day], f"no words: fit on the others, {day}"))
        print(report(fit(rest), pairs[day], f"fit on the others, score {day}"), flush=True)
    every = [row for rows in pairs.values() for row in rows]
    model = fit(pairs)
    print(report(model, every, "fit and score all (training fit)"))
    print(f"  {len(model.words)} title word weights")
    for name, weight in sorted(zip(FEATURES, model.coef, strict=True), key=lambda kv: -abs(kv[1])):
        print(f"  {name:>18} {weight:+.3f}")
    if args.tune:
        grid = [(j, k, 1.1) for j in (0.3, 0.4, 0.5) for k in (2, 3)]
        print("| join | top_k | bridge | B³ P | B³ R | F1 | pair P | pair R |")
        for join, top_k, bridge in grid:
            tuned = replace(settings, join=join, top_k=top_k, bridge=bridge)
            scores = [score_partition(s.events, replay(s, model, tuned)) for s in streams]
            w = sum(s.articles for s in scores)
            mean = [
                sum(getattr(s, f) * s.articles for s in scores) / w
                for f in ("precision", "recall", "pair_precision", "pair_recall")
            ]
            f1 = 2 * mean[0] * mean[1] / (mean[0] + mean[1])
            print(
                f"| {join} | {top_k} | {bridge} | {mean[0]:.3f} | {mean[1]:.3f} | {f1:.3f} | "
                f"{mean[2]:.3f} | {mean[3]:.3f} |",
                flush=True,
            )
    about = {
        "trained_on": f"bench/gold/events, development days {', '.join(SPLITS['dev'])}",
        "pairs": len(every),
        "weighting": "each day the same total weight",
        "word_features": f"title words seen in >= {MIN_WORD_PAIRS} pairs, C {WORD_C}",
        "script": "bench/train_same_event.py",
    }
    MODEL_PATH.parent.mkdir(parents=True, exist_ok=True)
    MODEL_PATH.write_text(json.dumps(model.to_dict(**about), indent=1) + "\n", encoding="utf-8")
    print(f"wrote {MODEL_PATH}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
