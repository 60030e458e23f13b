"""The HTTP API on the real example database: listing and search, a story's report, an
article, ingest, ad-hoc summaries, corrections — the happy path and the bad input of each."""

from __future__ import annotations

from fastapi.testclient import TestClient

from .conftest import ON_BOTH_BACKENDS, story_of

pytestmark = ON_BOTH_BACKENDS

LAVROV = "أعلن وزير الخارجية الروسي سيرغي لافروف أن الجيش السوري أوقف عملياته القتالية في حلب بغية السماح بإجلاء المدنيين."  # noqa: E501
NEW_REPORT = {
    "text": "أعلنت وزارة الصحة في الرياض افتتاح مستشفى جديد للأطفال بسعة 300 سرير، "
    "وقال الوزير إن المستشفى سيخدم سكان المنطقة الشرقية ابتداء من الشهر المقبل.",
    "source": "alriyadh",
    "url": "https://example.org/hospital",
    "published": "2016-12-09",
    "title": "افتتاح مستشفى جديد للأطفال",
}


def test_the_listing_holds_every_example_story_with_its_outlets(client: TestClient) -> None:
    body = client.get("/api/stories", params={"min_outlets": 1}).json()
    assert body["page"] == 1 and body["has_next"] is False
    outlets = sorted(tuple(s["outlets"]) for s in body["stories"])
    assert outlets == [
        ("Al-Bawaba News",),
        ("Al-Bayan",),
        ("DW Arabic", "HuffPost Arabi", "Irfaa Sawtak"),
    ]
    # by default only stories told by two outlets or more
    assert len(client.get("/api/stories").json()["stories"]) == 1


def test_filters_narrow_the_listing(client: TestClient) -> None:
    def ids(**params: object) -> set[int]:
        found = client.get("/api/stories", params={"min_outlets": 1, **params})
        assert found.status_code == 200, found.text
        return {s["id"] for s in found.json()["stories"]}

    everything = ids()
    assert ids(outlet="DW Arabic") == {story_of(client, "DW Arabic")}
    assert ids(q="لافروف") <= everything and story_of(client, "HuffPost Arabi") in ids(q="لافروف")
    assert ids(q="كلمةلاتوجد") == set()
    assert ids(since="2016-12-10") == {story_of(client, "Al-Bawaba News")}
    assert ids(until="2016-12-08") == {story_of(client, "HuffPost Arabi")}
    # The Aleppo reports are world news: every story is there, none under sports.
    assert ids(section="world") == everything and ids(section="sports") == set()


def test_bad_listing_parameters_are_refused_with_the_reason(client: TestClient) -> None:
    for params in (
        {"since": "yesterday"},
        {"min_outlets": 0},
        {"page": -1},
        {"kind": "x"},
        {"section": "markets"},
    ):
        answer = client.get("/api/stories", params=params)
        assert answer.status_code == 422, params
        assert answer.json()["detail"][0]["loc"][-1] in params


def test_a_story_is_the_json_report_with_facts_and_corrections(client: TestClient) -> None:
    story = story_of(client, "HuffPost Arabi")
    report = client.get(f"/api/stories/{story}").json()
    assert report["schema_version"] == 1
    assert report["story"]["headline"]
    sources = {a["source"] for a in report["articles"]}
    assert sources == {"HuffPost Arabi", "Irfaa Sawtak", "DW Arabic"}
    assert report["summary"] and all(s["outlets"] for s in report["summary"])
    people = {e["name"] for e in report["facts"]["entities"] if e["kind"] == "person"}
    assert "سيرغي لافروف" in people
    assert report["corrections"] == []
    assert "facts" not in client.get(f"/api/stories/{story}", params={"facts": False}).json()


def test_an_unknown_story_or_article_is_404(client: TestClient) -> None:
    assert client.get("/api/stories/999").status_code == 404
    assert client.get("/api/stories/0").status_code == 422
    assert client.get("/api/articles/999").status_code == 404
    assert client.get("/api/stories/abc").status_code == 422


def test_an_article_comes_with_its_story_and_text(client: TestClient) -> None:
    story = story_of(client, "DW Arabic")
    first = client.get(f"/api/stories/{story}", params={"facts": False}).json()["articles"][0]
    article = client.get(f"/api/articles/{first['id']}").json()
    assert article["story_id"] == story
    assert "حلب" in article["content"]
    assert article["near_duplicates"] == []


def test_posting_an_article_ingests_it_once(client: TestClient) -> None:
    first = client.post("/api/articles", json=NEW_REPORT)
    assert first.status_code == 201, first.text
    body = first.json()
    assert (body["added"], body["already_stored"], body["problems"]) == (1, 0, [])
    (placed,) = body["articles"]
    assert client.get(f"/api/articles/{placed['id']}").json()["source"] == "alriyadh"
    again = client.post("/api/articles", json=NEW_REPORT)
    assert again.status_code == 200
    assert (again.json()["added"], again.json()["already_stored"]) == (0, 1)
    assert again.json()["articles"][0]["id"] == placed["id"]
    assert client.get("/healthz").json()["articles"] == 6


def test_a_list_is_ingested_item_by_item_and_each_problem_named(client: TestClient) -> None:
    answer = client.post("/api/articles", json=[NEW_REPORT, {"text": "   ", "source": "x"}])
    assert answer.status_code == 201
    body = answer.json()
    assert body["added"] == 1
    assert body["problems"] == [{"item": 1, "reason": "empty article text"}]


