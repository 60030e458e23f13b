"""``khulasa eval-facts``: precision, recall and F1 of story facts against hand-labelled gold."""

from __future__ import annotations

import argparse
import json
import sys
import zipfile
from datetime import date
from pathlib import Path

from khulasa.cli.common import report_problems, write_output
from khulasa.cli.facts import TAGGER_HELP
from khulasa.facts import extract_facts
from khulasa.facts.entities import sources_of
from khulasa.facts.evaluate import (
    RuleScore,
    Score,
    combine_rule_scores,
    evaluate,
    score_by_rule,
    unresolved,
)
from khulasa.model import Article
from khulasa.pipeline import build_story, load_articles
from khulasa.problems import Problem

# Every facts gold file of a checkout, found by name so that a new one needs no code change.
DEFAULT_GOLD = "bench/gold/facts-*.json"

EXAMPLES = """\
examples:
  khulasa eval-facts
  khulasa eval-facts bench/gold/facts-aleppo.json --format md -o bench/results/facts.md
  khulasa eval-facts --by-rule          # what each rule finds, and how much of it is right

A gold file names its story ("story": a path or a list of paths, relative to the current folder
or, for shared data, to the gold file's "data_root") and lists entities, numbers, quotes,
agreements and conflicts; see bench/gold/README-facts.md."""


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "eval-facts",
        help="score extracted story facts against gold files",
        description="Extract the facts of each gold file's story and report precision, recall "
        "and F1 per fact type (entities, numbers, quote speakers, agreements, conflicts).",
        epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "gold",
        nargs="*",
        metavar="GOLD",
        help=f"gold JSON files (default: {DEFAULT_GOLD}, from the repository root)",
    )
    parser.add_argument("--format", choices=("text", "md", "json"), default="text")
    parser.add_argument("-o", "--output", metavar="FILE", help="write here instead of stdout")
    parser.add_argument("--tagger", action="store_true", help=TAGGER_HELP)
    parser.add_argument(
        "--by-rule",
        action="store_true",
        help="add a table of rule id → items found, true positives and precision over all the "
        "gold files (entities, numbers, quote sentences; dates as found only)",
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    paths = args.gold or [str(p) for p in sorted(Path().glob(DEFAULT_GOLD))]
    if not paths:
        print(
            f"khulasa: no gold file given and none at {DEFAULT_GOLD}; run from the repository "
            "root or name the files",
            file=sys.stderr,
        )
        return 2
    results: list[tuple[str, list[Score]]] = []
    by_rule: list[list[RuleScore]] = []
    failed = 0
    for path in paths:
        try:
            gold = json.loads(Path(path).read_text(encoding="utf-8"))
        except FileNotFoundError:
            print(f"khulasa: skipped {path}: no such gold file", file=sys.stderr)
            failed += 1
            continue
        except (OSError, ValueError) as exc:
            reason = exc.strerror if isinstance(exc, OSError) else f"not valid JSON ({exc})"
            print(f"khulasa: skipped {path}: {reason}", file=sys.stderr)
            failed += 1
            continue
        inputs = _story_inputs(gold)
        missing = [p for p in inputs if not Path(p).exists()]
        if missing:
            print(f"khulasa: skipped {path}: story input not found: {missing[0]}", file=sys.stderr)
            failed += 1
            continue
        articles, problems = gold_articles(gold, inputs)
        story, clean_problems = build_story(articles)
        failed += report_problems([*problems, *clean_problems]).errors
        sources = list(sources_of(story))
        for snippet in unresolved(gold, sources):
            print(f"khulasa: warning: {path}: no sentence contains {snippet!r}", file=sys.stderr)
        facts = extract_facts(story, tagger=args.tagger or None)
        results.append((Path(path).stem, evaluate(facts, gold, sources)))
        by_rule.append(score_by_rule(facts, gold, sources))
    rules = combine_rule_scores(by_rule) if args.by_rule else None
    write_output(_render(results, args.format, rules), args.output)
    return 1 if failed else 0


def _story_inputs(gold: dict) -> list[str]:
    story = gold["story"]
    if isinstance(story, dict):  # {"saudinewsnet": [[zip name, index], …]}
        story = sorted({name for name, _ in story["saudinewsnet"]})
    inputs = story if isinstance(story, list) else [story]
    root = gold.get("data_root")
    return [str(Path(root) / p) if root else p for p in inputs]


def gold_articles(gold: dict, inputs: list[str]) -> tuple[list[Article], list[Problem]]:
    """The articles of a gold file's story: picked from SaudiNewsNet zips, or read from files."""
    if isinstance(gold["story"], dict):
        return saudinewsnet_articles(inputs, gold["story"]["saudinewsnet"]), []
    articles, problems = load_articles(inputs)
    return articles, list(problems)


def saudinewsnet_articles(zips: list[str], items: list[list]) -> list[Article]:
    """Articles picked from SaudiNewsNet daily zips (read in place, never copied).

    Each becomes one page as a scraper would see it: the title line, then the content; the
    outlet is the paper and the published date the crawl day.
    """
    by_name = {Path(z).name: z for z in zips}
    loaded: dict[str, list[dict]] = {}
    articles = []
    for name, index in items:
        if name not in loaded:
            with zipfile.ZipFile(by_name[name]) as archive:
                loaded[name] = json.loads(archive.read(archive.namelist()[0]))
        raw = loaded[name][index]
        day = date.fromisoformat(raw["date_extracted"][:10])
        articles.append(
            Article(
                id=f"snn-{Path(name).stem}-{index}",
                content=f"{raw['title']}\n{raw['content']}",
                source=raw["source"],
                published=day,
                title=raw["title"],
                origin=f"{name}:{index}",
            )
        )
    return articles


def _render(
    results: list[tuple[str, list[Score]]], fmt: str, rules: list[RuleScore] | None = None
) -> str:
    if fmt == "json":
        data: dict[str, object] = {
            name: {
                s.name.strip(): {
                    "precision": round(s.precision, 3),
                    "recall": round(s.recall, 3),
                    "f1": round(s.f1, 3),
                    "tp": s.true_positives,
                    "predicted": s.predicted,
                    "gold": s.gold,
                    "note": s.note,
                }
                for s in scores
            }
            for name, scores in results
        }
        if rules is not None:
            data["by_rule"] = [
                {
                    "type": r.kind,
                    "rule": r.rule,
                    "found": r.found,
                    "tp": r.true_positives,
                    "precision": None if r.precision is None else round(r.precision, 3),
                }
                for r in rules
            ]
        return json.dumps(data, ensure_ascii=False, indent=2)
    lines = []
    for name, scores in results:
        if fmt == "md":
            lines += [f"### {name}", "", "| type | P | R | F1 | tp | predicted | gold | note |"]
            lines.append("|---|---|---|---|---|---|---|---|")
            for s in scores:
                p, r, f = _cells(s)
                lines.append(
                    f"| {s.name.strip()} | {p} | {r} | {f} | "
                    f"{s.true_positives} | {s.predicted} | {s.gold} | {s.note} |"
                )
            lines.append("")
        else:
            lines.append(name)
            for s in scores:
                p, r, f = _cells(s)
                lines.append(
                    f"  {s.name:<18} P {p:>5}  R {r:>5}  F1 {f:>5}  "
                    f"({s.true_positives}/{s.predicted} predicted, {s.gold} gold) {s.note}"
                )
    if rules is not None:
        lines += _render_rules(rules, fmt)
    return "\n".join(lines)


def _render_rules(rules: list[RuleScore], fmt: str) -> list[str]:
    """The ``--by-rule`` table, as text or Markdown."""

    def cells(r: RuleScore) -> tuple[str, str]:
        tp = "n/a" if r.true_positives is None else str(r.true_positives)
        return tp, "n/a" if r.precision is None else f"{r.precision:.2f}"

    if fmt == "md":
        lines = ["### by rule (all gold files)", "", "| type | rule | found | tp | P |"]
        lines.append("|---|---|---|---|---|")
        lines += [f"| {r.kind} | {r.rule} | {r.found} | {' | '.join(cells(r))} |" for r in rules]
        return [*lines, ""]
    lines = ["", "by rule (all gold files)"]
    lines.append(f"  {'type':<16} {'rule':<34} {'found':>6} {'tp':>6} {'P':>5}")
    for r in rules:
        tp, p = cells(r)
        lines.append(f"  {r.kind:<16} {r.rule:<34} {r.found:>6} {tp:>6} {p:>5}")
    return lines


def _cells(score: Score) -> tuple[str, str, str]:
    """P, R, F1 as text; "n/a" where there was nothing to measure (no prediction / no gold)."""
    p = f"{score.precision:.2f}" if score.predicted else "n/a"
    r = f"{score.recall:.2f}" if score.gold else "n/a"
    f = f"{score.f1:.2f}" if score.predicted and score.gold else "n/a"
    return p, r, f
