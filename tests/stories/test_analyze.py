"""Text analysis: the fused Arabic pass equals the language plug-in; MinHash tracks overlap."""

from __future__ import annotations

from khulasa.language import get_language
from khulasa.stories.analyze import Analyzer, jaccard


def test_the_fused_pass_gives_exactly_the_plugin_tokens_and_terms(
    sample_records, example_page
) -> None:
    language = get_language("ar")
    analyzer = Analyzer(language)
    texts = [r["content"] for r in sample_records] + [example_page(p) for p in ("000", "003")]
    texts.append("إِنَّ الـمـدينةَ ٢٠١٦ ی ک «مُسلّحون» آمنة")  # diacritics, tatweel, digits, Persian
    for text in texts:
        tokens, terms = analyzer.words(text)
        assert tokens == language.tokens(text)
        assert terms == language.terms(text)


def test_copies_score_high_and_unrelated_articles_low(sample_records) -> None:
    analyzer = Analyzer(get_language("ar"))
    copy_a, copy_b, *_, other, _ = [analyzer(r["content"] or " ") for r in sample_records]
    assert jaccard(copy_a.signature, copy_a.signature) == 1.0
    assert jaccard(copy_a.signature, copy_b.signature) >= 0.4
    assert jaccard(copy_a.signature, other.signature) < 0.1
    assert set(copy_a.bands) & set(copy_b.bands)
    assert not set(copy_a.bands) & set(other.bands)
