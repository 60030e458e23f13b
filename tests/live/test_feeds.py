"""Feeds against a news site on 127.0.0.1: ingest, conditional GET, failures, refusals."""

from __future__ import annotations

import itertools
import socket
import threading
from dataclasses import replace
from pathlib import Path

import pytest
from tests.live.conftest import TEST_FETCH, Route, Site, example_text, wait_for

from khulasa.cli import main
from khulasa.live.feeds import FeedError, backoff, follow, is_due, poll_all, unfollow
from khulasa.live.fetch import Fetcher, FetchError
from khulasa.live.loop import run_forever
from khulasa.store import Store
from khulasa.store import feeds as table


def _closed_port() -> int:
    """A port nothing listens on (bound, then released)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _articles(store: Store) -> list[tuple]:
    return store.conn.execute(
        "SELECT url, source, title, published, kind, story_id FROM articles ORDER BY url"
    ).fetchall()


def test_a_feeds_entries_are_ingested_and_land_in_stories(
    database: Path | str, aleppo_site: tuple[Site, str]
) -> None:
    site, feed_url = aleppo_site
    with Store(database) as store, Fetcher(TEST_FETCH) as fetcher:
        follow(store, feed_url)
        (report,) = poll_all(store, fetcher)
        rows = _articles(store)
        stories = {s.id: s for s in store.list_stories()}
        feed = table.get_feed(store, feed_url)
        problems = store.check()
    assert not report.failed and report.ingested == 3
    assert report.status == "ok: 3 new, 3 ingested"
    assert [r[0] for r in rows] == sorted(
        site.url(p)
        for p in ("/news/kerry-aleppo.html", "/news/lavrov-aleppo.html", "/news/hamburg-talks.html")
    )
    for url, source, title, published, kind, story_id in rows:
        assert source == "127.0.0.1"  # the feed's host names the outlet
        assert title and published == "2016-12-08" and kind == "html"
        assert story_id in stories  # every page is in a story
        assert url == next(i.url for i in report.items if i.story_id == story_id and i.url == url)
    # The three pages report one event; the event engine puts at least two of them together.
    assert len({r[5] for r in rows}) <= 2
    assert feed is not None and feed.title == "أخبار الشرق الأوسط" and feed.failures == 0
    assert feed.etag == '"v1"' and feed.modified
    assert not problems
    user_agents = {s.headers.get("User-Agent") for s in site.seen}
    assert all(ua and ua.startswith("Khulasa/") for ua in user_agents)


def test_the_stored_page_is_cleaned_like_an_html_file(
    database: Path | str, aleppo_site: tuple[Site, str]
) -> None:
    from khulasa.stories.summary import load_story

    _site, feed_url = aleppo_site
    with Store(database) as store, Fetcher(TEST_FETCH) as fetcher:
        follow(store, feed_url)
        (report,) = poll_all(store, fetcher)
        texts = [
            d.text
            for story_id in {i.story_id for i in report.items}
            for d in load_story(store, story_id).story.documents
        ]
    # The body is what the story's reports read; the menu, "read also" and footer are not.
    assert len(texts) == 3
    assert all("لافروف" in text for text in texts)
    assert not any("رياضة" in t or "اقرأ أيضا" in t or "محفوظة" in t for t in texts)


def test_a_second_poll_is_conditional_and_adds_nothing(
    database: Path | str, aleppo_site: tuple[Site, str]
) -> None:
    site, feed_url = aleppo_site
    with Store(database) as store, Fetcher(TEST_FETCH) as fetcher:
        follow(store, feed_url)
        poll_all(store, fetcher)
        before = store.count("articles")
        (second,) = poll_all(store, fetcher)
        after = store.count("articles")
    first_get, second_get = site.requests_to("/rss.xml")
    assert "If-None-Match" not in first_get.headers
    assert second_get.headers["If-None-Match"] == '"v1"'
    assert second_get.headers["If-Modified-Since"] == "Thu, 08 Dec 2016 18:00:00 GMT"
    assert second_get.status == 304 and second.status == "not modified"
    assert after == before == 3
    assert len(site.requests_to("/news/kerry-aleppo.html")) == 1


def test_a_changed_feed_fetches_only_its_new_entry(
    database: Path | str, aleppo_site: tuple[Site, str]
) -> None:
    site, feed_url = aleppo_site
    with Store(database) as store, Fetcher(TEST_FETCH) as fetcher:
        follow(store, feed_url)
        poll_all(store, fetcher)
        old = [
            {"title": "x", "link": site.url(p)}
            for p in (
                "/news/kerry-aleppo.html",
                "/news/lavrov-aleppo.html",
                "/news/hamburg-talks.html",
            )
        ]
        new = {
            "title": "البيان: حلب",
            "link": site.page("/news/bayan.html", "البيان: حلب", example_text("004")),
        }
        site.feed("/rss.xml", [new, *old], etag='"v2"')
        (report,) = poll_all(store, fetcher)
        count = store.count("articles")
    assert [i.url for i in report.items] == [new["link"]]
    assert report.items[0].status == "ingested" and count == 4
    assert all(
        len(site.requests_to(urlpath)) == 1
        for urlpath in (
            "/news/kerry-aleppo.html",
            "/news/lavrov-aleppo.html",
            "/news/hamburg-talks.html",
        )
    )


def test_an_oversize_page_and_a_slow_page_fail_and_the_rest_are_ingested(
    database: Path | str, site: Site
) -> None:
    good = [
        {"title": "كيري", "link": site.page("/a.html", "كيري", example_text("001"))},
        {"title": "لافروف", "link": site.page("/b.html", "لافروف", example_text("003"))},
    ]
    site.routes["/big.html"] = Route(chunked_size=1024 * 1024)  # 1 MiB, no Content-Length
    site.routes["/huge.html"] = Route(body=b"x" * (200 * 1024))  # declares 200 KiB
    site.routes["/slow.html"] = Route(body=b"<html></html>", delay=2.0)
    bad = [{"title": p, "link": site.url(p)} for p in ("/big.html", "/huge.html", "/slow.html")]
    feed_url = site.feed("/rss.xml", [good[0], *bad, good[1]])
    with Store(database) as store, Fetcher(TEST_FETCH) as fetcher:
        follow(store, feed_url)
        (report,) = poll_all(store, fetcher)
        statuses = {guid.rsplit("/", 1)[-1]: s for guid, s in table.item_statuses(store, 1).items()}
        count = store.count("articles")
        site.feed("/rss.xml", [good[0], *bad, good[1]], etag='"v2"')
        (again,) = poll_all(store, fetcher)
    assert count == 2 and report.ingested == 2
    assert report.status == "ok: 5 new, 2 ingested, 3 failed"
    assert statuses["a.html"] == statuses["b.html"] == "ingested"
    assert statuses["big.html"].startswith("failed: response of more than")
    assert "over the limit of 64 KiB" in statuses["big.html"]
    assert statuses["huge.html"] == ("failed: response of 200 KiB is over the limit of 64 KiB")
    assert statuses["slow.html"] == "failed: timed out"
    # Each entry is fetched once, whatever its outcome.
    assert again.items == [] and len(site.requests_to("/slow.html")) == 1


def test_a_redirect_to_a_private_address_is_refused(database: Path | str, site: Site) -> None:
    site.routes["/moved.html"] = Route(status=302, location="http://10.0.0.7/admin")
    site.routes["/meta.html"] = Route(status=301, location="http://169.254.169.254/latest/")
    good = {"title": "كيري", "link": site.page("/a.html", "كيري", example_text("001"))}
    feed_url = site.feed(
        "/rss.xml",
        [
            {"title": "m", "link": site.url("/moved.html")},
            {"title": "n", "link": site.url("/meta.html")},
            good,
        ],
    )
    with Store(database) as store, Fetcher(TEST_FETCH) as fetcher:
        follow(store, feed_url)
        (report,) = poll_all(store, fetcher)
    by_url = {i.url: i.status for i in report.items}
    assert by_url[site.url("/moved.html")] == (
        "failed: refused: 10.0.0.7 resolves to 10.0.0.7, a private address (not allowed)"
    )
    assert "169.254.169.254, a link-local address (not allowed)" in by_url[site.url("/meta.html")]
    assert by_url[good["link"]] == "ingested"


def test_names_are_resolved_once_checked_and_the_checked_address_is_used(site: Site) -> None:
    site.routes["/ok.txt"] = Route(body="مرحبا".encode(), content_type="text/plain")
    names = {
        "akhbar.test": ["127.0.0.1"],
        "intranet.test": ["192.168.1.20"],
        "mixed.test": ["127.0.0.1", "10.1.1.1"],
    }
    with Fetcher(TEST_FETCH, resolver=lambda host, port: names[host]) as fetcher:
        page = fetcher.get(f"http://akhbar.test:{site.port}/ok.txt")
        with pytest.raises(FetchError, match=r"192\.168\.1\.20, a private address"):
            fetcher.get(f"http://intranet.test:{site.port}/ok.txt")
        with pytest.raises(FetchError, match=r"10\.1\.1\.1, a private address"):
            fetcher.get(f"http://mixed.test:{site.port}/ok.txt")
    assert page.body.decode() == "مرحبا"
    (seen,) = site.requests_to("/ok.txt")
    assert seen.headers["Host"] == f"akhbar.test:{site.port}"  # the name, sent to the address


def test_loopback_is_refused_unless_allowed(site: Site) -> None:
    url = site.page("/a.html", "كيري", example_text("001"))
    with (
        Fetcher(replace(TEST_FETCH, allow_loopback=False)) as fetcher,
        pytest.raises(FetchError, match=r"127\.0\.0\.1, a loopback address"),
    ):
        fetcher.get(url)
    assert site.seen == []  # refused before any connection
    with Fetcher(replace(TEST_FETCH, allow_loopback=False, allow_private=True)) as fetcher:
        assert fetcher.get(url).status == 200


def test_non_http_schemes_are_refused(database: Path | str, site: Site) -> None:
    site.routes["/to-file.html"] = Route(status=302, location="file:///etc/passwd")
    with Store(database) as store:
        for url in (
            "file:///etc/passwd",
            "ftp://example.org/feed.xml",
            "javascript:alert(1)",
            "feed.xml",
            "http:///nohost",
        ):
            with pytest.raises(FeedError):
                follow(store, url)
        assert table.list_feeds(store) == []
    with Fetcher(TEST_FETCH) as fetcher:
        with pytest.raises(
            FetchError, match=r"only http and https URLs are fetched \(scheme: file"
        ):
            fetcher.get(site.url("/to-file.html"))
        with pytest.raises(FetchError, match="scheme: gopher"):
            fetcher.get("gopher://127.0.0.1/")


def test_a_failing_feed_backs_off_and_the_others_are_polled(
    database: Path | str, site: Site
) -> None:
    site.routes["/broken.xml"] = Route(status=500, body=b"oops")
    site.routes["/notafeed.xml"] = Route(body=b"\x00\x01\x02 not xml", content_type="text/xml")
    good = {"title": "كيري", "link": site.page("/a.html", "كيري", example_text("001"))}
    good_feed = site.feed("/rss.xml", [good])
    with Store(database) as store, Fetcher(TEST_FETCH) as fetcher:
        follow(store, site.url("/broken.xml"))
        follow(store, f"http://127.0.0.1:{_closed_port()}/gone.xml")
        follow(store, site.url("/notafeed.xml"))
        follow(store, good_feed)
        reports = poll_all(store, fetcher)
        feeds = {f.url: f for f in table.list_feeds(store)}
        count = store.count("articles")
        poll_all(store, fetcher)
        failures = table.get_feed(store, site.url("/broken.xml")).failures
        broken = feeds[site.url("/broken.xml")]
    assert [r.failed for r in reports] == [True, True, True, False]
    assert broken.status == "failed: the server answered HTTP 500" and broken.failures == 1
    assert feeds[site.url("/notafeed.xml")].status.startswith("failed: not an RSS or Atom feed")
    assert count == 1 and feeds[good_feed].status == "ok: 1 new, 1 ingested"
    assert failures == 2  # counted up on each failed poll
    assert not is_due(broken, interval=300) and is_due(feeds[good_feed], interval=0)
    assert backoff(0, 300) == 300 and backoff(1, 300) == 600 and backoff(3, 300) == 2400
    assert backoff(20, 300) == 6 * 3600


def test_requests_to_one_host_are_spaced(site: Site) -> None:
    for name in ("a", "b", "c"):
        site.routes[f"/{name}.txt"] = Route(body=b"x", content_type="text/plain")
    with Fetcher(replace(TEST_FETCH, min_host_interval=0.3)) as fetcher:
        for name in ("a", "b", "c"):
            fetcher.get(site.url(f"/{name}.txt"))
    times = [s.at for s in site.seen]
    assert all(later - earlier >= 0.3 for earlier, later in itertools.pairwise(times))


def test_a_feed_can_be_removed(database: Path | str, aleppo_site: tuple[Site, str]) -> None:
    _site, feed_url = aleppo_site
    with Store(database) as store, Fetcher(TEST_FETCH) as fetcher:
        feed, new = follow(store, feed_url)
        assert new and follow(store, feed_url + "  ")[1] is False  # followed once
        poll_all(store, fetcher)
        assert unfollow(store, feed_url) and not unfollow(store, feed_url)
        assert table.list_feeds(store) == [] and table.item_statuses(store, feed.id) == {}
        assert store.count("articles") == 3  # the articles stay


def test_the_loop_polls_in_a_thread_and_stops_when_told(
    database: Path | str, aleppo_site: tuple[Site, str]
) -> None:
    site, feed_url = aleppo_site
    db = database
    with Store(db) as store:
        follow(store, feed_url)
    stop = threading.Event()
    lines: list[str] = []
    thread = threading.Thread(
        target=run_forever,
        args=(db, 0.2, stop),
        kwargs={"log": lines.append, "fetch_settings": TEST_FETCH},
    )
    thread.start()
    try:
        wait_for(lambda: len(site.requests_to("/rss.xml")) >= 2)  # polled, then polled again
    finally:
        stop.set()
        thread.join(timeout=10)
    assert not thread.is_alive()
    with Store(db) as store:
        assert store.count("articles") == 3
    assert lines[0].endswith("ok: 3 new, 3 ingested")
    assert site.requests_to("/rss.xml")[1].status == 304


def test_the_feeds_commands(
    database: Path | str, aleppo_site: tuple[Site, str], capsys: pytest.CaptureFixture[str]
) -> None:
    _site, feed_url = aleppo_site
    db = str(database)
    assert main(["feeds", "poll", "--once", "--db", db]) == 2  # nothing followed yet
    assert main(["feeds", "add", "file:///etc/passwd", "--db", db]) == 2
    assert main(["feeds", "add", feed_url, "--db", db]) == 0
    assert main(["feeds", "poll", "--once", "--db", db]) == 1  # loopback refused by default
    assert "a loopback address (not allowed)" in capsys.readouterr().err
    with Store(db) as store:  # the refused poll backed the feed off; forget that for the test
        store.conn.execute("UPDATE feeds SET failures = 0, polled_at = NULL")
    assert main(["feeds", "poll", "--once", "--allow-private", "--db", db]) == 0
    err = capsys.readouterr().err
    assert "ok: 3 new, 3 ingested" in err and "→ story" in err
    assert main(["feeds", "list", "--db", db]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("id\titems") and "\t3\t0\t" in out[1] and feed_url in out[1]
    assert main(["feeds", "remove", feed_url, "--db", db]) == 0
    assert main(["feeds", "remove", feed_url, "--db", db]) == 2


def test_a_long_running_poller_still_reads_the_fourth_copy_of_a_page(
    database: Path | str, site: Site
) -> None:
    # A syndicated wire story reaches many outlets; a process that runs for days reads it many
    # times. Each copy must be cleaned as if it were the first.
    text = example_text("001")
    items = [
        {"title": f"نسخة {n}", "link": site.page(f"/copy{n}.html", f"نسخة {n}", text)}
        for n in range(5)
    ]
    with Store(database) as store, Fetcher(TEST_FETCH) as fetcher:
        follow(store, site.feed("/rss.xml", items))
        (report,) = poll_all(store, fetcher)
    assert [i.status for i in report.items] == ["ingested"] * 5


def test_an_atom_feed_with_relative_links_is_followed(database: Path | str, site: Site) -> None:
    site.page("/2016/12/kerry.html", "كيري", example_text("001"))
    site.page("/2016/12/lavrov.html", "لافروف", example_text("003"))
    atom = f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="ar">
  <title>جريدة الاختبار</title><id>urn:test:feed</id><updated>2016-12-09T08:00:00Z</updated>
  <entry><title>كيري: الجهود ستتواصل</title><id>urn:test:1</id>
    <link href="/2016/12/kerry.html"/><updated>2016-12-08T19:32:00Z</updated></entry>
  <entry><title>لافروف: الجيش السوري أوقف عملياته</title><id>urn:test:2</id>
    <link href="{site.url("/2016/12/lavrov.html")}"/><published>2016-12-09T07:00:00Z</published>
  </entry>
</feed>"""
    site.routes["/atom.xml"] = Route(atom.encode(), content_type="application/atom+xml")
    with Store(database) as store, Fetcher(TEST_FETCH) as fetcher:
        follow(store, site.url("/atom.xml"))
        (report,) = poll_all(store, fetcher)
        rows = _articles(store)
        statuses = table.item_statuses(store, 1)
    assert report.ingested == 2 and set(statuses) == {"urn:test:1", "urn:test:2"}
    assert [(r[0], r[3]) for r in rows] == [
        (site.url("/2016/12/kerry.html"), "2016-12-08"),
        (site.url("/2016/12/lavrov.html"), "2016-12-09"),
    ]


