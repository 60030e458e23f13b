"""``khulasa summarize``: the main job — pages of one story in, a sourced summary out."""

from __future__ import annotations

import argparse
import sys

from khulasa.cli.common import (
    add_facts_option,
    add_inputs_argument,
    add_ui_lang_option,
    exit_status,
    facts_for_report,
    positive_int,
    progress,
    read_limits,
    report_problems,
    write_output,
)
from khulasa.language import LANGUAGES
from khulasa.pipeline import DEFAULT_WORDS, summarize
from khulasa.problems import NothingToSummarize
from khulasa.render import FORMATS, render
from khulasa.summarizer import SummarizerSettings

EXAMPLES = """\
examples:
  khulasa summarize examples/aleppo-2016-12/manifest.jsonl
  khulasa summarize pages/*.txt --words 80
  khulasa summarize crawl/ --chars 600 --format html -o out/story.html
  cat article.txt | khulasa summarize - --format json

inputs: .txt and .html files (told apart by content), folders (read recursively), glob
patterns, JSONL files with one article per line ({"text"|"html"|"path", "source", "url",
"published", "title"}), or '-' for stdin. UTF-8, UTF-8 with BOM and Windows-1256 are detected.
All inputs are treated as reports of one story; each summary sentence is quoted whole from a
source and lists every outlet whose text says the same thing."""


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "summarize",
        help="summarize one story from several outlets' pages",
        description="Clean the pages of one story and write a short summary in which every "
        "sentence names the outlets that report it.",
        epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add_inputs_argument(parser)
    budget = parser.add_mutually_exclusive_group()
    budget.add_argument(
        "--words", type=positive_int, help=f"length budget in words (default {DEFAULT_WORDS})"
    )
    budget.add_argument("--chars", type=positive_int, help="length budget in characters instead")
    parser.add_argument(
        "--format", choices=FORMATS, default="text", help="output format (default: text)"
    )
    parser.add_argument(
        "--language",
        choices=LANGUAGES,
        default="ar",
        help="language of the articles (default: ar; en is the plug-in example)",
    )
    parser.add_argument(
        "--exact",
        action="store_true",
        help="select sentences with an integer program proven within 1%% of the best summary "
        "instead of the default greedy (which is guaranteed within (1-1/e)/2 and takes "
        "milliseconds)",
    )
    add_facts_option(parser)
    add_ui_lang_option(parser, "the language of the articles")
    parser.add_argument("-o", "--output", metavar="FILE", help="write here instead of stdout")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    try:
        summary = summarize(
            args.inputs,
            words=args.words,
            chars=args.chars,
            language=args.language,
            settings=SummarizerSettings(selector="exact") if args.exact else None,
            progress=lambda items: progress(items, "reading"),
            limits=read_limits(args),
        )
    except NothingToSummarize as exc:
        report_problems(exc.problems)
        print("khulasa: no usable article in the input; nothing to summarize", file=sys.stderr)
        return exit_status(exc.problems, usable=False)
    report_problems(summary.problems)
    for warning in summary.warnings:
        print(f"khulasa: warning: {warning}", file=sys.stderr)
    facts = facts_for_report(summary.story, args.format, args.no_facts)
    write_output(render(summary, args.format, facts, args.ui_lang), args.output)
    if args.output:
        print(f"khulasa: wrote {args.output}", file=sys.stderr)
    return exit_status(summary.problems, empty=not summary.sentences)
