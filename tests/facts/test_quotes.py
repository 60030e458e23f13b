"""Quotes: direct and reported speech on real sentences, with the right speaker."""

from __future__ import annotations

from .helpers import quotes_in, story_of


def read(*sentences: str) -> list[tuple[str, str | None, str]]:
    """(kind, speaker, text) of the quotes in consecutive sentences of one article."""
    return [(q.kind, q.speaker, q.text) for q in quotes_in(*sentences)]


def test_direct_quote_after_verb_and_subject() -> None:
    quotes = read(
        "وقال مدير المرصد رامي عبد الرحمن، الأربعاء، إن “قوات النظام باتت تسيطر على مساحة”."
    )
    assert quotes == [("direct", "رامي عبد الرحمن", "قوات النظام باتت تسيطر على مساحة")]


def test_continuation_verbs_keep_the_previous_speaker() -> None:
    quotes = read(
        "وقال الرئيس السوري بشار الأسد في مقابلة مع صحيفة “الوطن” السورية نُشرت الخميس، "
        "إن حسم المعركة في حلب سيشكل “محطة كبيرة باتجاه” نهاية الحرب.",
        "وأضاف “صحيح أن معركة حلب ستكون ربحاً، لكن لكي نكون واقعيين لا تعني نهاية الحرب في سورية”.",
        'وقال: "سيكون هناك ممر لإجلاء 8000 شخص لمسافة 5 كيلومترات".',
    )
    assert [q[1] for q in quotes] == ["بشار الأسد"] * 3
    assert "الوطن" not in [q[2] for q in quotes]  # a quoted newspaper name is not speech


def test_unnamed_and_reported_sources() -> None:
    assert read("أعلن مسؤول أميركي أن وزيري الخارجية لم يحققا أي تقدم في محادثاتهما.") == [
        ("reported", "مسؤول أميركي", "وزيري الخارجية لم يحققا أي تقدم في محادثاتهما")
    ]
    quotes = read("لكن نُقِل عن لافروف أن الجيش السوري أوقف العمليات العسكرية النشطة في شرق حلب.")
    assert quotes[0][:2] == ("reported", "سيرغي لافروف")  # the gazetteer knows his full name


def test_subject_before_verb_and_speech_nouns() -> None:
    said = read("وبحسب المسؤول، فإن كيري قال للصحافة الروسية إن الجهود ستتواصل رغم ذلك.")
    assert said[0][1] == "جون كيري"
    text = (
        "يذكر في حلب عن إيجور كوناشنيكوف المتحدث باسم وزارة الدفاع قوله "
        '"الناس يغادرون عبر ممرات إنسانية"'
    )
    assert read(text) == [("direct", "إيجور كوناشنيكوف", "الناس يغادرون عبر ممرات إنسانية")]


def test_no_speaker_no_quote() -> None:
    # an impersonal "يذكر أن" is the writer's note, and a name in quotes is not speech
    assert read("يذكر أن الجيش السوري أرسل تعزيزات إلى مدينة تدمر.") == []
    assert read('كما يجبر الاتفاق مسلحي "جبهة النصرة" على التوجه نحو إدلب.') == []


def test_headline_with_colon() -> None:
    assert read("كيري: الجهود ستتواصل بشأن حلب..") == [
        ("direct", "جون كيري", "الجهود ستتواصل بشأن حلب..")
    ]


def test_unnamed_office_holder_and_institutions() -> None:
    said = read(
        "قال زعيم جماعة الحوثي اليمنية في رسالة نشرت على حساب للجماعة إنه يرفض وقف إطلاق النار."
    )
    assert said[0][:2] == ("reported", "زعيم جماعة الحوثي")  # the leader, not the group
    said = read(
        "وأكدت قيادة التحالف وقف العمليات العسكرية، وقالت إنه سيتم إدخال المساعدات الإنسانية.",
        "وعلى الرغم من إيقاف العمليات إلا أن قيادة التحالف، أشارت إلى أنها ستتصدى لأي تحركات.",
    )
    assert [q[1] for q in said] == ["قيادة التحالف", "قيادة التحالف"]


def test_clock_time_is_not_a_colon_before_speech() -> None:
    text = "أعلنت قيادة قوات التحالف بدء هدنة إنسانية اعتباراً من الساعة (11:59) مساءً يوم الأحد."
    assert read(text) == []


def test_bare_title_speaks_for_the_person_who_holds_it() -> None:
    quotes = read(
        "أعلن الرئيس الإيراني محمود أحمدي نجاد إنه سيتم الإفراج عن خمسة عشر من افراد البحرية.",
        "وقال الرئيس انه اصدر أمر باطلاق سراح البحارة بمناسبة ذكرى ولادة النبي محمد.",
    )
    assert [q[1] for q in quotes] == ["محمود أحمدي نجاد", "محمود أحمدي نجاد"]


def test_a_verb_inside_a_quotation_opens_no_new_speech() -> None:
    quotes = read(
        "وفى حديثه فى مؤتمر صحفى ، قال احمدي نجاد ان الجنود البريطانيين قد انتهكوا الأراضي.",
        'واضاف انه "طالب السيد بلير بعدم وضع هؤلاء الأفراد ال 15 للمحاكمة لأنهم اعترفوا"',
    )
    assert {q[1] for q in quotes} == {"محمود أحمدي نجاد"}  # not Blair, named in the quote


