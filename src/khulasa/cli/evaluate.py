"""``khulasa eval``: ROUGE of khulasa, baselines and other systems on a summarization test set."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from khulasa.cli.common import positive_int

EXAMPLES = """\
examples:
  khulasa eval ../shared/data/multiling2011-ar
  khulasa eval ../shared/data/multiling2011-ar --systems khulasa,lead,peers -o bench/results
  khulasa eval my-set/ --words 100

layouts: MultiLing 2011 (TOPIC/docs/*.txt, TOPIC/refs/*.txt, TOPIC/peers/IDn.txt) or generic
(TOPIC/docs + TOPIC/refs, optional TOPIC/peers). Peers are scored as extra rows; 'human' scores
each reference against the others; 'oracle' is a greedy ROUGE-2 selection that saw the refs."""


def register(subparsers: argparse._SubParsersAction) -> None:
    from khulasa.evaluation import DEFAULT_WORDS, SYSTEMS

    parser = subparsers.add_parser(
        "eval",
        help="score summaries with ROUGE against human references",
        description="Summarize every topic of a test set with khulasa and the chosen baselines, "
        "score them and the test set's peer summaries with ROUGE-1/2/SU4, and print a table "
        "(mean over topics with a 95 % bootstrap interval). Writes JSON and Markdown too.",
        epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("dataset", metavar="DATASET", help="folder of topic folders")
    parser.add_argument(
        "--words",
        type=positive_int,
        default=DEFAULT_WORDS,
        help=f"summary length and ROUGE cut-off in words (default {DEFAULT_WORDS})",
    )
    parser.add_argument(
        "--systems",
        type=_systems,
        default=",".join(SYSTEMS),
        help=f"comma-separated rows to score (default: all of {','.join(SYSTEMS)})",
    )
    parser.add_argument(
        "-o",
        "--output-dir",
        metavar="DIR",
        default=".",
        help="where eval-DATASET.json and eval-DATASET.md go (default: current folder)",
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    try:
        from khulasa.evaluation.datasets import load_dataset
        from khulasa.evaluation.runner import evaluate, to_json, to_markdown, to_text
    except ImportError as exc:  # rouge-score / sumy are the optional "eval" extra
        print(
            f"khulasa: eval needs the evaluation extras ({exc.name} is missing); "
            "install them with: pip install 'khulasa[eval]'",
            file=sys.stderr,
        )
        return 2

    dataset = load_dataset(args.dataset)
    for message in dataset.skipped:
        print(f"khulasa: {message}", file=sys.stderr)
    if not dataset.topics:
        print(f"khulasa: no usable topic in {args.dataset}; nothing to evaluate", file=sys.stderr)
        return 2
    systems = args.systems if isinstance(args.systems, list) else _systems(args.systems)
    report = evaluate(dataset, systems, args.words)
    sys.stdout.write(to_text(report))
    out = Path(args.output_dir)
    out.mkdir(parents=True, exist_ok=True)
    json_path = out / f"eval-{dataset.name}.json"
    md_path = out / f"eval-{dataset.name}.md"
    json_path.write_text(to_json(report), encoding="utf-8")
    md_path.write_text(to_markdown(report), encoding="utf-8")
    print(f"khulasa: wrote {json_path} and {md_path}", file=sys.stderr)
    return 1 if dataset.skipped else 0


def _systems(value: str) -> list[str]:
    from khulasa.evaluation import SYSTEMS

    names = [v.strip() for v in value.split(",") if v.strip()]
    unknown = [n for n in names if n not in SYSTEMS]
    if unknown or not names:
        raise argparse.ArgumentTypeError(
            f"unknown system(s) {', '.join(unknown) or '(none given)'}; choose from "
            + ",".join(SYSTEMS)
        )
    return names
