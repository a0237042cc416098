"""The REST API under /api: the same data and actions as the pages, described at /api/docs."""
from __future__ import annotations

from typing import Any, Literal, Optional

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import Response
from pydantic import BaseModel, Field

from ..exports.tables import diff_table, thread_table
from ..store import STATUSES, Store
from ..store.query import MAX_LIMIT, SORTS
from . import queries as qs
from .auth import api_writer, can_read_api
from .exports import export_response
from .formats import json_response, public_document
from .schemas import DeadlinesPage, SearchPage, StatementsPage, Summary, ThreadsPage

router = APIRouter(prefix="/api", tags=["api"], dependencies=[Depends(can_read_api)])


def _store(request: Request) -> Store:
    return request.app.state.store



class ReviewIn(BaseModel):
    action: Literal["accept", "correct", "reject"]
    changes: dict[str, Any] = Field(default_factory=dict,
                                    description="for correct: any of actors, commitment, topics, act, thread")


class StatusIn(BaseModel):
    status: Optional[str] = Field(None, description=f"one of {', '.join(STATUSES)}")
    note: Optional[str] = None
    evidence: list[str] = Field(default_factory=list, description="statement ids or keys")
    url: Optional[str] = None


class ScoreIn(BaseModel):
    party: str
    score: Literal[-1, 0, 1]
    note: Optional[str] = None


@router.get("/summary", summary="Counts: documents, statements, commitments, threads, reviews",
            response_model=Summary)
def summary(request: Request) -> Response:
    return json_response(qs.summary(_store(request)))


@router.get("/documents", summary="Documents (current versions), by date")
def documents(request: Request) -> Response:
    rows = [public_document(qs.document_row(d)) for d in qs.documents(_store(request))]
    return json_response({"count": len(rows), "rows": rows})


@router.get("/documents/{name}", summary="One document: text, paragraphs, statements, glossary")
def document(request: Request, name: str, version: Optional[int] = None) -> Response:
    store = _store(request)
    doc = public_document(store.document_text(name, version))
    doc.pop("source_text", None)
    doc["statements"] = store.statements(document=name, include_rejected=True,
                                         include_superseded=bool(version))
    if version:
        doc["statements"] = [s for s in doc["statements"] if s["doc_version"] == version]
    doc["glossary"] = [g for g in store.glossary() if g["doc"] == name]
    return json_response(doc)


LIMIT = Query(50, ge=1, le=MAX_LIMIT, description="rows per page")
AFTER = Query(None, description="the next cursor of the page before (see next_url)")


@router.get("/statements", summary="Statements: filters, sort and full-text search (q), with facet counts",
            response_model=StatementsPage)
def statements(request: Request, actor: Optional[str] = Query(None, description="party code, e.g. KOR"),
               act: Optional[str] = Query(None, description="pledge, reaffirm, welcome, ..."),
               commitment: Optional[bool] = None, topic: Optional[str] = None,
               series: Optional[str] = Query(None, description="meeting series, e.g. SCM"),
               year: Optional[int] = None,
               from_: Optional[str] = Query(None, alias="from", description="from date: YYYY, YYYY-MM or YYYY-MM-DD"),
               to: Optional[str] = Query(None, description="to date (inclusive), as from"),
               document: Optional[str] = Query(None, description="document name"),
               review: Optional[str] = Query(None, description="unreviewed, accepted, corrected or rejected"),
               thread: Optional[str] = None, q: Optional[str] = Query(None, description="full-text search"),
               sort: Optional[str] = Query(None, description=f"one of {', '.join(SORTS)}; a leading - descends"),
               limit: int = LIMIT, after: Optional[str] = AFTER) -> Response:
    p = qs.clean_params(request.query_params, qs.STATEMENT_PARAMS)
    found = qs.find_statements(_store(request), p, after=after, limit=limit)
    return json_response(qs.statements_body(request, found, p))


@router.get("/search", summary="Full-text search, best first; matching words between « and »",
            response_model=SearchPage)
def search(request: Request, q: str = Query(description='words, "a phrase", a OR b, -word'),
           limit: int = Query(20, ge=1, le=MAX_LIMIT, description="hits per page"),
           after: Optional[str] = AFTER) -> Response:
    p = qs.clean_params(request.query_params, qs.STATEMENT_PARAMS)
    p.pop("sort", None)
    found = qs.find_statements(_store(request), p, after=after, limit=limit, facets=False)
    hits = [{"statement": r, "highlight": found.highlights.get(r["id"], r["sentence"]),
             "score": round(found.scores.get(r["id"], 0.0), 4)} for r in found.rows]
    return json_response({"count": len(hits), "q": q, "hits": hits, "next": found.next,
                          "next_url": qs.next_url(request, found.next)})


