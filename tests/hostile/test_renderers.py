"""Every field a report shows is untrusted: title, outlet, url, id and article text carry
script, image, ``javascript:``/``data:`` links, ``)`` link breaks, pipes, terminal escapes and
bidi overrides, and no format lets one act. Real Aleppo pages keep the summaries non-empty."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from html.parser import HTMLParser
from pathlib import Path

import pytest

from khulasa.facts import extract_facts
from khulasa.model import Budget, Story
from khulasa.pipeline import build_story
from khulasa.render import render
from khulasa.render.facts import facts_html, facts_markdown
from khulasa.store import Store
from khulasa.stories.engine import Ingestor, IngestSettings
from khulasa.stories.summary import load_story, render_story, summarize_story
from khulasa.summarizer import ConceptSummarizer

SCRIPT = "<script>alert(1)</script>"
IMG = "<IMG SRC=x onerror=alert(1)>"
JS = "javascript:alert(1)"
DATA = "data:text/html;base64,PHNjcmlwdD4="
BREAK = "x)[click](javascript:alert(2)"
ESC = "\x1b[2J\x1b]0;owned\x07"
RLO = "\u202e"
# Few spaces, so the poisoned sentence stays short enough to be quoted in the summary.
PAYLOAD = f"{SCRIPT}{IMG}[a]({JS})[b]({DATA}){BREAK}|pipe|{ESC}{RLO}"


def poisoned_story(example_story: Story) -> Story:
    """The example story with every field poisoned: the payload in each article's opening
    sentence (so the summary is sure to quote it), ids, titles, outlets and urls."""
    articles = [
        replace(a, content=a.content.replace(" في ", f" في {PAYLOAD} ", 1))
        for a in (d.article for d in example_story.documents)
    ]
    articles[3] = replace(
        articles[3],
        id=f"id {SCRIPT}|{IMG}`]({JS})",
        title=f"عنوان {PAYLOAD}",
        source=f"Outlet {SCRIPT} {IMG} | {RLO}evil{ESC}",
        url=JS,
    )
    articles[4] = replace(articles[4], url=DATA, title=BREAK, source=f"{RLO}Al-Bayan {IMG}")
    articles[1] = replace(articles[1], url=f"http://example.org/a) [x]({JS}")
    story, problems = build_story(articles)
    assert not problems and len(story.documents) == len(articles)
    return story


@pytest.fixture(scope="module")
def story(example_story: Story) -> Story:
    return poisoned_story(example_story)


@pytest.fixture(scope="module")
def summary(story: Story):
    result = ConceptSummarizer()(story, Budget(words=300))
    assert any(SCRIPT in s.text for s in result.sentences)  # the payload is quoted
    return result


# -- what "safe" means in each format -------------------------------------------------------


class _Tags(HTMLParser):
    """Every tag and attribute a browser would build from the page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag, attrs) -> None:  # type: ignore[no-untyped-def]
        self.tags.append((tag, attrs))


def assert_safe_html(html: str) -> None:
    parser = _Tags()
    parser.feed(html)
    tags = {tag for tag, _ in parser.tags}
    assert not tags & {"script", "img", "iframe", "object", "embed", "svg"}, tags
    for tag, attrs in parser.tags:
        for name, value in attrs:
            assert not name.startswith("on"), (tag, name, value)
            if name in ("href", "src", "action"):
                assert value and (value.startswith("#") or re.match(r"https?://", value)), value


_CELL = re.compile(r"(?<!\\)\|")
_CODE = re.compile(r"(`+)(.+?)\1")


def markdown_outside_code(md: str) -> list[str]:
    """What a GFM renderer treats as Markdown: table rows are split into cells at unescaped
    pipes first (as GFM does), then code spans are removed."""
    pieces = []
    for line in md.splitlines():
        cells = _CELL.split(line) if line.lstrip().startswith("|") else [line]
        pieces += [_CODE.sub("", cell) for cell in cells]
    return pieces


