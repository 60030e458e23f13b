"""Units: the concepts of a sentence are its own adjacent stem pairs, coded as integers."""

from itertools import pairwise

from khulasa.language import get_language
from khulasa.model import Article, Budget, Document, Sentence
from khulasa.summarizer.concept import _costs
from khulasa.summarizer.units import build_units

ARABIC = get_language("ar")


def _document(doc_id: str, *texts: str) -> Document:
    sentences = tuple(Sentence(doc_id, k, text) for k, text in enumerate(texts))
    return Document(Article(doc_id, "\n".join(texts)), "\n".join(texts), sentences)


def _pairs(concepts: frozenset[int]) -> set[tuple[int, int]]:
    return {(code >> 32, code & 0xFFFFFFFF) for code in concepts}


def test_bigram_concepts_are_each_sentences_own_adjacent_stems() -> None:
    doc = _document(
        "a",
        "أعلن وزير الخارجية الروسي سيرغي لافروف وقف العمليات القتالية في حلب.",
        "في هذا إلى أن",  # stopwords only: no terms, no concepts, and no pair across it
        "وقال الجيش السوري إن المعارك مستمرة في الأحياء الشرقية.",
    )
    units = build_units([doc], ARABIC).units
    first, empty, last = units
    assert _pairs(first.concepts) == set(pairwise(first.terms))
    assert len(first.concepts) == len(first.terms) - 1 == 9  # 10 content words, "في" dropped
    assert empty.terms == () and empty.concepts == frozenset()
    assert _pairs(last.concepts) == set(pairwise(last.terms))
    assert (first.terms[-1], last.terms[0]) not in _pairs(first.concepts | last.concepts)


def test_the_same_words_in_two_outlets_give_the_same_concepts() -> None:
    text = "وأوقف الجيش السوري العمليات القتالية في شرق حلب لإجلاء المدنيين."
    documents = [_document("a", text), _document("b", "قال: " + text)]
    a, b = build_units(documents, ARABIC, strip_leading=True).units
    assert a.concepts == b.concepts  # "قال" is a leading attribution word, not part of a concept


def test_word_budget_costs_are_the_units_word_counts(example_story) -> None:
    units = build_units(example_story.documents, ARABIC, strip_leading=True).units
    every = list(range(len(units)))
    budget = Budget(words=250)
    expected = [budget.sentence_cost(u.sentence.text) for u in units]
    assert _costs(units, every, budget) == expected
