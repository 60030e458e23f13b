"""General rules for names no list knows (issue 6): people by position, organisations by
pattern, places by context, nationality adjectives, and merging of short and variant forms.

Sentences are from MultiLing 2011 (M001, M002) and SaudiNewsNet 2015-07-25.
"""

from __future__ import annotations

from datetime import date

from khulasa.facts.entities import EntityRecognizer, extract_entities
from khulasa.facts.gazetteer import load_gazetteer
from khulasa.facts.text import key

from .helpers import story_of


def found(text: str) -> list[tuple[str, str]]:
    return [(m.kind, m.surface) for m in EntityRecognizer().mentions(text)]


def people(text: str) -> list[str]:
    return [surface for kind, surface in found(text) if kind == "person"]


def test_name_after_a_speech_verb_needs_an_apposition_or_a_break() -> None:
    assert people("وقال شون ماكورماك ، المتحدث باسم وزارة خارجية الولايات المتحدة الأمريكية") == [
        "شون ماكورماك"
    ]
    # "راي" is spelled like the verb رأى, but a verb cannot follow قال
    assert people("وقال راي كوبر عم آدم سبيري احد مشاة البحرية") == ["راي كوبر", "آدم سبيري"]
    # an unnamed subject with a nationality is a description, not a name
    assert people("وقال صياد عراقي (الذي طلب عدم ذكر اسمه) أنه شهد هذه الواقعة") == []
    # verbs that take an object first (يرى، يعلن) do not announce a name
    assert people("أن روسيا ترى وجود غرابة في تصرفات الولايات المتحدة") == []
    assert people("التحالف يعلن هدنة إنسانية لخمسة أيام") == []


def test_name_after_a_title_an_office_or_a_kinship_noun() -> None:
    assert people("وقدم قائدهم الكابتن أبو القاسم أمانجاه ، مع ميدالية ايران") == [
        "أبو القاسم أمانجاه"
    ]
    text = "صرح المتحدث الرسمي باسم مركز الملك سلمان للإغاثة والأعمال الإنسانية رأفت الصباغ، أنه"
    assert people(text) == ["رأفت الصباغ"]  # not "الملك سلمان", not "باسم مركز"
    assert people('في حين قالت جدته ، مارغريت سبيري ، "لا اعتقد انني كنت سأخرج"') == [
        "مارغريت سبيري"
    ]
    # a lone listed given name after a title is a shortened name, not a new person
    assert people("«مركز الملك سلمان» يسهم بنقل 12000 عالق يمني إلى بلدهم") == []


def test_list_entries_with_an_age_or_a_colon() -> None:
    assert people("شاهزاد تنوير ,22, طالب في جامعة ليدز متروبوليتان,حيث درس العلوم") == [
        "شاهزاد تنوير"
    ]
    assert people("ليندسي جيرمان : خط قطار بيكاديللي ،ولد في جميكا") == ["ليندسي جيرمان"]
    assert people('واكتفى بالقول: "بالتأكيد، إذا كان ذلك صحيحاً"') == []


def test_short_given_name_behind_a_preposition_is_a_word() -> None:
    assert people("أدلى رئيس الوزراء البريطاني توني بلير في بيان خارج 10 داوننغ ستريت") == [
        "توني بلير"
    ]


def test_organisation_constructs_take_adjectives_up_to_the_nationality() -> None:
    orgs = [
        s for k, s in found("وفقا لوزارة الدفاع البريطانية. وحرس الحدود الايراني") if k == "org"
    ]
    assert orgs == ["وزارة الدفاع البريطانية", "حرس الحدود الايراني"]
    assert ("org", "وزارة خارجية الولايات المتحدة الأمريكية") in found(
        'المتحدث باسم وزارة خارجية الولايات المتحدة الأمريكية ، "نحن نؤيد'
    )
    assert ("org", "جامعة ليدز متروبوليتان") in found("طالب في جامعة ليدز متروبوليتان,حيث درس")
    assert ("org", "الخطوط الجوية البريطانية") in found(
        "بعد دقائق من مغادرة رحلة الخطوط الجوية البريطانية BA6634 التي اعادتهم"
    )
    # adjectives after the nationality describe the body
    assert ("org", "الحكومة اليمنية") in found("عشية استئناف الحكومة اليمنية الشرعية العمل")
    # bodies that need a nationality to be a name
    assert ("org", "السلطات الإيرانية") in found("وتركنا السلطات الإيرانية بلا شك")
    assert not [k for k, _ in found("تطالب السلطات المحلية بالتحقيق") if k == "org"]
    # a listed name after صحيفة is the entity, not "صحيفة" + its first word
    assert ("org", "صحيفة الحرس") not in found("في صبحي صادق (صحيفة الحرس الثوري الأسبوعية)")


