"""`khulasa summarize` as a user runs it: bad inputs named, the rest still summarized."""

import json
import shutil

from khulasa.cli import main
from tests.conftest import EXAMPLE_DIR, EXAMPLE_MANIFEST


def test_each_bad_input_is_named_with_its_reason_and_the_rest_is_summarized(tmp_path, capsys):
    for page in EXAMPLE_DIR.glob("*.txt"):
        shutil.copy(page, tmp_path / page.name)
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "photo.jpg").write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01" * 20)
    (tmp_path / "english.txt").write_text(
        "Kerry and Lavrov met in Hamburg but reached no deal on Aleppo. " * 4, encoding="utf-8"
    )
    missing = tmp_path / "missing.html"
    out = tmp_path / "summary.json"
    code = main(["summarize", str(tmp_path), str(missing), "--format", "json", "-o", str(out)])
    err = capsys.readouterr().err
    assert code == 1
    assert f"{tmp_path / 'empty.txt'}: empty file" in err
    assert f"{tmp_path / 'photo.jpg'}: binary file" in err
    assert f"{tmp_path / 'english.txt'}: not Arabic text" in err
    assert f"{missing}: no such file or folder" in err
    data = json.loads(out.read_text(encoding="utf-8"))
    assert len(data["story"]["documents"]) == 5
    assert data["summary"] and data["budget"]["used"] <= 100
    assert len(data["problems"]) == 4


def test_cp1256_and_bom_copies_summarize_like_the_utf8_original(tmp_path, capsys):
    page = next(EXAMPLE_DIR.glob("003_*.txt")).read_text(encoding="utf-8")
    page = page.replace("“", '"').replace("”", '"')  # cp1256 has no curly quotes
    (tmp_path / "utf8.txt").write_text(page, encoding="utf-8")
    (tmp_path / "bom.txt").write_bytes(b"\xef\xbb\xbf" + page.encode("utf-8"))
    (tmp_path / "legacy.txt").write_bytes(page.encode("cp1256"))
    outputs = []
    for name in ("utf8", "bom", "legacy"):
        assert main(["summarize", str(tmp_path / f"{name}.txt"), "--words", "60"]) == 0
        # The outlet falls back to the file name; everything else must be identical.
        outputs.append(capsys.readouterr().out.replace(name, "PAGE"))
    assert outputs[0] == outputs[1] == outputs[2]
    assert "لافروف" in outputs[0]


def test_nothing_usable_exits_2_and_says_so(tmp_path, capsys):
    (tmp_path / "empty.txt").write_bytes(b"")
    assert main(["summarize", str(tmp_path / "empty.txt")]) == 2
    err = capsys.readouterr().err
    assert "empty file" in err and "nothing to summarize" in err


def test_demo_formats_are_written(tmp_path, capsys):
    for fmt in ("text", "json", "md", "html"):
        target = tmp_path / f"summary.{fmt}"
        code = main(
            [
                "summarize",
                str(EXAMPLE_MANIFEST),
                "--words",
                "80",
                "--format",
                fmt,
                "-o",
                str(target),
            ]
        )
        assert code == 0
        assert "لافروف" in target.read_text(encoding="utf-8")


def test_help_teaches_inputs_budget_and_formats(capsys):
    try:
        main(["summarize", "--help"])
    except SystemExit as exc:
        assert exc.code == 0
    text = capsys.readouterr().out
    for needle in ("--words", "--chars", "--format", "JSONL", "Windows-1256", "examples:"):
        assert needle in text
