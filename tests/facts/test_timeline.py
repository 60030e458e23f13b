"""The timeline: one place per sentence, ordered days, same-day reports merged across outlets."""

from __future__ import annotations

from datetime import date

from khulasa.facts.dates import extract_dates
from khulasa.facts.timeline import build_timeline

from .helpers import source

KERRY = (
    "ودعا كيري الذي يغادر منصبه في 20 يناير/ كانون الثاني، الثلاثاء الماضي، الى إحياء "
    "المفاوضات السياسية بين النظام السوري والمعارضة بمساعدة موسكو."
)
CALL_A = (
    "وكانت ست عواصم غربية هي واشنطن وباريس ولندن وبرلين وروما وأوتاوا قد دعت الأربعاء إلى "
    "“وقف فوري لإطلاق النار” في حلب إزاء “الكارثة الإنسانية” الجارية."
)
CALL_B = (
    "وتأتي تصريحات لافروف في وقت دعت فيه 6 دول غربية، بينها الولايات المتحدة، الأربعاء، الى "
    '"وقف فوري لإطلاق النار" قبل حصول "كارثة إنسانية" في حلب.'
)


def test_events_are_dated_ordered_and_merged() -> None:
    published = date(2016, 12, 8)
    pages = [
        (
            published,
            [
                source(KERRY, "003", "HuffPost Arabi", 15),
                source(CALL_B, "003", "HuffPost Arabi", 16),
            ],
        ),
        (published, [source(CALL_A, "001", "Irfaa Sawtak", 17)]),
    ]
    dates = extract_dates(pages)
    timeline = build_timeline(dates, {"003": published, "001": published})
    assert [e.day for e in timeline] == [date(2016, 12, 6), date(2016, 12, 7)]
    kerry, call = timeline
    assert kerry.sources[0].sentence_index == 15  # the Tuesday, not 20 January
    assert call.outlets == ("HuffPost Arabi", "Irfaa Sawtak")
