"""Fit the learned conflict decision on the dev part of the blind conflict gold; ship it as JSON.

    python bench/train_conflicts.py [--data ../shared/data] [-o FILE.md]

Steps, all deterministic (the same files give the same ``conflict_model.json``, bit for bit):
1. the dev part of ``bench/gold/conflicts.jsonl`` (``bench/conflict_split.py``; the held-out
   part is never read here), each pair described by
   :func:`khulasa.align.disagreement.describe` (conflict → 1, compatible → 0);
2. optionally ANS stance train pairs (disagree → 1, agree → 0): headline pairs, another
   domain, so whether they help is measured, not assumed;
3. cross-validation on dev by event (5 folds, whole events held out) over the choices — the
   regularisation C and with or without ANS — each scored on its out-of-fold probabilities by
   average precision (with 27 conflicts, recall at a high-precision cut rests on two or three
   pairs and would choose by noise); gradient boosting is reported beside it for comparison;
4. the threshold: the lowest out-of-fold probability of the chosen setting at which precision
   is still ≥ 0.85 (0.5 when none reaches it);
5. the model with that setting, fitted on all of dev →
   ``src/khulasa/align/data/conflict_model.json``.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from pathlib import Path

import numpy as np
from sklearn.ensemble import GradientBoostingClassifier
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import average_precision_score
from sklearn.model_selection import GroupKFold
from sklearn.preprocessing import StandardScaler

from conflict_split import event_keys, load_pairs, part_of_key
from khulasa.align.disagreement import CONFLICT_FEATURES, describe
from khulasa.align.judge import Judge, default_judge

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src" / "khulasa" / "align" / "data" / "conflict_model.json"
TARGET_PRECISION = 0.85
C_GRID = (0.03, 0.1, 0.3, 1.0, 3.0)
FOLDS = 5
ANS_WEIGHT = 0.2  # ANS pairs are many and off-domain: together they weigh about as much as dev


def featurise(judge: Judge, pairs: list[tuple[str, str]]) -> np.ndarray:
    """Features rounded to 9 decimals: the fit must not depend on the last bits of a float."""
    rows = [describe(judge, judge.view(a), judge.view(b))[0] for a, b in pairs]
    return np.round(np.array(rows, dtype=np.float64), 9)


def _rounded(values) -> list[float]:
    """Shipped parameters to 10 significant digits, so a refit writes the same bytes (numpy's
    sums may differ in the last bit from one run to the next with memory alignment)."""
    return [float(f"{v:.10g}") for v in np.ravel(values)]


def ans_pairs(data: Path) -> tuple[list[tuple[str, str]], list[int]]:
    path = data / "ans-stance" / "train.csv"
    with path.open(encoding="utf-8") as handle:
        rows = [r for r in csv.DictReader(handle) if r["stance"] in ("agree", "disagree")]
    return [(r["s1"], r["s2"]) for r in rows], [int(r["stance"] == "disagree") for r in rows]


def fit(x: np.ndarray, y: np.ndarray, c: float, weights: np.ndarray) -> tuple:
    scaler = StandardScaler().fit(x)
    model = LogisticRegression(C=c, class_weight="balanced", max_iter=5000)
    model.fit(scaler.transform(x), y, sample_weight=weights)
    return scaler, model


def threshold_at(y: np.ndarray, p: np.ndarray, target: float) -> tuple[float, float, float]:
    """(threshold, precision, recall): the lowest cut with precision ≥ target, or 0.5."""
    best = None
    for t in sorted(set(p.tolist())):
        flagged = p >= t
        if not flagged.any():
            continue
        precision = float(y[flagged].mean())
        if precision >= target:
            best = (t, precision, float(y[flagged].sum() / y.sum()))
            break
    if best is None:
        flagged = p >= 0.5
        precision = float(y[flagged].mean()) if flagged.any() else float("nan")
        return 0.5, precision, float(y[flagged].sum() / y.sum())
    return best


def _at_half(y: np.ndarray, p: np.ndarray) -> str:
    flagged = p >= 0.5
    precision = y[flagged].mean() if flagged.any() else float("nan")
    return f"{precision:.2f} / {y[flagged].sum() / y.sum():.2f}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("-o", "--output", type=Path)
    args = parser.parse_args(argv)
    judge = default_judge()
    gold = load_pairs()
    keys = event_keys(gold)
    dev = [(p, k) for p, k in zip(gold, keys, strict=True) if part_of_key(k) == "dev"]
    x_dev = featurise(judge, [(p["sentence_a"], p["sentence_b"]) for p, _ in dev])
    y_dev = np.array([int(p["label"] == "conflict") for p, _ in dev])
    groups = [k for _, k in dev]
    ans_text, ans_y = ans_pairs(args.data)
    x_ans, y_ans = featurise(judge, ans_text), np.array(ans_y)
    folds = list(GroupKFold(n_splits=FOLDS).split(x_dev, y_dev, groups))
    lines = [
        f"Dev cross-validation ({len(dev)} pairs, {int(y_dev.sum())} conflicts, "
        f"{len(set(groups))} events, {FOLDS} folds by event; ANS: {len(ans_y)} agree/disagree "
        f"pairs at weight {ANS_WEIGHT}). Out-of-fold figures; cut: the lowest with precision ≥ "
        f"{TARGET_PRECISION}, or 0.5 when none reaches it (precision and recall at that cut); "
        "the setting is chosen by average precision.",
        "",
        "| model | C | ANS | cut | precision | recall | average precision | P / R at 0.5 |",
        "|---|---:|---|---:|---:|---:|---:|---|",
    ]
    results = []
    for with_ans in (False, True):
        for c in C_GRID:
            oof = np.zeros(len(dev))
            for train, test in folds:
                x, y = x_dev[train], y_dev[train]
                w = np.ones(len(y))
                if with_ans:
                    x, y = np.vstack([x, x_ans]), np.concatenate([y, y_ans])
                    w = np.concatenate([w, np.full(len(y_ans), ANS_WEIGHT)])
                scaler, model = fit(x, y, c, w)
                oof[test] = model.predict_proba(scaler.transform(x_dev[test]))[:, 1]
            cut, precision, recall = threshold_at(y_dev, oof, TARGET_PRECISION)
            ap = float(average_precision_score(y_dev, oof))
            results.append((ap, c, with_ans, cut))
            lines.append(
                f"| logistic | {c} | {'yes' if with_ans else 'no'} | {cut:.3f} | "
                f"{precision:.2f} | {recall:.2f} | {ap:.2f} | {_at_half(y_dev, oof)} |"
            )
    oof = np.zeros(len(dev))
    for train, test in folds:
        boosted = GradientBoostingClassifier(n_estimators=100, max_depth=2, random_state=0)
        oof[test] = boosted.fit(x_dev[train], y_dev[train]).predict_proba(x_dev[test])[:, 1]
    cut_b, precision_b, recall_b = threshold_at(y_dev, oof, TARGET_PRECISION)
    lines.append(
        f"| boosted trees (100 × depth 2) | – | no | {cut_b:.3f} | {precision_b:.2f} | "
        f"{recall_b:.2f} | {average_precision_score(y_dev, oof):.2f} | {_at_half(y_dev, oof)} |"
    )
    _, c, with_ans, cut = max(results, key=lambda r: (r[0], -r[1], not r[2]))
    x, y, w = x_dev, y_dev, np.ones(len(y_dev))
    if with_ans:
        x, y = np.vstack([x, x_ans]), np.concatenate([y, y_ans])
        w = np.concatenate([w, np.full(len(y_ans), ANS_WEIGHT)])
    scaler, model = fit(x, y, c, w)
    shipped = {
        "features": list(CONFLICT_FEATURES),
        "mean": _rounded(scaler.mean_),
        "scale": _rounded(scaler.scale_),
        "coef": _rounded(model.coef_[0]),
        "intercept": _rounded(model.intercept_)[0],
        "threshold": cut,
        "fitted_on": "bench/gold/conflicts.jsonl dev part" + (" + ANS train" if with_ans else ""),
        "C": c,
    }
    OUT.write_text(json.dumps(shipped, indent=1) + "\n", encoding="utf-8")
    lines += [
        "",
        f"Chosen: C {c}, ANS {'yes' if with_ans else 'no'}, threshold {cut:.3f} "
        f"(out-of-fold); fitted on all of dev → `{OUT.relative_to(ROOT)}`.",
        "",
        "| feature | coefficient (standardised) |",
        "|---|---:|",
        *(
            f"| {name} | {coef:+.2f} |"
            for name, coef in zip(CONFLICT_FEATURES, model.coef_[0], strict=True)
        ),
    ]
    text = "\n".join(lines) + "\n"
    print(text)
    if args.output:
        args.output.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
