"""Agreement and conflict between outlets, on real sentences from the example story."""

from __future__ import annotations

from collections import defaultdict

import pytest

from khulasa.facts.conflicts import ClaimIndex
from khulasa.facts.entities import EntityRecognizer
from khulasa.facts.model import Source
from khulasa.facts.numbers import NumberReader

from .helpers import source

RYABKOV = (
    "نفى نائب وزير الخارجية الروسي سيرجي ريابكوف توصل موسكو لاتفاق مع واشنطن حول خروج "
    "المسلحين من شرق حلب، وأن الولايات المتحدة تصر في محادثاتها مع روسيا على شروط غير مقبولة "
    "بشأن وقف إطلاق النار."
)
OPPOSITION = (
    "كانت وكالة رويترز نقلت عن المعارضة السورية أن موسكو وواشنطن توصلتا لاتفاق لإخراج المسلحين "
    "من شرق حلب خلال 48 ساعة، وذكر المصر أن الاتفاق يسمح للمسلحين الخروج مع عائلاتهم."
)
LAVROV = (
    "أعلن وزير الخارجية الروسي سيرغي لافروف، الخميس 8 ديسمبر/كانون الأول 2016، في هامبورغ أن "
    "الجيش السوري أوقف عملياته القتالية في حلب بغية السماح بإجلاء المدنيين."
)
FIGHTING_GOES_ON = (
    "ميدانياً، تجدد القصف على الأحياء المتبقية بيد المعارضة السورية المسلحة شرقي حلب، وتدهورت "
    "أوضاع عشرات آلاف المدنيين المحصورين في مساحة ضيقة."
)
NO_PROGRESS_A = (
    "أعلن مسؤول أميركي أن وزيري الخارجية الأميركي جون كيري والروسي سيرغي لافروف لم يحققا أيّ "
    "تقدّم في محادثاتهما الخميس حول التوصل إلى وقف لإطلاق النار في حلب بعد عقد اجتماعين غير "
    "رسميين مقتضبين في هامبورغ على هامش لقاء دولي."
)
NO_PROGRESS_B = (
    "وفي وقت سابق، أعلن مسؤول أميركي أن وزيري الخارجية الأميركي جون كيري والروسي سيرغي لافروف "
    "لم يحققا أي تقدم الخميس في محادثاتهما حول التوصل الى وقف لإطلاق النار في حلب بعدما عقدا "
    "اجتماعين غير رسميين مقتضبين في هامبورغ على هامش لقاء دولي."
)


def index(*sources: Source) -> ClaimIndex:
    recognizer = EntityRecognizer()
    mentions = defaultdict(list)
    for src in sources:
        mentions[(src.doc_id, src.sentence_index)] += recognizer.mentions(src.sentence)
    return ClaimIndex(list(sources), mentions)


def no_contradiction(claims: ClaimIndex) -> bool:
    """Neither a finding nor a lead to check."""
    return claims.contradictions() == claims.possible_contradictions() == []


def test_denial_within_one_article_is_a_contradiction() -> None:
    denial = source(RYABKOV, "002", "Al-Bawaba News", 1)
    claim = source(OPPOSITION, "002", "Al-Bawaba News", 2)
    (conflict,) = index(denial, claim).contradictions()
    assert conflict.kind == "contradiction" and conflict.reason.startswith("denial")
    assert conflict.side_a == (denial,) and conflict.side_b == (claim,)
    assert {"توصل", "مسلح"} <= set(conflict.shared)


def test_stopped_versus_went_on() -> None:
    halt = source(LAVROV, "003", "HuffPost Arabi", 0)
    goes_on = source(FIGHTING_GOES_ON, "004", "Al-Bayan", 7)
    (conflict,) = index(halt, goes_on).contradictions()
    assert conflict.reason.startswith("reversal")
    assert conflict.outlets == ("HuffPost Arabi", "Al-Bayan")


def test_two_outlets_agreeing_on_a_negative_claim_is_no_conflict() -> None:
    a = source(NO_PROGRESS_A, "001", "Irfaa Sawtak", 2)
    b = source(NO_PROGRESS_B, "003", "HuffPost Arabi", 7)
    claims = index(a, b)
    assert no_contradiction(claims)
    (agreement,) = claims.agreements()
    assert agreement.outlets == ("Irfaa Sawtak", "HuffPost Arabi")


