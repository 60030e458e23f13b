"""The SaudiNewsNet reader: JSON arrays in zips or files, streamed, one Article per record."""

from __future__ import annotations

import json
import shutil
import zipfile
from datetime import date
from pathlib import Path

from khulasa.ingest.saudinewsnet import (
    is_preclean,
    is_saudinewsnet,
    read_inputs,
    read_saudinewsnet,
)
from khulasa.model import Article
from khulasa.problems import Problem

SAMPLE = Path(__file__).resolve().parents[1] / "fixtures" / "saudinewsnet-sample.json"


def _zip(tmp_path: Path) -> Path:
    path = tmp_path / "2015-07-21.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.write(SAMPLE, "2015-07-21.json")
    return path


def test_records_become_articles_with_outlet_url_and_crawl_day(tmp_path: Path) -> None:
    items = list(read_saudinewsnet(_zip(tmp_path)))
    articles = [i for i in items if isinstance(i, Article)]
    problems = [i for i in items if isinstance(i, Problem)]
    assert len(articles) == 6 and len(problems) == 1
    assert "empty article text" in problems[0].reason
    first = articles[0]
    assert first.source == "aleqtisadiya"
    assert first.url == "http://www.aleqt.com/2015/07/20/article_974813.html"
    assert first.published == date(2015, 7, 21)
    assert first.title.startswith("قنصل المملكة")
    assert first.content.startswith("أوضح القنصل العام")
    assert first.kind == "text" and is_preclean(first)
    assert len({a.id for a in articles}) == 6


def test_zip_and_bare_json_give_the_same_articles(tmp_path: Path) -> None:
    from_zip = [a.content_hash for a in read_saudinewsnet(_zip(tmp_path)) if isinstance(a, Article)]
    from_json = [a.content_hash for a in read_saudinewsnet(SAMPLE) if isinstance(a, Article)]
    assert from_zip == from_json


def test_detection_tells_the_layout_from_other_zips(tmp_path: Path) -> None:
    empty_zip = tmp_path / "pages.zip"
    with zipfile.ZipFile(empty_zip, "w") as archive:
        archive.writestr("page.txt", "نص")
    assert is_saudinewsnet(SAMPLE) and is_saudinewsnet(_zip(tmp_path))
    assert not is_saudinewsnet(empty_zip)


def test_a_json_object_is_read_as_one_record_or_named_as_a_problem(tmp_path: Path) -> None:
    record = json.loads(SAMPLE.read_text(encoding="utf-8"))[0]
    single = tmp_path / "one.json"
    single.write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
    other = tmp_path / "config.json"
    other.write_text(json.dumps({"not": "an article"}))
    [article] = read_inputs([str(single)])
    assert isinstance(article, Article) and article.url == record["url"]
    [problem] = read_inputs([str(other)])
    assert isinstance(problem, Problem) and problem.reason == "empty article text"


def test_a_json_array_with_a_byte_order_mark_is_read(tmp_path: Path) -> None:
    marked = tmp_path / "bom.json"
    marked.write_bytes(b"\xef\xbb\xbf" + SAMPLE.read_bytes())
    assert sum(isinstance(i, Article) for i in read_inputs([str(marked)])) == 6


def test_a_broken_array_keeps_the_records_before_the_damage(tmp_path: Path) -> None:
    text = SAMPLE.read_text(encoding="utf-8")
    broken = tmp_path / "broken.json"
    broken.write_text(text[: text.index('"source": "alwatan"') + 5], encoding="utf-8")
    items = list(read_saudinewsnet(broken))
    assert isinstance(items[0], Article) and isinstance(items[-1], Problem)
    assert "invalid JSON" in items[-1].reason
    assert "\n" not in items[-1].reason  # one line per problem, whatever the parser says


def test_a_damaged_zip_is_reported_as_such_not_as_binary_text(tmp_path: Path) -> None:
    damaged = tmp_path / "2015-07-21.zip"
    damaged.write_bytes(_zip(tmp_path).read_bytes()[:200])
    items = list(read_inputs([str(damaged)]))
    assert len(items) == 1 and isinstance(items[0], Problem)
    assert "not a readable zip archive" in items[0].reason


def test_read_inputs_mixes_layouts_in_a_folder(tmp_path: Path, example_page) -> None:
    folder = tmp_path / "crawl"
    folder.mkdir()
    shutil.copy(_zip(tmp_path), folder / "day.zip")
    (folder / "page.txt").write_text(example_page("001"), encoding="utf-8")
    items = list(read_inputs([str(folder)]))
    articles = [i for i in items if isinstance(i, Article)]
    assert len(articles) == 7
    assert sum(is_preclean(a) for a in articles) == 6
