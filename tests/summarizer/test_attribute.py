"""Attribution: the outlets listed under a summary sentence, surest first, in the same order in
every process. Real sentences: one university's launch of its "دعم" system, told by several
papers on 2015-07-22 (SaudiNewsNet)."""

from khulasa.language import get_language
from khulasa.model import Article, Document, Sentence
from khulasa.summarizer.attribute import attribute
from khulasa.summarizer.units import build_units

ARABIC = get_language("ar")
CLAIM = (
    "وأوضح الدكتور عبدالله الموسى في كلمة له خلال التدشين، أن نظام «دعم» صمم بمعايير عالية الجودة "
    "والكفاءة ليستوعب الكم الهائل من الخدمات التقنية المميزة بهدف تسيير العمل بالشكل المطلوب بدون "
    "أي عوائق أو صعوبات تواجه الكادر الأكاديمي والإداري بالجامعة."
)
TWIN = (
    "وصرح الموسى أن نظام «دعم» صمم بمعايير عالية الجودة والكفاءة والذي يستوعب الكم الهائل من "
    "الخدمات التقنية المميزة بهدف تسير العمل بالشكل المطلوب بدون أي عوائق أو صعوبات تواجه الكادر "
    "الأكاديمي والإداري بالجامعة، وبين أن هذا النظام سيساهم وبشكل ملحوظ في إنجاز طلبات الدعم الفني."
)
OTHER = (
    'وقال الموسى إن نظام "دعم" صمم بمعايير عالية الجودة والكفاءة ويستوعب كمًّا هائلا من الخدمات '
    "التقنية المميزة، بهدف تسيير العمل بالشكل المطلوب في الجامعة."
)


def _document(doc_id: str, outlet: str, text: str) -> Document:
    return Document(Article(doc_id, text, source=outlet), text, (Sentence(doc_id, 0, text),))


def test_outlets_equally_close_to_the_claim_are_listed_in_document_order() -> None:
    """Two papers carry the same sentence. A cosine is a sum whose order follows the stem ids
    of the process's vocabulary, kept across stories, so their two scores may differ in the
    last bit from one process to the next; the listing must not follow that bit."""
    documents = [
        _document("aljazirah-1", "aljazirah", CLAIM),
        _document("almadina-1", "almadina", TWIN),
        _document("alwatan-1", "alwatan", OTHER),
        _document("alriyadh-1", "alriyadh", TWIN),
    ]
    story_units = build_units(documents, ARABIC, strip_leading=True)
    similarity = story_units.similarity().tocsc()
    start, end = similarity.indptr[0], similarity.indptr[1]
    column = dict(zip(similarity.indices[start:end].tolist(), range(start, end), strict=True))
    assert similarity.data[column[1]] == similarity.data[column[3]]  # the two copies
    order = [s.doc_id for s in attribute(0, story_units, similarity, threshold=0.1).support]
    assert order[0] == "aljazirah-1" and set(order) == {d.id for d in documents}
    assert order.index("almadina-1") + 1 == order.index("alriyadh-1")  # a tie: document order

    similarity.data[column[3]] *= 1 + 4e-16  # the later copy, one bit closer in another process
    again = [s.doc_id for s in attribute(0, story_units, similarity, threshold=0.1).support]
    assert again == order
