"""The pages as HTML: Arabic and right to left, outside text escaped, filters and forms."""

from __future__ import annotations

import re
from pathlib import Path

from fastapi.testclient import TestClient

from .conftest import LOCAL, ON_BOTH_BACKENDS, make_client, story_of

pytestmark = ON_BOTH_BACKENDS

HOSTILE_TITLE = '<script>window.pwned=1</script><img src=x onerror="window.pwned=2">'


def test_the_stories_page_is_arabic_rtl_with_outlet_display_names(client: TestClient) -> None:
    page = client.get("/", params={"min_outlets": 1}).text
    assert '<html lang="ar" dir="rtl">' in page
    for name in ("هاف بوست عربي", "ارفع صوتك", "دويتشه فيله عربية", "البيان"):
        assert name in page
    visible = re.sub(r"<[^>]+>", " ", page)  # slugs stay in attributes, readers see names
    assert "HuffPost Arabi" not in visible and "DW Arabic" not in visible


def test_the_sections_are_one_click_away_and_keep_the_other_filters(client: TestClient) -> None:
    page = client.get("/", params={"min_outlets": 1, "q": "حلب"}).text
    links = dict(re.findall(r'<a href="([^"]+)"[^>]*data-section="(\w+)"', page))
    assert set(links.values()) == {"world", "local", "economy", "sports", "culture", "opinion"}
    world = next(href for href, key in links.items() if key == "world")
    assert "q=" in world and "min_outlets=1" in world  # the search is kept
    listed = client.get(world.replace("&amp;", "&")).text
    assert 'aria-current="page" data-section="world"' in listed
    assert listed.count('class="story-card"') == 3 and "عربي ودولي" in listed
    sports = client.get("/", params={"min_outlets": 1, "section": "sports"}).text
    assert 'class="story-card"' not in sports and 'id="empty"' in sports
    unknown = client.get("/", params={"min_outlets": 1, "section": "markets"}).text
    assert "قسم غير معروف: markets" in unknown and unknown.count('class="story-card"') == 3


def test_a_story_page_has_summary_chips_facts_articles_and_forms(client: TestClient) -> None:
    huff = story_of(client, "HuffPost Arabi")
    client.get(f"/api/stories/{huff}")  # computes the facts, as the background worker would
    page = client.get(f"/stories/{huff}").text
    assert '<details class="chip">' in page and "<blockquote>" in page
    assert "سيرغي لافروف" in page and "facts-pending" not in page
    assert 'action="/stories/' in page and "/merge" in page
    assert "النص بعد التنظيف" in page
    assert '<a class="section" data-section="world" href="/?section=world">عربي ودولي</a>' in page


def test_outside_text_is_shown_as_text(db: Path) -> None:
    with make_client(db) as client:
        posted = client.post(
            "/api/articles",
            json={
                "text": "خبر عن افتتاح معرض الكتاب في الرياض بمشاركة 500 دار نشر.",
                "title": HOSTILE_TITLE,
                "source": "<b>outlet</b>",
                "url": "javascript:alert(1)",
            },
        )
        article = posted.json()["articles"][0]
        page = client.get(f"/articles/{article['id']}").text
        assert "<script>window.pwned" not in page and "<img src=x" not in page
        assert "&lt;script&gt;window.pwned=1&lt;/script&gt;" in page
        assert "javascript:" not in page
        story = client.get(f"/stories/{article['story_id']}").text
        assert "<script>window.pwned" not in story and "&lt;b&gt;outlet&lt;/b&gt;" in story


def test_an_unknown_story_page_says_so_in_arabic(client: TestClient) -> None:
    answer = client.get("/stories/999")
    assert answer.status_code == 404 and "لا توجد قصة بالرقم 999" in answer.text


def test_a_bad_date_in_the_filter_is_explained_not_fatal(client: TestClient) -> None:
    answer = client.get("/", params={"since": "أمس"})
    assert answer.status_code == 200 and "تاريخ غير صالح" in answer.text


def test_a_merge_posted_from_the_page_redirects_to_the_merged_story(client: TestClient) -> None:
    huff, bayan = story_of(client, "HuffPost Arabi"), story_of(client, "Al-Bayan")
    answer = client.post(
        f"/stories/{bayan}/merge",
        data={"into": str(huff)},
        headers={"origin": LOCAL},
        follow_redirects=False,
    )
    assert answer.status_code == 303 and answer.headers["location"] == f"/stories/{huff}"
    assert "البيان" in client.get(f"/stories/{huff}").text


def test_the_api_reference_page_lists_every_endpoint(client: TestClient) -> None:
    page = client.get("/api/docs").text
    for endpoint in ("GET /api/stories", "POST /api/articles", "POST /api/summarize", "/merge"):
        assert endpoint in page
    assert client.get("/api/openapi.json").json()["info"]["title"] == "Khulasa"
