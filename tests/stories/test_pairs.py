"""The same-event model's title words (``stories/pairs.py``): which differences, learned from the
event gold, count against two articles being one event.

The titles are real SaudiNewsNet titles of 2015-08-02, a development day.
"""

from __future__ import annotations

from khulasa.language import get_language
from khulasa.stories.analyze import Analyzer
from khulasa.stories.pairs import make_member, pair_features, shipped_model, title_words
from khulasa.stories.profile import build_profile

ANALYZER = Analyzer(get_language("ar"))


def _member(article_id: int, title: str, text: str):
    profile = build_profile(ANALYZER, title, text, None)
    analysis = ANALYZER(text)
    return make_member(
        article_id, None, profile, analysis.term_counts, analysis.signature, {}, frozenset()
    )


def test_title_words_name_what_two_titles_differ_in_and_share() -> None:
    a = _member(1, "محمد بن زايد يستقبل وزير الخارجية السعودي", "نص")
    b = _member(2, "المشرف على مركز الملك سلمان للإغاثة يستقبل وزيرة الإعلام اليمنية", "نص")
    words = title_words(a, b)
    shared = {w for w in words if w.startswith("s:")}
    assert len(shared) >= 1 and all(w[2:] in a.title and w[2:] in b.title for w in shared)
    assert {w[2:] for w in words if w.startswith("d:")} == set(a.title) ^ set(b.title)
    assert title_words(b, a) == words  # symmetric, and in a fixed order


def test_two_receptions_by_two_officials_score_lower_with_the_learned_words() -> None:
    """Sharing "receives" is no sign of one event: a day holds dozens of receptions."""
    model = shipped_model()
    assert model.words, "the shipped model has no title word weights"
    a = _member(1, "محمد بن زايد يستقبل وزير الخارجية السعودي", "محمد بن زايد يستقبل الجبير")
    b = _member(
        2,
        "المشرف على مركز الملك سلمان للإغاثة يستقبل وزيرة الإعلام اليمنية",
        "الربيعة يستقبل وزيرة الإعلام اليمنية",
    )
    (logit,) = model.word_logits(a, [b])
    assert logit < 0
    # scoring reads the same weights the trainer's feature strings name
    assert abs(logit - sum(model.words.get(w, 0.0) for w in title_words(a, b))) < 1e-9
    row = pair_features(a, b)
    _, (with_words,) = model.score(a, [b])
    assert with_words < float(model.probability([row])[0])


def test_a_page_without_a_title_gets_no_title_words() -> None:
    """A scraped page's stand-in title is its opening (here a skip link, "المحتوى الرئيسى"):
    the words learned on real titles must not count against it."""
    model = shipped_model()
    untitled = build_profile(ANALYZER, None, "المحتوى الرئيسى\nكيري: الجهود ستتواصل بشأن حلب", None)
    assert not untitled.titled
    analysis = ANALYZER("كيري: الجهود ستتواصل بشأن حلب")
    a = make_member(1, None, untitled, analysis.term_counts, analysis.signature, {}, frozenset())
    b = _member(2, "لافروف: الجيش السوري أوقف عملياته في حلب", "لافروف حلب")
    assert model.word_logits(a, [b]) == [0.0] and model.word_logits(b, [a]) == [0.0]
