"""Property: whatever files a folder holds (random bytes, random JSONL, damaged copies of the
hostile corpus), the readers yield only Articles and Problems, and the good page next to them
is still read."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from khulasa.ingest import read_articles
from khulasa.ingest.saudinewsnet import read_inputs
from khulasa.model import Article, Problem

from ..conftest import EXAMPLE_DIR

CORPUS = Path(__file__).resolve().parents[1] / "hostile" / "corpus"
SEEDS = sorted(CORPUS.iterdir())
GOOD_PAGE = sorted(EXAMPLE_DIR.glob("000_*.txt"))[0]
SUFFIXES = [".txt", ".html", ".jsonl", ".json", ".zip", ""]

FIELD_VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.text(max_size=30),
    st.sampled_from(["../x", "/etc/passwd", "javascript:alert(1)", "\x1b[2J", "", " "]),
    st.lists(st.integers(), max_size=2),
)
JSONL_RECORD = st.dictionaries(
    st.sampled_from(["text", "html", "path", "id", "source", "url", "published", "title"]),
    FIELD_VALUES,
    max_size=5,
)


@st.composite
def mutated_seed(draw) -> tuple[str, bytes]:
    """A corpus file with a few bytes flipped, cut short or spliced."""
    seed = draw(st.sampled_from(SEEDS))
    data = bytearray(seed.read_bytes())
    for _ in range(draw(st.integers(0, 4))):
        at = draw(st.integers(0, max(0, len(data) - 1)))
        if data:
            data[at] = draw(st.integers(0, 255))
    if draw(st.booleans()):
        data = data[: draw(st.integers(0, len(data)))]
    return seed.suffix, bytes(data)


@st.composite
def jsonl_file(draw) -> tuple[str, bytes]:
    lines = [
        json.dumps(r, ensure_ascii=draw(st.booleans())).encode("utf-8", "surrogatepass")
        for r in draw(st.lists(JSONL_RECORD, max_size=4))
    ]
    lines += draw(st.lists(st.binary(max_size=20), max_size=2))
    return ".jsonl", b"\n".join(draw(st.permutations(lines)))


FILES = st.lists(
    st.one_of(
        st.tuples(st.sampled_from(SUFFIXES), st.binary(max_size=300)),
        jsonl_file(),
        mutated_seed(),
    ),
    min_size=1,
    max_size=4,
)


def check(items: list, folder: Path) -> None:
    assert all(isinstance(i, Article | Problem) for i in items), items
    for item in items:
        if isinstance(item, Problem):
            assert item.reason.strip()
        else:
            assert item.content.strip()
            item.content_hash  # noqa: B018 - every article can be hashed and stored
    goods = [i for i in items if isinstance(i, Article) and i.origin == str(GOOD_PAGE)]
    assert len(goods) == 1  # the batch went on past everything in the folder


@settings(max_examples=80)
@given(FILES)
def test_random_files_give_only_articles_and_problems_and_the_batch_goes_on(files) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        paths = []
        for number, (suffix, data) in enumerate(files):
            path = folder / f"f{number}{suffix}"
            path.write_bytes(data)
            paths.append(str(path))
        specs = [*paths, str(folder), str(GOOD_PAGE)]
        check(list(read_articles(specs)), folder)
        check(list(read_inputs(specs)), folder)