def test_unnamed_subjects_are_kept_as_written() -> None:
    quotes = read(
        "وقال صياد عراقي (الذي طلب عدم ذكر اسمه) أنه شهد هذه الواقعة في حي رأس البيشة.",
        "وذكر مسؤولون بريطانيون انهم فقدوا الاتصال مع القارب قبل اعتقالهم.",
        "وقالت وسائل الاعلام الايرانية ان البحارة البريطانيين صاحوا فرحا على هذه الانباء.",
        '"نحن ممتنون لعفوك ،" قال أحد الجنود لأحمدي نجاد.',
    )
    assert [q[1] for q in quotes] == [
        "صياد عراقي",
        "مسؤولون بريطانيون",
        "وسائل الاعلام الايرانية",
        "أحد الجنود",
    ]


def test_bracketed_aside_before_the_complement_and_an_implied_subject() -> None:
    quotes = read(
        "اكدت المملكة المتحدة أيضا بشكل منفصل (كما ورد في نشرة أخبار العاشرة في بي بي سي نيوز )"
        " أنه يعتقد أن البحارة البريطانيين كانوا في المياه العراقية.",
        "واجتمع أحمدي نجاد مع المعتقلين بعد فترة وجيزة في مؤتمر صحفي حيث اعلن ان الافراج سيتم"
        " على الفور.",
    )
    assert [q[1] for q in quotes] == ["المملكة المتحدة", "محمود أحمدي نجاد"]


def test_a_participle_speaks_for_the_sentences_subject() -> None:
    """MultiLing M003 (read for errors after its blind first run)."""
    (quote,) = quotes_in(
        "صاحب القميص الاصفر الحالي، مايكل راسموسن تم ابعاده من سباق فرنسا للدراجات 2007 من قبل "
        "فريقه رابوبنك بسبب كذبه على الفريق عن مكان وجوده في حزيران / يونيو، قائلا انه كان في "
        "المكسيك في حين انه كان، في الواقع ، في ايطاليا."
    )
    assert quote.speaker == "مايكل راسموسن" and quote.text.startswith("كان في المكسيك")


def test_a_later_verb_without_an_complement_does_not_cut_reported_speech() -> None:
    """M003: "انه رأى راسموسن" (he saw Rasmussen, named in full before) is what Cassani said."""
    from khulasa.facts import extract_facts

    story = story_of(
        (
            "WikiNews",
            "صاحب القميص الاصفر الحالي، مايكل راسموسن تم ابعاده من سباق فرنسا للدراجات 2007.\n"
            "وقال ديفيد كاساني وهو عضو سابق في جولة الدراجات دو فرانس والآن معلق التلفزيون "
            "لايطاليا ، انه رأى راسموسن في منطقة الدولوميت في جبال الألب يومي كل من 13 و 14 "
            "يونيو/حزيران، 2007.",
            None,
        )
    )
    (quote,) = [q for q in extract_facts(story).quotes if "كاساني" in q.source.sentence]
    assert quote.speaker == "ديفيد كاساني" and "رأى راسموسن" in quote.text


def test_a_nationality_before_the_name_and_a_relative_clause_before_an() -> None:
    """SaudiNewsNet 2015-07-31, MH370 debris (labelled blind, then read for errors)."""
    (quote,) = quotes_in(
        "وقالت الاسترالية جانيت ماغواير التي كانت شقيقتها كاثي في الطائرة ان العثور على الحطام "
        '"امر صعب على كافة افراد الاسرة".'
    )
    assert quote.speaker == "جانيت ماغواير"
    (quote,) = quotes_in(
        "وقال وزير النقل والبنى التحتية الاسترالي وارن تراس الذي تتولى بلاده تنسيق عمليات البحث "
        "الدولية في المحيط الهندي للعثور على الطائرة انه واثق من ان البحث عن الطائرة يتم في "
        "الموقع الصحيح."
    )
    assert quote.speaker == "وارن تراس" and quote.text.startswith("واثق")


def test_the_speaker_after_a_profession_is_the_person() -> None:
    """SaudiNewsNet 2015-08-11 (Nour El-Sherif): the title is not part of the speaker's name."""
    (quote,) = quotes_in(
        "وقال الفنان سامح الصريطي، لوكالة أنباء الشرق الأوسط، إن الشريف توفي منذ قليل بعد صراع "
        "مع المرض."
    )
    assert quote.speaker == "سامح الصريطي"


def test_an_opening_attribution_and_a_relative_clause_name_the_speaker() -> None:
    """SaudiNewsNet 2015-08-04 (the Athens stock exchange, labelled blind, then read)."""
    (quote,) = quotes_in(
        'ووفقا لوكالة "رويترز" أظهرت بيانات غير رسمية أن المؤشر الرئيسي للبورصة هبط 16.2 في '
        "المائة في ختام التعاملات."
    )
    assert quote.speaker == "وكالة رويترز" and quote.text.startswith("المؤشر الرئيسي")
    quotes = quotes_in(
        "وبالفعل أجرى إفكليديس تساكالوتوس وزير المالية اليوناني أولى مباحثاته مع كبار ممثلي "
        "الجهات الدائنة، ومن بينهم ممثل صندوق النقد الدولي الذي قال إنه لن يسهم في هذه الخطة."
    )
    assert [q.speaker for q in quotes] == ["صندوق النقد الدولي"]


def test_some_people_as_a_speaker() -> None:
    """MultiLing M0031 (labelled blind): البعض (some) is an unnamed speaker, like مصادر."""
    quotes = read("ومع ذلك يقول البعض ان ما يصل الى مليون شخص خرجوا لحفل غاليك إكسترافاغانزا.")
    assert [q[1] for q in quotes] == ["البعض"]
