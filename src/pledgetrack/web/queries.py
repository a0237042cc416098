"""Thin query helpers over ``Store`` for the pages and the API: filters from a query string,
facet counts, the topic × meeting heatmap, threads filtered, and stored documents rebuilt for a diff."""
from __future__ import annotations

import re
from collections import Counter
from typing import Any

import sqlalchemy as sa

from ..link import diff_documents
from ..link.diff import DiffResult
from ..models import ExtractedDocument
from ..store import Store, StoreError
from ..store import schema as t
from ..store.records import extracted

# Statement filters a query string may carry (names as in the URL), and the facets shown.
STATEMENT_PARAMS = ("actor", "act", "commitment", "topic", "series", "year", "document", "review", "thread", "q")
FACETS = ("actor", "act", "commitment", "topic", "series", "year")
THREAD_PARAMS = ("status", "series", "topic", "actor", "q", "steps")
_YEAR = re.compile(r"^\d{4}$")


class BadRequest(ValueError):
    pass


def clean_params(params: Any, names: tuple[str, ...]) -> dict[str, str]:
    """The known, non-empty parameters (first value of each)."""
    return {k: params.get(k).strip() for k in names if params.get(k) and params.get(k).strip()}


def store_filters(p: dict[str, str]) -> dict[str, Any]:
    """URL parameters as ``Store.statements`` filters."""
    f: dict[str, Any] = {}
    for k in ("actor", "act", "topic", "series", "document", "review", "thread"):
        if k in p:
            f[k] = p[k]
    if "commitment" in p:
        value = p["commitment"].lower()
        if value not in ("true", "false", "yes", "no", "1", "0"):
            raise BadRequest("commitment is true or false")
        f["commitment"] = value in ("true", "yes", "1")
    if "year" in p:
        if not _YEAR.match(p["year"]):
            raise BadRequest("year is four digits")
        f["date_from"], f["date_to"] = f"{p['year']}-01-01", f"{p['year']}-12-31"
    if f.get("review") == "rejected":
        f["include_rejected"] = True
    return f


def find_statements(store: Store, p: dict[str, str]) -> tuple[list[dict[str, Any]], dict[int, str]]:
    """Statements matching the parameters, and for a search the highlighted sentence by id."""
    f = store_filters(p)
    if p.get("q"):
        try:
            hits = store.search(p["q"], limit=0, **f)
        except StoreError as exc:
            raise BadRequest(str(exc)) from None
        except Exception as exc:  # a malformed full-text query: say so instead of a 500
            if "fts5" in str(exc).lower() or "syntax" in str(exc).lower() or "tsquery" in str(exc).lower():
                raise BadRequest(f"cannot search for {p['q']!r}") from None
            raise
        return [h.statement for h in hits], {h.statement["id"]: h.highlight for h in hits}
    return store.statements(**f), {}


def facet_counts(rows: list[dict[str, Any]]) -> dict[str, list[tuple[str, int]]]:
    counts: dict[str, Counter] = {k: Counter() for k in FACETS}
    for r in rows:
        for a in r["actors"]:
            counts["actor"][a] += 1
        counts["act"][r["act"]] += 1
        counts["commitment"]["true" if r["commitment"] else "false"] += 1
        for x in r["topics"]:
            counts["topic"][x] += 1
        if r.get("series"):
            counts["series"][r["series"]] += 1
        if r.get("date"):
            counts["year"][r["date"][:4]] += 1
    out = {}
    for k, c in counts.items():
        items = sorted(c.items(), key=lambda kv: (kv[0],) if k == "year" else (-kv[1], kv[0]))
        out[k] = items
    return out


def meeting_label(doc: dict[str, Any]) -> str:
    if doc.get("series") and doc.get("number"):
        return f"{doc['series']} {doc['number']}"
    if doc.get("series") and doc.get("date"):
        return f"{doc['series']} {doc['date'][:4]}"
    title = doc.get("title") or ""
    if title:  # a document outside a series: its title, short
        return title if len(title) <= 40 else title[:39].rstrip() + "…"
    return doc["name"].rsplit(".", 1)[0]


