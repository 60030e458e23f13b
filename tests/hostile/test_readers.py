"""The reading boundary under hostile files: only Articles and Problems come out, each Problem
names its input and says why, and the other inputs of the same call are still read."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from khulasa.ingest import read_articles
from khulasa.ingest.saudinewsnet import read_inputs
from khulasa.pipeline import build_story

from .conftest import CORPUS, GOOD_PAGE, only_items


def limits(**bounds: int):
    """``ReadLimits(**bounds)``, imported here so the rest of the module runs on code that
    predates the limits (to show how each case behaved before them)."""
    from khulasa.ingest.limits import ReadLimits

    return ReadLimits(**bounds)


def read(*names: str, reader=read_articles, **kwargs):
    """Read corpus files and the good example page last: it must always come through."""
    items = list(reader([str(CORPUS / n) for n in names] + [str(GOOD_PAGE)], **kwargs))
    articles, problems = only_items(items)
    assert articles and articles[-1].origin.endswith(GOOD_PAGE.name)  # the batch went on
    return articles[:-1], problems


def assert_refused(problems, name: str, *words: str) -> None:
    (problem,) = [p for p in problems if name in p.origin]
    for word in words:
        assert word in problem.reason, problem


# -- critical: a 520-byte zip that nests 200,000 deep ---------------------------------------

MEMORY_PROBE = """
import json, re, resource, sys
resource.setrlimit(resource.RLIMIT_AS, (3 * 2**30, 3 * 2**30))
from khulasa.ingest.saudinewsnet import read_inputs
items = list(read_inputs([sys.argv[1]]))
print(json.dumps({
    "types": [type(i).__name__ for i in items],
    "titles": [getattr(i, "title", None) for i in items],
    "problems": [[i.origin, i.reason] for i in items if type(i).__name__ == "Problem"],
    # VmHWM belongs to this process image; ru_maxrss would carry over the parent's high-water
    # mark through fork and exec, so it measured pytest's memory rather than the reader's.
    "peak_mib": int(re.search(r"VmHWM:\\s+(\\d+)", open("/proc/self/status").read())[1]) // 1024,
}))
"""


def read_bomb(depth: int) -> dict:
    """Read a depth bomb in a child capped at 3 GiB of address space, so that a regression
    fails the test instead of taking the machine's memory (it once took 20 GB)."""
    bomb = CORPUS / f"depth-bomb-{depth}.zip"
    assert bomb.stat().st_size < 1100
    run = subprocess.run(
        [sys.executable, "-c", MEMORY_PROBE, str(bomb)], capture_output=True, timeout=60
    )
    assert run.returncode == 0, run.stderr.decode()[-400:]
    return json.loads(run.stdout)


@pytest.mark.parametrize("depth", [20_000, 200_000])
def test_a_json_depth_bomb_in_a_small_zip_is_skipped_in_bounded_memory_and_the_next_record_read(
    depth: int,
) -> None:
    result = read_bomb(depth)
    assert result["types"] == ["Problem", "Article"]  # the deep record refused, the good one read
    assert result["peak_mib"] < 300


def test_a_depth_bomb_is_refused_with_the_member_and_the_nesting_named() -> None:
    result = read_bomb(200_000)
    assert result["titles"][-1] == "خبر رقم 1"
    ((origin, reason),) = result["problems"]
    assert origin.endswith("depth-bomb-200000.zip!day.json#1") and "nested deeper than" in reason


# -- critical: manifest paths -------------------------------------------------------------


def test_a_manifest_path_outside_its_folder_is_refused_without_revealing_the_file() -> None:
    articles, problems = read("outside-paths.jsonl")
    assert [a.source for a in articles] == ["inline"]
    assert len(problems) == 4
    reasons = {p.reason for p in problems}
    assert len(reasons) == 1  # /etc/passwd (exists) and a missing file: the same refusal
    assert "outside the manifest's folder" in reasons.pop()
    assert all("outside-paths.jsonl:" in p.origin for p in problems)
    assert not any("root:" in a.content for a in articles)