def assert_safe_markdown(md: str) -> None:
    assert "\x1b" not in md and "\x07" not in md
    header_cells = None
    for line in md.splitlines():
        if line.startswith("| # |"):
            header_cells = len(_CELL.findall(line))
        elif line.startswith("|") and header_cells is not None:
            assert len(_CELL.findall(line)) == header_cells, line  # no cell injected
        elif not line.startswith("|"):
            header_cells = None
    for piece in markdown_outside_code(md):
        assert not re.search(r"(?<!\\)<", piece), piece  # no raw HTML tag can open
        for target in re.findall(r"(?<!\\)\]\(([^)]*)\)", piece):
            assert re.match(r"https?://", target), piece  # only http(s) links
        assert not re.search(r"(?<!\\)\]\((?:javascript|data):", piece, re.IGNORECASE), piece


def assert_safe_text(text: str) -> None:
    assert not re.search("[\x00-\x09\x0b-\x1f\x7f-\x9f]", text), repr(text)


# -- summarize's reports --------------------------------------------------------------------


def test_the_html_report_shows_every_poisoned_field_inert(summary) -> None:
    html = render(summary, "html")
    assert_safe_html(html)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert f'href="{JS}"' not in html and f'href="{DATA}"' not in html
    assert JS in html  # the url is shown as text, not linked


def test_the_markdown_report_escapes_every_poisoned_field(summary) -> None:
    md = render(summary, "md")
    assert_safe_markdown(md)
    assert "\\<script\\>" in md  # the payload is shown, escaped


def test_the_text_report_shows_terminal_escapes_instead_of_sending_them(summary) -> None:
    text = render(summary, "text")
    assert_safe_text(text)
    assert "\\x1b[2J" in text


def test_the_json_report_keeps_the_fields_as_data(summary) -> None:
    out = render(summary, "json")
    assert "\x1b" not in out
    data = json.loads(out)
    assert any(SCRIPT in item["text"] for item in data["summary"])


@pytest.fixture(scope="module")
def facts(story: Story):
    return extract_facts(story)


def test_the_facts_markdown_escapes_every_poisoned_field(facts) -> None:
    md = facts_markdown(facts)
    assert md.strip()
    assert_safe_markdown(md)


def test_the_facts_html_escapes_every_poisoned_field(facts, summary) -> None:
    assert_safe_html(facts_html(facts))
    assert_safe_html(render(summary, "html", facts))
    assert_safe_markdown(render(summary, "md", facts))


def test_a_url_with_a_bidi_override_is_not_made_a_link_and_outlets_are_isolated(
    example_story: Story,
) -> None:
    articles = [d.article for d in example_story.documents]
    articles[0] = replace(articles[0], url="https://example.org/\u202egpj.exe", source="\u202eDW")
    story, _ = build_story(articles)
    html = render(ConceptSummarizer()(story, Budget(words=300)), "html")
    assert 'href="https://example.org/' not in html
    assert "<bdi>" in html


# -- a stored story's reports (story --format ...) ------------------------------------------


@pytest.fixture(scope="module")
def stored(story: Story, tmp_path_factory) -> Path:
    db = tmp_path_factory.mktemp("poisoned") / "k.db"
    with Store(db) as store:
        report = Ingestor(store, IngestSettings(workers=0)).run(d.article for d in story.documents)
    assert report.added == len(story.documents)
    return db


@pytest.mark.parametrize("fmt", ["text", "md", "html", "json"])
def test_a_stored_story_renders_every_poisoned_field_inert(stored: Path, fmt: str) -> None:
    with Store(stored) as store:
        ids = [r[0] for r in store.conn.execute("SELECT DISTINCT story_id FROM articles")]
        bundles = [load_story(store, i) for i in ids]
    seen_payload = False
    for bundle in bundles:
        summary = summarize_story(bundle, Budget(words=300))
        facts = extract_facts(bundle.story) if fmt != "text" else None
        out = render_story(bundle, summary, fmt, facts)
        seen_payload |= "alert(1)" in out
        if fmt == "html":
            assert_safe_html(out)
        elif fmt == "md":
            assert_safe_markdown(out)
        elif fmt == "text":
            assert_safe_text(out.replace("\n", ""))
        else:
            json.loads(out)
            assert "\x1b" not in out
    assert seen_payload