def test_numeric_disagreement_needs_same_quantity_and_context() -> None:
    killed_a = source(
        "قتل 26 عنصرا من قوات النظام السوري في هجوم شنه تنظيم داعش على تدمر", "a", "A"
    )
    killed_b = source(
        "قتل 40 عنصرا من قوات النظام السوري في هجوم شنه تنظيم داعش على تدمر", "b", "B"
    )
    more = source("قتل أكثر من 20 عنصرا من قوات النظام السوري في هجوم شنه تنظيم داعش", "c", "C")
    reader = NumberReader()
    numbers = [n for s in (killed_a, killed_b, more) for n in reader.find(s)]
    (conflict,) = index(killed_a, killed_b, more).numeric_conflicts(numbers)
    assert conflict.kind == "numeric"
    assert (conflict.side_a, conflict.side_b) == ((killed_a,), (killed_b,))
    # same value written differently is agreement, not conflict
    dw = source("قافلة تضم 8 آلاف شخص، إنها عملية كبيرة لإجلاء المدنيين من حلب", "d", "DW")
    huff = source("سيكون هناك ممر لإجلاء 8000 شخص من حلب", "h", "Huff")
    numbers = [n for s in (dw, huff) for n in reader.find(s)]
    assert index(dw, huff).numeric_conflicts(numbers) == []


def test_one_figure_with_other_separators_is_no_conflict() -> None:
    # SaudiNewsNet 2015-07-26: Al-Jazirah writes «72.837» مترا, Al-Eqtisadiah 72837 مترا
    text = "وأوضح وكيل أمين منطقة المدينة المنورة أن طول الطرق المسفلتة في مخططات شوران {} مترا"
    a = source(text.format("«72.837»"), "a", "Al-Jazirah")
    b = source(text.format("72837"), "b", "Al-Eqtisadiah")
    numbers = [n for s in (a, b) for n in NumberReader().find(s)]
    assert {n.value for n in numbers} == {72.837, 72837}  # read differently …
    assert index(a, b).numeric_conflicts(numbers) == []  # … but the same digits: no conflict


def test_the_same_negative_claim_in_two_outlets_is_no_conflict() -> None:
    a = source("وأضاف أنه لا توجد شروط جزائية أخرى في العقد الذي ألغي بسبب دور روسيا.", "a", "A")
    b = source(
        "وأضاف أن المناقشات جرت بطريقة ودية ولا توجد شروط جزائية أخرى في العقد الذي ألغي بسبب "
        "دور روسيا.",
        "b",
        "B",
    )
    assert no_contradiction(index(a, b))
    described = source(
        "وتراجع عدد السكان الذين لا ينحدرون من أصول أجنبية في ألمانيا العام الماضي.", "c", "C"
    )
    rose = source("وارتفع عدد المتحدرين من أصول أجنبية في ألمانيا العام الماضي.", "d", "D")
    assert no_contradiction(index(described, rose))  # a relative clause describes


@pytest.mark.parametrize(
    ("negated", "other"),
    [
        pytest.param(  # SaudiNewsNet 2015-07-21: "ممن لا يعانون", those who do not suffer
            "وكتب فريق الباحثين في دورية ارتفاع ضغط الدم هذا الشهر، إن في المجمل كانت هناك 273 "
            "حالة إصابة بأمراض القلب والأوعية الدموية خلال الدراسة، وتبين أن مرضى ارتفاع ضغط "
            "الدم أكثر عرضة لها ممن لا يعانون ارتفاع ضغط الدم.",
            "على الرغم من أن أبحاثًا سابقة أشارت إلى أن ارتفاع ضغط الدم قد يكون أكثر خطورة على "
            "أصحاب الوزن المنخفض، فإن دراسة جديدة وجدت أن مخاطر أمراض القلب والأوعية الدموية "
            "متساوية ومرتفعة بالنسبة للنحفاء وأصحاب الوزن الزائد ومن يعانون السمنة المفرطة على حد "
            "سواء.",
            id="relative-man",
        ),
        pytest.param(  # SaudiNewsNet 2015-08-02: one adviser, "لكي لا يعطي" vs "لأنه يعطي"
            "كذلك أكّد كفاح محمود المستشار الاعلامي في رئاسة الإقليم أن «كلام ديوان رئاسة الإقليم "
            "واضح في مطالبة حزب العمال الكردستاني بإبعاد قواعده العسكرية من أراضي الإقليم لكي لا "
            "يعطي أي مبرر للحكومة التركية لقصف المدنيين».",
            "وأكد كفاح محمود المستشار الاعلامي في رئاسة الاقليم «نحن نطالب من حزب العمال بإخراج "
            "قواعده من اراضي الاقليم لأنه يعطي المبررات للحكومة التركية للقيام بهذا القصف».",
            id="purpose-clause",
        ),
    ],
)
def test_a_negation_that_describes_a_group_or_states_an_aim_denies_nothing(
    negated: str, other: str
) -> None:
    assert no_contradiction(index(source(negated, "a", "A"), source(other, "b", "B")))


