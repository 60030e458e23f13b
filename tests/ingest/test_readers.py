import io
import json

from khulasa.ingest import read_articles
from khulasa.model import Article
from khulasa.problems import Problem

LEDE = (
    "أعلن وزير الخارجية الروسي سيرغي لافروف، الخميس 8 ديسمبر/كانون الأول 2016، في هامبورغ أن "
    "الجيش السوري أوقف عملياته القتالية في حلب بغية السماح بإجلاء المدنيين."
)


def _split(items):
    items = list(items)
    return [i for i in items if isinstance(i, Article)], [
        i for i in items if isinstance(i, Problem)
    ]


def test_manifest_attaches_outlets_and_dates_to_pages(tmp_path):
    from tests.conftest import EXAMPLE_MANIFEST

    articles, problems = _split(read_articles([str(EXAMPLE_MANIFEST)]))
    assert not problems
    assert [a.source for a in articles] == [
        "DW Arabic",
        "Irfaa Sawtak",
        "Al-Bawaba News",
        "HuffPost Arabi",
        "Al-Bayan",
    ]
    assert [str(a.published) if a.published else None for a in articles] == [
        None,
        "2016-12-08",
        "2016-12-11",
        "2016-12-08",
        None,
    ]
    assert all(a.kind == "text" for a in articles)


def test_a_folder_with_a_manifest_gives_each_page_once_with_its_outlet(tmp_path):
    from tests.conftest import EXAMPLE_DIR

    articles, problems = _split(read_articles([str(EXAMPLE_DIR)]))
    assert not problems
    assert len(articles) == 5  # not 10: the pages the manifest lists are not read again bare
    assert [a.source for a in articles][:2] == ["DW Arabic", "Irfaa Sawtak"]
    (tmp_path / "manifest.jsonl").write_text('{"path": "a.txt", "source": "Sabq"}\n', "utf-8")
    (tmp_path / "a.txt").write_text(LEDE, encoding="utf-8")
    (tmp_path / "b.txt").write_text(LEDE, encoding="utf-8")  # not listed: read as a loose page
    articles, problems = _split(read_articles([str(tmp_path)]))
    assert not problems
    assert [(a.id, a.source) for a in articles] == [("a", "Sabq"), ("b", None)]


def test_folder_glob_and_html_detected_by_content(tmp_path):
    (tmp_path / "a.txt").write_text(LEDE, encoding="utf-8")
    (tmp_path / "page.dat").write_text(f"<html><body><p>{LEDE}</p></body></html>", encoding="utf-8")
    (tmp_path / ".hidden").write_text("x", encoding="utf-8")
    articles, problems = _split(read_articles([str(tmp_path)]))
    assert not problems
    assert {a.id: a.kind for a in articles} == {"a": "text", "page": "html"}
    globbed, _ = _split(read_articles([str(tmp_path / "*.txt")]))
    assert [a.id for a in globbed] == ["a"]


def test_jsonl_records_and_their_errors_are_reported_line_by_line(tmp_path):
    lines = [
        json.dumps(
            {"id": "x1", "text": LEDE, "source": "HuffPost Arabi", "published": "2016-12-08"}
        ),
        "{not json",
        json.dumps({"source": "no text"}),
        json.dumps({"html": f"<p>{LEDE}</p>", "url": "https://example.org/a"}),
        json.dumps({"text": LEDE, "published": "8/12/2016"}),
    ]
    path = tmp_path / "batch.jsonl"
    path.write_text("\n".join(lines), encoding="utf-8")
    articles, problems = _split(read_articles([str(path)]))
    assert [a.id for a in articles] == ["x1", "batch.jsonl:4"]
    assert articles[1].kind == "html"
    assert [p.origin for p in problems] == [f"{path}:2", f"{path}:3", f"{path}:5"]
    assert "invalid JSON" in problems[0].reason
    assert "none of 'text', 'html' or 'path'" in problems[1].reason
    assert "not an ISO date" in problems[2].reason


def test_stdin_text_and_missing_paths(tmp_path):
    items = list(
        read_articles(
            ["-", str(tmp_path / "nope.txt"), str(tmp_path / "*.none")],
            stdin=io.BytesIO(LEDE.encode("cp1256")),
        )
    )
    assert isinstance(items[0], Article) and items[0].content == LEDE
    assert items[1] == Problem(str(tmp_path / "nope.txt"), "no such file or folder")
    assert items[2].reason == "no file matches this pattern"
