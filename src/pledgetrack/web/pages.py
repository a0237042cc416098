"""The pages: collection, documents and reader, statements, threads, diff, review, sign-in, API docs.

Every listing is also at the same URL with ``.json`` and ``.csv`` (same query parameters)."""
from __future__ import annotations

from pathlib import Path
from typing import Any, Optional
from urllib.parse import quote

from fastapi import APIRouter, Depends, Form, HTTPException, Request
from fastapi.responses import FileResponse, PlainTextResponse, RedirectResponse, Response
from markupsafe import Markup

from ..config import settings
from ..exports.tables import diff_table, statements_table, thread_table
from ..link.render_html import redline
from ..store import ACTIONS, STATUSES, Store, StoreError
from . import cache, charts
from . import queries as qs
from .acts import by_family
from .apidocs import describe
from .auth import (
    can_read_api,
    can_read_page,
    check_csrf,
    form_editor,
    page_editor,
    safe_next,
    session_user,
    sign_in,
    sign_out,
)
from .exports import export_names, export_response
from .formats import (
    DOCUMENT_FIELDS,
    STATEMENT_FIELDS,
    THREAD_FIELDS,
    content_disposition,
    csv_stream,
    json_response,
    listing,
    public_document,
)
from .reader import css_name, render_text
from .render import env, flash, render

router = APIRouter(include_in_schema=False)
read = [Depends(can_read_page)]
read_data = [Depends(can_read_api)]  # .json and .csv: a token will do, as for /api
SORT_LABELS = {"date": "oldest first", "-date": "newest first", "-strength": "strongest first",
               "strength": "weakest first", "act": "act", "doc": "document"}
ACTS = ("pledge", "commit", "agree", "reaffirm", "decide", "affirm", "welcome", "note", "express", "call",
        "urge", "condemn", "support", "share")


def _store(request: Request) -> Store:
    return request.app.state.store


def _redline(old: str, new: str) -> tuple[Markup, Markup]:
    """The word-level redline of link.render_html, which escapes every word it emits."""
    a, b = redline(old, new)
    return Markup(a), Markup(b)


def _titles(store: Store) -> dict[str, str]:
    """Each current document's title (its file name when it has none), to show instead of file names."""
    return {d["name"]: d.get("title") or d["name"] for d in qs.documents(store)}


def _known_acts(rows: list[dict[str, Any]]) -> list[str]:
    return sorted({r["act"] for r in rows} | set(ACTS))


# --- collection and documents -------------------------------------------------------------------

@router.get("/", dependencies=read)
def collection(request: Request) -> Response:
    store = _store(request)
    body = cache.collections.get((store.url, store.changes()), lambda: _collection_body(store))
    return render(request, "collection.html", body=body)


def _collection_body(store: Store) -> Markup:
    """The collection page's content, rendered once per store state (the same for every visitor):
    counts, documents by series, the topic x meeting heatmap."""
    docs, web = qs.documents(store), settings().web
    return Markup(env.get_template("collection_body.html").render(
        summary=qs.summary(store), groups=qs.by_series(docs), heatmap=qs.collection_heatmap(store, web.collection_meetings),
        label=qs.meeting_label, per_series=web.collection_documents))


@router.get("/documents.{fmt}", dependencies=read_data)
def documents_data(request: Request, fmt: str) -> Response:
    if fmt not in ("json", "csv"):
        raise HTTPException(404, "no such format; use .json or .csv")
    rows = [public_document(qs.document_row(d)) for d in qs.documents(_store(request))]
    return listing(rows, fmt, DOCUMENT_FIELDS, "documents", {})


@router.get("/documents", dependencies=read)
def documents(request: Request) -> Response:
    docs = qs.documents(_store(request))
    return render(request, "documents.html", groups=qs.by_series(docs), count=len(docs), label=qs.meeting_label)


@router.get("/documents/{name}/source", dependencies=read)
def source(request: Request, name: str, version: Optional[int] = None) -> Response:
    doc = _store(request).document_text(name, version)
    return PlainTextResponse(doc["source_text"], headers={"Content-Disposition": content_disposition("inline", name)})


