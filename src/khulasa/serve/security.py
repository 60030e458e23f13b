"""Who may write, how much one request may send, and what a browser may run.

Reads are open (the server holds news, and binds to loopback unless a token is set). Writes —
ingest, corrections, feeds — need the token when one is configured: as ``Authorization: Bearer``
from a program, or as a session cookie the login page sets in a browser. The cookie is an HMAC
of the token, never the token itself, and is ``HttpOnly`` and ``SameSite=Strict``; forms are
also checked for a same-origin ``Origin`` (or ``Referer``), so another site open in the same
browser cannot post a merge on the editor's behalf. The JSON API only accepts
``application/json``, which a cross-site form cannot send without the browser asking first.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from typing import Any
from urllib.parse import urlsplit

from fastapi import HTTPException, Request

from khulasa.serve.config import ServeConfig, same_token

SESSION_COOKIE = "khulasa_session"

CSP = (
    "default-src 'none'; style-src 'self'; script-src 'self'; img-src 'self'; "
    "form-action 'self'; frame-ancestors 'none'; base-uri 'none'; connect-src 'self'"
)
HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"same-origin"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
]


def session_value(token: str) -> str:
    return hmac.new(token.encode(), b"khulasa-session-v1", hashlib.sha256).hexdigest()


def may_write(request: Request, config: ServeConfig) -> bool:
    if not config.token:
        return True
    header = request.headers.get("authorization", "")
    scheme, _, given = header.partition(" ")
    if scheme.lower() == "bearer" and same_token(given.strip(), config.token):
        return True
    cookie = request.cookies.get(SESSION_COOKIE)
    return cookie is not None and same_token(cookie, session_value(config.token))


def require_writer(request: Request) -> None:
    """FastAPI dependency of every writing endpoint."""
    config: ServeConfig = request.app.state.khulasa.config
    if not may_write(request, config):
        raise HTTPException(
            401,
            "this server needs its token for writes: send 'Authorization: Bearer TOKEN'",
            headers={"WWW-Authenticate": "Bearer"},
        )


def require_same_origin(request: Request) -> None:
    """Forms posted from the server's own pages only."""
    claimed = request.headers.get("origin") or request.headers.get("referer")
    if not claimed or claimed == "null":
        raise HTTPException(403, "a form must be posted from this server's own pages")
    parts = urlsplit(claimed)
    if parts.netloc != request.headers.get("host", ""):
        raise HTTPException(403, "a form must be posted from this server's own pages")


class SecurityMiddleware:
    """Pure ASGI, so it sees every response (errors and static files too) and can stop a body
    before it is read: a request that declares or sends more than ``max_body`` bytes gets 413."""

    def __init__(self, app: Any, max_body: int) -> None:
        self.app = app
        self.max_body = max_body

    async def __call__(self, scope: dict, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope.get("headers") or []).get(b"content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > self.max_body):
            await _json_error(send, 413, f"the request body is over {self.max_body} bytes")
            return
        received = 0
        started = False

        async def limited_receive() -> dict:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_body:
                    raise _TooLarge
            return message

        async def secured_send(message: dict) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                message = {**message, "headers": [*message.get("headers", []), *HEADERS]}
            await send(message)

        try:
            await self.app(scope, limited_receive, secured_send)
        except _TooLarge:
            if not started:
                await _json_error(send, 413, f"the request body is over {self.max_body} bytes")


class _TooLarge(Exception):
    pass


async def _json_error(send: Any, status: int, detail: str) -> None:
    body = json.dumps({"detail": detail}).encode()
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(body)).encode()),
                *HEADERS,
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})
