"""Threads in the database: what the linker made, kept the same however the collection was ingested.

The stored threads are always those of one fixed process over the current documents in date
order: each document in turn is linked against the threads of the documents before it
(``pledgetrack.link.add_document``). Ingesting a document that comes after every stored one is
one step of that process; a document that lands earlier (or a new version, or a forced
re-extraction) replays the steps from its place. So the same collection gives the same threads,
and thread ids ("T-" + the stable key of the thread's first statement), whatever the order or
split of the ingest runs. Only threads whose rows changed are rewritten, and statuses and
evidence of a thread whose id went away move to the thread that now holds its statements.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from ..link import add_document
from ..models import ExtractedDocument, Thread, ThreadStep
from . import schema as t

StatementIds = dict[str, tuple[int, str]]  # pipeline statement id -> (row id, stable key)
ThreadRows = dict[str, tuple[dict[str, Any], list[dict[str, Any]]]]  # thread id -> (row, step rows)
_CHUNK = 500


def current_statement_ids(conn: Connection) -> StatementIds:
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


def read_rows(conn: Connection) -> ThreadRows:
    """The stored thread rows and step rows, as ``thread_rows`` makes them (to diff against)."""
    cols = [c for c in t.thread_steps.columns if c.name != "id"]
    steps: dict[str, list[dict[str, Any]]] = {}
    for r in conn.execute(sa.select(*cols).order_by(t.thread_steps.c.thread_id, t.thread_steps.c.position)):
        steps.setdefault(r.thread_id, []).append(dict(r._mapping))
    return {r.id: (dict(r._mapping), steps.get(r.id, [])) for r in conn.execute(sa.select(t.threads))}


def replay(threads: list[Thread], ordered: list[ExtractedDocument], start: int) -> list[Thread]:
    """The threads of ``ordered`` (documents in date order), given ``threads``, which hold the
    right threads for ``ordered[:start]`` (and maybe statements of later documents, dropped here)."""
    keep = {s.id for r in ordered[:start] for s in r.statements}
    state = [Thread(id=th.id, statements=[s for s in th.statements if s in keep],
                    steps=[st for st in th.steps if st.statement_id in keep],
                    title=th.title, series=th.series, topics=list(th.topics))
             for th in threads] if start else []
    state = [th for th in state if th.statements]
    for j in range(start, len(ordered)):
        state = add_document(state, ordered[:j], ordered[j])
    return state


def thread_rows(threads: Iterable[Thread], ids: StatementIds) -> ThreadRows:
    """Rows for ``threads``: ids made stable ("T-" + the first statement's key)."""
    out: ThreadRows = {}
    for thread in threads:
        first = next((ids[s] for s in thread.statements if s in ids), None)
        tid = f"T-{first[1]}" if first else f"T-{thread.id}"[:64]
        base, n = tid, 1
        while tid in out:
            n += 1
            tid = f"{base}-{n}"
        row = {"id": tid, "linker_id": str(thread.id), "title": thread.title or "",
               "series": thread.series, "topics": list(thread.topics)}
        steps = []
        for pos, step in enumerate(thread.steps):
            ref = ids.get(step.statement_id) if step.statement_id else None
            steps.append({"thread_id": tid, "position": pos, "doc": step.doc, "date": step.date,
                          "label": step.label, "statement_id": ref[0] if ref else None,
                          "statement_key": ref[1] if ref else None, "reasons": list(step.reasons),
                          "similarity": step.similarity})
        out[tid] = (row, steps)
    return out


@dataclass
class ThreadWrite:
    """What ``write_threads`` changed."""

    written: int = 0  # threads inserted or rewritten
    removed: int = 0
    moved: dict[str, str] = field(default_factory=dict)  # old thread id -> new, for statuses and evidence


def write_threads(conn: Connection, old: ThreadRows, new: ThreadRows) -> ThreadWrite:
    """Makes the stored threads ``new`` (the store holding ``old``), touching changed threads only."""
    gone = [tid for tid in old if tid not in new]
    changed = [tid for tid, rows in new.items() if old.get(tid) != rows]
    stale = gone + [tid for tid in changed if tid in old]
    for i in range(0, len(stale), _CHUNK):
        part = stale[i:i + _CHUNK]
        conn.execute(sa.delete(t.thread_steps).where(t.thread_steps.c.thread_id.in_(part)))
        conn.execute(sa.delete(t.threads).where(t.threads.c.id.in_(part)))
    if changed:
        conn.execute(sa.insert(t.threads), [new[tid][0] for tid in changed])
        steps = [s for tid in changed for s in new[tid][1]]
        if steps:
            conn.execute(sa.insert(t.thread_steps), steps)
    moved = _successors(old, new, gone)
    _move_annotations(conn, moved)
    return ThreadWrite(written=len(changed), removed=len(gone), moved=moved)


def _successors(old: ThreadRows, new: ThreadRows, gone: list[str]) -> dict[str, str]:
    """For each vanished thread, the new thread that holds most of its statements."""
    if not gone:
        return {}
    holder = {s["statement_key"]: tid for tid, (_, steps) in new.items() for s in steps if s["statement_key"]}
    out = {}
    for tid in gone:
        votes = Counter(holder[s["statement_key"]] for s in old[tid][1] if s["statement_key"] in holder)
        if votes:
            out[tid] = min(votes, key=lambda n: (-votes[n], n))
    return out


def _move_annotations(conn: Connection, moved: dict[str, str]) -> None:
    """Statuses and evidence follow their thread to its new id (a status already set there wins)."""
    for old, new in moved.items():
        conn.execute(sa.update(t.evidence).where(t.evidence.c.thread_id == old).values(thread_id=new))
        has = conn.execute(sa.select(t.thread_status.c.thread_id).where(t.thread_status.c.thread_id == new)).first()
        if has is None:
            conn.execute(sa.update(t.thread_status).where(t.thread_status.c.thread_id == old).values(thread_id=new))
