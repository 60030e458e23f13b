"""A real database holding the bundled Aleppo example (five real pages, three stories), a test
client on the application, and a real server on 127.0.0.1 for the browser tests."""

from __future__ import annotations

import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import uvicorn
from fastapi.testclient import TestClient

from khulasa.ingest import read_articles
from khulasa.serve import ServeConfig, create_app
from khulasa.store import Store
from khulasa.stories.engine import IngestSettings
from khulasa.stories.intake import ingest_items

from ..conftest import BACKENDS, EXAMPLE_MANIFEST
from ..postgres import Cluster

TOKEN = "test-token-0123456789abcdef"
LOCAL = "http://127.0.0.1"


def example_db(path: Path | str) -> Path | str:
    with Store(path) as store:
        ingest_items(store, read_articles([str(EXAMPLE_MANIFEST)]), IngestSettings(workers=0))
    return path


@pytest.fixture(scope="session")
def example_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return example_db(tmp_path_factory.mktemp("example") / "news.db")


@pytest.fixture(scope="session")
def example_template_postgres(postgres_cluster: Cluster) -> str:
    return str(example_db(postgres_cluster.new_database()))  # type: ignore[arg-type]


@pytest.fixture
def db(
    request: pytest.FixtureRequest, example_template: Path, tmp_path: Path
) -> Iterator[Path | str]:
    """A fresh copy of the example database for each test (tests write to it): a file, or on
    PostgreSQL (a module's ``pytestmark = ON_BOTH_BACKENDS``) a database copied from a
    template."""
    if getattr(request, "param", "sqlite") == "postgres":
        template = request.getfixturevalue("example_template_postgres")
        cluster = request.getfixturevalue("postgres_cluster")
        url = cluster.new_database(copy_of=template)
        yield url
        cluster.drop_database(url)
        return
    copy = tmp_path / "news.db"
    shutil.copy(example_template, copy)
    yield copy


# A serve test module that runs on both engines says so with this mark.
ON_BOTH_BACKENDS = pytest.mark.parametrize("db", BACKENDS, indirect=True)


def make_client(db: Path, **config: object) -> TestClient:
    app = create_app(ServeConfig(db=db, report_workers=False, **config))
    return TestClient(app, base_url=LOCAL)


@pytest.fixture
def client(db: Path) -> Iterator[TestClient]:
    with make_client(db) as test_client:
        yield test_client


@pytest.fixture
def guarded(db: Path) -> Iterator[TestClient]:
    """A server with a write token."""
    with make_client(db, token=TOKEN) as test_client:
        yield test_client


def story_of(client: TestClient, outlet: str) -> int:
    """The id of the example story that holds ``outlet``'s article."""
    listing = client.get("/api/stories", params={"min_outlets": 1}).json()["stories"]
    (story,) = [s["id"] for s in listing if outlet in s["outlets"]]
    return story


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def live_server(db: Path) -> Iterator[str]:
    """``khulasa serve``'s application under uvicorn on 127.0.0.1, stopped after the test."""
    port = free_port()
    app = create_app(ServeConfig(db=db, port=port, report_workers=False))
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the test server did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)
