"""Precision and recall of body lines kept by the boilerplate filter, against hand labels.

    python bench/boilerplate.py [--gold bench/gold/boilerplate-aleppo.jsonl] [-o FILE.md]

The gold file labels every non-empty line of the five example pages keep/drop (see
bench/gold/README.md). Positive class = body line kept.
"""

from __future__ import annotations

import argparse
import json
import re
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from khulasa.clean.lines import filter_batch
from khulasa.ingest import read_articles
from khulasa.language import get_language
from khulasa.model import Article

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "bench" / "gold" / "boilerplate-aleppo.jsonl"
PAGES = ROOT / "examples" / "aleppo-2016-12"


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0


def evaluate(gold_path: Path = GOLD) -> tuple[dict[str, Score], list[str]]:
    """Per-page scores and a list of the lines judged wrongly."""
    gold: dict[str, list[dict]] = defaultdict(list)
    for line in gold_path.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        gold[record["file"]].append(record)
    pages = [a for a in read_articles([str(PAGES / name) for name in sorted(gold)])]
    assert all(isinstance(a, Article) for a in pages), pages
    verdicts = filter_batch([a.content.splitlines() for a in pages], get_language("ar"))
    scores: dict[str, Score] = {}
    errors = []
    for name, page_verdicts in zip(sorted(gold), verdicts, strict=True):
        labels = gold[name]
        if len(labels) != len(page_verdicts):
            raise ValueError(f"{name}: {len(labels)} labelled lines, {len(page_verdicts)} read")
        score = scores.setdefault(name, Score())
        for label, verdict in zip(labels, page_verdicts, strict=True):
            keep = label["label"] == "keep"
            if verdict.keep and keep:
                score.tp += 1
            elif verdict.keep:
                score.fp += 1
                errors.append(f"kept but boilerplate: {name}:{label['line']} {verdict.text[:60]}")
            elif keep:
                score.fn += 1
                errors.append(f"dropped but body ({verdict.reason}): {name}:{label['line']}")
            else:
                score.tn += 1
    return scores, errors


def table(scores: dict[str, Score]) -> str:
    rows = [
        "| page | body kept | boilerplate kept | body dropped | boilerplate dropped "
        "| precision | recall |",
        "|---|---|---|---|---|---|---|",
    ]
    total = Score()
    for name, s in scores.items():
        rows.append(
            f"| {name} | {s.tp} | {s.fp} | {s.fn} | {s.tn} | {s.precision:.3f} | {s.recall:.3f} |"
        )
        total.tp += s.tp
        total.fp += s.fp
        total.fn += s.fn
        total.tn += s.tn
    rows.append(
        f"| **all** | {total.tp} | {total.fp} | {total.fn} | {total.tn} "
        f"| **{total.precision:.3f}** | **{total.recall:.3f}** |"
    )
    return "\n".join(rows)


_DATE_LINE = re.compile(r"\b(1[89]|20)\d\d\b")


def multiling_recall(data: Path) -> tuple[int, int, list[str]]:
    """Body lines kept on the MultiLing dev docs, where every line but a standalone date is body.

    A second, unseen yardstick: clean translated news with no furniture at all, so any line lost
    is a recall error (standalone date lines, at most six words with a year, are not counted).
    """
    kept = total = 0
    lost = []
    for topic in sorted(data.glob("M*")):
        pages = [p.read_text(encoding="utf-8").splitlines() for p in sorted(topic.glob("docs/*"))]
        for verdicts in filter_batch(pages, get_language("ar")):
            for v in verdicts:
                if len(v.text.split()) <= 6 and _DATE_LINE.search(v.text):
                    continue
                total += 1
                kept += v.keep
                if not v.keep:
                    lost.append(f"{topic.name}: {v.reason}: {v.text[:60]}")
    return kept, total, lost


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", type=Path, default=GOLD)
    parser.add_argument("-o", "--output", type=Path)
    args = parser.parse_args()
    scores, errors = evaluate(args.gold)
    text = "# Boilerplate filter: body lines of the example story\n\n" + table(scores) + "\n"
    if errors:
        text += "\nErrors:\n" + "\n".join(f"- {e}" for e in errors) + "\n"
    multiling = ROOT.parent / "shared" / "data" / "multiling2011-ar"
    if multiling.is_dir():
        kept, total, lost = multiling_recall(multiling)
        text += (
            f"\n## MultiLing 2011 dev docs (50 clean articles, no furniture)\n\n"
            f"Body lines kept: {kept}/{total} = recall {kept / total:.3f}. Lost:\n\n"
            + "\n".join(f"- {line}" for line in lost)
            + "\n"
        )
    print(text)
    if args.output:
        args.output.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