def test_nationalities_come_from_the_place_names() -> None:
    gaz = load_gazetteer()
    for word in ("عراقي", "الإيرانية", "بريطانيون", "الأمريكي", "السعودية", "اليمنيين"):
        assert gaz.is_nationality(key(word)), word
    for word in ("سبيري", "الصباغ", "الحدود", "الملكية"):
        assert not gaz.is_nationality(key(word)), word
    # a country written with the article (الباكستان) is still the country
    assert found("محمد صديق خان ,30,ولد في الباكستان,من داوسبري.")[1] == ("place", "الباكستان")


def test_places_from_their_context() -> None:
    assert found("ولد في جميكا و مقيم في أيليسبري.") == [
        ("place", "جميكا"),
        ("place", "أيليسبري"),
    ]
    assert ("place", "ديوسبري") in found(
        "تم تفتيش الممتلكات في ديوسبري، على بعد حوالى ثمانية أميال"
    )
    assert found("كما تم تفتيش منازل في منطقة بيرلي,بيستون و هولبيك.") == [
        ("place", "بيرلي"),
        ("place", "بيستون"),
        ("place", "هولبيك"),
    ]
    assert ("place", "قاعدة عسكرية") not in found("وقد حطوا في قاعدة عسكرية لإستخلاص المعلومات")


def test_an_outlet_told_something_is_an_organisation() -> None:
    text = "أعلن محافظ عدن نايف البكري، في اتصال هاتفي لـ«الشرق الأوسط»، أن الوزراء"
    assert ("org", "الشرق الأوسط") in found(text)
    assert ("place", "الشرق الأوسط") not in found(text)


def test_short_forms_relatives_and_aliases_in_a_story() -> None:
    story = story_of(
        (
            "Wikinews",
            "تم القبض على البحارة وفقا لوزارة الدفاع البريطانية.\n"
            "وقالت وزارة الدفاع التي كان أفراد البحرية يشاركون في عمليات روتينية.\n"
            "تم استدعاء السفير الايراني الى وزارة الخارجية لرؤية الأمين الدائم.\n"
            "قال للمسؤول بوزارة الخارجية الايرانية وفقا لمحطة التلفزيون.\n"
            "وقال راي كوبر عم آدم سبيري ، أن هذه هي أفضل هدية.\n"
            "في حين قالت جدته ، مارغريت سبيري ، إنها سعيدة.\n"
            "المشتبه به حسين عثمان و المعروف ايضا باسم حمدي اسحق ,وصل الى لندن.",
            date(2007, 4, 5),
        )
    )
    entities = {e.name: e for e in extract_entities(story)}
    # the short "وزارة الدفاع" joins the British ministry named before it (not the listed
    # Russian one); the British "وزارة الخارجية" named before the Iranian one stays apart
    assert "وزارة الدفاع" in entities["وزارة الدفاع البريطانية"].aliases
    assert "وزارة الدفاع الروسية" not in entities
    assert "وزارة الخارجية" in entities and "وزارة الخارجية الايرانية" in entities
    # a grandson and his grandmother share a surname but not an entity
    assert "آدم سبيري" in entities and "مارغريت سبيري" in entities
    assert "حمدي اسحق" in entities["حسين عثمان"].aliases


def test_position_alone_does_not_make_common_words_a_name() -> None:
    """Read on SaudiNewsNet 2015-07-31 (not used to write the rules, only to check them)."""
    for text in (
        "رصد الاختصاصي الاجتماعي أحمد السناني خمسة مسببات رئيسة لارتفاع العنوسة في السعودية",
        "سمات جدة صور مزيفة طلاق",
        "صحة جدة تحيل أوراق وفاة طفل للتحقيق",
        "بالإضافة إلى محاضرين من جامعة الملك سعود ، ومنظمة الأغذية والزراعة",
        "بممارسة لعبة قد تتطلب الجلوس متربعاً لفترة طويلة، أما إن كان الجهازان",
        "وقال عوديد فرايد وهو رئيس جماعة بارزة لحقوق المثليين إن الهجوم لن يردع منظمي",
        "وقال الدكتور محمد البراك عضو رابطة علماء المسلمين: من يستغرب أن إيران تهدم",
        "التي سيعتمدها اليوناني دونيس في المباريات التي سيستهلها الفريق بمواجهة النصر في السوبر",
        "لافتاً إلى أنه تم حتى الآن تصحيح أوضاع ما يزيد عن 391 ألف شخص، غالبيتهم",
    ):
        assert all(
            name in ("أحمد السناني", "محمد البراك", "عوديد فرايد") for name in people(text)
        ), text
    assert people("وقالت رئيسة القطاع المالي ايمي هوود إن الشركة تتطلع لجني عائدات") == [
        "ايمي هوود"
    ]