def test_one_dispute_reported_by_several_outlets_is_one_item() -> None:
    claim = source(LAVROV, "003", "HuffPost Arabi", 0)
    first = source(FIGHTING_GOES_ON, "004", "Al-Bayan", 7)
    second = source(
        "ميدانياً، تواصل قوات النظام السوري مدعومة من مجموعات مسلحة موالية لها تقدمها نحو "
        "الأحياء الأخيرة في شرق حلب وسط القصف والمعارك.",
        "001",
        "Irfaa Sawtak",
        6,
    )
    (conflict,) = index(claim, first, second).contradictions()
    assert len(conflict.side_b) == 2


# SaudiNewsNet 2015-07-31: an astronomer explains the name "blue moon"; another paper reports it.
BLUE_MOON_NAME = (
    'وقال رئيس الجمعية المهندس ماجد أبوزاهرة: "القمر الأزرق مجرد تسمية تطلق على القمر البدر '
    "الثاني من قمرين يقعان في شهر شمسي واحد، وليس لأن القمر سوف يظهر أزرق اللون في قبة السماء، "
    'فالقمر سيظهر بلونه كالمعتاد".'
)
BLUE_MOON_REPORT = (
    "تشهد سماء كوكب الأرض اليوم حدثاً فلكياً نادراً، وذلك عندما يظهر القمر مكتملاً للمرة الثانية "
    "خلال شهر واحد، وهي ظاهرة تعرف بـ”القمر الأزرق”، حيث إن القمر الأول ظهر في اليوم الثاني."
)
# Same day: a US spokeswoman denies what three papers report.
NO_ONE_KIDNAPPED = (
    'وقالت "لن نكشف أسماء المجموعات المشاركة في برنامج التدريب والتجهيز السوري، ولكن يمكنني أن '
    'أؤكد أن ليس هناك عناصر من القوة السورية الجديدة مخطوفون أو محتجزون".'
)
KIDNAPPED = (
    "خطفت جبهة النصرة ثمانية عناصر من فرقة سورية مقاتلة، كانوا تلقوا تدريبات في اطار برنامج "
    "التدريب الاميركي للمعارضة السورية المعتدلة، وانتقلوا إلى سوريا للمشاركة في عملية عسكرية."
)
# 2015-07-26: two papers announce the same Yemen truce; "it lasts five days" is no fighting.
TRUCE_TERMS = (
    "فقد تقرر أن تبدأ الهدنة الإنسانية اعتباراً من الساعة (11:59) مساء بتوقيت اليمن يوم الأحد"
    " (10 شوال 1436ه ) الموافق (26 يوليو 2015م) ولمدة (خمسة) أيام وفقاً لما ورد في رسالة "
    "فخامة الرئيس عبدربه منصور هادي رئيس الجمهورية اليمنية، لإدخال وتوزيع أكبر قدر من "
    "المساعدات الإنسانية والطبية للشعب اليمني الشقيق، حيث تتوقف فيها الأعمال العسكرية من قبل "
    "قوات التحالف، وفي حال قيام المليشيات الحوثية والقوات الموالية لها بأي أعمال أو تحركات "
    "عسكرية في أي منطقة فسوف يتم التصدي لها من قبل قوات التحالف، مع استمرار الحظر والتفتيش "
    "الجوي والبحري، والاستطلاع الجوي لأي تحركات لمليشيات الحوثي والقوات الموالية لها."
)
TRUCE_NEWS = (
    "أعلنت قيادة قوات التحالف التي تساند اليمن أمس «هدنة إنسانية» تبدأ مساء اليوم وتستمر لمدة"
    " خمسة أيام، وتوقف الأعمال العسكرية من قبل قوات تحالف «إعادة الأمل»، وذلك استجابة من خادم"
    " الحرمين الشريفين الملك سلمان بن عبد العزيز، للرئيس اليمني عبد ربه منصور هادي، لرغبة "
    "الحكومة اليمنية في إدخال وتوزيع أكبر قدر من المساعدات الإنسانية والطبية."
)


def test_a_negated_reason_denies_nothing_but_a_denial_of_the_event_does() -> None:
    name = source(BLUE_MOON_NAME, "a", "Sabq")
    report = source(BLUE_MOON_REPORT, "b", "3alyoum")
    claims = index(name, report)
    assert no_contradiction(claims)  # "not because it looks blue"
    denial = source(NO_ONE_KIDNAPPED, "c", "Al-Riyadh")
    kidnapped = source(KIDNAPPED, "d", "Asharq Al-Awsat")
    claims = index(denial, kidnapped)
    assert claims.contradictions() == []  # a bare "لم", no denial verb: a lead, not a finding
    (conflict,) = claims.possible_contradictions()
    assert conflict.side_a == (denial,) and conflict.side_b == (kidnapped,)


