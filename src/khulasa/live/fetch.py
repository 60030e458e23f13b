"""A polite, guarded HTTP fetcher for feeds and the pages they link to.

Feeds are written by others, and a feed entry may point anywhere: at a 2 GB file, at a server
that never answers, or at an address inside the machine's own network (a router's admin page, a
cloud metadata service at 169.254.169.254). So every request here

- goes only to ``http``/``https`` URLs, and only to a public address: the host is resolved first
  and refused when any of its addresses is private, loopback, link-local, multicast, reserved or
  unspecified (``allow_private`` / ``allow_loopback`` lift that, for a newsroom's intranet and
  for tests). The connection is then made to the address that was checked, not to a second
  lookup, so a name that resolves differently the next time cannot slip past the check;
- follows redirects by hand, one hop at a time, each hop checked like the first;
- has connect and read timeouts and a deadline for the whole body, and stops reading past
  ``max_bytes`` while streaming, before the body is in memory;
- names Khulasa in its User-Agent, sends the feed's ETag / Last-Modified back (a 304 costs the
  publisher nothing), and waits ``min_host_interval`` seconds between two requests to one host.

Failures are :class:`FetchError` with a reason a person can act on; the caller records them and
goes on with the next item.
"""

from __future__ import annotations

import ipaddress
import socket
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

import httpx

from khulasa import __version__
from khulasa.ingest.limits import MIB, describe_size

USER_AGENT = f"Khulasa/{__version__} (Arabic news reader; polls feeds politely)"
ALLOWED_SCHEMES = ("http", "https")
_REDIRECTS = {301, 302, 303, 307, 308}


@dataclass(frozen=True)
class FetchSettings:
    """Bounds and manners of every request. The defaults suit news pages (tens of KB)."""

    connect_timeout: float = 5.0
    read_timeout: float = 10.0  # between two chunks of the body
    total_timeout: float = 30.0  # the whole exchange, so a trickling server cannot hold us
    max_bytes: int = 5 * MIB
    max_redirects: int = 5
    min_host_interval: float = 1.0  # seconds between two requests to one host
    allow_private: bool = False  # private, link-local, reserved … addresses (and loopback)
    allow_loopback: bool = False  # 127.0.0.0/8 and ::1 only (what tests need)
    user_agent: str = USER_AGENT


@dataclass(frozen=True)
class Fetched:
    """A response: ``not_modified`` for a 304 (``body`` is then empty)."""

    url: str  # after redirects
    status: int
    body: bytes
    headers: dict[str, str] = field(default_factory=dict)

    @property
    def not_modified(self) -> bool:
        return self.status == 304

    @property
    def etag(self) -> str | None:
        return self.headers.get("etag")

    @property
    def last_modified(self) -> str | None:
        return self.headers.get("last-modified")

    @property
    def charset(self) -> str | None:
        """The charset the Content-Type header names, if any."""
        for part in self.headers.get("content-type", "").split(";")[1:]:
            key, _, value = part.strip().partition("=")
            if key.lower() == "charset" and value.strip():
                return value.strip().strip("\"'")
        return None


class FetchError(Exception):
    """One URL could not be fetched; the message names it and says why."""

    def __init__(self, url: str, reason: str) -> None:
        self.url = url
        self.reason = reason
        super().__init__(f"{url}: {reason}")


def check_scheme(url: str) -> None:
    """Refuse anything but an absolute http(s) URL with a host."""
    parts = urlsplit(url)
    if parts.scheme.lower() not in ALLOWED_SCHEMES:
        shown = parts.scheme or "none"
        raise FetchError(url, f"only http and https URLs are fetched (scheme: {shown})")
    if not parts.hostname:
        raise FetchError(url, "the URL names no host")
    try:
        parts.port  # noqa: B018 - parsing it is the check
    except ValueError:
        raise FetchError(url, "the URL's port is not a number from 0 to 65535") from None


def refusal(address: str, settings: FetchSettings) -> str | None:
    """Why ``address`` may not be contacted under ``settings``, or None when it may."""
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return "not an address this fetcher understands"
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped  # ::ffff:10.0.0.1 is 10.0.0.1
    if ip.is_loopback:
        return None if settings.allow_loopback or settings.allow_private else "a loopback address"
    if settings.allow_private:
        return None
    for test, name in (
        (ip.is_link_local, "a link-local address"),
        (ip.is_multicast, "a multicast address"),
        (ip.is_unspecified, "an unspecified address"),
        (ip.is_reserved, "a reserved address"),
        (ip.is_private, "a private address"),
        (not ip.is_global, "not a public address"),
    ):
        if test:
            return name
    return None


Resolver = Callable[[str, int], list[str]]


def resolve(host: str, port: int) -> list[str]:
    """Every address ``host`` resolves to (a literal address resolves to itself)."""
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