def test_an_office_holder_named_before_a_time_word_and_a_middle_initial() -> None:
    """MultiLing M000 (scored blind once, then read for errors)."""
    text = (
        "وفي حين ان اليابان قد حددت في الاصل تبرعاتها الى 350 مليون دولار اميريكي, اعلن رئيس "
        "الوزراء الياباني جونيتشيرو كويزومي يوم السبت 1 يناير تبرعات بنصف بليون دولار."
    )
    assert people(text) == ["جونيتشيرو كويزومي"]
    assert people("وقال الرئيس جورج دبليو. بوش إن الولايات المتحدة ستساعد.") == ["جورج دبليو. بوش"]
    # after an office, a noun phrase (feminine ending) is not a name
    assert people("وشكل رئيس الوزراء الياباني حكومة جديدة في طوكيو.") == []


def orgs(text: str) -> list[str]:
    return [surface for kind, surface in found(text) if kind == "org"]


def test_a_university_or_agency_named_bare_and_a_web_address() -> None:
    """Sentences of SaudiNewsNet (2015-07-22, 2015-08-03) and MultiLing M000."""
    assert orgs("ثم درس إدارة الأعمال في جامعة هارفارد (ولاية ماساجوستس).") == ["جامعة هارفارد"]
    text = "وكانت نسبة المنادين بتغييره حينذاك 34% ممن شملهم الاستطلاع ، بحسب ما ذكرته وكالة كيودو."
    assert orgs(text) == ["وكالة كيودو"]
    text = "Amazon.com وضعت رابط للصليب الأحمر الأمريكي، جمع أكثر من 8 مليون دولار من 100000 شخصا"
    assert orgs(text)[0] == "Amazon.com"
    # an adjective (feminine like its head), a news agency's genitive noun, a mail address
    assert orgs("وقالت جامعة حكومية في الرياض إنها ستقبل الطلاب.") == []
    text = "قالت وكالة أنباء وزارة النفط الإيرانية (شانا)إن إيران استأنفت تصدير الغاز إلى تركيا."
    assert "وكالة أنباء" not in orgs(text)
    assert orgs("للتواصل مع الكاتب: algashgari@gmail.com") == []


def test_a_spokesman_for_an_unlisted_body_and_now_is_no_name() -> None:
    """MultiLing M003 (scored blind once, then read for errors)."""
    text = (
        '"تم ابعاد مايكل راسموسن من السباق بتهمة انتهاك القوانين الداخليه للفريق " قال المتحدث '
        "باسم رابوبنك يعقوب بيرجسما."
    )
    assert people(text) == ["مايكل راسموسن", "يعقوب بيرجسما"]
    text = (
        "وقال ديفيد كاساني وهو عضو سابق في جولة الدراجات دو فرانس والآن معلق التلفزيون لايطاليا ، "
        "انه رأى راسموسن"
    )
    assert not any("الآن" in name for name in people(text))  # والآن is not the name آلان


def test_two_names_joined_by_wa_are_two_people() -> None:
    text = (
        "بعد هروب مبكر، نيكولا فوجوندي و ماتيو لاداجنوس انضم اليهم ستيفان اوجيه وفريدريك ويليمز "
        "(الثلاثة الأول فرنسيون، وهذا الأخير بلجيكي) في 42 كيلومترا من النهاية."
    )
    assert "ستيفان اوجيه" in people(text)
    assert not any("وفريدريك" in name for name in people(text))


def test_an_office_with_the_article_introduces_a_name() -> None:
    """M003: "القائد" is the office قائد with its article."""
    text = (
        "في المرحلة الثالثة والأطول من جولة دو فرانس اليوم، فإن القائد السويسري فابيان "
        "كانسيلارا لم ينتظر أن يتنافس مع العدائين."
    )
    assert "فابيان كانسيلارا" in people(text)


