"""Entities on the facts gold with the rules alone and with the trained tagger beside them.

    .venv/bin/python bench/tagger_eval.py -o /tmp/tagger-gold.md        # every facts-*.json
    .venv/bin/python bench/tagger_eval.py --bars 0.5 0.7 0.9 bench/gold/facts-M003.json
    .venv/bin/python bench/tagger_eval.py --bars --extend --alone 0.5   # the tagger, no rule

Each story is read and cleaned once; its facts are then extracted once per setting in the same
run (rules only, and rules + tagger at each probability bar), and scored with the evaluator of
``khulasa eval-facts`` (:func:`khulasa.facts.evaluate.evaluate`). The facts gold files were all
used for rule development by earlier rounds: they are not blind for the rules (they are for the
tagger, which never saw them; its features use the rules' word lists, written while reading them).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from khulasa.cli.eval_facts import DEFAULT_GOLD, _story_inputs, gold_articles
from khulasa.facts import extract_facts
from khulasa.facts.entities import recognizer as entity_module
from khulasa.facts.entities import sources_of
from khulasa.facts.evaluate import Score, evaluate
from khulasa.pipeline import build_story

ROWS = ("entities", "person", "place", "org")


def load_story(path: Path):
    gold = json.loads(path.read_text(encoding="utf-8"))
    inputs = _story_inputs(gold)
    articles, _ = gold_articles(gold, inputs)
    story, _ = build_story(articles)
    return gold, story


def _no_rules(*_args: object) -> None:
    return None


def scores(story, gold, tagger: bool, bar: float, extend: bool | None) -> dict[str, Score]:
    """Facts of ``story`` scored; ``extend`` None means the tagger alone, with no rule at all."""
    recognizer = entity_module.EntityRecognizer
    old = entity_module.TAGGER_BAR, entity_module.TAGGER_EXTENDS, recognizer._rule_match
    entity_module.TAGGER_BAR, entity_module.TAGGER_EXTENDS = bar, bool(extend)
    if extend is None:
        recognizer._rule_match = _no_rules  # type: ignore[method-assign]
    try:
        facts = extract_facts(story, tagger=tagger)
    finally:
        entity_module.TAGGER_BAR, entity_module.TAGGER_EXTENDS, recognizer._rule_match = old
    out = {s.name.strip(): s for s in evaluate(facts, gold, list(sources_of(story)))}
    crf_only = sum(all(m.found_by == "crf" for m in e.mentions) for e in facts.entities)
    out["crf-only entities"] = Score("crf-only", crf_only, crf_only, 0)
    return out


def cell(s: Score) -> str:
    return f"{s.precision:.2f} / {s.recall:.2f} / **{s.f1:.2f}**"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("gold", nargs="*", type=Path)
    parser.add_argument("--bars", nargs="*", type=float, default=[0.5, 0.7, 0.9])
    parser.add_argument("--extend", nargs="*", type=float, default=[0.7], metavar="BAR")
    parser.add_argument("--alone", nargs="*", type=float, default=[], metavar="BAR")
    parser.add_argument("-o", "--output", type=Path)
    args = parser.parse_args(argv)
    paths = args.gold or sorted(Path().glob(DEFAULT_GOLD))
    settings = [("rules", False, 0.0, False)]
    settings += [(f"rules + crf ≥ {b}", True, b, False) for b in args.bars]
    settings += [(f"rules + crf ≥ {b}, extending", True, b, True) for b in args.extend]
    settings += [(f"crf alone ≥ {b} (no rule)", True, b, None) for b in args.alone]
    head = "| gold file | " + " | ".join(name for name, *_ in settings) + " |"
    lines = [
        "Entities P / R / F1 per gold file (`khulasa eval-facts` scoring); in brackets the "
        "entities found by the tagger alone.",
        "",
        head,
        "|---" * (len(settings) + 1) + "|",
    ]
    pooled = {name: [0, 0, 0] for name, *_ in settings}
    kinds = {(name, k): [0, 0, 0] for name, *_ in settings for k in ROWS[1:]}
    for path in paths:
        gold, story = load_story(path)
        row = [path.stem]
        for name, tagger, bar, extend in settings:
            got = scores(story, gold, tagger, bar, extend)
            s = got["entities"]
            extra = f" ({got['crf-only entities'].predicted})" if tagger else ""
            row.append(cell(s) + extra)
            for n, v in enumerate((s.true_positives, s.predicted, s.gold)):
                pooled[name][n] += v
            for k in ROWS[1:]:
                ks = got[k]
                for n, v in enumerate((ks.true_positives, ks.predicted, ks.gold)):
                    kinds[(name, k)][n] += v
        lines.append("| " + " | ".join(row) + " |")
        print(lines[-1], file=sys.stderr)
    total = ["**pooled**"]
    for name, *_ in settings:
        tp, pred, gold_n = pooled[name]
        total.append(cell(Score("all", tp, pred, gold_n)) + f" ({tp}/{pred}/{gold_n})")
    lines.append("| " + " | ".join(total) + " |")
    for k in ROWS[1:]:
        row = [f"pooled {k}"]
        for name, *_ in settings:
            row.append(cell(Score(k, *kinds[(name, k)])))
        lines.append("| " + " | ".join(row) + " |")
    text = "\n".join(lines)
    print(text)
    if args.output:
        args.output.write_text(text + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