class Fetcher:
    """One HTTP client with per-host pacing; safe to share between the feeds of one loop.

    Connections are not kept alive: each request is made to the address just checked, and a
    pooled connection could otherwise carry a request for one host to another host's server.
    """

    def __init__(
        self,
        settings: FetchSettings | None = None,
        resolver: Resolver = resolve,
        stop: threading.Event | None = None,
    ) -> None:
        self.settings = settings or FetchSettings()
        self._resolve = resolver
        self._stop = stop
        self._last: dict[str, float] = {}
        s = self.settings
        self.client = httpx.Client(
            timeout=httpx.Timeout(
                connect=s.connect_timeout, read=s.read_timeout, write=s.read_timeout, pool=5.0
            ),
            follow_redirects=False,
            trust_env=False,  # a proxy from the environment would bypass the address guard
            limits=httpx.Limits(max_keepalive_connections=0),
        )

    def close(self) -> None:
        self.client.close()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def get(self, url: str, etag: str | None = None, modified: str | None = None) -> Fetched:
        """GET ``url``, following up to ``max_redirects`` redirects, each hop re-checked."""
        conditional = {}
        if etag:
            conditional["If-None-Match"] = etag
        if modified:
            conditional["If-Modified-Since"] = modified
        current = url
        for _ in range(self.settings.max_redirects + 1):
            response = self._one(current, conditional)
            if response.status not in _REDIRECTS:
                if response.status == 304 or 200 <= response.status < 300:
                    return response
                raise FetchError(current, f"the server answered HTTP {response.status}")
            location = response.headers.get("location")
            if not location:
                raise FetchError(current, f"HTTP {response.status} redirect without a Location")
            current = urljoin(current, location.strip())
        raise FetchError(url, f"more than {self.settings.max_redirects} redirects")

    def _one(self, url: str, extra: dict[str, str]) -> Fetched:
        check_scheme(url)
        parts = urlsplit(url)
        host = parts.hostname or ""
        port = parts.port or (443 if parts.scheme.lower() == "https" else 80)
        address = self._checked_address(url, host, port)
        self._pace(host)
        target = _pinned(url, address)
        headers = {"User-Agent": self.settings.user_agent, "Host": parts.netloc.rpartition("@")[2]}
        headers.update(extra)
        extensions = {"sni_hostname": host} if parts.scheme.lower() == "https" else {}
        deadline = time.monotonic() + self.settings.total_timeout
        try:
            request = self.client.build_request(
                "GET", target, headers=headers, extensions=extensions
            )
            response = self.client.send(request, stream=True)
            try:
                wanted = 200 <= response.status_code < 300  # no body for redirects, errors
                body = self._body(url, response, deadline) if wanted else b""
                kept = {k.lower(): v for k, v in response.headers.items()}
                return Fetched(url=url, status=response.status_code, body=body, headers=kept)
            finally:
                response.close()
        except httpx.TimeoutException:
            raise FetchError(url, "timed out") from None
        except httpx.HTTPError as exc:
            raise FetchError(url, f"request failed ({type(exc).__name__}: {exc})") from None
        finally:  # the pause runs from the end of this exchange to the start of the next
            self._last[host.lower()] = time.monotonic()

    def _checked_address(self, url: str, host: str, port: int) -> str:
        try:
            addresses = self._resolve(host, port)
        except (OSError, UnicodeError) as exc:
            raise FetchError(url, f"cannot resolve {host} ({exc})") from None
        if not addresses:
            raise FetchError(url, f"{host} resolves to no address")
        for address in addresses:  # every one: a round-robin name must not hide a private one
            reason = refusal(address, self.settings)
            if reason:
                raise FetchError(
                    url, f"refused: {host} resolves to {address}, {reason} (not allowed)"
                )
        return addresses[0]

    def _pace(self, host: str) -> None:
        """Wait until ``min_host_interval`` has passed since the last exchange with ``host``
        ended (so a slow server is given more room, not less)."""
        key = host.lower()
        wait = self._last.get(key, -1e9) + self.settings.min_host_interval - time.monotonic()
        if wait > 0:
            if self._stop is not None:
                if self._stop.wait(wait):
                    raise FetchError(host, "stopped before the request was sent")
            else:
                time.sleep(wait)

    def _body(self, url: str, response: httpx.Response, deadline: float) -> bytes:
        limit = self.settings.max_bytes
        declared = response.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > limit:
            raise FetchError(url, _too_large(int(declared), limit))
        chunks: list[bytes] = []
        size = 0
        for chunk in response.iter_bytes():
            size += len(chunk)
            if size > limit:
                raise FetchError(url, _too_large(size, limit, at_least=True))
            if time.monotonic() > deadline:
                raise FetchError(
                    url, f"timed out (body not complete after {self.settings.total_timeout:g} s)"
                )
            chunks.append(chunk)
        return b"".join(chunks)


def _too_large(size: int, limit: int, at_least: bool = False) -> str:
    more = "more than " if at_least else ""
    return f"response of {more}{describe_size(size)} is over the limit of {describe_size(limit)}"


def _pinned(url: str, address: str) -> str:
    """``url`` with its host replaced by the checked ``address`` (the Host header keeps the
    name)."""
    parts = urlsplit(url)
    literal = f"[{address}]" if ":" in address else address
    netloc = literal if parts.port is None else f"{literal}:{parts.port}"
    return parts._replace(netloc=netloc).geturl()