def test_saudi_cities_a_describing_adjective_and_a_verb_after_a_place() -> None:
    """SaudiNewsNet 2015-08-06, the Abha mosque bombing (labelled blind, then read for errors)."""
    headline = "تنظيم داعش الارهابي يُعلن أبو سنان النجدي منفذ عملية تفجير أبها"
    assert ("org", "تنظيم داعش") in found(headline)  # not "… الارهابي" (terrorist)
    assert ("place", "أبها") in found(headline)
    text = (
        "صرح المتحدث الأمني بوزارة الداخلية أنه أثناء قيام مجموعة من منسوبي قوات الطوارىء "
        "الخاصة بمنطقة عسير بأداء صلاة الظهر جماعة في مسجد مقر القوات، حدث تفجير في جموع المصلين"
    )
    assert ("place", "عسير") in found(text)  # not "عسير بأداء"


def test_common_foreign_given_names_open_a_name() -> None:
    """SaudiNewsNet 2015-07-24: given names a list of Arabic names does not hold."""
    text = (
        "وكافح دي ماريا صاحب الـ (27 عاما) للحصول على مركز أساسي له في تشكيلة المدرب الهولندي "
        "لويس فان غال في النصف الثاني من الموسم، رغم البداية الجيدة له في البريميرليج."
    )
    assert "لويس فان غال" in people(text)
    text = "وقالت كريستين لاجارد المديرة التنفيذية لصندوق النقد في بيان “أشعر بسعادة غامرة”."
    assert people(text) == ["كريستين لاجارد"]


def test_one_of_opens_an_apposition_and_a_nationality_can_stand_for_a_title() -> None:
    """SaudiNewsNet 2015-07-31, MH370 debris (labelled blind, then read for errors)."""
    text = (
        "وقال جيانغ هوي احد المسؤولين عن مجموعة الاسر الصينية والذي كانت والدته على متن الرحلة، "
        "لوكالة فرانس برس في بكين"
    )
    assert people(text) == ["جيانغ هوي"]
    text = "وقالت الاسترالية جانيت ماغواير التي كانت شقيقتها كاثي في الطائرة ان العثور على الحطام"
    assert people(text) == ["جانيت ماغواير"]
    text = 'وقال وزير النقل الأسترالي وارن تروس للصحفيين اليوم الجمعة "هناك شبه يقين".'
    assert people(text) == ["وارن تروس"]


def places(text: str) -> list[str]:
    return [surface for kind, surface in found(text) if kind == "place"]


def test_islands_oceans_and_world_regions_are_places() -> None:
    """SaudiNewsNet 2015-07-31 (MH370 debris) and MultiLing M000: CLDR's world regions, a
    curated list of seas, and an island named after جزيرة."""
    text = (
        "توجه محققون ماليزيون متخصصون الخميس إلى جزيرة لاريونيون الفرنسية في المحيط الهندي "
        "لمعاينة حطام طائرة عثر عليه الاربعاء"
    )
    assert places(text) == ["لاريونيون", "المحيط الهندي"]
    text = (
        'واضاف "ليس هذا دليلا قاطعا لكن العثور على الحطام في شمال جزيرة لاريونيون يتناسب مع '
        'تقلبات التيارات البحرية".'
    )
    assert places(text) == ["لاريونيون"]  # not "لاريونيون يتناسب"
    assert "آسيا" in places("مشيرا الى ان مساهمات أميركا للإغاثة من كارثة تسونامي في آسيا كان")


def test_state_bodies_and_offices_with_a_nationality() -> None:
    """SaudiNewsNet 2015-07-31 / 08-01 (MH370 debris)."""
    text = (
        'وقال رئيس مكتب سلامة النقل الأسترالي مارتن دولان لوكالة فرانس برس الجمعة "ثقتنا '
        'متزايدة بان هذا الحطام هو للرحلة ام اتش 370" التابعة للخطوط الجوية الماليزية".'
    )
    found_orgs = [(m.canonical, m.surface) for m in EntityRecognizer().mentions(text)]
    assert ("مكتب سلامة النقل الأسترالي", "مكتب سلامة النقل الأسترالي") in found_orgs
    # ل + article: the name keeps its article although the script drops the alif
    assert ("الخطوط الجوية الماليزية", "لخطوط الجوية الماليزية") in found_orgs
    text = "يضم ممثلا عن مكتب التحقيقات والتحليلات الفرنسي، والدرك الفرنسي أيضا، وخبراء ماليزيين."
    assert "الدرك الفرنسي" in orgs(text)
    # إلى folds to الي, which is not a nisba adjective after a state body
    assert orgs("وستُنقل القطعة برًّا بمواكبة من الدرك إلى مختبر بالقرب من تولوز") == []


