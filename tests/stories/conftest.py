"""Stream test fixtures: real SaudiNewsNet records and a synthetic stream built from them."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
SAMPLE = FIXTURES / "saudinewsnet-sample.json"


@pytest.fixture(scope="session")
def sample_records() -> list[dict]:
    """Four copies of one SPA-style report (Los Angeles fires, 2015-07-21), two unrelated
    articles and one record with empty content, as SaudiNewsNet ships them."""
    return json.loads(SAMPLE.read_text(encoding="utf-8"))


def synthetic_stream(records: list[dict], count: int, seed: int = 7) -> list[dict]:
    """``count`` distinct articles in the SaudiNewsNet layout, made by reshuffling the sample's
    real Arabic sentences, so a test can have a stream long enough to interrupt."""
    rng = random.Random(seed)
    sentences = [
        s.strip() + "."
        for r in records
        for s in r["content"].replace("\n", " ").split(".")
        if len(s.split()) > 4
    ]
    out = []
    for i in range(count):
        body = " ".join(rng.sample(sentences, k=min(6, len(sentences))))
        out.append(
            {
                "source": f"outlet{i % 7}",
                "url": f"http://example.org/{i}",
                "date_extracted": f"2015-07-{21 + i % 5} 10:00:00",
                "title": f"خبر رقم {i}",
                "author": "",
                "content": f"{body} ({i})",
            }
        )
    return out


@pytest.fixture()
def stream_file(tmp_path: Path, sample_records: list[dict]) -> Path:
    path = tmp_path / "stream.json"
    path.write_text(json.dumps(synthetic_stream(sample_records, 1500), ensure_ascii=False))
    return path
