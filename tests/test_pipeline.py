"""The Python API: khulasa.summarize(...) returns typed objects."""

import pytest

import khulasa
from tests.conftest import EXAMPLE_DIR, EXAMPLE_MANIFEST


def test_summarize_from_a_manifest_returns_sourced_sentences():
    summary = khulasa.summarize([EXAMPLE_MANIFEST], words=80)
    assert isinstance(summary, khulasa.Summary)
    assert summary.budget == khulasa.Budget(words=80)
    assert all(isinstance(s, khulasa.SummarySentence) for s in summary.sentences)
    assert set(summary.story.outlets) == {
        "DW Arabic",
        "Irfaa Sawtak",
        "Al-Bawaba News",
        "HuffPost Arabi",
        "Al-Bayan",
    }


def test_articles_and_paths_mix_and_duplicate_ids_are_made_unique():
    page = next(EXAMPLE_DIR.glob("003_*.txt"))
    article = khulasa.Article(
        id=page.stem, content=page.read_text(encoding="utf-8"), source="HuffPost Arabi"
    )
    summary = khulasa.summarize([article, page], chars=400)
    ids = [d.id for d in summary.story.documents]
    assert len(ids) == len(set(ids)) == 2
    assert len(summary.text) <= 400


def test_nothing_usable_raises_with_the_problems(tmp_path):
    (tmp_path / "a.txt").write_bytes(b"")
    with pytest.raises(khulasa.NothingToSummarize) as info:
        khulasa.summarize([tmp_path / "a.txt"])
    assert info.value.problems[0].reason == "empty file"


def test_budget_must_be_one_positive_unit():
    with pytest.raises(ValueError):
        khulasa.Budget(words=10, chars=10)
    with pytest.raises(ValueError):
        khulasa.Budget(words=0)


def test_extract_facts_is_part_of_the_public_api():
    summary = khulasa.summarize([EXAMPLE_MANIFEST], words=80)
    facts = khulasa.extract_facts(summary.story)
    lavrov = next(e for e in facts.entities if e.name == "سيرغي لافروف")
    assert len(lavrov.outlets) == 5  # merged across outlets and spellings (سيرغي / سيرجي)
    assert facts.possible_conflicts