def _reader_view(store: Store, name: str, version: int | None) -> dict[str, Any]:
    """What a document's reader shows: the document, its statements and its highlighted text."""
    doc = public_document(store.document_text(name, version))
    rows = store.statements(document=name, include_rejected=True, include_superseded=bool(version))
    if version:
        rows = [s for s in rows if s["doc_version"] == version]
    gloss = store.glossary()
    threads = store.statement_threads(rows)
    for s in rows:
        s["threads"] = threads.get(s["key"], [])
    return {"doc": doc, "statements": rows, "text": render_text(doc["text"], doc["paragraphs"], rows, gloss),
            "acts": by_family({s["act"] for s in rows}), "commitments": sum(1 for s in rows if s["commitment"]),
            "glossary": [g for g in gloss if g["doc"] == name], "label": qs.meeting_label(doc)}


@router.get("/documents/{name}", dependencies=read)
def reader(request: Request, name: str, version: Optional[int] = None) -> Response:
    store = _store(request)
    key = (store.url, store.changes(), name, version)
    view = cache.readers.get(key, lambda: _reader_view(store, name, version))
    editor = session_user(request) is not None  # an editor's panels link to the review form
    panels = cache.readers.get((*key, editor), lambda: Markup(env.get_template("reader_panels.html").render(
        statements=view["statements"], user=editor)))
    return render(request, "reader.html", **view, panels=panels, css_name=css_name)


# --- statements ----------------------------------------------------------------------------------


@router.get("/statements.{fmt}", dependencies=read_data)
def statements_data(request: Request, fmt: str) -> Response:
    """JSON: a page (``limit``, default 100) with ``next_url``; CSV and the export formats (md, docx,
    a plugin's): every row (or the first ``limit``), CSV streamed."""
    if fmt not in ("json", "csv") and fmt not in export_names():
        raise HTTPException(404, f"no such format; use .json, .csv or {', '.join('.' + f for f in export_names())}")
    p = qs.clean_params(request.query_params, qs.STATEMENT_PARAMS)
    fields = (*STATEMENT_FIELDS, "highlight") if p.get("q") else STATEMENT_FIELDS
    store = _store(request)
    if fmt != "json":
        limit = qs.page_limit(request.query_params, 0, most=10 ** 9) or None
        qs.store_filters(p)  # a bad filter is a 400 before the download starts
        if fmt == "csv":
            return csv_stream(qs.each_statement(store, p, limit), fields, "statements.csv")
        return export_response(statements_table(list(qs.each_statement(store, p, limit)), p), fmt)
    found = qs.find_statements(store, p, after=request.query_params.get("after"),
                               limit=qs.page_limit(request.query_params, 100))
    return json_response(qs.statements_body(request, found, p))


@router.get("/statements", dependencies=read)
def statements(request: Request) -> Response:
    p = qs.clean_params(request.query_params, qs.STATEMENT_PARAMS)
    found = qs.find_statements(_store(request), p, after=request.query_params.get("after"),
                                limit=settings().web.page_size)
    return render(request, "statements.html", p=p, rows=found.rows, count=found.count, capped=found.count_capped,
                  facets=found.facets, highlights=found.highlights, css_name=css_name, sorts=SORT_LABELS,
                  after=request.query_params.get("after"), next_page=found.next)


@router.get("/statements/{ident}", dependencies=read)
def statement(request: Request, ident: str) -> Response:
    store = _store(request)
    s = store.statement(ident)
    s["threads"] = store.statement_threads([s]).get(s["key"], [])
    return render(request, "statement.html", s=s, audit=store.audit_log(s["key"]), css_name=css_name,
                  acts=_known_acts([s]))


# --- threads -----------------------------------------------------------------------------------

