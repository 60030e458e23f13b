"""Follow RSS/Atom feeds: poll each one, fetch each new entry's page once, ingest it.

The feed is fetched by :class:`~khulasa.live.fetch.Fetcher` (guarded, polite, conditional GET)
and parsed from those bytes by feedparser, which is never handed a URL or a string it might take
for a file name. Each new entry — known by its guid, or its link when it has none — becomes an
``Article`` with the entry's title, link and date and the page's HTML, and goes through the same
intake as ``khulasa ingest`` (:class:`~khulasa.stories.intake.Intake`, the steps of
:func:`~khulasa.stories.intake.ingest_items`), where the HTML is cleaned by trafilatura like an
HTML file. Every entry's outcome is recorded in ``feed_items``,
so an entry is fetched once whatever happened to it; a feed that fails counts its failures and
is polled less often (doubling, up to ``MAX_BACKOFF``); one feed failing never stops the others.
"""

from __future__ import annotations

import io
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from urllib.parse import urljoin, urlsplit

import feedparser

from khulasa.ingest.decode import decode_bytes
from khulasa.ingest.readers import has_surrogates
from khulasa.ingest.sniff import looks_like_html
from khulasa.live.fetch import Fetched, Fetcher, FetchError, check_scheme
from khulasa.model import Article
from khulasa.problems import InputError, Problem
from khulasa.store import Store
from khulasa.store import feeds as table
from khulasa.stories.engine import IngestSettings
from khulasa.stories.intake import Intake

MAX_ENTRIES = 200  # entries looked at per poll: a feed is a window on the latest news
CHUNK = 20  # pages fetched, then ingested together: new articles show up as a long poll runs
MAX_BACKOFF = 6 * 3600.0  # seconds: a failing feed is still tried a few times a day
_PAGE_TYPES = ("text/html", "application/xhtml+xml", "text/plain")

Log = Callable[[str], None]


@dataclass(frozen=True)
class ItemOutcome:
    guid: str
    url: str | None
    status: str  # 'ingested', 'already stored', or 'failed: why'
    story_id: int | None = None

    @property
    def failed(self) -> bool:
        return self.status.startswith("failed")


@dataclass
class PollReport:
    url: str
    status: str
    failed: bool = False
    items: list[ItemOutcome] = field(default_factory=list)

    @property
    def ingested(self) -> int:
        return sum(i.status == "ingested" for i in self.items)


class FeedError(ValueError):
    """A feed URL that cannot be followed (not http(s), no host)."""


def follow(store: Store, url: str) -> tuple[table.FeedRow, bool]:
    """Add ``url`` to the followed feeds; ``(feed, False)`` when it was followed already."""
    url = url.strip()
    try:
        check_scheme(url)
    except FetchError as exc:
        raise FeedError(str(exc)) from None
    return table.add_feed(store, url)


def unfollow(store: Store, url: str) -> bool:
    return table.remove_feed(store, url.strip())


def backoff(failures: int, interval: float) -> float:
    """Seconds to wait after the last poll of a feed that failed ``failures`` times in a row."""
    if failures <= 0:
        return interval
    return min(interval * 2**failures, max(MAX_BACKOFF, interval))


def is_due(feed: table.FeedRow, interval: float, now: datetime | None = None) -> bool:
    if not feed.polled_at:
        return True
    now = now or datetime.now(UTC)
    elapsed = (now - datetime.fromisoformat(feed.polled_at)).total_seconds()
    return elapsed >= backoff(feed.failures, interval)


def poll_all(
    store: Store,
    fetcher: Fetcher,
    interval: float | None = None,
    settings: IngestSettings | None = None,
    stop: threading.Event | None = None,
    log: Log | None = None,
    intake: Intake | None = None,
) -> list[PollReport]:
    """Poll every followed feed (only those due, when ``interval`` is given), each on its own:
    an error in one is recorded against it and the next one is polled."""
    reports = []
    intake = intake or Intake(store, settings or IngestSettings(workers=0))
    for feed in table.list_feeds(store):
        if stop is not None and stop.is_set():
            break
        if interval is not None and not is_due(feed, interval):
            continue
        reports.append(poll_feed(store, fetcher, feed, settings, stop, log, intake))
    return reports


