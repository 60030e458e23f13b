"""Shared fixtures: the bundled example story (five real scraped pages about Aleppo, Dec 2016),
and the databases a store test runs on: a SQLite file, and a fresh database on a throw-away
PostgreSQL server (see ``tests/postgres.py``)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from khulasa.model import Story
from khulasa.pipeline import build_story, load_articles

from .postgres import Cluster, start_cluster

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE_DIR = ROOT / "examples" / "aleppo-2016-12"
EXAMPLE_MANIFEST = EXAMPLE_DIR / "manifest.jsonl"
SHARED_DATA = ROOT.parent / "shared" / "data"


@pytest.fixture(scope="session")
def example_story() -> Story:
    articles, problems = load_articles([EXAMPLE_MANIFEST])
    assert not problems
    story, problems = build_story(articles)
    assert not problems
    return story


@pytest.fixture(scope="session")
def example_page() -> callable:
    """Text of one example page by its number prefix ("000" … "004")."""

    def read(prefix: str) -> str:
        (path,) = EXAMPLE_DIR.glob(f"{prefix}_*.txt")
        return path.read_text(encoding="utf-8")

    return read


BACKENDS = ["sqlite", "postgres"]


@pytest.fixture(scope="session")
def postgres_cluster(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Cluster]:
    """One server for the session, started by the first test that needs it, stopped at the end
    (also after failures); skips, saying why, where PostgreSQL or psycopg is missing."""
    cluster = start_cluster(tmp_path_factory.mktemp("postgres"))
    try:
        yield cluster
    finally:
        cluster.stop()


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    return request.param


@pytest.fixture
def new_db(
    request: pytest.FixtureRequest, backend: str, tmp_path: Path
) -> Iterator[Callable[..., object]]:
    """Make an empty database on the test's backend: ``new_db("a.db")`` is a file in
    ``tmp_path`` on SQLite, a new database's URL on PostgreSQL (the name is then unused),
    dropped after the test."""
    if backend == "sqlite":
        yield lambda name="k.db": tmp_path / name
        return
    cluster = request.getfixturevalue("postgres_cluster")
    made: list[str] = []

    def make(name: str = "k.db") -> str:
        made.append(cluster.new_database())
        return made[-1]

    yield make
    for url in made:
        cluster.drop_database(url)


@pytest.fixture
def database(new_db: Callable[..., object]) -> object:
    """Where the test's store lives: a path or a ``postgresql://`` URL, as ``--db`` takes it."""
    return new_db()


# Property-based tests (hypothesis): a bounded budget so `make test` stays fast. The "ci"
# profile is the default; HYPOTHESIS_PROFILE=deep runs many more examples by hand.
try:
    from hypothesis import HealthCheck, settings
except ImportError:  # pragma: no cover - the dev extra installs it
    pass
else:
    import os

    settings.register_profile(
        "ci",
        max_examples=100,
        deadline=None,
        derandomize=True,
        print_blob=True,
        suppress_health_check=[HealthCheck.too_slow],
    )
    settings.register_profile("deep", max_examples=5_000, deadline=None)
    settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))
