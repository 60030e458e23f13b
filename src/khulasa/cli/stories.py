"""``khulasa stories`` lists a database's stories; ``khulasa story ID`` summarizes one."""

from __future__ import annotations

import argparse
import json
import sys

from khulasa.cli.common import (
    add_facts_option,
    add_story_filters,
    add_ui_lang_option,
    bounded_int,
    facts_for_report,
    positive_int,
    write_output,
)
from khulasa.cli.ingest import add_db_argument
from khulasa.model import Budget
from khulasa.render import FORMATS
from khulasa.render.safe import one_line
from khulasa.render.ui import UI, load_ui
from khulasa.store import Store, StoryRow
from khulasa.store.errors import without_password
from khulasa.stories.sections import SECTIONS
from khulasa.stories.summary import UnknownStory, load_story, render_story, summarize_story

DEFAULT_WORDS = 100


def register(subparsers: argparse._SubParsersAction) -> None:
    listing = subparsers.add_parser(
        "stories",
        help="list the stories of a database, largest first",
        description="List stories (id, headline, outlets, article count, time span), "
        "largest first.",
        epilog="examples:\n  khulasa stories --db news.db --since 2015-08-01 --min-sources 3\n"
        "  khulasa stories --db news.db --since 2015-08-06 --until 2015-08-06 --format json\n"
        "  khulasa stories --db news.db --since 2015-08-06 --section economy\n\n"
        "A story is one event (one attack, one match, one decision, one day's market close)\n"
        "with its follow-ups; the json format lists each story's member articles. Each story\n"
        "has a section (world, local, economy, sports, culture, opinion): its articles' most\n"
        "frequent, read by a model at ingest; a database ingested before sections existed\n"
        "gets them from 'khulasa recluster'.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add_db_argument(listing)
    add_story_filters(listing)
    listing.add_argument(
        "--section",
        choices=SECTIONS,
        help="only stories of this section (world, local, economy, sports, culture, opinion)",
    )
    listing.add_argument(
        "--limit", type=bounded_int(1_000_000), default=50, help="stories shown (default: 50)"
    )
    listing.add_argument("--format", choices=("text", "json"), default="text")
    add_ui_lang_option(listing, "ar")
    listing.set_defaults(func=run_list)

    one = subparsers.add_parser(
        "story",
        help="summarize one stored story, with its articles",
        description="Summarize a stored story in sentences that name their outlets, followed "
        "by the list of its articles.",
        epilog="example:\n  khulasa story 42 --db news.db --format html -o story-42.html",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    one.add_argument(
        "story_id", type=_story_id, metavar="ID", help="a story id from 'khulasa stories'"
    )
    add_db_argument(one)
    one.add_argument("--format", choices=FORMATS, default="text")
    one.add_argument(
        "--words",
        type=positive_int,
        default=DEFAULT_WORDS,
        help=f"budget (default {DEFAULT_WORDS})",
    )
    add_facts_option(one)
    add_ui_lang_option(one)
    one.add_argument("-o", "--output", metavar="FILE", help="write here instead of stdout")
    one.set_defaults(func=run_story)


def run_list(args: argparse.Namespace) -> int:
    with Store(args.db, readonly=True) as store:
        rows = store.list_stories(
            args.since, args.min_sources, args.limit, args.until, args.section
        )
        if args.format == "json":
            listing = [{**_row_dict(r), "members": store.story_members(r.id)} for r in rows]
            print(json.dumps(listing, ensure_ascii=False, indent=2))
            return 0
    if not rows:
        print("khulasa: no story matches", file=sys.stderr)
        return 0
    ui = load_ui(args.ui_lang or "ar")
    for row in rows:
        names = ui.join(ui.outlets(row.outlets[:6])) + (" …" if len(row.outlets) > 6 else "")
        fields = {
            "articles": ui.count(row.article_count, "article"),
            "outlets": ui.count(len(row.outlets), "outlet"),
            "span": _span(row, ui),
        }
        counts = (
            ui.text("stories.row_section", **fields, section=ui.text(f"section.{row.section}"))
            if row.section
            else ui.text("stories.row", **fields)
        )
        print(f"{row.id:>7}  {counts}")
        print(f"         {one_line(row.headline or ui.text('stories.no_headline'))}")
        print(f"         {one_line(names)}")
    return 0


def run_story(args: argparse.Namespace) -> int:
    with Store(args.db, readonly=True) as store:
        try:
            bundle = load_story(store, args.story_id)
        except UnknownStory:
            print(
                f"khulasa: no story {args.story_id} in {without_password(args.db)}", file=sys.stderr
            )
            return 2
    if not bundle.story.documents:
        print(f"khulasa: story {args.story_id} has no usable article text", file=sys.stderr)
        return 2
    summary = summarize_story(bundle, Budget(words=args.words))
    for warning in summary.warnings:
        print(f"khulasa: warning: {warning}", file=sys.stderr)
    facts = facts_for_report(bundle.story, args.format, args.no_facts)
    write_output(render_story(bundle, summary, args.format, facts, args.ui_lang), args.output)
    if args.output:
        print(f"khulasa: wrote {args.output}", file=sys.stderr)
    return 0


def _story_id(value: str) -> int:
    """A story id as 'khulasa stories' prints it: a whole number SQLite can hold."""
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a story id (a number), got {value!r}") from None
    if not 0 < number < 2**63:
        raise argparse.ArgumentTypeError(f"no story has the id {value}")
    return number


def _span(row: StoryRow, ui: UI) -> str:
    if row.first is None:
        return ui.text("stories.undated")
    if row.first == row.last:
        return row.first.isoformat()
    return f"{row.first.isoformat()} … {row.last.isoformat() if row.last else ''}"


def _row_dict(row: StoryRow) -> dict[str, object]:
    return {
        "id": row.id,
        "headline": row.headline,
        "articles": row.article_count,
        "outlets": list(row.outlets),
        "first": row.first.isoformat() if row.first else None,
        "last": row.last.isoformat() if row.last else None,
        "section": row.section,
    }
