from khulasa.language import get_language
from khulasa.language.normalize import arabic_letter_ratio, normalize_arabic

ar = get_language("ar")


def test_normalization_unifies_spellings_outlets_use():
    assert normalize_arabic("إستعداد") == normalize_arabic("استعداد")
    assert normalize_arabic("الخارجيّة") == "الخارجيه"
    assert normalize_arabic("مستشفى") == "مستشفي"
    assert normalize_arabic("ميدانيـــاً") == "ميدانيا"
    assert normalize_arabic("٨٠٠٠ شخص") == "8000 شخص"


def test_terms_drop_stopwords_and_share_stems_across_inflections():
    terms = ar.terms("وقال إن المسلحين والمسلحون في المدينة")
    assert "في" not in terms and "ان" not in terms
    assert terms.count(ar.terms("المسلحين")[0]) == 2
    # Two outlets' spellings of Russian (الروسي / والروسي) share one stem.
    assert ar.terms("الروسي") == ar.terms("والروسي")


def test_tokens_keep_arabic_words_and_numbers():
    assert ar.tokens("قافلة تضم 8 آلاف شخص، إنها عملية كبيرة.") == [
        "قافله",
        "تضم",
        "8",
        "الاف",
        "شخص",
        "انها",
        "عمليه",
        "كبيره",
    ]


def test_script_ratio_tells_arabic_from_english():
    assert arabic_letter_ratio("أعلن وزير الخارجية الروسي سيرغي لافروف") == 1.0
    assert arabic_letter_ratio("Kerry and Lavrov met in Hamburg") == 0.0
    assert 0.3 < arabic_letter_ratio("التقى كيري Lavrov في Hamburg") < 0.8


def test_fast_normalization_matches_pyarabic_reference(example_page):
    """normalize_arabic uses pyarabic's mark lists with one regex; the output must not change."""
    from pyarabic import araby

    from khulasa.language.normalize import _LETTER_MAP

    text = example_page("002") + " الْعَرَبِيّةُ ميدانيـــاً ٨٠٠٠ ۱۲ ک ی"
    reference = araby.strip_tatweel(araby.strip_tashkeel(text)).translate(_LETTER_MAP)
    assert normalize_arabic(text, fold_teh_marbuta=False) == reference
    assert normalize_arabic(text) == reference.replace("ة", "ه")
