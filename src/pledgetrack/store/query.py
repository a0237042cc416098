"""Statements as the store shows them: extraction + review corrections (an overlay), filtered."""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from . import schema as t
from .records import jsonable

_FIELDS = ("id", "key", "ext_id", "doc", "sentence", "start", "end", "trigger", "trigger_start", "act",
           "actors", "commitment", "strength", "speaker", "content", "conditions", "deadlines", "agreements",
           "topics", "hedges", "paragraph", "optional", "items", "confidence", "subset")


@dataclass
class Filters:
    """What ``Store.statements`` and ``Store.search`` can filter on (all optional, combined with AND)."""

    actor: str | None = None  # ISO code, e.g. "KOR"; any of the statement's actors
    act: str | None = None  # "pledge", "reaffirm", ...
    commitment: bool | None = None
    topic: str | None = None
    series: str | None = None  # "SCM" (case-insensitive)
    document: str | None = None  # document name
    date_from: str | None = None  # YYYY-MM-DD, inclusive
    date_to: str | None = None
    review: str | None = None  # "unreviewed", "accepted", "corrected", "rejected"
    thread: str | None = None
    include_rejected: bool = False
    include_superseded: bool = False

    @classmethod
    def of(cls, **kw: Any) -> "Filters":
        unknown = set(kw) - set(cls.__dataclass_fields__)
        if unknown:
            raise TypeError(f"unknown filter(s): {', '.join(sorted(unknown))}")
        return cls(**kw)


def corrections(conn: Connection, keys: Iterable[str] | None = None) -> dict[str, Any]:
    q = sa.select(t.corrections)
    if keys is not None:
        q = q.where(t.corrections.c.key.in_(list(keys)))
    return {r.key: r for r in conn.execute(q)}


def memberships(conn: Connection) -> dict[str, str]:
    """Stable statement key -> thread id, as linked (before review corrections)."""
    q = sa.select(t.thread_steps.c.statement_key, t.thread_steps.c.thread_id).where(
        t.thread_steps.c.statement_key.is_not(None))
    return {r.statement_key: r.thread_id for r in conn.execute(q)}


def _base_query(f: Filters, ids: Iterable[int] | None = None):
    s, d = t.statements, t.documents
    q = (sa.select(*[s.c[c] for c in _FIELDS], d.c.date, d.c.series, d.c.version.label("doc_version"),
                   d.c.superseded, d.c.id.label("document_id"), d.c.model_version)
         .join(d, d.c.id == s.c.document_id))
    if not f.include_superseded:
        q = q.where(d.c.superseded.is_(False))
    if f.document:
        q = q.where(d.c.name == f.document)
    if f.series:
        q = q.where(sa.func.lower(d.c.series) == f.series.lower())
    if f.date_from:
        q = q.where(d.c.date >= f.date_from)
    if f.date_to:
        q = q.where(d.c.date <= f.date_to)
    if ids is not None:
        q = q.where(s.c.id.in_(list(ids)))
    return q.order_by(d.c.date.nulls_last(), d.c.name, s.c.start, s.c.trigger_start)


def apply_overlay(row: dict[str, Any], correction: Any | None, thread: str | None) -> dict[str, Any]:
    """The statement with the reviewer's corrections on top; ``extracted`` keeps what they replaced."""
    row["thread"] = thread
    row["review"] = None
    if correction is not None:
        row["review"] = correction.decision
        changes = dict(correction.changes or {})
        row["extracted"] = {k: row.get(k) for k in changes}
        row.update(changes)
        row["reviewed_by"] = correction.user
    return row


def _matches(r: dict[str, Any], f: Filters) -> bool:
    if r["review"] == "rejected" and not f.include_rejected and f.review != "rejected":
        return False
    if f.actor and f.actor.upper() not in [a.upper() for a in r["actors"]]:
        return False
    if f.act and r["act"] != f.act:
        return False
    if f.commitment is not None and bool(r["commitment"]) != f.commitment:
        return False
    if f.topic and f.topic.lower() not in [x.lower() for x in r["topics"]]:
        return False
    if f.thread and r["thread"] != f.thread:
        return False
    if f.review and (r["review"] or "unreviewed") != f.review:
        return False
    return True


def statements(conn: Connection, f: Filters, ids: Iterable[int] | None = None) -> list[dict[str, Any]]:
    rows = [{k: jsonable(v) for k, v in r._mapping.items()} for r in conn.execute(_base_query(f, ids))]
    fixes = corrections(conn)
    member = memberships(conn)
    out = []
    for row in rows:
        fix = fixes.get(row["key"])
        thread = member.get(row["key"])
        r = apply_overlay(row, fix, thread)
        if _matches(r, f):
            out.append(r)
    return out


def resolve(conn: Connection, ident: str | int) -> dict[str, Any] | None:
    """One current statement by row id, stable key or pipeline id ("scm51.txt:642")."""
    s, d = t.statements, t.documents
    text = str(ident)
    cond = [s.c.key == text, s.c.ext_id == text]
    if text.isdigit():
        cond.append(s.c.id == int(text))
    q = (sa.select(s.c.id).join(d, d.c.id == s.c.document_id).where(sa.or_(*cond))
         .order_by(d.c.superseded, s.c.id.desc()))
    found = conn.execute(q).first()
    if found is None:
        return None
    rows = statements(conn, Filters(include_rejected=True, include_superseded=True), ids=[found.id])
    return rows[0] if rows else None
