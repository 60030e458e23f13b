from khulasa.clean import clean_articles
from khulasa.language import get_language
from khulasa.model import Article, Document
from khulasa.problems import Problem

BODY = (
    "أعلن وزير الخارجية الروسي سيرغي لافروف، الخميس 8 ديسمبر/كانون الأول 2016، في هامبورغ أن "
    "الجيش السوري أوقف عملياته القتالية في حلب بغية السماح بإجلاء المدنيين."
)
SECOND = (
    "وتشاور الوزيران هاتفياً مساء الخميس بعد وصول كيري الى باريس، وفق ما أفاد مسؤول في "
    "الخارجية الأميركية."
)


def test_html_goes_through_trafilatura_and_scripts_never_reach_the_text():
    html = (
        "<html><head><title>روسيا تعلن وقف العمليات العسكرية في حلب</title></head><body>"
        "<nav><a href='/'>الرئيسية</a> <a href='/world'>العالم</a></nav>"
        f"<article><h1>روسيا تعلن وقف العمليات العسكرية في حلب</h1><p>{BODY}</p><p>{SECOND}</p>"
        "</article><script>alert('x')</script><footer>جميع الحقوق محفوظة</footer></body></html>"
    )
    (doc,) = clean_articles([Article(id="p", content=html, kind="html")], get_language())
    assert isinstance(doc, Document)
    assert BODY in doc.text and SECOND in doc.text
    assert "alert" not in doc.text and "الرئيسية" not in doc.text
    assert doc.article.title == "روسيا تعلن وقف العمليات العسكرية في حلب"
    assert [s.text for s in doc.sentences][-2:] == [BODY, SECOND]


def test_non_arabic_and_empty_bodies_become_problems_and_the_rest_is_cleaned():
    english = Article(
        id="en", content="Kerry and Lavrov met in Hamburg on Thursday. " * 5, origin="en.txt"
    )
    furniture = Article(id="ui", content="شارك\nطباعة\nEmail\n12/08 19:32", origin="ui.txt")
    good = Article(id="ok", content=f"{BODY}\n{SECOND}", origin="ok.txt")
    results = clean_articles([english, good, furniture], get_language())
    assert isinstance(results[0], Problem) and results[0].origin == "en.txt"
    assert "not Arabic text" in results[0].reason
    assert isinstance(results[1], Document)
    assert isinstance(results[2], Problem)
    assert "no article body" in results[2].reason
