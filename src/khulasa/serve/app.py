"""The server as one ASGI application: pages, the API, static files, and what runs beside them.

``create_app(config)`` is all a test or a deployment needs; ``khulasa serve`` wraps it in
uvicorn. At start the newest multi-outlet stories' summaries are scheduled, so the first page
shows their lead sentences without anyone waiting; when a feed interval is set, the feed poller
runs in a thread of its own until the server stops, and so do watched folders.
"""

from __future__ import annotations

import json
import os
import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from importlib import resources
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.staticfiles import StaticFiles
from starlette.middleware.trustedhost import TrustedHostMiddleware

from khulasa import __version__
from khulasa.serve import api, pages, views
from khulasa.serve.config import ServeConfig, check
from khulasa.serve.reports import SUMMARY
from khulasa.serve.security import SecurityMiddleware
from khulasa.serve.state import AppState

PREWARM = 200  # stories whose summaries are computed at start


def create_app(config: ServeConfig) -> FastAPI:
    check(config)
    state = AppState(config)

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        threading.Thread(target=_prewarm, args=(state,), daemon=True, name="prewarm").start()
        if config.feeds_interval or config.watch:
            _start_live(state)
        try:
            yield
        finally:
            state.close()

    app = FastAPI(
        title="Khulasa",
        version=__version__,
        description="Arabic news from many outlets, as stories: list, search, read, correct, "
        "ingest. Writes need 'Authorization: Bearer TOKEN' when the server has a token.",
        docs_url=None,
        redoc_url=None,
        openapi_url="/api/openapi.json",
        lifespan=lifespan,
    )
    app.state.khulasa = state
    app.include_router(api.router)
    app.include_router(pages.router)
    static = resources.files("khulasa.serve").joinpath("static")
    app.mount("/static", StaticFiles(directory=str(static)), name="static")

    @app.get("/healthz", tags=["health"], summary="Liveness, with the store's counts")
    def healthz(request: Request) -> dict[str, Any]:
        store = request.app.state.khulasa.reader()
        return {
            "status": "ok",
            "version": __version__,
            "articles": store.count("articles"),
            "stories": store.count("stories"),
            "reports_in_progress": request.app.state.khulasa.reports.busy(),
        }

    @app.exception_handler(RequestValidationError)
    async def invalid(_: Request, exc: RequestValidationError) -> JSONResponse:
        # The default echoes the whole input back; a 4 MB article is not worth returning.
        errors = [
            {"loc": list(e.get("loc", ())), "msg": e.get("msg", ""), "type": e.get("type", "")}
            for e in exc.errors()[:20]
        ]
        return JSONResponse({"detail": errors}, status_code=422)

    app.add_middleware(TrustedHostMiddleware, allowed_hosts=config.trusted_hosts())
    app.add_middleware(SecurityMiddleware, max_body=config.max_body_bytes)
    return app


CONFIG_ENV = "KHULASA_SERVE_CONFIG"


def from_environment() -> FastAPI:
    """The application for each of uvicorn's worker processes (``khulasa serve --workers N``):
    the configuration travels in ``$KHULASA_SERVE_CONFIG`` as JSON."""
    fields = json.loads(os.environ[CONFIG_ENV])
    fields["watch"] = tuple(fields.get("watch", ()))
    fields["allowed_hosts"] = tuple(fields.get("allowed_hosts", ()))
    return create_app(ServeConfig(**fields))


def _prewarm(state: AppState) -> None:
    """Schedule the summaries of the newest multi-outlet stories (the first pages)."""
    try:
        store = state.reader()
        found = views.browse(store.conn, views.Filters(), PREWARM, state.terms_of)
        state.reports.refresh(store, [s.id for s in found.items], (SUMMARY,))
    except Exception:
        pass


def _start_live(state: AppState) -> None:
    """The live-ingest loop (feeds and watched folders) in a thread of its own, stopped with
    the server."""
    from khulasa.live import run_forever

    config = state.config
    thread = threading.Thread(
        target=run_forever,
        kwargs={
            "db_path": state.db,
            "interval": config.feeds_interval or 300.0,
            "stop": state.stop,
            "folders": config.watch,
            "feeds": bool(config.feeds_interval),
        },
        daemon=True,
        name="khulasa-live",
    )
    thread.start()
