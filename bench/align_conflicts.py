"""Conflicts found by the rules of khulasa.facts and by the claim aligner, on the facts gold.

    python bench/align_conflicts.py [--thresholds 0.5 0.7] [-o FILE.md]

Every ``bench/gold/facts-*.json`` that labels conflicts is scored both ways in one run, with
``khulasa eval-facts``'s matching (a prediction is right when its two sides land on the two
sides of one gold conflict). Precision: right over predicted; recall: gold conflicts found.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from khulasa.align.conflicts import aligned_conflicts
from khulasa.align.judge import default_judge
from khulasa.cli.eval_facts import _story_inputs, gold_articles
from khulasa.facts import extract_facts
from khulasa.facts.entities import sources_of
from khulasa.facts.evaluate import score_groups
from khulasa.pipeline import build_story

ROOT = Path(__file__).resolve().parents[1]


def load(path: Path):
    gold = json.loads(path.read_text(encoding="utf-8"))
    inputs = _story_inputs(gold)
    articles, _ = gold_articles(gold, inputs)
    story, _ = build_story(articles)
    return gold, story, list(sources_of(story))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--thresholds", type=float, nargs="*", default=[])
    parser.add_argument("-o", "--output", type=Path)
    args = parser.parse_args(argv)
    shipped = default_judge().model.thresholds["conflict"]
    thresholds = [shipped] + [t for t in args.thresholds if t != shipped]
    rules = ["rules (numeric)", "rules (+ possible)"] + [f"aligned {t:.2f}" for t in thresholds]
    rules.append("shipped: aligned + rules (numeric)")
    totals = {r: [0, 0, 0, 0] for r in rules}  # right, predicted, gold, found
    lines = [
        "| gold file | rule | predicted | right | gold | found |",
        "|---|---|---:|---:|---:|---:|",
    ]
    for path in sorted((ROOT / "bench" / "gold").glob("facts-*.json")):
        gold, story, sources = load(path)
        if not gold.get("conflicts"):
            continue
        old = extract_facts(story, aligned=False)
        facts = extract_facts(story)
        numeric = [[c.side_a, c.side_b] for c in old.conflicts]
        predictions = {
            rules[0]: numeric,
            rules[1]: numeric + [[c.side_a, c.side_b] for c in old.possible_conflicts],
        }
        for t in thresholds:
            found = aligned_conflicts(sources, threshold=t)
            predictions[f"aligned {t:.2f}"] = [[c.side_a, c.side_b] for c in found]
        predictions[rules[-1]] = [[c.side_a, c.side_b] for c in facts.conflicts]
        for rule in rules:
            score = score_groups("conflicts", predictions[rule], gold["conflicts"], sources)
            row = [score.true_positives, score.predicted, score.gold, score.gold_found or 0]
            totals[rule] = [x + y for x, y in zip(totals[rule], row, strict=True)]
            lines.append(f"| {path.stem} | {rule} | {row[1]} | {row[0]} | {row[2]} | {row[3]} |")
    lines.append("")
    lines += [
        "| all files | rule | predicted | precision | gold | recall |",
        "|---|---|---:|---:|---:|---:|",
    ]
    for rule, (right, predicted, gold_n, found) in totals.items():
        precision = right / predicted if predicted else 1.0
        lines.append(
            f"| **all** | {rule} | {predicted} | {precision:.2f} | {gold_n} | "
            f"{found / gold_n if gold_n else 1.0:.2f} |"
        )
    text = "\n".join(lines) + "\n"
    print(text)
    if args.output:
        args.output.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