def poll_feed(
    store: Store,
    fetcher: Fetcher,
    feed: table.FeedRow,
    settings: IngestSettings | None = None,
    stop: threading.Event | None = None,
    log: Log | None = None,
    intake: Intake | None = None,
) -> PollReport:
    """Fetch ``feed``, then each of its entries not seen before, and ingest those pages."""
    try:
        fetched = fetcher.get(feed.url, feed.etag, feed.modified)
    except FetchError as exc:
        return _failed(store, feed, exc.reason, log)
    if fetched.not_modified:
        table.record_poll(store, feed.id, "not modified", failed=False)
        return PollReport(feed.url, "not modified")
    parsed = feedparser.parse(
        io.BytesIO(fetched.body),  # bytes in a stream: feedparser must not fetch or open files
        response_headers={"content-location": fetched.url, **_type_header(fetched)},
        sanitize_html=False,
    )
    if not parsed.get("version") and not parsed.entries:
        why = parsed.get("bozo_exception")
        return _failed(store, feed, f"not an RSS or Atom feed ({why or 'no entries'})", log)
    entries = _entries(parsed.entries[:MAX_ENTRIES], fetched.url)
    seen = table.known_items(store, feed.id, [guid for guid, _ in entries])
    fresh = [(guid, entry) for guid, entry in entries if guid not in seen]
    intake = intake or Intake(store, settings or IngestSettings(workers=0))
    outcomes: list[ItemOutcome] = []
    for start in range(0, len(fresh), CHUNK):
        if stop is not None and stop.is_set():
            break
        done = _fetch_and_ingest(store, fetcher, intake, fresh[start : start + CHUNK], feed, stop)
        table.record_items(store, feed.id, [(o.guid, o.url, o.status) for o in done])
        outcomes.extend(done)
    failed = sum(o.failed for o in outcomes)
    ingested = sum(o.status == "ingested" for o in outcomes)
    status = f"ok: {len(fresh)} new, {ingested} ingested" + (f", {failed} failed" if failed else "")
    complete = len(outcomes) == len(fresh)
    if not complete:
        status += f", {len(fresh) - len(outcomes)} left for the next poll (stopped)"
    title = (parsed.feed.get("title") or "").strip() or None
    # The validators are kept only when every entry was handled: a 304 next time must not hide
    # the entries a stop left unfetched.
    table.record_poll(
        store,
        feed.id,
        status,
        failed=False,
        title=title,
        etag=fetched.etag if complete else None,
        modified=fetched.last_modified if complete else None,
        clear_validators=not complete,
    )
    report = PollReport(feed.url, status, items=outcomes)
    if log:
        log(f"{feed.url}: {status}")
        for outcome in outcomes:
            story = f" → story {outcome.story_id}" if outcome.story_id is not None else ""
            log(f"  {outcome.url or outcome.guid}: {outcome.status}{story}")
    return report


def _fetch_and_ingest(
    store: Store,
    fetcher: Fetcher,
    intake: Intake,
    entries: list[tuple[str, dict]],
    feed: table.FeedRow,
    stop: threading.Event | None,
) -> list[ItemOutcome]:
    """Fetch the pages of ``entries`` (until a stop), ingest them in one batch; each outcome,
    in the feed's order."""
    source = _outlet(feed.url)
    outcomes: dict[str, ItemOutcome] = {}
    articles: list[tuple[str, str, Article]] = []  # guid, link, article
    handled: list[str] = []
    for guid, entry in entries:
        if stop is not None and stop.is_set():
            break
        handled.append(guid)
        link = entry.get("_link")
        if not link:
            outcomes[guid] = ItemOutcome(guid, None, "failed: the entry has no link")
            continue
        try:
            page = fetcher.get(link)
            articles.append((guid, link, _article(guid, link, entry, page, source)))
        except (FetchError, InputError) as exc:
            reason = exc.reason if isinstance(exc, FetchError) else str(exc)
            outcomes[guid] = ItemOutcome(guid, link, f"failed: {reason}")
    for outcome in _ingest(store, articles, intake):
        outcomes[outcome.guid] = outcome
    return [outcomes[guid] for guid in handled]


