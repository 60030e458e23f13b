from khulasa.language import get_language

ar = get_language("ar")


def test_first_line_summary_is_not_glued_to_the_next_line(example_page):
    text = example_page("000")
    sentences = ar.split_sentences(text)
    first_line = text.splitlines()[0].strip()
    assert sentences[0] == first_line
    assert sentences[1].startswith("لم ينجح وزيرا الخارجية")


def test_splits_on_full_stop_and_arabic_question_mark_not_on_comma_or_semicolon():
    text = (
        "هل انتهت الحرب؟ قال المرصد، في بيان، إن المعارك مستمرة؛ والقصف يتجدد. وأضاف أن الوضع صعب!"
    )
    assert ar.split_sentences(text) == [
        "هل انتهت الحرب؟",
        "قال المرصد، في بيان، إن المعارك مستمرة؛ والقصف يتجدد.",
        "وأضاف أن الوضع صعب!",
    ]


def test_quoted_statement_stays_with_its_speaker():
    text = (
        'وأبلغ الدبلوماسي الأميركي الصحافيين: "لقد توافقا على مواصلة البحث. '
        'والخبراء سيجتمعون السبت". وأضاف أن الوضع صعب.'
    )
    assert ar.split_sentences(text) == [
        'وأبلغ الدبلوماسي الأميركي الصحافيين: "لقد توافقا على مواصلة البحث. '
        'والخبراء سيجتمعون السبت".',
        "وأضاف أن الوضع صعب.",
    ]
    guillemets = "قال لافروف: «لقد اتفقنا. والخبراء سيجتمعون». وأضاف أن الوضع صعب."
    assert len(ar.split_sentences(guillemets)) == 2


def test_abbreviations_decimals_and_agency_initials_do_not_end_sentences():
    text = (
        "وقالت مصادر خاصة لوكالة الأنباء الالمانية (د.ب.أ) إن 3.5 مليون شخص نزحوا. "
        "وقال د. أحمد إن الوضع خطير."
    )
    assert ar.split_sentences(text) == [
        "وقالت مصادر خاصة لوكالة الأنباء الالمانية (د.ب.أ) إن 3.5 مليون شخص نزحوا.",
        "وقال د. أحمد إن الوضع خطير.",
    ]


def test_a_latin_initial_spelled_in_arabic_keeps_a_name_whole():
    # MultiLing M000 writes the president's name "جورج دبليو. بوش"
    text = "وقال الرئيس جورج دبليو. بوش إن المساعدات ستصل. وأضاف أن الوضع صعب."
    assert ar.split_sentences(text) == [
        "وقال الرئيس جورج دبليو. بوش إن المساعدات ستصل.",
        "وأضاف أن الوضع صعب.",
    ]


def test_block_glued_after_a_spaced_full_stop_is_split_off(example_page):
    last_line = example_page("000").splitlines()[-1]
    sentences = ar.split_sentences(last_line)
    assert sentences[-1].startswith("مأنباء عن سيطرة")
    assert sentences[-2].endswith("في مايو أيار 2015 .")


def test_unbalanced_quote_does_not_swallow_the_rest_of_the_paragraph():
    text = "قال المسؤول “لم يحصل تقدم. وغادر كيري هامبورغ. ثم وصل إلى باريس."
    assert len(ar.split_sentences(text)) == 3
