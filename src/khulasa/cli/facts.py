"""``khulasa facts``: who, where, how many, when, who said what, and where outlets disagree."""

from __future__ import annotations

import argparse
import json
import sys

from khulasa.cli.common import (
    add_inputs_argument,
    add_ui_lang_option,
    exit_status,
    progress,
    read_limits,
    report_problems,
    write_output,
)
from khulasa.facts import extract_facts, facts_to_dict
from khulasa.pipeline import build_story, load_articles
from khulasa.render.facts import facts_html, facts_markdown
from khulasa.render.html import page
from khulasa.render.ui import UI, resolve_ui

FORMATS = ("json", "md", "html")
TAGGER_HELP = (
    "add the trained entity tagger's people, places and organisations to the rules' "
    "(off by default: it did not raise entity F1 on the gold, bench/results/tagger.md)"
)

EXAMPLES = """\
examples:
  khulasa facts examples/aleppo-2016-12/manifest.jsonl
  khulasa facts pages/*.txt --format md
  khulasa facts crawl/ --format html -o out/facts.html

Inputs are read like 'khulasa summarize' reads them (files, folders, globs, JSONL, '-') and are
treated as one story. The html format is a self-contained right-to-left page.

Conflicts are numeric disagreements between outlets (the same quantity, different values);
they were right 7 times in 8 on news the rules had never seen. Denials, "stopped" against "went
on" and negations matched across outlets are listed apart as possible conflicts: leads to check
by reading both sides, as most of them turned out to be about something else."""


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "facts",
        help="extract entities, numbers, dates, quotes, agreements and conflicts of a story",
        description="Read the pages of one story and list its people, places, organisations, "
        "numbers, dates, quotes with speakers, a timeline, and where outlets agree or conflict.",
        epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add_inputs_argument(parser)
    parser.add_argument(
        "--format", choices=FORMATS, default="json", help="output format (default: json)"
    )
    add_ui_lang_option(parser, "the language of the articles")
    parser.add_argument("-o", "--output", metavar="FILE", help="write here instead of stdout")
    parser.add_argument("--tagger", action="store_true", help=TAGGER_HELP)
    parser.set_defaults(func=run)


def render_facts(facts_obj: object, fmt: str, ui: UI | str | None = None) -> str:
    """The facts in ``fmt`` (json, md or html); labels in ``ui`` (default Arabic)."""
    ui = resolve_ui(ui)
    if fmt == "md":
        return facts_markdown(facts_obj, ui)  # type: ignore[arg-type]
    if fmt == "html":
        return page(ui.text("facts.title"), "", [facts_html(facts_obj, ui)], ui)  # type: ignore[arg-type]
    return json.dumps(facts_to_dict(facts_obj), ensure_ascii=False, indent=2)  # type: ignore[arg-type]


def run(args: argparse.Namespace) -> int:
    articles, problems = load_articles(
        args.inputs, lambda items: progress(items, "reading"), read_limits(args)
    )
    story, clean_problems = build_story(articles)
    problems = [*problems, *clean_problems]
    report_problems(problems)
    if not story.documents:
        print("khulasa: no usable article in the input; no facts to extract", file=sys.stderr)
        return exit_status(problems, usable=False)
    ui = resolve_ui(args.ui_lang, (d.language for d in story.documents))
    facts = extract_facts(story, tagger=args.tagger or None)
    write_output(render_facts(facts, args.format, ui), args.output)
    if args.output:
        print(f"khulasa: wrote {args.output}", file=sys.stderr)
    return exit_status(problems)
