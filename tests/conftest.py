"""Shared fixtures: the bundled example story (five real scraped pages about Aleppo, Dec 2016)."""

from __future__ import annotations

from pathlib import Path

import pytest

from khulasa.model import Story
from khulasa.pipeline import build_story, load_articles

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
