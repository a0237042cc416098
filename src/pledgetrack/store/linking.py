"""Threads in the database: read them back for the linker, write the linker's threads in."""
from __future__ import annotations

from collections.abc import Iterable

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from ..models import Thread, ThreadStep
from . import schema as t


def current_statement_ids(conn: Connection) -> dict[str, tuple[int, str]]:
    """Pipeline statement id -> (row id, stable key), for the current version of every document."""
    q = (sa.select(t.statements.c.id, t.statements.c.ext_id, t.statements.c.key)
         .join(t.documents, t.documents.c.id == t.statements.c.document_id)
         .where(t.documents.c.superseded.is_(False)))
    return {r.ext_id: (r.id, r.key) for r in conn.execute(q)}


def read_threads(conn: Connection) -> list[Thread]:
    """The stored threads as the linker made them (its ids, pipeline statement ids)."""
    steps: dict[str, list] = {}
    q = (sa.select(t.thread_steps, t.statements.c.ext_id)
         .outerjoin(t.statements, t.statements.c.id == t.thread_steps.c.statement_id)
         .order_by(t.thread_steps.c.thread_id, t.thread_steps.c.position))
    for r in conn.execute(q):
        steps.setdefault(r.thread_id, []).append(r)
    out = []
    for r in conn.execute(sa.select(t.threads).order_by(t.threads.c.id)):
        rows = steps.get(r.id, [])
        out.append(Thread(
            id=r.linker_id or r.id, statements=[s.ext_id for s in rows if s.ext_id],
            steps=[ThreadStep(doc=s.doc, date=s.date, label=s.label, statement_id=s.ext_id,
                              reasons=list(s.reasons), similarity=s.similarity) for s in rows],
            title=r.title, series=r.series, topics=list(r.topics)))
    return out


def write_threads(conn: Connection, threads: Iterable[Thread]) -> int:
    """Replaces the stored threads by ``threads``; ids are made stable ("T-" + the first statement's
    key) so that statuses and evidence, kept apart, still find their thread after relinking."""
    ids = current_statement_ids(conn)
    conn.execute(sa.delete(t.thread_steps))
    conn.execute(sa.delete(t.threads))
    seen: set[str] = set()
    rows, step_rows = [], []
    for thread in threads:
        first = next((ids[s] for s in thread.statements if s in ids), None)
        tid = f"T-{first[1]}" if first else f"T-{thread.id}"[:64]
        base, n = tid, 1
        while tid in seen:
            n += 1
            tid = f"{base}-{n}"
        seen.add(tid)
        rows.append({"id": tid, "linker_id": str(thread.id), "title": thread.title or "",
                     "series": thread.series, "topics": list(thread.topics)})
        for pos, step in enumerate(thread.steps):
            ref = ids.get(step.statement_id) if step.statement_id else None
            step_rows.append({"thread_id": tid, "position": pos, "doc": step.doc, "date": step.date,
                              "label": step.label, "statement_id": ref[0] if ref else None,
                              "statement_key": ref[1] if ref else None, "reasons": list(step.reasons),
                              "similarity": step.similarity})
    if rows:
        conn.execute(sa.insert(t.threads), rows)
    if step_rows:
        conn.execute(sa.insert(t.thread_steps), step_rows)
    return len(rows)
