"""A tiny generic test set built from the example story's pages, in a temporary folder."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import EXAMPLE_DIR

# Two short human-style summaries of the example story (Aleppo, 8 December 2016).
REFERENCES = {
    "A": "أعلن وزير الخارجية الروسي سيرغي لافروف أن العمليات القتالية للجيش السوري أوقفت في "
    "شرق حلب لإجلاء المدنيين. ولم يحقق كيري ولافروف أي تقدم في محادثاتهما في هامبورغ.",
    "B": "قالت روسيا إن الجيش السوري أوقف العمليات القتالية في شرق حلب لأن هناك عملية كبيرة "
    "لإجلاء المدنيين، بينما لم يتوصل كيري ولافروف إلى وقف لإطلاق النار.",
}


@pytest.fixture()
def tiny_dataset(tmp_path: Path) -> Path:
    """One usable topic (5 pages, 2 refs, 1 peer) plus one topic that has no refs."""
    root = tmp_path / "tiny"
    topic = root / "aleppo"
    (topic / "docs").mkdir(parents=True)
    (topic / "refs").mkdir()
    (topic / "peers").mkdir()
    for page in sorted(EXAMPLE_DIR.glob("*.txt")):
        (topic / "docs" / page.name).write_bytes(page.read_bytes())
    for name, text in REFERENCES.items():
        (topic / "refs" / f"{name}.txt").write_text(text, encoding="utf-8")
    (topic / "peers" / "sys1.txt").write_text(REFERENCES["B"], encoding="utf-8")
    broken = root / "norefs"
    (broken / "docs").mkdir(parents=True)
    (broken / "docs" / "a.txt").write_text("نص", encoding="utf-8")
    return root
