"""Thin query helpers over ``Store`` for the pages and the API: filters from a query string,
facet counts, the topic × meeting heatmap, threads filtered, and stored documents rebuilt for a diff."""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import Any, TypeVar

import sqlalchemy as sa

from ..config import settings
from ..link import diff_documents
from ..link.diff import DiffResult
from ..models import ExtractedDocument, meeting_name
from ..store import Store, StoreError
from ..store import schema as t
from ..store.query import MAX_LIMIT, Page
from ..store.records import extracted
from . import cache

T = TypeVar("T")

# Statement filters a query string may carry (names as in the URL; paging adds after and limit).
STATEMENT_PARAMS = ("actor", "act", "commitment", "topic", "series", "year", "from", "to", "document", "review",
                    "thread", "q", "sort")
THREAD_PARAMS = ("status", "series", "topic", "actor", "q", "steps")
_YEAR = re.compile(r"^\d{4}$")
_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


class BadRequest(ValueError):
    pass


def clean_params(params: Any, names: tuple[str, ...]) -> dict[str, str]:
    """The known, non-empty parameters (first value of each)."""
    return {k: params.get(k).strip() for k in names if params.get(k) and params.get(k).strip()}


def _date_bound(value: str, end: bool) -> str:
    """2019, 2019-06 or 2019-06-30 as the first (or last) day it covers."""
    if not _DATE.match(value):
        raise BadRequest("from and to are dates: YYYY, YYYY-MM or YYYY-MM-DD")
    if len(value) == 4:
        return f"{value}-12-31" if end else f"{value}-01-01"
    if len(value) == 7:
        return f"{value}-31" if end else f"{value}-01"  # dates are compared as text: -31 closes any month
    return value


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
    if "from" in p:
        f["date_from"] = max(f.get("date_from", ""), _date_bound(p["from"], end=False))
    if "to" in p:
        f["date_to"] = min(f.get("date_to", "9999"), _date_bound(p["to"], end=True))
    if f.get("review") == "rejected":
        f["include_rejected"] = True
    return f


def page_limit(params: Any, default: int, most: int = MAX_LIMIT) -> int:
    raw = params.get("limit")
    if raw in (None, ""):
        return default
    if not str(raw).isdigit() or not 1 <= int(raw) <= most:
        raise BadRequest(f"limit is a number from 1 to {most}")
    return int(raw)


@dataclass
class StatementListing:
    """One page of a statement listing with the count and facets of everything it pages through
    (for a search: of its best ``web.search_sample`` hits; ``count_capped`` says the count stops there)."""

    rows: list[dict[str, Any]]
    next: str | None
    count: int | None  # None: too many to count in time
    facets: dict[str, list[tuple[str, int]]]
    highlights: dict[int, str] = field(default_factory=dict)
    count_capped: bool = False
    scores: dict[int, float] = field(default_factory=dict)  # a search: rank by statement id


def _bad_search(p: dict[str, str], exc: Exception) -> BadRequest | None:
    text = str(exc).lower()
    if "fts5" in text or "syntax" in text or "tsquery" in text:
        return BadRequest(f"cannot search for {p['q']!r}")
    return None


def find_statements(store: Store, p: dict[str, str], *, after: str | None = None, limit: int = 50,
                    facets: bool = True) -> StatementListing:
    """A page of statements matching the parameters (a search when ``q`` is given), with counts."""
    f = store_filters(p)
    try:
        if p.get("q"):  # hits come best first: a sort is for listings
            p.pop("sort", None)
            if not facets:  # the page alone, as cheap as the bare full-text query allows
                page = store.search_page(p["q"], cursor=after, limit=limit, **f)
                return StatementListing(page.rows, page.next, len(page.rows), {}, page.highlights,
                                        scores=page.scores)
            sample = settings().web.search_sample
            page = store.search_page(p["q"], cursor=after, limit=limit, sample=sample, facets=not after, **f)
            # counts and facets of the whole search, not of what follows the cursor
            best = store.search_page(p["q"], limit=1, sample=sample, facets=True, **f) if after else page
            return StatementListing(page.rows, page.next, len(best.matched), best.facets,
                                    page.highlights, len(best.matched) >= sample, page.scores)
        page = store.statements_page(sort=p.get("sort", "date"), cursor=after, limit=limit, **f)
        total, found = cache.listings.get((store.url, store.changes(), tuple(sorted(f.items())), facets),
                                          lambda: _count_and_facets(store, f, facets))
        return StatementListing(page.rows, page.next, total, found)
    except StoreError as exc:
        raise BadRequest(str(exc)) from None
    except sa.exc.DBAPIError as exc:  # a malformed full-text query: say so instead of a 500
        if (bad := _bad_search(p, exc)) is not None:
            raise bad from None
        raise


