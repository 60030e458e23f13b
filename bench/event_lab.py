"""Round-3 experiments on the same-event decision, measured on the development days only.

Reproduces the tables of ``bench/results/events.md`` ("Round 3") that are not the engine's own
benchmark: leave-one-day-out average precision with and without the day weighting, title
entities and degree-2 interactions; the reach of the candidate pairs; and an offline
story-merge pass over the pair probabilities of a replay. Nothing here changes the engine.

    .venv/bin/python bench/event_lab.py dump        # analyse the dev windows once (cache)
    .venv/bin/python bench/event_lab.py lodo        # the feature / weighting table
    .venv/bin/python bench/event_lab.py reach       # the candidate pairs' reach
    .venv/bin/python bench/event_lab.py merge       # the story-merge grid
    .venv/bin/python bench/event_lab.py restart     # an ingest cut in two against one run

The cache (``--cache``, default ``/tmp/khulasa-event-lab``) holds pickles of each day's stream,
its labelled candidate pairs, its title entities and the replay's pair probabilities.
"""

from __future__ import annotations

import argparse
import math
import pickle
import sys
from collections import Counter
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import average_precision_score
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import PolynomialFeatures, StandardScaler

sys.path.insert(0, str(Path(__file__).resolve().parent))
from event_eval import SPLITS, window
from khulasa.evaluation.events import score_partition
from khulasa.ingest.saudinewsnet import read_saudinewsnet
from khulasa.language import get_language
from khulasa.model import Article
from khulasa.stories.analyze import Analyzer
from khulasa.stories.events import EventClusterer, EventSettings
from khulasa.stories.pairs import pair_features, shipped_model
from train_same_event import _NULL, _label, load_stream, replay

DAYS = SPLITS["dev"]


def _load(cache: Path, kind: str, day: str) -> object:
    with open(cache / f"{kind}-{day}.pkl", "rb") as handle:
        return pickle.load(handle)


def _save(cache: Path, kind: str, day: str, value: object) -> None:
    with open(cache / f"{kind}-{day}.pkl", "wb") as handle:
        pickle.dump(value, handle)


def dump(cache: Path) -> None:
    """Each dev day's stream, its labelled candidate pairs (with article indices) and the
    tagger's entities of each title."""
    from khulasa.facts.tagger import load_tagger

    tagger, analyzer = load_tagger(), Analyzer(get_language("ar"))
    for day in DAYS:
        stream = load_stream(day)
        df: Counter[str] = Counter()
        n = [0]
        clusterer = EventClusterer(lambda df=df, n=n: (df, n[0]), EventSettings(), _NULL)
        rows = []
        for i, (url, (outlet, profile, terms, signature)) in enumerate(
            zip(stream.urls, stream.items, strict=True)
        ):
            n[0] += 1
            df.update(t for t, _ in terms)
            member = clusterer.member(i, outlet, profile, terms, signature)
            for other in clusterer.candidates(member):
                label = _label(stream, url, stream.urls[other.article_id])
                if label is not None:
                    rows.append((i, other.article_id, pair_features(member, other), label))
            clusterer.add(member, stream.gold_event.get(url, 10**6 + i))
            if profile.day is not None and i % 200 == 0:
                clusterer.expire(profile.day)
        entities = []
        for path in window(day):
            for article in read_saudinewsnet(path):
                if isinstance(article, Article):
                    spans = tagger.tag(article.title) if article.title else []
                    found = [(s.label, tuple(analyzer.words(s.text)[1])) for s in spans]
                    entities.append([(label, terms) for label, terms in found if terms])
        _save(cache, "stream", day, stream)
        _save(cache, "pairs", day, rows)
        _save(cache, "entities", day, entities)
        print(day, len(stream.urls), "articles,", len(rows), "labelled pairs", flush=True)


