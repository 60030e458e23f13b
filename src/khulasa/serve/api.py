"""The HTTP API under ``/api/``: what the pages show, as JSON, and the same writes.

A story is the JSON report ``khulasa story ID --format json`` writes (schema version 1), with the
headline and the corrections that touch it. Articles enter through the one intake every entry
point uses, with the readers' checks, so an article posted here and the same line in a JSONL
file give the same result, and posting it twice adds nothing.
"""

from __future__ import annotations

import hashlib
import json
from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Path, Query, Request
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel, ConfigDict, Field

from khulasa.ingest.readers import article_from_record
from khulasa.model import Article
from khulasa.problems import NothingToSummarize, Problem
from khulasa.serve import views
from khulasa.serve.reports import FACTS, LEAD, SUMMARY
from khulasa.serve.security import require_writer
from khulasa.serve.state import AppState
from khulasa.store import corrections
from khulasa.store.cache import cached_many
from khulasa.stories.sections import SECTIONS

router = APIRouter(prefix="/api")
MAX_SUMMARIZE = 200
FACTS_WAIT = 300.0  # seconds an API caller waits for a large story's facts
SUMMARY_WAIT = 60.0


def state(request: Request) -> AppState:
    return request.app.state.khulasa


State = Annotated[AppState, Depends(state)]
Writer = Depends(require_writer)


class ArticleIn(BaseModel):
    """One article, with the fields of a JSONL manifest line (``path`` excepted)."""

    model_config = ConfigDict(extra="forbid")
    id: str | int | None = Field(None, description="your id; default: derived from the text")
    text: str | None = Field(None, description="plain text (this or html)")
    html: str | None = Field(None, description="the page's HTML, cleaned like an .html file")
    source: str | None = Field(None, max_length=200, description="the outlet, e.g. aleqtisadiya")
    url: str | None = Field(None, max_length=4096)
    published: str | None = Field(None, max_length=40, description="ISO date, e.g. 2015-08-06")
    title: str | None = Field(None, max_length=2000)


class IngestResult(BaseModel):
    read: int
    added: int
    already_stored: int
    near_duplicates: int
    articles: list[dict[str, Any]]
    problems: list[dict[str, Any]]


class MergeIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    into: int = Field(..., ge=1, le=2**62, description="the story that receives the articles")
    author: str = Field("editor", min_length=1, max_length=100)


class MoveIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    to_story: int | None = Field(None, ge=1, le=2**62, description="none: a story of its own")
    author: str = Field("editor", min_length=1, max_length=100)


class RenameIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    headline: str = Field(..., min_length=1, max_length=corrections.MAX_HEADLINE)
    author: str = Field("editor", min_length=1, max_length=100)


class SummarizeIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    articles: list[ArticleIn] = Field(..., min_length=1, max_length=MAX_SUMMARIZE)
    words: int = Field(100, ge=10, le=2000)


def _answers(*codes: int) -> dict[int | str, dict[str, Any]]:
    """The error answers an endpoint documents, each a JSON ``{"detail": …}``."""
    meaning = {
        401: "the server has a token and the request did not send it",
        404: "no such story or article",
        409: "the correction cannot be made (it changes nothing)",
        413: "the body or the batch is over the server's limit",
        422: "invalid input; 'detail' says which field and why",
    }
    return {code: {"description": meaning[code]} for code in codes}


READ = _answers(404)
WRITE = _answers(401, 404, 409, 413)

StoryId = Annotated[int, Path(ge=1, le=2**62)]
ArticleId = Annotated[int, Path(ge=1, le=2**62)]