def test_a_profession_before_a_name_and_the_age_phrase() -> None:
    """SaudiNewsNet 2015-08-11, the death of Nour El-Sherif (labelled blind, then read)."""
    text = "وقال الفنان سامح الصريطي، لوكالة أنباء الشرق الأوسط، إن الشريف توفي منذ قليل"
    assert people(text) == ["سامح الصريطي"]
    text = "ذكرت وكالة أنباء الشرق الأوسط أن الممثل نور الشريف توفي عن عمر ناهز 74 عاما."
    assert people(text) == ["نور الشريف"]  # not "عمر ناهز" (at the age of)
    text = "ونقلت الوكالة عن سامح الصريطي وكيل نقابة المهن التمثيلية قوله إن جثمان الشريف سيشيع"
    assert "نقابة المهن" in orgs(text)


def test_a_hamzaed_alif_is_no_article_and_a_profession_opens_an_apposition() -> None:
    """SaudiNewsNet 2015-08-03/04, the Athens stock exchange (labelled blind, then read)."""
    text = (
        "وكان رئيس الوزراء اليوناني أليكسيس تسيبراس صرح في البرلمان بأنه طلب من وزير المالية "
        "السابق في حكومته يانيس فاروفاكيس وضع «خطة دفاعية»"
    )
    assert "أليكسيس تسيبراس" in people(text)  # أليكسيس folds to اليكسيس, but has no article
    text = 'وقال يوجيرو جوتو محلل أسواق الصرف في نومورا "التراجع في سوق الأسهم اليونانية".'
    assert people(text) == ["يوجيرو جوتو"]
    assert orgs("ووفقا لوكالة رويترز هبط المؤشر الرئيسي لبورصة أثينا 16.2 في المائة.") == [
        "وكالة رويترز",
        "بورصة أثينا",
    ]


def test_his_club_in_favour_of_and_a_kings_airport_are_no_people() -> None:
    """SaudiNewsNet 2015-08-09/10, Al-Shabab signs Saif Al-Hashan (labelled blind, then read)."""
    text = (
        "وصل لاعب نادي القادسية الكويتي الكابتن سيف الحشان إلى مطار الملك خالد بالرياض، وكان "
        "في استقباله عضو مجلس الإدارة بنادي الشباب"
    )
    assert people(text) == ["سيف الحشان"]  # not "خالد بالرياض"
    assert "مطار الملك خالد" in places(text)
    text = "أثار توقيع لاعب وسط المنتخب الكويتي سيف الحشان لصالح نادي الشباب السعودي موجة غضب"
    assert not any("صالح" in name for name in people(text))  # لصالح: in favour of
    assert people("وأكد اللاعب رغبته في الرحيل عن ناديه القادسية الكويتي") == []  # his club


def test_transliterated_names_with_no_cue() -> None:
    # SaudiNewsNet 2015-08-10 (sport) and 2015-08-04 (economy): no title, office or verb cue
    text = "والتعاقد مع الثنائي القادم من أوروجواي والمكون من ماوريسيو أفونسو ودييجو أريسمندي."
    assert people(text) == ["ماوريسيو أفونسو", "دييجو أريسمندي"]
    assert people("وبالفعل أجرى إفكليديس تساكالوتوس وزير المالية اليوناني أولى مباحثاته") == [
        "إفكليديس تساكالوتوس"
    ]
    # Arabic words in an unlisted case form are not a name (SaudiNewsNet 2015-08-04)
    assert people("ما قد يدفع اقتصاد البلاد إلى ركودا مفاجئا") == []


def test_transliterated_bodies_and_places_are_not_people() -> None:
    # SaudiNewsNet 2015-07-31: a word of the name, or the noun before it, tells the kind
    assert found("وتقول هيومن رايتس ووتش «بينت التحقيقات في مواقع الهجمات»") == [
        ("org", "هيومن رايتس ووتش")
    ]
    assert ("org", "رويال داتش") in found("تعتزم شركة رويال داتش تسريح 6500 موظف هذا العام")
    text = "وتبعه هجوم على كنيسة للسود في شارلستون (ولاية ساوث كارولينا)، فقتل تسعة منهم فيها."
    assert ("place", "ساوث كارولينا") in found(text)
    assert found("لعبة «جيومتري داش» Geometry Dash") == []  # a game is no entity