@router.get("/threads.{fmt}", dependencies=read_data)
def threads_data(request: Request, fmt: str) -> Response:
    if fmt not in ("json", "csv"):
        raise HTTPException(404, "no such format; use .json or .csv")
    p = qs.clean_params(request.query_params, qs.THREAD_PARAMS)
    store = _store(request)
    if fmt == "csv":
        return csv_stream((qs.thread_row(r) for r in qs.each_thread(store, p)), THREAD_FIELDS, "threads.csv")
    rows, nxt, count = qs.find_threads(store, p, after=request.query_params.get("after"),
                                       limit=qs.page_limit(request.query_params, 100))
    return json_response({"count": count, "filters": p, "rows": [qs.thread_row(r) for r in rows],
                          "next": nxt, "next_url": qs.next_url(request, nxt)})


@router.get("/threads", dependencies=read)
def threads(request: Request) -> Response:
    p = qs.clean_params(request.query_params, qs.THREAD_PARAMS)
    if "steps" not in request.query_params:
        p["steps"] = "2"  # by default, threads that span meetings
    after = request.query_params.get("after")
    rows, nxt, count = qs.find_threads(_store(request), p, after=after, limit=settings().web.page_size)
    return render(request, "threads.html", p=p, rows=rows, count=count, statuses=STATUSES, after=after,
                  next_page=nxt)


@router.get("/threads/{tid}.{fmt}", dependencies=read_data)
def thread_export(request: Request, tid: str, fmt: str) -> Response:
    """The thread's steps as a download: csv, md, json, docx or a plugin's format."""
    return export_response(thread_table(_store(request).thread(tid)), fmt)


@router.get("/threads/{tid}", dependencies=read)
def thread(request: Request, tid: str) -> Response:
    store = _store(request)
    view = store.thread(tid)
    by_key = {s["key"]: s for s in view["statements"]}
    steps = []
    previous = None
    for step in view["steps"] or [{"doc": s["doc"], "date": s["date"], "label": "new", "statement_key": s["key"],
                                   "reasons": []} for s in view["statements"]]:
        s = by_key.get(step.get("statement_key"))
        redline = None
        if s is not None and previous is not None and step["label"] in ("reworded", "strengthened", "weakened"):
            redline = _redline(previous["sentence"], s["sentence"])[1]
        steps.append({**step, "statement": s, "redline": redline})
        if s is not None:
            previous = s
    evidence = []
    for e in view["evidence"]:
        e = dict(e)
        if e.get("statement_key"):
            try:
                e["statement"] = store.statement(e["statement_key"])
            except StoreError:
                e["statement"] = None
        evidence.append(e)
    return render(request, "thread.html", t=view, steps=steps, evidence=evidence, statuses=STATUSES,
                  compliance=store.compliance(tid), exports=export_names(), titles=_titles(store))


@router.post("/threads/{tid}/status")
def thread_status(request: Request, tid: str, csrf_token: str = Form(""), status: str = Form(""),
                  note: str = Form(""), evidence: str = Form(""), url: str = Form("")) -> Response:
    user = form_editor(request, csrf_token)
    store = _store(request)
    if url and not url.startswith(("http://", "https://")):
        raise HTTPException(400, "an evidence link starts with http:// or https://")
    ids = [x.strip() for x in evidence.replace(",", " ").split() if x.strip()]
    store.set_status(tid, status or None, note.strip() or None, user=user, evidence=ids, url=url.strip() or None)
    flash(request, f"Thread updated by {user}.")
    return RedirectResponse(f"/threads/{tid}", status_code=303)


# --- charts (SVG drawn here; PNG from the CLI) ----------------------------------------------------

def _svg(chart: charts.Chart) -> Response:
    return Response(charts.chart_svg(chart), media_type="image/svg+xml")


@router.get("/charts", dependencies=read)
def charts_page(request: Request, series: Optional[str] = None) -> Response:
    docs = qs.documents(_store(request))
    known = sorted({d["series"] for d in docs if d.get("series")}, key=str.lower)
    if series and series.lower() not in {x.lower() for x in known}:
        raise HTTPException(404, f"no series {series}")
    return render(request, "charts.html", series=series, known=known, kinds=charts.KINDS,
                  query=f"?series={quote(series)}" if series else "")