@router.get("/stories", summary="List and search stories")
def list_stories(
    app: State,
    since: date | None = None,
    until: date | None = None,
    outlet: Annotated[str | None, Query(max_length=200)] = None,
    q: Annotated[str | None, Query(max_length=500, description="keywords (all must occur)")] = None,
    entity: Annotated[str | None, Query(max_length=200)] = None,
    kind: Annotated[str | None, Query(pattern="^(person|place|organization)$")] = None,
    min_outlets: Annotated[int, Query(ge=1, le=1000)] = 2,
    page: Annotated[int, Query(ge=1, le=100_000)] = 1,
    section: Annotated[
        str | None,
        Query(pattern=f"^({'|'.join(SECTIONS)})$", description="world, local, economy, ..."),
    ] = None,
) -> dict[str, Any]:
    filters = views.Filters(
        since, until, outlet, q, entity, kind, min_outlets, page, section=section
    )
    found, fresh = app.browse(filters)
    leads = leads_of(app, [s.id for s in found.items], fresh)
    return {
        "page": found.page,
        "has_next": found.has_next,
        "stories": [{**s.to_dict(), "lead": leads.get(s.id)} for s in found.items],
    }


def leads_of(app: AppState, story_ids: list[int], fresh: bool = True) -> dict[int, str]:
    """Each story's first summary sentence where computed. Missing ones are scheduled, and
    stale ones too when the listing was just computed (else nothing changed since)."""
    store = app.reader()
    leads = {i: lead for i, lead in cached_many(store, story_ids, LEAD).items() if lead}
    due = story_ids if fresh else [i for i in story_ids if i not in leads]
    app.reports.refresh(store, due, (SUMMARY,))
    return leads


@router.get("/stories/{story_id}", summary="One story: summary, facts, articles", responses=READ)
def get_story(app: State, story_id: StoryId, facts: bool = True) -> Response:
    report = story_report(app, story_id)
    if not facts:
        return JSONResponse(report)
    # A large story's facts run to megabytes: sent on as stored, not parsed and re-encoded.
    found = app.reports.text(app.reader(), story_id, FACTS, FACTS_WAIT)
    head = json.dumps({**report, "facts_pending": found is None}, ensure_ascii=False)
    return Response(f'{head[:-1]}, "facts": {found or "null"}}}', media_type="application/json")


def story_report(app: AppState, story_id: int) -> dict[str, Any]:
    """The story's JSON report (without facts), its headline and its corrections."""
    store = app.reader()
    item = views.story_item(store.conn, story_id)
    if item is None:
        raise HTTPException(404, f"no story {story_id}")
    body = app.reports.get(store, story_id, SUMMARY, SUMMARY_WAIT)
    if body is None:  # the story changed under us (merged away) between the two reads
        raise HTTPException(404, f"no story {story_id}")
    report = dict(body)
    report["story"] = {**report.get("story", {}), "headline": item.headline}
    report["corrections"] = [c.to_dict() for c in corrections.history(store, story_id)]
    return report


@router.get(
    "/stories/{story_id}/corrections", summary="Corrections that touch a story", responses=READ
)
def story_corrections(app: State, story_id: StoryId) -> list[dict[str, Any]]:
    return [c.to_dict() for c in corrections.history(app.reader(), story_id)]


@router.get(
    "/articles/{article_id}", summary="One stored article, its story and its copies", responses=READ
)
def get_article(app: State, article_id: ArticleId) -> dict[str, Any]:
    found = views.article(app.reader().conn, article_id)
    if found is None:
        raise HTTPException(404, f"no article {article_id}")
    return found


@router.post(
    "/articles",
    summary="Ingest one article or a list of them",
    dependencies=[Writer],
    response_model=IngestResult,
    responses={
        201: {"model": IngestResult, "description": "some article was added"},
        **_answers(401, 413, 422),
    },
)
def post_articles(app: State, body: ArticleIn | list[ArticleIn]) -> JSONResponse:
    records = body if isinstance(body, list) else [body]
    if len(records) > app.config.max_batch:
        raise HTTPException(413, f"at most {app.config.max_batch} articles in one request")
    if not records:
        raise HTTPException(422, "the list is empty")
    items = _articles(records)
    problems = [
        {"item": i, "reason": p.reason} for i, p in enumerate(items) if isinstance(p, Problem)
    ]
    usable = [(i, a) for i, a in enumerate(items) if isinstance(a, Article)]
    if not usable:
        raise HTTPException(422, {"message": "no usable article", "problems": problems})
    report, stored = app.ingest([a for _, a in usable])
    placed = [
        {"item": i, "id": article_id, "story_id": story_id}
        for (i, _), (article_id, story_id) in zip(usable, stored, strict=True)
        if article_id
    ]
    app.reports.refresh(app.reader(), sorted({p["story_id"] for p in placed}), (SUMMARY,))
    result = IngestResult(
        read=len(records),
        added=report.added,
        already_stored=report.exact_duplicates,
        near_duplicates=report.near_duplicates,
        articles=placed,
        problems=problems,
    )
    return JSONResponse(result.model_dump(), status_code=201 if report.added else 200)


