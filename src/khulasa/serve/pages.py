"""The web pages: stories, a story, an article, and the editors' correction forms.

Server-rendered Arabic, right to left, with no script at all: outlet chips are ``<details>``
elements that open the outlet's own sentence in place, collapsible articles are the same, and
corrections are plain forms that post and redirect back. Every value comes from outside (pages,
feeds, editors) and goes through Jinja's escaping; links to the outside only when the URL is a
plain http(s) address.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Form, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from khulasa.serve import views
from khulasa.serve.api import FACTS, SUMMARY_WAIT, ArticleId, StoryId, correct, leads_of, state
from khulasa.serve.reports import CLEANED, SUMMARY
from khulasa.serve.security import (
    SESSION_COOKIE,
    may_write,
    require_same_origin,
    require_writer,
    session_value,
)
from khulasa.serve.state import AppState
from khulasa.serve.templating import templates
from khulasa.store import corrections
from khulasa.store.cache import story_digest
from khulasa.stories.sections import SECTIONS

router = APIRouter(include_in_schema=False)
State = Annotated[AppState, Depends(state)]
FormPost = [Depends(require_same_origin), Depends(require_writer)]


def page(request: Request, name: str, status: int = 200, **context: Any) -> HTMLResponse:
    app: AppState = request.app.state.khulasa
    context.setdefault("can_write", may_write(request, app.config))
    context.setdefault("needs_login", bool(app.config.token))
    return templates.TemplateResponse(request, name, context, status_code=status)


@router.get("/", response_class=HTMLResponse)
def stories_page(
    request: Request,
    app: State,
    since: Annotated[str | None, Query(max_length=10)] = None,
    until: Annotated[str | None, Query(max_length=10)] = None,
    outlet: Annotated[str | None, Query(max_length=200)] = None,
    q: Annotated[str | None, Query(max_length=500)] = None,
    entity: Annotated[str | None, Query(max_length=200)] = None,
    kind: Annotated[str | None, Query(max_length=20)] = None,
    min_outlets: Annotated[int, Query(ge=1, le=1000)] = 2,
    page_number: Annotated[int, Query(alias="page", ge=1, le=100_000)] = 1,
    section: Annotated[str | None, Query(max_length=20)] = None,
) -> HTMLResponse:
    errors = []
    start, end = _day(since, errors), _day(until, errors)
    kind = kind if kind in views.ENTITY_KINDS else None
    filters = views.Filters(
        start,
        end,
        outlet or None,
        q or None,
        entity or None,
        kind,
        min_outlets,
        page_number,
        section=_section(section, errors),
    )
    found, fresh = app.browse(filters)
    leads = leads_of(app, [s.id for s in found.items], fresh)
    return page(
        request,
        "stories.html",
        stories=found.items,
        leads=leads,
        found=found,
        filters=filters,
        raw={"since": since or "", "until": until or ""},
        outlets=app.outlets(),
        errors=errors,
        query=_query(filters, since, until),
        section_links=_section_links(_query(filters, since, until), filters.section),
    )


@router.get("/stories/{story_id}", response_class=HTMLResponse)
def story_page(request: Request, app: State, story_id: StoryId) -> HTMLResponse:
    """A story page is rendered once per story version (and per reader kind: editors see
    forms) and kept: a large story's page is half a megabyte of text to lay out."""
    store = app.reader()
    digest = story_digest(store, story_id)
    if digest is None:
        return page(request, "error.html", 404, message=f"لا توجد قصة بالرقم {story_id}")
    can_write = may_write(request, app.config)
    last_correction = store.conn.execute("SELECT MAX(id) FROM corrections").fetchone()[0]
    facts_ready = app.reports.ready(store, story_id, FACTS)
    key = (story_id, digest, facts_ready, can_write, last_correction)
    html = app.pages.get(key)
    if html is None:
        html = app.pages.put(key, _render_story(request, app, story_id, can_write))
    return HTMLResponse(html)


def _render_story(request: Request, app: AppState, story_id: int, can_write: bool) -> bytes:
    store = app.reader()
    item = views.story_item(store.conn, story_id)
    if item is None:
        return page(request, "error.html", 404, message=f"لا توجد قصة بالرقم {story_id}").body
    body = app.reports.get(store, story_id, SUMMARY, SUMMARY_WAIT) or {}
    cleaned = app.reports.get(store, story_id, CLEANED, SUMMARY_WAIT) or []
    facts = app.reports.get(store, story_id, FACTS, 0)
    return page(
        request,
        "story.html",
        can_write=can_write,
        story=item,
        body=body,
        facts=facts,
        entity_groups=_entity_groups(facts),
        numbers=_numbers(facts),
        cleaned={c["article_id"]: c for c in cleaned},
        history=corrections.history(store, story_id),
    ).body


@router.get("/articles/{article_id}", response_class=HTMLResponse)
def article_page(request: Request, app: State, article_id: ArticleId) -> HTMLResponse:
    found = views.article(app.reader().conn, article_id)
    if found is None:
        return page(request, "error.html", 404, message=f"لا يوجد مقال بالرقم {article_id}")
    from khulasa.serve.reports import cleaned_text

    text, dropped = cleaned_text(found)
    return page(request, "article.html", article=found, text=text, dropped=dropped)


# -- corrections ------------------------------------------------------------------------------


def _correct(app: AppState, action: Any) -> Response:
    """Make the correction, then show the story it left the articles in."""
    _, story = correct(app, action)
    return RedirectResponse(f"/stories/{story}", status_code=303)