def test_a_url_with_a_bad_port_is_refused(database: Path | str) -> None:
    with Store(database) as store, pytest.raises(FeedError, match="port"):
        follow(store, "http://akhbar.example:99999/rss.xml")


def test_a_poll_stopped_midway_leaves_the_rest_for_the_next_poll(
    database: Path | str, aleppo_site: tuple[Site, str]
) -> None:
    site, feed_url = aleppo_site
    stop = threading.Event()
    site.routes["/news/kerry-aleppo.html"].on_request = stop.set  # a shutdown arrives meanwhile
    with Store(database) as store, Fetcher(TEST_FETCH, stop=stop) as fetcher:
        follow(store, feed_url)
        (cut,) = poll_all(store, fetcher, stop=stop)
        feed = table.get_feed(store, feed_url)
        stop.clear()
        (rest,) = poll_all(store, fetcher, stop=stop)
        count = store.count("articles")
    assert cut.status == "ok: 3 new, 1 ingested, 2 left for the next poll (stopped)"
    assert feed is not None and feed.etag is None and feed.modified is None
    assert "If-None-Match" not in site.requests_to("/rss.xml")[1].headers  # the whole feed again
    assert rest.status == "ok: 2 new, 2 ingested" and count == 3
    assert len(site.requests_to("/news/kerry-aleppo.html")) == 1