def _failed(store: Store, feed: table.FeedRow, reason: str, log: Log | None) -> PollReport:
    status = f"failed: {reason}"
    table.record_poll(store, feed.id, status, failed=True)
    if log:
        log(f"{feed.url}: {status}")
    return PollReport(feed.url, status, failed=True)


def _type_header(fetched: Fetched) -> dict[str, str]:
    kind = fetched.headers.get("content-type")
    return {"content-type": kind} if kind else {}


def _entries(entries: Sequence[dict], base: str) -> list[tuple[str, dict]]:
    """``(guid, entry)`` with the entry's link made absolute; entries naming neither a guid nor
    a link cannot be told apart from the next poll's and are left out. A guid repeated in one
    feed is kept once."""
    kept: dict[str, dict] = {}
    for entry in entries:
        link = (entry.get("link") or "").strip()
        link = urljoin(base, link) if link else ""
        guid = (entry.get("id") or "").strip() or link
        if guid and guid not in kept:
            kept[guid] = {**entry, "_link": link}
    return list(kept.items())


def _outlet(feed_url: str) -> str:
    """The outlet a feed's articles are credited to: its host without ``www.`` (stable across
    an outlet's section feeds; ``render/data/outlets.json`` may give it an Arabic name)."""
    host = (urlsplit(feed_url).hostname or feed_url).lower()
    return host.removeprefix("www.")


def _article(guid: str, link: str, entry: dict, page: Fetched, source: str) -> Article:
    kind = page.headers.get("content-type", "text/html").split(";")[0].strip().lower()
    if kind and kind not in _PAGE_TYPES:
        raise InputError(f"not a web page (Content-Type {kind})")
    text = _decode(page)
    if has_surrogates(text):
        raise InputError("the page holds a lone UTF-16 surrogate (invalid Unicode)")
    if not text.strip():
        raise InputError("empty page")
    title = (entry.get("title") or "").strip() or None
    return Article(
        id=guid[-120:],
        content=text,
        kind="html" if kind != "text/plain" or looks_like_html(text) else "text",
        source=source,
        url=link,
        published=_published(entry),
        title=title,
        origin=link,
    )


def _decode(page: Fetched) -> str:
    """The page's text: in the charset its header names when that decodes, else as a file."""
    charset = page.charset
    if charset:
        try:
            return page.body.decode(charset).lstrip("\ufeff")
        except (LookupError, UnicodeDecodeError):
            pass
    text, _ = decode_bytes(page.body)
    return text.lstrip("\ufeff")


def _published(entry: dict) -> date | None:
    stamp = entry.get("published_parsed") or entry.get("updated_parsed")
    if not stamp:
        return None
    try:
        return date(stamp.tm_year, stamp.tm_mon, stamp.tm_mday)
    except (ValueError, AttributeError):
        return None


def _ingest(
    store: Store, articles: list[tuple[str, str, Article]], intake: Intake
) -> list[ItemOutcome]:
    """Ingest the pages in one batch through the common intake; each entry's outcome."""
    if not articles:
        return []
    hashes = [a.content_hash for _, _, a in articles]
    before = store.known(hashes, [link for _, link, _ in articles])
    items: list[Article | Problem] = [a for _, _, a in articles]
    report = intake.ingest(items)
    refused = {p.origin: p.reason for p in report.problems}
    stored = table.stories_of(store, hashes)
    outcomes = []
    for (guid, link, _), content_hash in zip(articles, hashes, strict=True):
        if link in refused:
            outcomes.append(ItemOutcome(guid, link, f"failed: {refused[link]}"))
        elif content_hash in before or link in before:
            found = stored.get(content_hash) or table.story_of_url(store, link)
            outcomes.append(ItemOutcome(guid, link, "already stored", found and found[1]))
        elif content_hash in stored:
            outcomes.append(ItemOutcome(guid, link, "ingested", stored[content_hash][1]))
        else:
            outcomes.append(ItemOutcome(guid, link, "failed: not stored (see the ingest log)"))
    return outcomes
