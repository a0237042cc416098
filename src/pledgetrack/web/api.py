"""The REST API under /api: the same data and actions as the pages, described at /api/docs."""
from __future__ import annotations

from datetime import date
from typing import Any, Literal, Optional

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import Response
from pydantic import BaseModel, Field

from ..store import STATUSES, Store
from . import queries as qs
from .auth import api_writer, can_read_api
from .formats import json_response, public_document

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


@router.get("/summary", summary="Counts: documents, statements, commitments, threads, reviews")
def summary(request: Request) -> Response:
    return json_response(_store(request).summary())


@router.get("/documents", summary="Documents (current versions), by date")
def documents(request: Request) -> Response:
    rows = [public_document(qs.document_row(d)) for d in _store(request).documents()]
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


@router.get("/statements", summary="Statements: filters and full-text search (q), with facet counts")
def statements(request: Request, actor: Optional[str] = None, act: Optional[str] = None,
               commitment: Optional[bool] = None, topic: Optional[str] = None, series: Optional[str] = None,
               year: Optional[int] = None, document: Optional[str] = None, review: Optional[str] = None,
               thread: Optional[str] = None, q: Optional[str] = Query(None, description="full-text search"),
               limit: int = Query(0, ge=0), offset: int = Query(0, ge=0)) -> Response:
    p = qs.clean_params(request.query_params, qs.STATEMENT_PARAMS)
    rows, highlights = qs.find_statements(_store(request), p)
    for r in rows:
        if r["id"] in highlights:
            r["highlight"] = highlights[r["id"]]
    page = rows[offset:offset + limit] if limit else rows[offset:]
    return json_response({"count": len(rows), "filters": p, "facets": qs.facet_counts(rows), "rows": page})


@router.get("/search", summary="Full-text search; matching words between « and »")
def search(request: Request, q: str, limit: int = Query(20, ge=0)) -> Response:
    p = qs.clean_params(request.query_params, qs.STATEMENT_PARAMS)
    f = qs.store_filters(p)
    hits = _store(request).search(q, limit=limit, **f)
    return json_response({"count": len(hits), "q": q, "hits": [h.to_dict() for h in hits]})


@router.get("/statements/{ident}", summary="One statement (row id, key or pipeline id), with its audit log")
def statement(request: Request, ident: str) -> Response:
    store = _store(request)
    s = store.statement(ident)
    s["audit"] = store.audit_log(s["key"])
    return json_response(s)


@router.post("/statements/{ident}/review", summary="Accept, correct or reject a statement (writers)")
def review(request: Request, ident: str, body: ReviewIn, user: str = Depends(api_writer)) -> Response:
    return json_response(_store(request).review(ident, body.action, body.changes or None, user=user))


@router.get("/threads", summary="Threads: one commitment across meetings")
def threads(request: Request, status: Optional[str] = None, series: Optional[str] = None,
            topic: Optional[str] = None, actor: Optional[str] = None, q: Optional[str] = None,
            steps: Optional[int] = None) -> Response:
    p = qs.clean_params(request.query_params, qs.THREAD_PARAMS)
    rows = [qs.thread_row(r) for r in qs.find_threads(_store(request), p)]
    return json_response({"count": len(rows), "filters": p, "rows": rows})


@router.get("/threads/{tid}", summary="One thread: steps with change labels, status, evidence, suggestions")
def thread(request: Request, tid: str) -> Response:
    return json_response(_store(request).thread(tid))


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
def diff(request: Request, old: str, new: str) -> Response:
    result = qs.diff(_store(request), old, new)
    return json_response({"counts": result.counts(), **result.to_dict()})


@router.get("/glossary", summary="Acronyms and their expansions")
def glossary(request: Request) -> Response:
    return json_response(_store(request).glossary())


@router.get("/heatmap", summary="Statements per topic and meeting")
def heatmap(request: Request) -> Response:
    store = _store(request)
    return json_response(qs.heatmap(store, store.documents()))


@router.get("/deadlines", summary="Deadlines passed with no evidence")
def deadlines(request: Request, today: Optional[str] = Query(None, description="YYYY-MM-DD")) -> Response:
    if today is not None:
        try:
            date.fromisoformat(today)
        except ValueError:
            raise qs.BadRequest(f"today must be a date (YYYY-MM-DD), not {today!r}") from None
    return json_response(_store(request).deadlines(today))


@router.get("/audit", summary="The audit log of reviews and status changes")
def audit(request: Request, entity_id: Optional[str] = None) -> Response:
    return json_response(_store(request).audit_log(entity_id))