def _count_and_facets(store: Store, f: dict[str, Any], facets: bool) -> tuple[int | None, dict[str, Any]]:
    """How many statements pass the filters and (``facets``) their facet counts, each within its time limit."""
    web = settings().web  # past these a listing shows no count ("many") and leaves out the facets
    total = store.count(time_limit_ms=web.count_time_limit_ms, **f)
    counted = facets and total is not None  # what is too big to count is too big to facet
    return total, store.facets(time_limit_ms=web.facet_time_limit_ms, **f) if counted else {}


def next_url(request: Any, cursor: str | None) -> str | None:
    """The URL of the page after ``cursor`` (the same query), or None on the last page."""
    return str(request.url.include_query_params(after=cursor)) if cursor else None


def statements_body(request: Any, found: StatementListing, p: dict[str, str]) -> dict[str, Any]:
    """A page of statements as JSON: rows (search hits with their highlighted sentence), counts,
    facets and the link to the next page."""
    for r in found.rows:
        if r["id"] in found.highlights:
            r["highlight"] = found.highlights[r["id"]]
    return {"count": found.count, "count_capped": found.count_capped, "filters": p, "facets": found.facets,
            "rows": found.rows, "next": found.next, "next_url": next_url(request, found.next)}


def each_statement(store: Store, p: dict[str, str], limit: int | None = None) -> Iterator[dict[str, Any]]:
    """Every statement of a listing (``limit``: the first so many), for a streamed export; a
    search gives its hits with the highlighted sentence."""
    return store.iter_statements(p.get("q"), sort=p.get("sort", "date"), limit=limit, **store_filters(p))


def _aggregate(store: Store, name: str, make: Callable[[], T]) -> T:
    """What reads the whole collection (``name``), kept while the store is unchanged."""
    return cache.aggregates.get((store.url, store.changes(), name), make)


def deadlines_page(store: Store, today: str | None, after: str | None, limit: int) -> Page:
    """A page of the deadlines passed without evidence, kept while the store is unchanged (its
    evidence suggestions read the statements after each thread: seconds on a large store)."""
    day = today or date.today().isoformat()
    return cache.deadlines.get((store.url, store.changes(), day, after, limit),
                               lambda: store.deadlines_page(day, cursor=after, limit=limit))


def documents(store: Store) -> list[dict[str, Any]]:
    """The current documents with their statement counts (shared: not to be changed)."""
    return _aggregate(store, "documents", store.documents)


def summary(store: Store) -> dict[str, Any]:
    return _aggregate(store, "summary", store.summary)


def collection_heatmap(store: Store, latest: int | None = None) -> dict[str, Any]:
    """The collection's heatmap, of every meeting or of the ``latest`` so many (the collection page's)."""
    return _aggregate(store, f"heatmap-{latest}", lambda: heatmap(store, documents(store), latest=latest))


def meeting_label(doc: dict[str, Any]) -> str:
    if doc.get("series") and doc.get("number"):
        return meeting_name(doc["series"], doc["number"])
    if doc.get("series") and doc.get("date"):
        return f"{doc['series']} {doc['date'][:4]}"
    title = doc.get("title") or ""
    if title:  # a document outside a series: its title, short
        return title if len(title) <= 40 else title[:39].rstrip() + "…"
    return doc["name"].rsplit(".", 1)[0]