def heatmap(store: Store, documents: list[dict[str, Any]]) -> dict[str, Any]:
    """Statements per topic (rows) and meeting (columns, by date); ``level`` 0-5 for colour."""
    counts: dict[tuple[str, str], int] = Counter()
    commitments: dict[tuple[str, str], int] = Counter()
    for r in store.statements():
        for x in r["topics"]:
            counts[(x, r["doc"])] += 1
            if r["commitment"]:
                commitments[(x, r["doc"])] += 1
    topics = sorted({x for x, _ in counts}, key=lambda x: -sum(v for (tx, _), v in counts.items() if tx == x))
    peak = max(counts.values(), default=0)
    rows = []
    for x in topics:
        cells = []
        for d in documents:
            n = counts.get((x, d["name"]), 0)
            level = 0 if n == 0 else min(5, 1 + (4 * n) // max(1, peak))
            cells.append({"doc": d["name"], "count": n, "commitments": commitments.get((x, d["name"]), 0),
                          "level": level})
        rows.append({"topic": x, "total": sum(c["count"] for c in cells), "cells": cells})
    return {"meetings": [{"doc": d["name"], "label": meeting_label(d), "date": d.get("date")} for d in documents],
            "rows": rows, "max": peak}


def by_series(documents: list[dict[str, Any]]) -> list[tuple[str, list[dict[str, Any]]]]:
    groups: dict[str, list[dict[str, Any]]] = {}
    for d in documents:
        groups.setdefault(d.get("series") or "Other", []).append(d)
    return sorted(groups.items(), key=lambda kv: (kv[0] == "Other", kv[0].lower()))


def find_threads(store: Store, p: dict[str, str]) -> list[dict[str, Any]]:
    rows = store.threads()
    if "status" in p:
        rows = [r for r in rows if r["status"] == p["status"]]
    if "series" in p:
        rows = [r for r in rows if (r["series"] or "").lower() == p["series"].lower()]
    if "topic" in p:
        rows = [r for r in rows if p["topic"].lower() in [x.lower() for x in r["topics"]]]
    if "actor" in p:
        rows = [r for r in rows if p["actor"].upper() in r["actors"]]
    if "q" in p:
        q = p["q"].lower()
        rows = [r for r in rows if q in (r["title"] or "").lower()
                or any(q in s["sentence"].lower() for s in r["statements"])]
    if "steps" in p:
        try:
            least = int(p["steps"])
        except ValueError:
            raise BadRequest("steps is a number") from None
        rows = [r for r in rows if len([s for s in r["steps"] if s["label"] != "dropped"]) >= least]
    return rows


def thread_row(r: dict[str, Any]) -> dict[str, Any]:
    """A thread as one flat listing row."""
    return {"id": r["id"], "title": r["title"], "series": r["series"], "topics": r["topics"], "status": r["status"],
            "actors": r["actors"], "first_date": r["first_date"], "last_date": r["last_date"],
            "statements": len(r["statements"]), "labels": [s["label"] for s in r["steps"]],
            "evidence": len(r["evidence"])}


def document_row(d: dict[str, Any]) -> dict[str, Any]:
    return {k: d.get(k) for k in ("name", "version", "title", "date", "place", "series", "number", "parties",
                                  "statements", "path", "url")}


def stored_document(store: Store, name: str) -> ExtractedDocument:
    """A stored (current) document with its statements, as the pipeline made them (for a diff)."""
    d, s, g = t.documents, t.statements, t.glossary
    with store.engine.connect() as conn:
        row = conn.execute(sa.select(d).where(d.c.name == name, d.c.superseded.is_(False))).first()
        if row is None:
            raise StoreError(f"no document {name}")
        stmts = conn.execute(sa.select(s).where(s.c.document_id == row.id).order_by(s.c.id)).all()
        gloss = conn.execute(sa.select(g).where(g.c.document_id == row.id).order_by(g.c.id)).all()
    return extracted(row, stmts, gloss)


def diff(store: Store, old: str, new: str) -> DiffResult:
    return diff_documents(stored_document(store, old), stored_document(store, new))


def default_pair(documents: list[dict[str, Any]]) -> tuple[str | None, str | None]:
    """The two latest meetings of the series that has most, for a first diff to look at."""
    dated = [d for d in documents if d.get("date")]
    groups: dict[str, list[dict[str, Any]]] = {}
    for d in dated:
        groups.setdefault(d.get("series") or "", []).append(d)
    best = max(groups.values(), key=len, default=[])
    if len(best) >= 2:
        best = sorted(best, key=lambda d: (d["date"], d["name"]))
        return best[-2]["name"], best[-1]["name"]
    return (documents[0]["name"], documents[1]["name"]) if len(documents) >= 2 else (None, None)
