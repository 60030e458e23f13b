"""The blind conflict gold (``bench/gold/conflicts.jsonl``): do the facts find the conflict?

    python bench/conflict_gold.py [--split dev|heldout|all] [-o FILE.md]

Each line is two sentences of two outlets on one event, labelled ``conflict`` (they cannot both
be true: two numbers for one quantity, a claim and its denial) or ``compatible`` (alike but
both true: an update, a lower bound, a conversion). Each pair is run as a two-article story
through ``extract_facts`` with the rules alone (``aligned=False``) and with the claim aligner,
in one run; a pair counts as flagged when a conflict joins the two sentences. Precision:
flagged pairs that are conflicts; recall: conflicts flagged. The judge's own label on the bare
pair is reported beside them.

``--split``: the part of the gold scored, by event (``bench/conflict_split.py``): ``dev`` is what
the learned conflict decision (``khulasa.align.disagreement``, ``bench/train_conflicts.py``) was
fitted and cross-validated on, ``heldout`` is scored once, ``all`` both (the default, as before).
Two rows score that decision: on the bare pair (its own cut, no relatedness gate: every gold
pair is two accounts of one event), and inside the facts (``aligned_conflicts`` with
``decision="learned"``: the same candidate pairs and P(related) gate as the rules). Set before
the held-out run: the engine takes the learned decision only if its facts row has, on held-out,
a higher recall than "facts with the aligner" at a precision no lower.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from unittest import mock

from conflict_split import PARTS, load_pairs, split
from khulasa.align import conflicts as align_conflicts
from khulasa.align.disagreement import decide, load_conflict_model
from khulasa.align.judge import default_judge
from khulasa.facts import extract_facts
from khulasa.model import Article
from khulasa.pipeline import build_story

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "bench" / "gold" / "conflicts.jsonl"


def flagged(pair: dict, aligned: bool, decision: str = "rules") -> bool:
    articles = [
        Article(id="a", content=pair["sentence_a"], kind="text", source=pair["outlet_a"]),
        Article(id="b", content=pair["sentence_b"], kind="text", source=pair["outlet_b"] + " "),
    ]
    story, _ = build_story(articles)
    if len(story.documents) < 2:
        return False
    with mock.patch.object(align_conflicts, "DEFAULT_DECISION", decision):
        facts = extract_facts(story, aligned=aligned)
    for conflict in facts.conflicts:
        sides = {s.doc_id for s in conflict.side_a} | {s.doc_id for s in conflict.side_b}
        if sides == {"a", "b"}:
            return True
    return False


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--gold", type=Path, default=GOLD)
    parser.add_argument("--split", choices=[*PARTS, "all"], default="all")
    parser.add_argument("-o", "--output", type=Path)
    args = parser.parse_args(argv)
    pairs = split(load_pairs(args.gold), args.split)
    judge = default_judge()
    model = load_conflict_model()
    methods = {
        "facts, rules alone": lambda p: flagged(p, aligned=False),
        "facts with the aligner": lambda p: flagged(p, aligned=True),
        "judge on the bare pair": lambda p: (
            judge.judge(p["sentence_a"], p["sentence_b"]).label == "contradicts"
        ),
        "learned decision on the bare pair": lambda p: (
            decide(judge, judge.view(p["sentence_a"]), judge.view(p["sentence_b"])).probability
            >= model.threshold
        ),
        "facts with the aligner, learned decision": lambda p: flagged(p, True, "learned"),
    }
    conflicts = sum(p["label"] == "conflict" for p in pairs)
    lines = [
        f"Blind conflict gold, part {args.split}: {len(pairs)} pairs, {conflicts} conflicts, "
        f"{len(pairs) - conflicts} compatible "
        f"(`python bench/conflict_gold.py --split {args.split}`).",
        "",
        "| method | flagged | right | precision | recall | number conflicts | claim conflicts |",
        "|---|---|---|---|---|---|---|",
    ]
    for name, method in methods.items():
        hits = [p for p in pairs if method(p)]
        right = [p for p in hits if p["label"] == "conflict"]
        by_kind = {k: sum(p.get("kind") == k for p in right) for k in ("number", "claim")}
        totals = {
            k: sum(p["label"] == "conflict" and p.get("kind") == k for p in pairs)
            for k in ("number", "claim")
        }
        precision = len(right) / len(hits) if hits else float("nan")
        recall = len(right) / conflicts if conflicts else float("nan")
        lines.append(
            f"| {name} | {len(hits)} | {len(right)} | {precision:.2f} | "
            f"{recall:.2f} | {by_kind['number']} of {totals['number']} | "
            f"{by_kind['claim']} of {totals['claim']} |"
        )
    text = "\n".join(lines)
    print(text)
    if args.output:
        args.output.write_text(text + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