def _entity_columns(cache: Path, day: str, rows: list) -> np.ndarray:
    """Shared title entities, and per class the entities of one title the other never says."""
    stream, entities = _load(cache, "stream", day), _load(cache, "entities", day)
    said = [{t for t, _ in terms} | set(p.title) | set(p.lead) for _, p, terms, _ in stream.items]

    def missing(mine: list, theirs: set[str], label: str) -> int:
        return sum(1 for lab, terms in mine if lab == label and not any(t in theirs for t in terms))

    out = []
    for i, j, _, _ in rows:
        shared = len(set(entities[i]) & set(entities[j]))
        out.append(
            [math.log1p(shared)]
            + [
                math.log1p(max(missing(entities[i], said[j], c), missing(entities[j], said[i], c)))
                for c in ("LOC", "PER", "ORG")
            ]
        )
    return np.array(out)


def _gap_columns(x: np.ndarray) -> np.ndarray:
    """The readers' third error (one bulletin's days joined): title similarity times the day
    gap, title × body times the gap, and the gap of near-identical titles."""
    title, gap, title_body = x[:, 0], x[:, 10], x[:, 14]
    return np.column_stack([x, title * gap, title_body * gap, (title > 0.6) * gap])


def restart(cache: Path) -> None:
    """Stories of a window ingested in one run against two runs of half each (one store)."""
    import tempfile

    from event_eval import GOLD
    from khulasa.evaluation.events import load_event_gold
    from khulasa.store import Store
    from khulasa.stories.engine import Ingestor, IngestSettings

    day = "2015-08-02"
    items = [item for path in window(day) for item in read_saudinewsnet(path)]

    def run(parts: list[list]) -> dict[str, int]:
        with tempfile.TemporaryDirectory() as folder, Store(Path(folder) / "e.db") as store:
            for part in parts:
                Ingestor(store, IngestSettings()).run(part)
            rows = store.conn.execute("SELECT url, story_id FROM articles WHERE url IS NOT NULL")
            return dict(rows.fetchall())

    half = len(items) // 2
    one, two = run([items]), run([items[:half], items[half:]])
    gold = load_event_gold(GOLD, day)
    print(f"{day} gold, one run: F1 {score_partition(gold.events, one).f1:.3f}")
    print(f"{day} gold, two runs: F1 {score_partition(gold.events, two).f1:.3f}")
    groups: dict[int, set[str]] = {}
    for url, story in one.items():
        groups.setdefault(story, set()).add(url)
    agree = score_partition([frozenset(g) for g in groups.values()], two)
    print(f"two runs against one: B³ P {agree.precision:.3f} R {agree.recall:.3f}")


def lodo(cache: Path) -> None:
    """Average precision on each day of a model fitted on the five others."""
    data = {}
    for day in DAYS:
        rows = _load(cache, "pairs", day)
        x = np.array([r[2] for r in rows], dtype=float)
        data[day] = (x, _entity_columns(cache, day, rows), np.array([r[3] for r in rows]))
    variants = {
        "unweighted": (lambda d: data[d][0], False, False),
        "each day the same weight": (lambda d: data[d][0], True, False),
        "+ title entities": (lambda d: np.column_stack(data[d][:2]), True, False),
        "degree-2 interactions": (lambda d: data[d][0], True, True),
        "+ title × day-gap interactions": (lambda d: _gap_columns(data[d][0]), True, False),
    }
    print("| variant | " + " | ".join(DAYS) + " |")
    for name, (columns, weighted, poly) in variants.items():
        scores = []
        for day in DAYS:
            rest = [d for d in DAYS if d != day]
            x = np.vstack([columns(d) for d in rest])
            y = np.concatenate([data[d][2] for d in rest])
            w = np.concatenate([np.full(len(data[d][2]), 1.0 / len(data[d][2])) for d in rest])
            w = w * len(w) / w.sum() if weighted else np.ones(len(y))
            steps = [StandardScaler()]
            if poly:
                steps += [PolynomialFeatures(2), StandardScaler()]
            model = make_pipeline(*steps, LogisticRegression(C=0.1 if poly else 1.0, max_iter=3000))
            model.fit(x, y, logisticregression__sample_weight=w)
            p = model.predict_proba(columns(day))[:, 1]
            scores.append(f"{average_precision_score(data[day][2], p):.3f}")
        print(f"| {name} | " + " | ".join(scores) + " |", flush=True)