def _articles(records: list[ArticleIn]) -> list[Article | Problem]:
    """The readers' checks, item by item; an article without an id is named by its text's
    digest (a request has no file name to name it by)."""
    found = []
    for i, record in enumerate(records):
        data = record.model_dump(exclude_none=True)
        body = data.get("text") or data.get("html") or ""
        data.setdefault(
            "id", "api-" + hashlib.sha1(body.encode("utf-8", "replace")).hexdigest()[:12]
        )
        found.append(article_from_record(data, f"request item {i}"))
    return found


@router.post(
    "/summarize",
    summary="Summarize an ad-hoc set of pages (nothing is stored)",
    responses=_answers(413, 422),
)
def summarize(body: SummarizeIn) -> dict[str, Any]:
    from khulasa.pipeline import summarize as run
    from khulasa.render import render

    items = _articles(body.articles)
    articles = [a for a in items if isinstance(a, Article)]
    problems = [
        {"item": i, "reason": p.reason} for i, p in enumerate(items) if isinstance(p, Problem)
    ]
    try:
        summary = run(articles, words=body.words)
    except NothingToSummarize as exc:
        reasons = problems + [{"item": None, "reason": p.reason} for p in exc.problems]
        raise HTTPException(422, {"message": "nothing to summarize", "problems": reasons}) from None
    report = json.loads(render(summary, "json"))
    report["problems"] = problems + report.get("problems", [])
    return report


def correct(app: AppState, action: Any) -> tuple[corrections.Correction, int]:
    """Make one correction under the writer lock; the correction and the story its first
    article is in now (the merged, renamed or receiving story; for a split, the new one).
    404 for a story or article that does not exist, 409 for a correction that changes nothing."""
    with app.writer() as store:
        try:
            done = action(store)
        except corrections.NotFound as exc:
            raise HTTPException(404, str(exc)) from None
        except corrections.CorrectionError as exc:
            raise HTTPException(409, str(exc)) from None
        row = store.conn.execute(
            "SELECT story_id FROM articles WHERE id = ?", (done.articles[0],)
        ).fetchone()
    return done, int(row[0])


def _correct(app: AppState, action: Any) -> dict[str, Any]:
    return correct(app, action)[0].to_dict()


@router.post(
    "/stories/{story_id}/merge",
    summary="Merge this story into another",
    dependencies=[Writer],
    responses=WRITE,
)
def merge(app: State, story_id: StoryId, body: MergeIn) -> dict[str, Any]:
    return _correct(app, lambda s: corrections.merge(s, story_id, body.into, body.author))


@router.post(
    "/stories/{story_id}/rename", summary="Set the headline", dependencies=[Writer], responses=WRITE
)
def rename(app: State, story_id: StoryId, body: RenameIn) -> dict[str, Any]:
    return _correct(app, lambda s: corrections.rename(s, story_id, body.headline, body.author))


@router.post(
    "/articles/{article_id}/move",
    summary="Move an article to another story, or out to a story of its own",
    dependencies=[Writer],
    responses=WRITE,
)
def move(app: State, article_id: ArticleId, body: MoveIn) -> dict[str, Any]:
    target = body.to_story
    if target is None:
        return _correct(app, lambda s: corrections.split(s, article_id, body.author))
    return _correct(app, lambda s: corrections.move(s, article_id, target, body.author))


@router.get("/corrections", summary="Every correction, oldest first")
def all_corrections(app: State) -> list[dict[str, Any]]:
    return [c.to_dict() for c in corrections.history(app.reader())]
