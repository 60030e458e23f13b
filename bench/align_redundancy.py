"""Redundancy by the claim aligner: two sentences it holds to state one claim cannot both be
chosen. ROUGE on MultiLing 2011 Arabic, without and with it, in one run.

    python bench/align_redundancy.py [--thresholds 0.6 0.7 0.8] [-o FILE.md]

Same protocol as ``khulasa eval`` (250 words, Arabic-normalised tokens, recall averaged over
the references); the summarizer's other settings are the shipped ones.
"""

from __future__ import annotations

import argparse
import statistics
import sys
from dataclasses import replace
from pathlib import Path

from khulasa.evaluation.datasets import load_dataset
from khulasa.evaluation.rouge import RougeEvaluator
from khulasa.model import Budget
from khulasa.pipeline import build_story
from khulasa.summarizer import ConceptSummarizer, SummarizerSettings

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data" / "multiling2011-ar"
WORDS = 250


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--thresholds", type=float, nargs="+", default=[0.6, 0.7, 0.8])
    parser.add_argument("-o", "--output", type=Path)
    args = parser.parse_args(argv)
    dataset = load_dataset(DATA)
    rows = [("shipped (no aligner)", SummarizerSettings())] + [
        (f"aligned P(same) ≥ {t:.2f}", replace(SummarizerSettings(), aligned_redundancy=t))
        for t in args.thresholds
    ]
    topics = [t.id for t in dataset.topics]
    lines = [
        "| summarizer | " + " | ".join(f"R-2 {t}" for t in topics) + " | mean R-1 | mean R-2 |",
        "|---|" + "---:|" * (len(topics) + 2),
    ]
    for name, settings in rows:
        r1, r2 = [], []
        for topic in dataset.topics:
            story, _ = build_story(list(topic.articles))
            summary = ConceptSummarizer(settings)(story, Budget(WORDS)).text
            scores = RougeEvaluator(list(topic.references.values()), WORDS).score(summary)
            r1.append(100 * scores["rouge1"].recall)
            r2.append(100 * scores["rouge2"].recall)
        lines.append(
            f"| {name} | "
            + " | ".join(f"{v:.2f}" for v in r2)
            + f" | {statistics.mean(r1):.2f} | {statistics.mean(r2):.2f} |"
        )
    text = "\n".join(lines) + "\n"
    print(text)
    if args.output:
        args.output.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