@router.get("/charts/threads/{tid}.svg", dependencies=read)
def thread_chart(request: Request, tid: str) -> Response:
    return _svg(charts.thread_chart(_store(request), tid))


@router.get("/charts/{kind}.svg", dependencies=read)
def collection_chart(request: Request, kind: str, series: Optional[str] = None) -> Response:
    if kind not in charts.KINDS:
        raise HTTPException(404, f"no chart {kind}; there are {', '.join(charts.KINDS)}")
    return _svg(charts.collection_chart(_store(request), kind, series))


# --- diff ---------------------------------------------------------------------------------------

@router.get("/diff.{fmt}", dependencies=read_data)
def diff_export(request: Request, fmt: str, old: Optional[str] = None, new: Optional[str] = None) -> Response:
    """The diff of two stored documents as a download: csv, md, json, docx or a plugin's format
    (without old and new, the two latest meetings of the largest series, as on /diff)."""
    store = _store(request)
    if not old or not new:
        old, new = qs.default_pair(qs.documents(store))
        if not old or not new:
            raise HTTPException(404, "no two documents to compare")
    return export_response(diff_table(qs.diff(store, old, new)), fmt)


@router.get("/diff", dependencies=read)
def diff(request: Request, old: Optional[str] = None, new: Optional[str] = None, all: bool = False) -> Response:
    store = _store(request)
    docs = qs.documents(store)
    if not old and not new:
        old, new = qs.default_pair(docs)
    result = rows = None
    if old and new:
        result = qs.diff(store, old, new)
        rows = []
        for c in result.changes:
            o: Markup | None
            n: Markup | None
            if c.old and c.new and c.change != "reaffirmed":
                o, n = _redline(c.old.sentence, c.new.sentence)
            else:
                o = n = None
            rows.append({"c": c, "old_html": o, "new_html": n})
    return render(request, "diff.html", docs=docs, old=old, new=new, result=result, rows=rows, exports=export_names(),
                  titles={d["name"]: d.get("title") or d["name"] for d in docs},
                  counts=result.counts() if result else {}, label=qs.meeting_label,
                  order=("dropped", "weakened", "new", "strengthened", "reworded", "reaffirmed"))


# --- review -------------------------------------------------------------------------------------

# The review queue's orders: the least certain extraction first (the default), or by meeting date.
REVIEW_ORDERS = {"uncertainty": "confidence", "date": "date"}


@router.get("/review")
def review_queue(request: Request) -> Response:
    user = page_editor(request)
    p = qs.clean_params(request.query_params, qs.STATEMENT_PARAMS)
    if "review" not in request.query_params:
        p["review"] = "unreviewed"
    order = request.query_params.get("order", "uncertainty")
    if order not in REVIEW_ORDERS:
        raise HTTPException(400, f"order is one of: {', '.join(REVIEW_ORDERS)}")
    found = qs.find_statements(_store(request), {**p, "sort": REVIEW_ORDERS[order]},
                               after=request.query_params.get("after"), limit=20, facets=False)
    shown = {**p, "order": order} if order != "uncertainty" else p
    return render(request, "review.html", p=shown, rows=found.rows, count=found.count, highlights=found.highlights,
                  editor=user, acts=_known_acts(found.rows), css_name=css_name, order=order,
                  query=str(request.url.query), after=request.query_params.get("after"), next_page=found.next)


@router.post("/review/bulk")
def review_bulk(request: Request, csrf_token: str = Form(""), action: str = Form("accept"),
                ids: list[str] = Form(default_factory=list), next: str = Form("/review")) -> Response:
    """Accept (or reject) every statement ticked in the queue, each with its own audit entry."""
    user = form_editor(request, csrf_token)
    if action not in ("accept", "reject"):
        raise HTTPException(400, "bulk action is accept or reject")
    ids = [x for x in ids if x.strip()]
    if ids:
        store = _store(request)
        for ident in ids:
            store.review(ident, action, None, user=user)
        flash(request, f"{len(ids)} statements {action}ed by {user}.")
    else:
        flash(request, "Nothing selected.")
    return RedirectResponse(safe_next(next, "/review"), status_code=303)


