"""Entities: gazetteer and rule recognition, roles, and merging spellings across outlets."""

from __future__ import annotations

from datetime import date

from khulasa.facts.entities import EntityRecognizer, extract_entities
from khulasa.facts.text import key

from .helpers import story_of


def found(text: str) -> list[tuple[str, str]]:
    return [(m.kind, m.canonical) for m in EntityRecognizer().mentions(text)]


def test_title_before_name_gives_the_role() -> None:
    text = "نفى نائب وزير الخارجية الروسي سيرجي ريابكوف توصل موسكو لاتفاق مع واشنطن"
    (person, *places) = EntityRecognizer().mentions(text)
    assert (person.kind, person.canonical, person.role) == (
        "person",
        "سيرجي ريابكوف",
        "نائب وزير الخارجية الروسي",
    )
    assert [p.canonical for p in places] == ["موسكو", "واشنطن"]


def test_apposition_after_name_gives_the_role() -> None:
    text = "وقال جوش إرنست المتحدث باسم البيت الأبيض في إفادة صحفية"
    person = EntityRecognizer().mentions(text)[0]
    assert person.role == "المتحدث باسم البيت الأبيض"
    assert ("org", "البيت الأبيض") in found(text)


def test_organisations_places_and_clitics() -> None:
    text = "بشكل يسمح للأمم المتحدة بتسليم المساعدات الإنسانية إلى سكان حلب الشرقية"
    assert found(text) == [("org", "الأمم المتحدة"), ("place", "حلب")]
    assert found(
        "وأفاد المرصد السوري لحقوق الإنسان الخميس أن المعارك تتركز في أحياء صلاح الدين"
    ) == [
        ("org", "المرصد السوري لحقوق الإنسان"),
        ("place", "صلاح الدين"),
    ]
    assert found("في مقابلة مع صحيفة “الوطن” السورية") == [("org", "الوطن")]
    assert ("place", "جبل الهيال") in found(
        "سيطر على أجزاء واسعة من جبل الهيال شمال غرب مدينة تدمر"
    )


def test_common_words_are_not_names() -> None:
    # على folds to علي, a given name; إحياء (revival) folds to أحياء (districts)
    assert found("لم ينجح في التوصل إلى اتفاق على وقف لإطلاق النار") == []
    assert found("الى إحياء المفاوضات السياسية بين النظام السوري والمعارضة") == []
    assert found("في محيط المدينة، في الأحياء السكنية") == []


def test_spellings_merge_across_outlets() -> None:
    story = story_of(
        (
            "DW Arabic",
            "وأبلغ جون كيري الصحفيين عقب ثاني اجتماع ثنائي مع نظيره الروسي "
            "سيرجي لافروف في هامبورغ.",
            None,
        ),
        (
            "HuffPost Arabi",
            "أعلن وزير الخارجية الروسي سيرغي لافروف في هامبورغ أن الجيش السوري "
            "أوقف عملياته القتالية في حلب.",
            date(2016, 12, 8),
        ),
        (
            "Al-Bayan",
            "وأضاف لافروف أنه تم الاتفاق على اجتماع بين خبراء عسكريين. "
            "وكان تنظيم داعش شن هجوما على تدمر.",
            None,
        ),
        (
            "Al-Bawaba News",
            "يذكر أن الجيش السوري أرسل تعزيزات إلى مدينة تدمر "
            "حيث تقدم مقاتلو تنظيم الدولة الإسلامية.",
            date(2016, 12, 11),
        ),
    )
    entities = {e.name: e for e in extract_entities(story)}
    lavrov = entities["سيرغي لافروف"]
    assert set(lavrov.aliases) == {"سيرجي لافروف", "سيرغي لافروف", "لافروف"}
    assert lavrov.outlets == ("DW Arabic", "HuffPost Arabi", "Al-Bayan")
    assert lavrov.role == "وزير الخارجية الروسي"
    isis = entities["تنظيم الدولة الإسلامية"]
    assert set(isis.aliases) == {"تنظيم داعش", "تنظيم الدولة الإسلامية"}
    assert entities["الجيش السوري"].outlets == ("HuffPost Arabi", "Al-Bawaba News")


def test_spelling_keys_fold_outlet_variants() -> None:
    assert key("الأميركي") == key("الأمريكي")
    assert key("إستعداد") == key("استعداد")


def test_lineage_names_and_state_bodies() -> None:
    recognizer = EntityRecognizer()
    long = recognizer.mentions("خادم الحرمين الشريفين الملك سلمان بن عبدالعزيز آل سعود ، وسمو")
    short = recognizer.mentions(
        "استجابة من خادم الحرمين الشريفين الملك سلمان بن عبد العزيز، للرئيس"
    )
    assert long[0].group == short[0].group  # one person however much of the lineage is written
    assert found("عبد الملك الحوثي يرفض هدنة قوات التحالف")[0] == ("person", "عبد الملك الحوثي")
    assert ("org", "الحكومة اليمنية") in found("عشية استئناف الحكومة اليمنية الشرعية العمل الرسمي")
    assert ("org", "جماعة الحوثي") in found("قال زعيم جماعة الحوثي اليمنية في رسالة")
