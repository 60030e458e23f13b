"""A news site on 127.0.0.1 for the live-ingest tests: an RSS feed and Arabic article pages.

The pages are the bundled example story's texts (real pages about the Kerry–Lavrov talks on
Aleppo, December 2016) wrapped in a page with a menu and a footer, as an outlet would serve them.
The server records every request (path and headers) so a test can assert what was asked, and
stops at the end of the test.
"""

from __future__ import annotations

import contextlib
import html
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from khulasa.live.fetch import FetchSettings

EXAMPLE_DIR = Path(__file__).resolve().parents[2] / "examples" / "aleppo-2016-12"

# What a test fetcher may do: reach this machine, quickly.
TEST_FETCH = FetchSettings(
    connect_timeout=2.0,
    read_timeout=0.5,
    total_timeout=5.0,
    max_bytes=64 * 1024,
    min_host_interval=0.0,
    allow_loopback=True,
)


def example_text(prefix: str) -> str:
    (path,) = EXAMPLE_DIR.glob(f"{prefix}_*.txt")
    return path.read_text(encoding="utf-8")


def article_page(title: str, text: str) -> str:
    """An outlet's page: navigation, the article in paragraphs, related links, a footer."""
    paragraphs = "\n".join(
        f"<p>{html.escape(line.strip())}</p>" for line in text.splitlines() if line.strip()
    )
    return f"""<!DOCTYPE html>
<html lang="ar" dir="rtl"><head><meta charset="utf-8"><title>{html.escape(title)}</title></head>
<body>
<nav><a href="/">الرئيسية</a> <a href="/politics">سياسة</a> <a href="/sport">رياضة</a></nav>
<article><h1>{html.escape(title)}</h1>
{paragraphs}
</article>
<aside><a href="/x">اقرأ أيضا: أسعار النفط اليوم</a></aside>
<footer>جميع الحقوق محفوظة © 2016</footer>
</body></html>"""


def rss(items: list[dict[str, str]], title: str = "أخبار الشرق الأوسط") -> str:
    entries = "\n".join(
        "<item>"
        f"<title>{html.escape(i['title'])}</title>"
        f"<link>{html.escape(i['link'])}</link>"
        f"<guid>{html.escape(i.get('guid', i['link']))}</guid>"
        f"<pubDate>{i.get('date', 'Thu, 08 Dec 2016 18:00:00 GMT')}</pubDate>"
        "</item>"
        for i in items
    )
    return f"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>{html.escape(title)}</title><link>http://127.0.0.1/</link>
<description>آخر الأخبار</description>
{entries}
</channel></rss>"""


@dataclass
class Route:
    body: bytes = b""
    status: int = 200
    content_type: str = "text/html; charset=utf-8"
    etag: str | None = None
    last_modified: str | None = None
    location: str | None = None
    delay: float = 0.0  # seconds before answering
    chunked_size: int | None = None  # send this many bytes without a Content-Length
    on_request: Callable[[], object] | None = None  # run when the path is requested


@dataclass
class Seen:
    path: str
    headers: dict[str, str]
    status: int
    at: float


@dataclass
class Site:
    """Routes by path, and the log of requests; ``url(path)`` is the address of a path."""

    port: int = 0
    routes: dict[str, Route] = field(default_factory=dict)
    seen: list[Seen] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def requests_to(self, path: str) -> list[Seen]:
        with self.lock:
            return [s for s in self.seen if s.path == path]

    def page(self, path: str, title: str, text: str) -> str:
        self.routes[path] = Route(article_page(title, text).encode("utf-8"))
        return self.url(path)

    def feed(self, path: str, items: list[dict[str, str]], etag: str = '"v1"') -> str:
        self.routes[path] = Route(
            rss(items).encode("utf-8"),
            content_type="application/rss+xml; charset=utf-8",
            etag=etag,
            last_modified=formatdate(1481220000, usegmt=True),
        )
        return self.url(path)


def _handler(site: Site) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.0"

        def do_GET(self) -> None:
            route = site.routes.get(self.path.split("?")[0])
            status = 404 if route is None else route.status
            if route is not None and route.etag and self.headers.get("If-None-Match") == route.etag:
                status = 304
            with site.lock:
                site.seen.append(Seen(self.path, dict(self.headers), status, time.monotonic()))
            if route is None:
                self.send_error(404)
                return
            if route.on_request is not None:
                route.on_request()
            if route.delay:
                time.sleep(route.delay)
            self.send_response(status)
            if route.location:
                self.send_header("Location", route.location)
            if route.etag:
                self.send_header("ETag", route.etag)
            if route.last_modified:
                self.send_header("Last-Modified", route.last_modified)
            if status == 304:
                self.end_headers()
                return
            self.send_header("Content-Type", route.content_type)
            if route.chunked_size is None:
                self.send_header("Content-Length", str(len(route.body)))
                self.end_headers()
                with contextlib.suppress(OSError):  # the client may hang up past its limit
                    self.wfile.write(route.body)
                return
            self.end_headers()  # no length: the body ends when the connection closes
            block = "خبر عاجل ".encode() * 400
            sent = 0
            try:
                while sent < route.chunked_size:
                    self.wfile.write(block)
                    sent += len(block)
            except OSError:
                pass  # the client hung up, as it should past its limit

        def log_message(self, *args: object) -> None:
            pass

    return Handler


@pytest.fixture
def site() -> Iterator[Site]:
    state = Site()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(state))
    server.daemon_threads = True
    state.port = server.server_address[1]
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05})
    thread.daemon = True
    thread.start()
    try:
        yield state
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


@pytest.fixture
def aleppo_site(site: Site) -> tuple[Site, str]:
    """Three outlets' pages about the Aleppo talks and the feed that lists them."""
    pages = [
        ("001", "كيري: الجهود ستتواصل بشأن حلب", "/news/kerry-aleppo.html"),
        ("003", "لافروف: الجيش السوري أوقف عملياته في حلب", "/news/lavrov-aleppo.html"),
        ("000", "محادثات كيري ولافروف في هامبورغ", "/news/hamburg-talks.html"),
    ]
    items = [
        {"title": title, "link": site.page(path, title, example_text(prefix))}
        for prefix, title, path in pages
    ]
    return site, site.feed("/rss.xml", items)


def wait_for(condition: Callable[[], object], seconds: float = 20.0) -> object:
    """Poll ``condition`` until it is truthy (a background thread's work), or fail."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.05)
    raise AssertionError(f"condition not met within {seconds} s")