@router.get("/statements/{ident}", summary="One statement (row id, key or pipeline id), with its audit log")
def statement(request: Request, ident: str) -> Response:
    store = _store(request)
    s = store.statement(ident)
    s["audit"] = store.audit_log(s["key"])
    return json_response(s)


@router.post("/statements/{ident}/review", summary="Accept, correct or reject a statement (writers)")
def review(request: Request, ident: str, body: ReviewIn, user: str = Depends(api_writer)) -> Response:
    return json_response(_store(request).review(ident, body.action, body.changes or None, user=user))


@router.get("/threads", summary="Threads: one commitment across meetings", response_model=ThreadsPage)
def threads(request: Request, status: Optional[str] = Query(None, description=f"one of {', '.join(STATUSES)}"),
            series: Optional[str] = None, topic: Optional[str] = None, actor: Optional[str] = None,
            q: Optional[str] = Query(None, description="words in the title or a statement"),
            steps: Optional[int] = Query(None, description="at least this many steps"),
            limit: int = LIMIT, after: Optional[str] = AFTER) -> Response:
    p = qs.clean_params(request.query_params, qs.THREAD_PARAMS)
    rows, nxt, count = qs.find_threads(_store(request), p, after=after, limit=limit)
    return json_response({"count": count, "filters": p, "rows": [qs.thread_row(r) for r in rows],
                          "next": nxt, "next_url": qs.next_url(request, nxt)})


EXPORT_FORMAT = Query(None, description="Download as this output format instead (csv, md, json, docx, or one "
                                        "a plugin adds); without it, the JSON record.")


@router.get("/threads/{tid}", summary="One thread: steps with change labels, status, evidence, suggestions")
def thread(request: Request, tid: str, format: Optional[str] = EXPORT_FORMAT) -> Response:
    view = _store(request).thread(tid)
    return export_response(thread_table(view), format) if format else json_response(view)


@router.get("/threads/{tid}/compliance", summary="Compliance per party (+1, 0, -1)")
def compliance(request: Request, tid: str) -> Response:
    return json_response(_store(request).compliance(tid))


@router.post("/threads/{tid}/status", summary="Set a thread's status and add evidence (writers)")
def set_status(request: Request, tid: str, body: StatusIn, user: str = Depends(api_writer)) -> Response:
    return json_response(_store(request).set_status(tid, body.status, body.note, user=user,
                                                    evidence=body.evidence, url=body.url))


@router.post("/threads/{tid}/score", summary="Score one party's compliance (writers)")
def score(request: Request, tid: str, body: ScoreIn, user: str = Depends(api_writer)) -> Response:
    return json_response(_store(request).score_party(tid, body.party, body.score, body.note, user=user))


@router.get("/diff", summary="The commitment-aware diff of two stored documents")
def diff(request: Request, old: str = Query(..., description="The earlier document's name"),
         new: str = Query(..., description="The later document's name"),
         format: Optional[str] = EXPORT_FORMAT) -> Response:
    result = qs.diff(_store(request), old, new)
    if format:
        return export_response(diff_table(result), format)
    return json_response({"counts": result.counts(), **result.to_dict()})


@router.get("/glossary", summary="Acronyms and their expansions")
def glossary(request: Request) -> Response:
    return json_response(_store(request).glossary())


@router.get("/heatmap", summary="Statements per topic and meeting")
def heatmap(request: Request) -> Response:
    return json_response(qs.collection_heatmap(_store(request)))


@router.get("/deadlines", summary="Deadlines passed with no evidence, the latest first", response_model=DeadlinesPage)
def deadlines(request: Request, today: Optional[str] = Query(None, description="YYYY-MM-DD"),
              limit: int = LIMIT, after: Optional[str] = AFTER) -> Response:
    page = qs.deadlines_page(_store(request), today, after, limit)
    return json_response({"rows": page.rows, "next": page.next, "next_url": qs.next_url(request, page.next)})


@router.get("/audit", summary="The audit log of reviews and status changes")
def audit(request: Request, entity_id: Optional[str] = None) -> Response:
    return json_response(_store(request).audit_log(entity_id))