@router.post("/stories/{story_id}/merge", dependencies=FormPost)
def merge_form(
    app: State,
    story_id: StoryId,
    into: Annotated[int, Form(ge=1, le=2**62)],
    author: Annotated[str, Form(max_length=100)] = "editor",
) -> Response:
    return _correct(app, lambda s: corrections.merge(s, story_id, into, author or "editor"))


@router.post("/stories/{story_id}/rename", dependencies=FormPost)
def rename_form(
    app: State,
    story_id: StoryId,
    headline: Annotated[str, Form(max_length=300)],
    author: Annotated[str, Form(max_length=100)] = "editor",
) -> Response:
    return _correct(app, lambda s: corrections.rename(s, story_id, headline, author or "editor"))


@router.post("/articles/{article_id}/move", dependencies=FormPost)
def move_form(
    app: State,
    article_id: ArticleId,
    to_story: Annotated[str, Form(max_length=20)] = "",
    author: Annotated[str, Form(max_length=100)] = "editor",
) -> Response:
    who = author or "editor"
    if not to_story.strip():
        return _correct(app, lambda s: corrections.split(s, article_id, who))
    if not to_story.strip().isdigit():
        raise HTTPException(422, "the story to move to must be a story number")
    target = int(to_story)
    return _correct(app, lambda s: corrections.move(s, article_id, target, who))


# -- signing in (only when the server has a token) --------------------------------------------


@router.get("/login", response_class=HTMLResponse)
def login_page(request: Request) -> HTMLResponse:
    return page(request, "login.html")


@router.post("/login", dependencies=[Depends(require_same_origin)])
def login(request: Request, app: State, token: Annotated[str, Form(max_length=500)]) -> Response:
    from khulasa.serve.config import same_token

    if not app.config.token or not same_token(token.strip(), app.config.token):
        return page(request, "login.html", 401, failed=True)
    response = RedirectResponse("/", status_code=303)
    response.set_cookie(
        SESSION_COOKIE,
        session_value(app.config.token),
        httponly=True,
        samesite="strict",
        secure=request.url.scheme == "https",
        max_age=12 * 3600,
    )
    return response


@router.post("/logout", dependencies=[Depends(require_same_origin)])
def logout() -> Response:
    response = RedirectResponse("/", status_code=303)
    response.delete_cookie(SESSION_COOKIE)
    return response


@router.get("/api/docs", response_class=HTMLResponse)
def api_docs(request: Request) -> HTMLResponse:
    """The API's reference, rendered from its OpenAPI schema on the server (the usual docs
    page loads script from a CDN, which the CSP and an offline machine both forbid)."""
    return page(request, "docs.html", spec=request.app.openapi())


def _entity_groups(facts: dict[str, Any] | None, shown: int = 15) -> dict[str, list[dict]]:
    """The story's people, places and organisations, the most mentioned first."""
    groups: dict[str, list[dict]] = {}
    for entity in (facts or {}).get("entities", []):
        groups.setdefault(entity["kind"], []).append(entity)
    return {
        kind: sorted(found, key=lambda e: -len(e.get("mentions", ())))[:shown]
        for kind, found in groups.items()
    }


def _numbers(facts: dict[str, Any] | None, shown: int = 20) -> list[tuple[str, list[str]]]:
    """The story's quantities, each once with every outlet that states it, the most reported
    first. A bare number (no unit, no counted thing) says nothing out of its sentence: left out."""
    grouped: dict[tuple, tuple[str, list[str]]] = {}
    for number in (facts or {}).get("numbers", []):
        if not (number.get("unit") or number.get("thing")):
            continue
        key = (number.get("value"), number.get("unit"), number.get("thing"))
        # a story quantity lists its sentences as mentions (facts cached before: one each)
        mentions = number.get("mentions") or [number]
        _, outlets = grouped.setdefault(key, (mentions[0]["text"], []))
        for mention in mentions:
            outlet = mention.get("source", {}).get("outlet")
            if outlet and outlet not in outlets:
                outlets.append(outlet)
    ranked = sorted(grouped.values(), key=lambda item: -len(item[1]))
    return ranked[:shown]


def _section(value: str | None, errors: list[str]) -> str | None:
    """A section the listing knows, or None with the reason shown (the listing is not filtered)."""
    if not value or value in SECTIONS:
        return value or None
    names = "، ".join(templates.env.globals["section_names"].values())
    errors.append(f"قسم غير معروف: {value} (الأقسام: {names})")
    return None


def _day(value: str | None, errors: list[str]) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        errors.append(f"تاريخ غير صالح: {value} (الصيغة: 2015-08-06)")
        return None


def _section_links(query: dict[str, Any], current: str | None) -> list[dict[str, Any]]:
    """One link a section (and one for all), each keeping the other filters and going back
    to the first page: "all market news" is one click from any listing."""
    base = {k: v for k, v in query.items() if k not in ("section", "page")}
    links = [{"key": None, "href": "/?" + urlencode(base), "current": current is None}]
    for key in SECTIONS:
        href = "/?" + urlencode({**base, "section": key})
        links.append({"key": key, "href": href, "current": current == key})
    return links


def _query(filters: views.Filters, since: str | None, until: str | None) -> dict[str, Any]:
    """The filters as query parameters, for the paging links."""
    found = {
        "since": since,
        "until": until,
        "outlet": filters.outlet,
        "q": filters.q,
        "entity": filters.entity,
        "kind": filters.kind,
        "min_outlets": filters.min_outlets if filters.min_outlets != 2 else None,
        "section": filters.section,
    }
    return {k: v for k, v in found.items() if v}