def test_bad_articles_are_refused_and_nothing_is_stored(client: TestClient) -> None:
    cases = [
        ({"text": "نص", "path": "/etc/passwd"}, 422),  # a network record may not name a file
        ({"text": "نص", "colour": "red"}, 422),  # unknown field
        ({"text": 5}, 422),
        ({"source": "x"}, 422),  # neither text nor html
        ({"text": "نص", "published": "not a date"}, 422),
        ([], 422),
    ]
    for body, status in cases:
        answer = client.post("/api/articles", json=body)
        assert answer.status_code == status, (body, answer.text)
    # JSON sent as a form (what a cross-site page can send without asking) is not read
    sneaky = client.post(
        "/api/articles", content=b'{"text": "x"}', headers={"content-type": "text/plain"}
    )
    assert sneaky.status_code == 422
    assert client.get("/healthz").json()["articles"] == 5


def test_request_size_and_batch_limits_give_413(db) -> None:
    from .conftest import make_client

    with make_client(db, max_body_bytes=50_000, max_batch=3) as small:
        big = small.post("/api/articles", json={**NEW_REPORT, "text": "خبر " * 20_000})
        assert big.status_code == 413 and "over 50000 bytes" in big.json()["detail"]
        many = small.post("/api/articles", json=[NEW_REPORT] * 4)
        assert many.status_code == 413 and "at most 3" in many.json()["detail"]


def test_summarize_returns_a_sourced_summary_and_stores_nothing(client: TestClient) -> None:
    pages = [
        {"text": LAVROV, "source": "HuffPost Arabi"},
        {
            "text": "قال لافروف إن العمليات القتالية في حلب أوقفت لإجلاء المدنيين.",
            "source": "DW Arabic",
        },
    ]
    answer = client.post("/api/summarize", json={"articles": pages, "words": 40})
    assert answer.status_code == 200, answer.text
    summary = answer.json()["summary"]
    assert summary and summary[0]["outlets"]
    assert client.get("/healthz").json()["articles"] == 5
    empty = client.post("/api/summarize", json={"articles": [{"text": "  "}]})
    assert empty.status_code == 422


def test_corrections_change_the_stories_and_are_listed(client: TestClient) -> None:
    huff, dw, bayan = (
        story_of(client, o) for o in ("HuffPost Arabi", "Al-Bawaba News", "Al-Bayan")
    )
    merged = client.post(f"/api/stories/{bayan}/merge", json={"into": huff, "author": "ليلى"})
    assert merged.status_code == 200, merged.text
    assert merged.json()["author"] == "ليلى"
    assert client.get(f"/api/stories/{bayan}").status_code == 404
    report = client.get(f"/api/stories/{huff}", params={"facts": False}).json()
    assert {a["source"] for a in report["articles"]} == {
        "HuffPost Arabi",
        "Irfaa Sawtak",
        "DW Arabic",
        "Al-Bayan",
    }
    assert [c["action"] for c in report["corrections"]] == ["merge"]

    renamed = client.post(f"/api/stories/{dw}/rename", json={"headline": "تضارب حول اتفاق حلب"})
    assert renamed.status_code == 200
    assert (
        client.get(f"/api/stories/{dw}", params={"facts": False}).json()["story"]["headline"]
        == "تضارب حول اتفاق حلب"
    )

    bayan_article = next(a["id"] for a in report["articles"] if a["source"] == "Al-Bayan")
    moved = client.post(f"/api/articles/{bayan_article}/move", json={"to_story": dw})
    assert moved.status_code == 200
    assert client.get(f"/api/articles/{bayan_article}").json()["story_id"] == dw
    split = client.post(f"/api/articles/{bayan_article}/move", json={})
    assert split.status_code == 200
    assert client.get(f"/api/articles/{bayan_article}").json()["story_id"] not in (dw, huff)
    assert len(client.get("/api/corrections").json()) == 4


def test_impossible_corrections_are_refused(client: TestClient) -> None:
    huff = story_of(client, "HuffPost Arabi")
    assert client.post(f"/api/stories/{huff}/merge", json={"into": huff}).status_code == 409
    assert client.post(f"/api/stories/{huff}/merge", json={"into": 999}).status_code == 404
    assert client.post("/api/stories/999/rename", json={"headline": "x"}).status_code == 404
    assert client.post(f"/api/stories/{huff}/rename", json={"headline": ""}).status_code == 422
    assert client.post("/api/articles/999/move", json={"to_story": huff}).status_code == 404


def test_health_reports_the_counts(client: TestClient) -> None:
    health = client.get("/healthz").json()
    assert (health["status"], health["articles"], health["stories"]) == ("ok", 5, 3)


def test_a_restarted_server_keeps_every_correction(db) -> None:
    from .conftest import make_client

    with make_client(db) as first:
        huff, bayan = story_of(first, "HuffPost Arabi"), story_of(first, "Al-Bayan")
        assert first.post(f"/api/stories/{bayan}/merge", json={"into": huff}).status_code == 200
    with make_client(db) as second:
        assert [c["action"] for c in second.get("/api/corrections").json()] == ["merge"]
        assert second.get(f"/api/stories/{bayan}").status_code == 404
        sources = {
            a["source"] for a in second.get(f"/api/stories/{huff}?facts=false").json()["articles"]
        }
        assert "Al-Bayan" in sources
