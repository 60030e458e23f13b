"""Which words, when two titles differ in them, mean two events? Learned from the event gold.

The pair model (``khulasa.stories.pairs``) sees how much two articles share, never *what* they
differ in. Yet the readers' errors are differences of a few words: Monday's market close and
Tuesday's (الاثنين / الثلاثاء), the minister receiving one ambassador and then another (two
country names), two accidents in two towns. Here each candidate pair gets, beside the 16
features of the shipped model, one sparse feature per title stem that only one of the two titles
has (``d:`` + stem) and per stem both share (``s:`` + stem), hashed; a logistic regression fitted
on five development days learns which differences matter, and is scored on the sixth (leave one
day out, average precision), beside the dense model in the same run. Development days only.

    .venv/bin/python bench/event_lab.py dump      # once: the dev streams and labelled pairs
    .venv/bin/python bench/event_words.py
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np
from scipy.sparse import csr_matrix, hstack, vstack
from sklearn.feature_extraction import FeatureHasher
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import average_precision_score
from sklearn.preprocessing import StandardScaler

sys.path.insert(0, str(Path(__file__).resolve().parent))
from event_lab import DAYS, _load

HASHED = 2**18


def word_features(stream: object, rows: list, lead: bool) -> csr_matrix:
    """Per pair, the stems one title has and the other lacks, and the stems both have (with
    ``lead``, the lead's stems take part as ``ld:`` / ``ls:``)."""
    items = stream.items  # type: ignore[attr-defined]

    def words(i: int, j: int) -> list[str]:
        a, b = set(items[i][1].title), set(items[j][1].title)
        out = [f"d:{t}" for t in a ^ b] + [f"s:{t}" for t in a & b]
        if lead:
            la, lb = set(items[i][1].lead[:20]), set(items[j][1].lead[:20])
            out += [f"ld:{t}" for t in la ^ lb] + [f"ls:{t}" for t in la & lb]
        return out

    hasher = FeatureHasher(n_features=HASHED, input_type="string", alternate_sign=False)
    return hasher.transform(words(i, j) for i, j, _, _ in rows).tocsr()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cache", type=Path, default=Path("/tmp/khulasa-event-lab"))
    parser.add_argument("--c", type=float, nargs="+", default=[0.1, 1.0])
    args = parser.parse_args()
    data = {}
    for day in DAYS:
        rows, stream = _load(args.cache, "pairs", day), _load(args.cache, "stream", day)
        dense = np.array([r[2] for r in rows], dtype=float)
        labels = np.array([r[3] for r in rows])
        data[day] = (
            dense,
            word_features(stream, rows, lead=False),
            word_features(stream, rows, lead=True),
            labels,
        )
    variants = [("16 features (shipped)", None, 1.0)]
    variants += [(f"+ title words, C {c:g}", 1, c) for c in args.c]
    variants += [(f"+ title and lead words, C {c:g}", 2, c) for c in args.c]
    print("| variant | " + " | ".join(DAYS) + " | mean |")
    print("|---" * (len(DAYS) + 2) + "|")
    for name, sparse, c in variants:
        scores = []
        for day in DAYS:
            rest = [d for d in DAYS if d != day]
            scaler = StandardScaler().fit(np.vstack([data[d][0] for d in rest]))

            def matrix(
                d: str, scaler: StandardScaler = scaler, sparse: int | None = sparse
            ) -> csr_matrix:
                x = csr_matrix(scaler.transform(data[d][0]))
                return x if sparse is None else hstack([x, data[d][sparse]]).tocsr()

            x = vstack([matrix(d) for d in rest]).tocsr()
            y = np.concatenate([data[d][3] for d in rest])
            w = np.concatenate([np.full(len(data[d][3]), 1.0 / len(data[d][3])) for d in rest])
            w = w * len(w) / w.sum()
            model = LogisticRegression(C=c, max_iter=3000, solver="liblinear")
            model.fit(x, y, sample_weight=w)
            p = model.predict_proba(matrix(day))[:, 1]
            scores.append(average_precision_score(data[day][3], p))
        cells = " | ".join(f"{s:.3f}" for s in scores)
        print(f"| {name} | {cells} | {np.mean(scores):.3f} |", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