def heatmap(store: Store, documents: list[dict[str, Any]], *, latest: int | None = None) -> dict[str, Any]:
    """Statements per topic (rows) and meeting (columns, by date); ``level`` 0-5 for colour.
    ``latest``: only the latest so many dated meetings where there are more (``hidden`` says how
    many are left out), counted from their statements alone."""
    shown, since = documents, {}
    if latest is not None and len(documents) > latest:
        newest = sorted((d for d in documents if d.get("date")), key=lambda d: (d["date"], d["name"]))[-latest:]
        if newest:
            keep = {d["name"] for d in newest}
            shown, since = [d for d in documents if d["name"] in keep], {"date_from": newest[0]["date"]}
        else:  # nothing dated: the last ones listed
            shown = documents[-latest:]
    counts: dict[tuple[str, str], int] = Counter()
    commitments: dict[tuple[str, str], int] = Counter()
    names = {d["name"] for d in shown}
    for topic, doc, n, committed in store.topic_counts(**since):
        if doc not in names:  # dated the day the first shown meeting was
            continue
        counts[(topic, doc)] += n
        commitments[(topic, doc)] += committed
    topics = sorted({x for x, _ in counts}, key=lambda x: -sum(v for (tx, _), v in counts.items() if tx == x))
    peak = max(counts.values(), default=0)
    rows = []
    for x in topics:
        cells = []
        for d in shown:
            n = counts.get((x, d["name"]), 0)
            level = 0 if n == 0 else min(5, 1 + (4 * n) // max(1, peak))
            cells.append({"doc": d["name"], "count": n, "commitments": commitments.get((x, d["name"]), 0),
                          "level": level})
        rows.append({"topic": x, "total": sum(c["count"] for c in cells), "cells": cells})
    return {"meetings": [{"doc": d["name"], "label": meeting_label(d), "date": d.get("date")} for d in shown],
            "rows": rows, "max": peak, "hidden": len(documents) - len(shown)}


def by_series(documents: list[dict[str, Any]]) -> list[tuple[str, list[dict[str, Any]]]]:
    groups: dict[str, list[dict[str, Any]]] = {}
    for d in documents:
        groups.setdefault(d.get("series") or "Other", []).append(d)
    return sorted(groups.items(), key=lambda kv: (kv[0] == "Other", kv[0].lower()))


def thread_filters(p: dict[str, str]) -> dict[str, Any]:
    """URL parameters as ``Store.threads_page`` filters."""
    f: dict[str, Any] = {k: p[k] for k in ("status", "series", "topic", "actor", "q") if k in p}
    if "steps" in p:
        if not p["steps"].isdigit():
            raise BadRequest("steps is a number")
        f["steps"] = int(p["steps"])
    return f


def find_threads(store: Store, p: dict[str, str], *, after: str | None = None,
                 limit: int = 50) -> tuple[list[dict[str, Any]], str | None, int | None]:
    """A page of threads matching the parameters, where the next page starts, and how many match
    (None: too many to count in time)."""
    f = thread_filters(p)
    try:
        page = store.threads_page(cursor=after, limit=limit, **f)
    except StoreError as exc:
        raise BadRequest(str(exc)) from None
    return page.rows, page.next, store.count_threads(time_limit_ms=settings().web.count_time_limit_ms, **f)


def each_thread(store: Store, p: dict[str, str]) -> Iterator[dict[str, Any]]:
    """Every thread of a listing, read a page at a time (for a streamed export)."""
    return store.iter_threads(**thread_filters(p))


def thread_row(r: dict[str, Any]) -> dict[str, Any]:
    """A thread as one flat listing row."""
    return {k: r[k] for k in ("id", "title", "series", "topics", "status", "actors", "first_date", "last_date",
                              "statements", "labels", "evidence")}


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


def _version(store: Store, name: str) -> tuple:
    """What identifies the stored text and statements of a document: its row and when they were made."""
    d = t.documents
    with store.engine.connect() as conn:
        row = conn.execute(sa.select(d.c.id, d.c.ingested_at).where(d.c.name == name, d.c.superseded.is_(False))).first()
    if row is None:
        raise StoreError(f"no document {name}")
    return (row.id, str(row.ingested_at))


def diff(store: Store, old: str, new: str) -> DiffResult:
    """The diff of two stored documents, cached until either is stored again (new version, --force)."""
    key = (store.url, _version(store, old), _version(store, new))
    return cache.diffs.get(key, lambda: diff_documents(stored_document(store, old), stored_document(store, new)))


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