def test_a_truce_that_lasts_is_not_fighting_that_goes_on() -> None:
    terms = source(TRUCE_TERMS, "a", "Al-Riyadh")
    news = source(TRUCE_NEWS, "b", "Asharq Al-Awsat")
    assert no_contradiction(index(terms, news))


def test_a_denial_needs_the_other_side_to_assert_what_it_denies() -> None:
    """SaudiNewsNet 2015-07-22/24 (audit round 6): the other side shares words, not the claim."""
    denial = source(
        "لكن رومنيجه نفى التقارير التي تحدثت عن إن بطل ألمانيا يفكر في بيع لاعب وسطه توماس مولر "
        "إلى مانشستر يونايتد أيضا.",
        "a",
        "Al-Madina",
    )
    other_player = source(
        "لكن بطل ألمانيا أيضاً باع نجمه الألماني الدولي باستيان شفاينشتايجر إلى مانشستر يونايتد "
        "الإنجليزي.",
        "b",
        "Al-Jazirah",
    )
    assert no_contradiction(index(denial, other_player))  # another player than the one denied
    minister = source(
        "نفى وزير التعليم الدكتور عزام الدخيل ما يتم تداوله في مواقع التواصل الاجتماعي حول تأجيل "
        "موعد بدء الدراسة إلى ما بعد إجازة الحج.",
        "c",
        "Al-Jazirah",
    )
    meeting = source(
        "يعقد اليوم وزير التعليم الدكتور عزام الدخيل اجتماعًا في مقر الوزارة بالرياض مع مديري "
        "التعليم في مناطق ومحافظات المملكة، لمناقشة الاستعدادات للسنة الدراسية الجديدة.",
        "d",
        "Al-Madina",
    )
    assert no_contradiction(index(minister, meeting))  # nothing about a postponement


ASSAD_SPEECH = (
    "كما تطرق الأسد في خطابه إلى انعكاس الوضعين السياسي والميداني على الوضع الاقتصادي، قائلا: "
    "إن «مؤسسات الدولة مستمرة بالقيام بعملها ولو بالحدود الدنيا ببعض الحالات، فنحن في حرب وفي "
    "الحروب تتوقف الحياة تماما وتنقطع مقومات العيش»، لافتا إلى أن أكثر «القطاعات الواعدة في "
    "مثل ظروفنا، قطاع الإعمار، وقد صدر القانون الذي يفتح المجال واسعا أمام هذا القطاع ووضعت "
    "المخططات التنظيمية لأولى هذه المناطق في دمشق»، وذلك في إشارة غير مباشرة إلى مشروع تنظيم "
    "بساتين الرازي في منطقة المزة التي يجري الآن إخلاؤها من السكان بعد أن تعهدت شركات إيرانية "
    "بإعمارها."
)
ZABADANI_CLASHES = (
    "من جهة أخرى ألقى الطيران المروحي بعد منتصف ليل السبت- الأحد عدة براميل متفجرة على مناطق "
    "في مدينة الزبداني، ترافق مع استمرار الاشتباكات العنيفة بين الفرقة الرابعة وحزب الله "
    "اللبناني من جهة والفصائل المقاتلة ومسلحين محليين من جهة أخرى في المدينة، في محاولة من "
    "حزب الله اللبناني والفرقة الرابعة منذ الرابع من الشهر الجاري في محاولة للسيطرة على "
    "المدينة، كما ارتفع إلى 5 عدد القتلى الذين قضوا أول أمس في ريف دمشق بينهم 4 مقاتلين من "
    "الكتائب المقاتلة قتلوا خلال اشتباكات مع قوات النظام والمسلحين الموالين لها في الزبداني "
    "والغوطة الغربية، في حين استهدف التنظيم تمركزاً لقوات النظام عند أطراف القلمون بالقرب من "
    "إحدى المحطات الحرارية، ومعلومات مؤكدة عن قتلى من قوات النظام."
)


def test_life_that_stops_in_war_is_no_halt_of_fighting() -> None:
    """Asharq Al-Awsat 2015-07-27, Assad's speech, against Al-Jazirah's report of clashes."""
    speech = source(ASSAD_SPEECH, "a", "Asharq Al-Awsat")
    clashes = source(ZABADANI_CLASHES, "b", "Al-Jazirah")
    assert no_contradiction(index(speech, clashes))
