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
import zipfile
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from khulasa.align.attribute import StoryAligner
from khulasa.language import get_language
from khulasa.model import Article
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


SECOND = ROOT / "bench" / "gold" / "support-2-stories.json"
CORPUS = ROOT.parent / "shared" / "data" / "saudinewsnet"


def story_inputs(story: str) -> list:
    """A gold story's articles: the example, a MultiLing topic's folder, or (the second part,
    ``support-2-stories.json``) SaudiNewsNet records and MultiLing files named by their ids,
    read from ``../shared/data`` (the corpus is never copied into the repository)."""
    if story == "aleppo-2016-12":
        return [str(EXAMPLE)]
    if not story.startswith("support2-"):
        return [str(MULTILING / story / "docs")]
    docs = json.loads(SECOND.read_text(encoding="utf-8"))[story]["docs"]
    records = _corpus()
    found = []
    for doc in docs:
        if doc["doc_id"] in records:
            r = records[doc["doc_id"]]
            found.append(
                Article(
                    id=r["url"],
                    content=r["content"],
                    kind="text",
                    source=r["source"],
                    url=r["url"],
                    title=r.get("title"),
                )
            )
        else:  # a MultiLing file name
            (path,) = MULTILING.glob(f"*/docs/{doc['doc_id']}")
            found.append(
                Article(
                    id=doc["doc_id"],
                    content=path.read_text(encoding="utf-8"),
                    kind="text",
                    source=doc["outlet"],
                )
            )
    return found


@lru_cache(maxsize=1)
def _corpus() -> dict[str, dict]:
    records = {}
    for day in sorted(CORPUS.glob("*.zip")):
        with zipfile.ZipFile(day) as archive:
            for record in json.loads(archive.read(archive.namelist()[0])):
                records[record["url"]] = record
    return records


def _unit_of(units, doc_id: str, text: str) -> int | None:
    """The unit holding the labelled sentence: the same text, else (the second part's items
    were split by a plain rule, not Khulasa's splitter) the unit of that document that shares
    the most words with it."""
    words = set(text.split())
    best, best_share = None, 0.0
    for j, unit in enumerate(units.units):
        if unit.sentence.doc_id != doc_id:
            continue
        if unit.sentence.text == text:
            return j
        share = len(words & set(unit.sentence.text.split())) / max(1, len(words))
        if share > best_share:
            best, best_share = j, share
    return best if best_share >= 0.6 else None


def score_story(
    story_name: str, labels: list[dict], thresholds: list[float], aligned: list[float]
) -> tuple[dict[str, Tally], list[str]]:
    """Tallies per rule ("lexical 0.45", "aligned 0.70"), and the disagreements of the first."""
    articles, _ = load_articles(story_inputs(story_name))
    story, _ = build_story(articles)
    settings = SummarizerSettings()
    units = build_units(story.documents, get_language("ar"), settings.concepts, True)
    similarity = units.similarity()
    by_item: dict[str, list[dict]] = defaultdict(list)
    for label in labels:
        by_item[label["item"]].append(label)
    rules = [f"lexical {t:.2f}" for t in thresholds] + [f"aligned {t:.2f}" for t in aligned]
    tallies = {rule: Tally() for rule in rules}
    aligners = {t: StoryAligner(story.documents, threshold=t) for t in aligned}
    misses: list[str] = []
    for item, rows in by_item.items():
        j = _unit_of(units, rows[0]["source_doc"], rows[0]["text"])
        if j is None:
            print(f"{item}: sentence not found in {story_name}'s cleaned text", file=sys.stderr)
            continue
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