def _split(value: str) -> list[str]:
    return [x.strip() for x in value.replace(";", ",").split(",") if x.strip()]


@router.post("/review/{ident}")
def review(request: Request, ident: str, csrf_token: str = Form(""), action: str = Form(...),
           actors: Optional[str] = Form(None), act: Optional[str] = Form(None),
           commitment: Optional[str] = Form(None), topics: Optional[str] = Form(None),
           next: str = Form("/review")) -> Response:
    user = form_editor(request, csrf_token)
    if action not in ACTIONS:
        raise HTTPException(400, "action is accept, correct or reject")
    changes: dict[str, Any] = {}
    if action == "correct":
        if actors is not None:
            changes["actors"] = _split(actors)
        if act:
            changes["act"] = act.strip()
        if commitment is not None:
            changes["commitment"] = commitment in ("true", "on", "1", "yes")
        if topics is not None:
            changes["topics"] = _split(topics)
    s = _store(request).review(ident, action, changes or None, user=user)
    flash(request, f"Statement {s['id']} {s['review']} by {user}.")
    return RedirectResponse(safe_next(next, "/review"), status_code=303)


# --- sign-in ------------------------------------------------------------------------------------

@router.get("/login")
def login_form(request: Request, next: str = "/") -> Response:
    return render(request, "login.html", next=safe_next(next), error=None)


@router.post("/login")
def login(request: Request, csrf_token: str = Form(""), username: str = Form(""), password: str = Form(""),
          next: str = Form("/")) -> Response:
    check_csrf(request, csrf_token)
    throttle = request.app.state.login_throttle
    client = throttle.key(request.client.host if request.client else None, username)
    wait = throttle.retry_after(client)
    if wait:
        response = render(request, "login.html", status_code=429, next=safe_next(next),
                          error=f"Too many failed sign-ins. Try again in {wait} seconds.")
        response.headers["Retry-After"] = str(wait)
        return response
    if not request.app.state.config.check_editor(username, password):
        throttle.failed(client)
        return render(request, "login.html", status_code=401, next=safe_next(next),
                      error="Unknown user or wrong password.")
    throttle.succeeded(client)
    sign_in(request, username)
    flash(request, f"Signed in as {username}.")
    return RedirectResponse(safe_next(next), status_code=303)


@router.post("/logout")
def logout(request: Request, csrf_token: str = Form("")) -> Response:
    check_csrf(request, csrf_token)
    sign_out(request)
    return RedirectResponse("/", status_code=303)


@router.get("/favicon.ico")
def favicon() -> Response:
    """The icon, for clients that ask for /favicon.ico whatever the page says."""
    return FileResponse(Path(__file__).parent / "static" / "favicon.svg", media_type="image/svg+xml")


# --- API docs (rendered here from the OpenAPI schema: no front-end fetched from a CDN) -----------

@router.get("/api/docs")
def api_docs(request: Request) -> Response:
    schema = describe(request.app.openapi())
    ops = []
    for path, methods in schema.get("paths", {}).items():
        for method, op in methods.items():
            params = [{"name": x["name"], "in": x["in"], "required": x.get("required", False),
                       "type": x.get("schema", {}).get("type") or "/".join(
                           y.get("type", "") for y in x.get("schema", {}).get("anyOf", []) if y.get("type") != "null"),
                       "description": x.get("description", "")} for x in op.get("parameters", [])]
            body = None
            ref = (op.get("requestBody", {}).get("content", {}).get("application/json", {}).get("schema", {})
                   .get("$ref"))
            if ref:
                model = schema["components"]["schemas"][ref.rsplit("/", 1)[1]]
                body = [{"name": k, "type": v.get("type") or "/".join(y.get("type", "") for y in v.get("anyOf", [])),
                         "description": v.get("description", ""), "enum": v.get("enum")}
                        for k, v in model.get("properties", {}).items()]
            ops.append({"path": path, "method": method.upper(), "summary": op.get("summary", ""),
                        "params": params, "body": body})
    return render(request, "api_docs.html", ops=ops, info=schema.get("info", {}))