def test_a_symbolic_link_in_the_manifest_folder_leading_outside_is_refused(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text(GOOD_PAGE.read_text(encoding="utf-8"), encoding="utf-8")
    folder = tmp_path / "pages"
    folder.mkdir()
    (folder / "link.txt").symlink_to(secret)
    manifest = folder / "manifest.jsonl"
    manifest.write_text('{"path": "link.txt", "source": "x"}\n', encoding="utf-8")
    articles, problems = only_items(list(read_articles([str(manifest), str(GOOD_PAGE)])))
    assert len(articles) == 1 and articles[0].origin == str(GOOD_PAGE)
    assert_refused(problems, "manifest.jsonl:1", "outside the manifest's folder")


def test_a_manifest_path_inside_its_folder_is_still_read(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "page.txt").write_text(GOOD_PAGE.read_text("utf-8"), encoding="utf-8")
    manifest = tmp_path / "m.jsonl"
    manifest.write_text('{"path": "sub/../sub/page.txt", "source": "DW"}\n', encoding="utf-8")
    articles, problems = only_items(list(read_articles([str(manifest)])))
    assert not problems and [a.source for a in articles] == ["DW"]


def test_a_symbolic_link_loop_is_called_a_loop_not_a_missing_file(tmp_path: Path) -> None:
    loop = tmp_path / "loop.txt"
    loop.symlink_to(loop)
    articles, problems = only_items(list(read_articles([str(loop), str(GOOD_PAGE)])))
    assert len(articles) == 1
    assert_refused(problems, "loop.txt", "loop")


# -- undecodable files ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "words"),
    [
        ("utf8-bom-then-invalid.txt", ("invalid UTF-8", "byte")),
        ("utf16-bom-odd-length.txt", ("invalid UTF-16", "byte")),
        ("utf16-lone-surrogate.txt", ("invalid UTF-16", "byte")),
    ],
)
def test_an_undecodable_file_behind_a_bom_is_one_problem_and_the_batch_goes_on(
    name: str, words: tuple[str, ...]
) -> None:
    articles, problems = read(name)
    assert not articles
    assert_refused(problems, name, *words)


@pytest.mark.parametrize("name", ["utf16-no-bom.txt", "utf32.txt", "cp1256.txt", "nul-bytes.txt"])
def test_arabic_in_utf16_without_bom_utf32_cp1256_or_with_stray_nuls_is_read(name: str) -> None:
    articles, problems = read(name)
    assert not problems
    (article,) = articles
    assert "وزارة الصحة" in article.content and "\x00" not in article.content


def test_a_file_mixing_utf8_and_cp1256_is_refused_not_turned_into_mojibake() -> None:
    articles, problems = read("mixed-utf8-cp1256.txt")
    assert not articles
    assert_refused(problems, "mixed-utf8-cp1256.txt", "mixes UTF-8")


# -- SaudiNewsNet layout --------------------------------------------------------------------


def test_a_record_with_a_lone_surrogate_escape_is_skipped_and_the_rest_of_the_array_read() -> None:
    articles, problems = read("saudinewsnet-surrogate.json", reader=read_inputs)
    assert [a.title for a in articles] == ["خبر رقم 1", "خبر رقم 3"]
    assert_refused(problems, "saudinewsnet-surrogate.json#2", "surrogate")


def test_a_saudinewsnet_array_with_a_bom_is_read_as_records() -> None:
    articles, problems = read("saudinewsnet-bom.json", reader=read_inputs)
    assert not problems
    assert [(a.title, a.source) for a in articles] == [("خبر رقم 2", "outlet2")]


def test_a_top_level_json_object_is_read_as_one_record() -> None:
    articles, problems = read("saudinewsnet-object.json", reader=read_inputs)
    assert not problems
    assert [(a.title, a.source) for a in articles] == [("خبر رقم 4", "outlet4")]


@pytest.mark.parametrize(
    ("name", "words"),
    [
        ("zip-encrypted-member.zip", ("encrypted",)),
        ("zip-unsupported-method.zip", ("compression method",)),
    ],
)
def test_an_unopenable_zip_member_is_skipped_and_the_other_members_read(
    name: str, words: tuple[str, ...]
) -> None:
    articles, problems = read(name, reader=read_inputs)
    assert [a.title for a in articles] == ["خبر رقم 2"]
    assert all("b-good.json" in a.origin for a in articles)
    assert_refused(problems, f"{name}!a-locked.json", *words)


