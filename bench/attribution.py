"""How well summary sentences are traced to the outlets that report them, against hand labels.

    python bench/attribution.py [--gold FILE.jsonl] [--thresholds 0.35 0.45] [-o FILE.md]

The gold file (see bench/gold/README-support.md) says, for summary sentences of three stories and
every other document of their story, whether that document reports the sentence's central claim
(``yes``), only a detail of it (``partly``) or neither (``no``). Khulasa's attribution is run on
the same sentences exactly as ``khulasa summarize`` runs it, at the shipped support threshold and
at the others given. Precision: listed outlets labelled yes or partly, over all listed. Recall:
outlets labelled yes that are listed, over all labelled yes.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from khulasa.align.attribute import StoryAligner
from khulasa.language import get_language
from khulasa.pipeline import build_story, load_articles
from khulasa.summarizer import SummarizerSettings
from khulasa.summarizer.attribute import attribute
from khulasa.summarizer.units import build_units

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "bench" / "gold" / "support.jsonl"
MULTILING = ROOT.parent / "shared" / "data" / "multiling2011-ar"
EXAMPLE = ROOT / "examples" / "aleppo-2016-12" / "manifest.jsonl"


@dataclass
class Tally:
    listed: int = 0
    listed_right: int = 0  # listed and labelled yes or partly
    yes: int = 0
    yes_found: int = 0

    @property
    def precision(self) -> float:
        return self.listed_right / self.listed if self.listed else 1.0

    @property
    def recall(self) -> float:
        return self.yes_found / self.yes if self.yes else 1.0


def story_inputs(story: str) -> str:
    """Where a gold story's articles are."""
    return str(EXAMPLE) if story == "aleppo-2016-12" else str(MULTILING / story / "docs")


def score_story(
    story_name: str, labels: list[dict], thresholds: list[float], aligned: list[float]
) -> tuple[dict[str, Tally], list[str]]:
    """Tallies per rule ("lexical 0.45", "aligned 0.70"), and the disagreements of the first."""
    articles, _ = load_articles([story_inputs(story_name)])
    story, _ = build_story(articles)
    settings = SummarizerSettings()
    units = build_units(story.documents, get_language("ar"), settings.concepts, True)
    similarity = units.similarity()
    where = {(u.sentence.doc_id, u.sentence.text): j for j, u in enumerate(units.units)}
    by_item: dict[str, list[dict]] = defaultdict(list)
    for label in labels:
        by_item[label["item"]].append(label)
    rules = [f"lexical {t:.2f}" for t in thresholds] + [f"aligned {t:.2f}" for t in aligned]
    tallies = {rule: Tally() for rule in rules}
    aligners = {t: StoryAligner(story.documents, threshold=t) for t in aligned}
    misses: list[str] = []
    for item, rows in by_item.items():
        j = where.get((rows[0]["source_doc"], rows[0]["text"]))
        if j is None:
            raise SystemExit(f"{item}: sentence not found in {story_name}'s cleaned text")
        gold = {row["doc_id"]: row["label"] for row in rows}
        unit = units.units[j]
        for rule in rules:
            kind, t = rule.split()[0], float(rule.split()[1])
            if kind == "lexical":
                chosen = attribute(j, units, similarity, t)
            else:
                text, index = unit.sentence.text, unit.sentence.index
                chosen = aligners[t].attribute(text, unit.sentence.doc_id, index, unit.outlet)
            listed = {s.doc_id for s in chosen.support[1:]}
            tally = tallies[rule]
            tally.listed += len(listed)
            tally.listed_right += sum(gold.get(d) in ("yes", "partly") for d in listed)
            tally.yes += sum(label == "yes" for label in gold.values())
            tally.yes_found += sum(gold[d] == "yes" for d in listed if d in gold)
            if rule == rules[0]:
                missed = [d for d, v in gold.items() if v == "yes" and d not in listed]
                misses += [f"{item}: misses {d}" for d in missed]
                misses += [
                    f"{item}: lists {d}, labelled {gold.get(d)}"
                    for d in listed
                    if gold.get(d) not in ("yes", "partly")
                ]
    return tallies, misses


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--gold", type=Path, default=GOLD)
    parser.add_argument("--thresholds", type=float, nargs="+")
    parser.add_argument(
        "--aligned",
        type=float,
        nargs="*",
        help="P(related) thresholds of the claim aligner (default: its shipped one)",
    )
    parser.add_argument("-o", "--output", help="write the Markdown table here")
    args = parser.parse_args(argv)
    shipped = SummarizerSettings().support_similarity
    thresholds = [shipped] + [t for t in args.thresholds or () if t != shipped]
    aligned_shipped = StoryAligner([]).threshold
    aligned = [aligned_shipped] + [t for t in args.aligned or () if t != aligned_shipped]
    records = [json.loads(line) for line in args.gold.read_text(encoding="utf-8").splitlines()]
    by_story: dict[str, list[dict]] = defaultdict(list)
    for record in records:
        by_story[record["story"]].append(record)
    total: dict[str, Tally] = defaultdict(Tally)
    lines = [
        "# Attribution: are summary sentences traced to the outlets that report them?",
        "",
        "Command: `python bench/attribution.py --thresholds "
        f"{' '.join(map(str, thresholds))} --aligned {' '.join(map(str, aligned))}`. "
        f"Gold: `{args.gold.relative_to(ROOT) if args.gold.is_relative_to(ROOT) else args.gold}` "
        f"({len(records)} sentence-document pairs; see bench/gold/README-support.md). "
        f"Shipped thresholds: lexical cosine {shipped}, aligned P(related) {aligned_shipped}. "
        "The aligner's model was fitted on these same rows (with ANS), so its rows here are "
        "in-sample; its held-out figures, each story left out in turn, are in "
        "bench/results/align.md.",
        "",
        "| story | rule | outlets listed | precision | labelled yes | recall |",
        "|---|---|---:|---:|---:|---:|",
    ]
    misses: list[str] = []
    for story_name, labels in sorted(by_story.items()):
        tallies, story_misses = score_story(story_name, labels, thresholds, aligned)
        misses += story_misses
        for t, tally in tallies.items():
            lines.append(_row(story_name, t, tally))
            grand = total[t]
            for field in ("listed", "listed_right", "yes", "yes_found"):
                setattr(grand, field, getattr(grand, field) + getattr(tally, field))
    lines += [_row("**all**", t, tally) for t, tally in total.items()]
    lines += ["", f"Disagreements of the shipped lexical rule ({len(misses)}):", ""]
    lines += [f"- {m}" for m in misses]
    text = "\n".join(lines) + "\n"
    print(text)
    if args.output:
        Path(args.output).write_text(text, encoding="utf-8")
    return 0


def _row(name: str, rule: str, tally: Tally) -> str:
    return (
        f"| {name} | {rule} | {tally.listed} | {tally.precision:.2f} | {tally.yes} | "
        f"{tally.recall:.2f} |"
    )


if __name__ == "__main__":
    sys.exit(main())
