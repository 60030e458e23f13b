"""The boilerplate filter on the five real scraped pages of the example story."""

from bench.boilerplate import evaluate

BOILERPLATE = [
    "المحتوى الرئيسى",
    "Comments",
    "عاجل",
    "Email",
    "شارك",
    "طباعة",
    "ت + ت - الحجم الطبيعي",
    "...المزيد",
    "...تابع القراءة",
    "أهم أخبار العالم",
    "واتساب",  # the contact line
    "كاتب في موقع",  # the author bio
    "*الصورة",  # the photo credit
]


def test_known_leftovers_are_gone_from_every_cleaned_document(example_story):
    for doc in example_story.documents:
        for leftover in BOILERPLATE:
            assert leftover not in doc.text, (doc.id, leftover)


def test_duplicated_photo_captions_are_gone_and_logged(example_story):
    doc = next(d for d in example_story.documents if d.id.startswith("002"))
    for caption in ("تخريب حلب", "كيري ولافروف", "واشنطن تسعى لخروج"):
        assert caption not in doc.text.splitlines()
        assert caption in doc.dropped


def test_every_body_paragraph_stays(example_story, example_page):
    doc = next(d for d in example_story.documents if d.id.startswith("001"))
    page = example_page("001")
    for paragraph in page.split("\n\n")[3:18]:  # the article's body paragraphs, lines 7–35
        assert paragraph.strip() in doc.text.splitlines()
    # In-body subheadings are kept, headlines too.
    huffpost = next(d for d in example_story.documents if d.id.startswith("003"))
    assert "ممر لإجلاء السكان" in huffpost.text.splitlines()
    assert doc.text.splitlines()[0].startswith("كيري: الجهود ستتواصل بشأن حلب")


def test_precision_and_recall_against_the_hand_labelled_lines():
    scores, errors = evaluate()
    tp = sum(s.tp for s in scores.values())
    fp = sum(s.fp for s in scores.values())
    fn = sum(s.fn for s in scores.values())
    assert tp / (tp + fp) >= 0.95, errors
    assert tp / (tp + fn) >= 0.95, errors