def reach(cache: Path) -> None:
    """The share of each day's gold pairs that the positive candidate pairs connect."""
    for day in DAYS:
        stream, rows = _load(cache, "stream", day), _load(cache, "pairs", day)
        parent = list(range(len(stream.urls)))

        def root(x: int, parent: list[int] = parent) -> int:
            while parent[x] != x:
                parent[x] = parent[parent[x]]
                x = parent[x]
            return x

        for i, j, _, label in rows:
            if label:
                parent[root(i)] = root(j)
        index = {url: k for k, url in enumerate(stream.urls)}
        total = joined = 0
        for event in stream.events:
            ids = [index[u] for u in event if u in index]
            for a, first in enumerate(ids):
                for second in ids[a + 1 :]:
                    total += 1
                    joined += root(first) == root(second)
        print(f"{day}: {total} gold pairs, {joined / total:.3f} connected by candidates")


def merge(cache: Path) -> None:
    """Replay the shipped engine, then merge stories linked by enough strong pairs."""
    model, recorded = shipped_model(), {}
    original = EventClusterer.story_candidates

    def recording(self, member, features=True):  # type: ignore[no-untyped-def]
        found = self.candidates(member)
        if found:
            _, p = self.model.score(member, found)
            pairs = zip(found, p, strict=True)
            recorded.extend((member.article_id, o.article_id, q) for o, q in pairs)
        return original(self, member, features)

    replays = {}
    EventClusterer.story_candidates = recording  # type: ignore[method-assign]
    try:
        for day in DAYS:
            recorded = []
            stream = _load(cache, "stream", day)
            replays[day] = (stream, replay(stream, model, EventSettings()), recorded)
    finally:
        EventClusterer.story_candidates = original  # type: ignore[method-assign]

    def merged(day: str, tau: float, need: int, share: float) -> dict[str, int]:
        stream, part, pairs = replays[day]
        story = [part[u] for u in stream.urls]
        size = Counter(story)
        strong: Counter[tuple[int, int]] = Counter()
        for i, j, p in pairs:
            a, b = story[i], story[j]
            if a != b and p >= tau:
                strong[(min(a, b), max(a, b))] += 1
        parent: dict[int, int] = {}

        def root(x: int) -> int:
            while parent.get(x, x) != x:
                x = parent[x]
            return x

        for (a, b), n in strong.items():
            if n >= need and n >= share * min(size[a], size[b]):
                parent[root(a)] = root(b)
        return {u: root(s) for u, s in part.items()}

    print("| merge | B³ P | B³ R | F1 | pair P | pair R | " + " | ".join(DAYS) + " |")
    grid = [None] + [(t, k, s) for t in (0.3, 0.5, 0.7) for k in (2, 3, 5) for s in (0.0, 0.5, 1.0)]
    for setting in grid:
        scores = [
            score_partition(
                replays[d][0].events, replays[d][1] if setting is None else merged(d, *setting)
            )
            for d in DAYS
        ]
        w = sum(s.articles for s in scores)
        p, r, pp, pr = (
            sum(getattr(s, f) * s.articles for s in scores) / w
            for f in ("precision", "recall", "pair_precision", "pair_recall")
        )
        name = "none" if setting is None else "τ {}, need {}, share {}".format(*setting)
        print(
            f"| {name} | {p:.3f} | {r:.3f} | {2 * p * r / (p + r):.3f} | {pp:.3f} | {pr:.3f} | "
            + " | ".join(f"{s.f1:.3f}" for s in scores)
            + " |",
            flush=True,
        )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("step", choices=("dump", "lodo", "reach", "merge", "restart"))
    parser.add_argument("--cache", type=Path, default=Path("/tmp/khulasa-event-lab"))
    args = parser.parse_args()
    args.cache.mkdir(parents=True, exist_ok=True)
    steps = {"dump": dump, "lodo": lodo, "reach": reach, "merge": merge, "restart": restart}
    steps[args.step](args.cache)
    return 0


if __name__ == "__main__":
    sys.exit(main())