def test_a_json_record_over_the_size_limit_is_skipped_and_the_next_read() -> None:
    bounds = limits(max_record_bytes=2048)
    articles, problems = read("big-record.json", reader=read_inputs, limits=bounds)
    assert [a.title for a in articles] == ["خبر رقم 2"]
    assert_refused(problems, "big-record.json#1", "record larger than 2 KiB")


def test_a_jsonl_line_over_the_size_limit_is_skipped_and_the_next_read() -> None:
    articles, problems = read("big-line.jsonl", limits=limits(max_record_bytes=2048))
    assert len(articles) == 1 and "المعرض الدولي" in articles[0].content
    assert_refused(problems, "big-line.jsonl:1", "longer than 2 KiB")


def test_a_page_over_the_file_limit_is_refused_before_it_is_read(tmp_path: Path) -> None:
    page = tmp_path / "huge.txt"
    page.write_bytes(GOOD_PAGE.read_bytes() * 200)  # ~1.3 MB
    articles, problems = only_items(
        list(read_articles([str(page), str(GOOD_PAGE)], limits=limits(max_file_bytes=2**20)))
    )
    assert len(articles) == 1
    assert_refused(problems, "huge.txt", "over the limit of 1 MiB")


# -- JSONL lines ----------------------------------------------------------------------------


def test_a_lone_surrogate_in_a_jsonl_text_is_one_problem_and_the_next_line_read() -> None:
    articles, problems = read("lone-surrogate.jsonl")
    assert [a.source for a in articles] == ["good"]
    assert_refused(problems, "lone-surrogate.jsonl:1", "surrogate")
    for article in articles:
        assert article.content_hash  # every article that comes out can be hashed and stored


def test_deep_nesting_in_one_jsonl_line_is_one_problem_and_the_next_line_read() -> None:
    articles, problems = read("deep-line.jsonl")
    assert len(articles) == 1 and "المعرض الدولي" in articles[0].content
    assert_refused(problems, "deep-line.jsonl:1", "nested too deeply")


def test_a_jsonl_title_that_is_not_a_string_is_refused_not_coerced() -> None:
    articles, problems = read("title-true.jsonl")
    assert [a.title for a in articles] == ["عنوان"]
    assert_refused(problems, "title-true.jsonl:1", "'title' must be a string")


# -- languages written in the Arabic script -------------------------------------------------


@pytest.mark.parametrize(("name", "language"), [("persian.txt", "Persian"), ("urdu.txt", "Urdu")])
def test_a_persian_or_urdu_page_is_not_taken_for_arabic(name: str, language: str) -> None:
    articles, problems = only_items(list(read_articles([str(CORPUS / name), str(GOOD_PAGE)])))
    assert not problems  # the reader takes any text; the language is told when it is cleaned
    story, refused = build_story(articles)
    assert [d.article.origin for d in story.documents] == [str(GOOD_PAGE)]
    (problem,) = refused
    assert name in problem.origin and f"{language} text, not Arabic" in problem.reason


def test_an_arabic_page_is_still_taken_for_arabic() -> None:
    articles, _ = only_items(list(read_articles([str(CORPUS / "cp1256.txt")])))
    story, refused = build_story(articles)
    assert len(story.documents) == 1 and not refused


# -- folders --------------------------------------------------------------------------------


@pytest.mark.skipif(os.geteuid() == 0, reason="root can list any folder")
def test_an_unlistable_sub_folder_is_named_not_skipped_silently(tmp_path: Path) -> None:
    locked = tmp_path / "locked"
    locked.mkdir()
    (tmp_path / "page.txt").write_bytes(GOOD_PAGE.read_bytes())
    locked.chmod(0)
    try:
        articles, problems = only_items(list(read_articles([str(tmp_path)])))
    finally:
        locked.chmod(0o755)
    assert len(articles) == 1
    assert_refused(problems, "locked", "cannot list folder")


def test_a_file_name_with_a_newline_and_an_escape_is_read_like_any_other(tmp_path: Path) -> None:
    odd = tmp_path / "page\nkhulasa: skipped forged\x1b[2J.txt"
    odd.write_bytes(GOOD_PAGE.read_bytes())
    articles, problems = only_items(list(read_articles([str(tmp_path)])))
    assert not problems and [a.origin for a in articles] == [str(odd)]
