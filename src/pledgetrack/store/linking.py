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
from ..link.order import meeting_of, series_of
from ..models import ExtractedDocument, Thread, ThreadStep
from . import schema as t

StatementIds = dict[str, tuple[int, str]]  # pipeline statement id -> (row id, stable key)
ThreadRows = dict[str, tuple[dict[str, Any], list[dict[str, Any]]]]  # thread id -> (row, step rows)
_CHUNK = 500


def read_threads(conn: Connection, only: list[str] | None = None) -> tuple[list[Thread], StatementIds]:
    """The stored threads (``only``: those ids) as the linker made them (its ids, pipeline
    statement ids), in id order, and the row ids and keys of their statements."""
    steps: dict[str, list] = {}
    ids: StatementIds = {}
    report = t.statements.alias("report")
    q = (sa.select(t.thread_steps, t.statements.c.ext_id, t.statements.c.key.label("s_key"),
                   report.c.ext_id.label("report_ext_id"))
         .outerjoin(t.statements, t.statements.c.id == t.thread_steps.c.statement_id)
         .outerjoin(report, report.c.id == t.thread_steps.c.report_id)
         .order_by(t.thread_steps.c.thread_id, t.thread_steps.c.position))
    threads = sa.select(t.threads).order_by(t.threads.c.id)
    for part in _parts(only):
        for r in conn.execute(q if part is None else q.where(t.thread_steps.c.thread_id.in_(part))):
            steps.setdefault(r.thread_id, []).append(r)
            if r.ext_id:
                ids[r.ext_id] = (r.statement_id, r.s_key)
            if r.report_ext_id:
                ids[r.report_ext_id] = (r.report_id, r.report_key)
    out = []
    for part in _parts(only):
        for r in conn.execute(threads if part is None else threads.where(t.threads.c.id.in_(part))):
            rows = steps.get(r.id, [])
            out.append(Thread(
                id=r.linker_id or r.id, statements=[s.ext_id for s in rows if s.ext_id],
                steps=[ThreadStep(doc=s.doc, date=s.date, label=s.label, statement_id=s.ext_id,
                                  reasons=list(s.reasons), similarity=s.similarity, merged=bool(s.merged),
                                  evidence_id=s.report_ext_id)
                       for s in rows],
                title=r.title, series=r.series, topics=list(r.topics)))
    return out, ids


def _parts(only: list[str] | None) -> list[list[str] | None]:
    """``only`` in chunks a query's IN can take (None: everything, in one query)."""
    if only is None:
        return [None]
    return [only[i:i + _CHUNK] for i in range(0, len(only), _CHUNK)]


def read_rows(conn: Connection, only: list[str] | None = None) -> ThreadRows:
    """The stored thread rows and step rows (``only``: of those ids), as ``thread_rows`` makes them (to diff against)."""
    cols = [c for c in t.thread_steps.columns if c.name != "id"]
    steps: dict[str, list[dict[str, Any]]] = {}
    out: ThreadRows = {}
    for part in _parts(only):
        q = sa.select(*cols).order_by(t.thread_steps.c.thread_id, t.thread_steps.c.position)
        for r in conn.execute(q if part is None else q.where(t.thread_steps.c.thread_id.in_(part))):
            steps.setdefault(r.thread_id, []).append(dict(r._mapping))
        q = sa.select(t.threads)
        out.update({r.id: (dict(r._mapping), steps.get(r.id, []))
                    for r in conn.execute(q if part is None else q.where(t.threads.c.id.in_(part)))})
    return out


def open_in(conn: Connection, document_ids: list[int]) -> list[str]:
    """The stored threads whose latest statement is in one of these documents (those a document
    linked against them can continue), in id order."""
    ts, s = t.thread_steps, t.statements
    held = ts.alias("held")
    last = (sa.select(sa.func.max(ts.c.position)).where(ts.c.thread_id == held.c.thread_id, ts.c.statement_id.is_not(None))
            .scalar_subquery())
    q = (sa.select(held.c.thread_id).join(s, sa.and_(s.c.key == held.c.statement_key, s.c.id == held.c.statement_id))
         .where(s.c.document_id.in_(document_ids), held.c.position == last).distinct().order_by(held.c.thread_id))
    return list(conn.execute(q).scalars())


LINK_WINDOW = 12  # once the collection is larger: the latest documents a new one is linked against
SERIES_MEETINGS = 5  # ... together with the documents of the latest meetings of its own series


def replay(threads: list[Thread], ordered: list[ExtractedDocument], start: int,
           truncate: bool = True) -> tuple[list[Thread], set[str] | None]:
    """The threads of ``ordered`` (documents in date order), given ``threads``, which hold the
    right threads for ``ordered[:start]`` (and, with ``truncate``, maybe statements of other
    documents, dropped here). Also the linker ids of the threads that changed (None: any may have)."""
    if start == 0:
        state: list[Thread] = []
    elif truncate:
        state = _prefix_state(threads, ordered[:start])
    else:
        state = threads
    touched: set[str] | None = set() if truncate is False else None
    for j in range(start, len(ordered)):
        state, changed = step(state, ordered[:j], ordered[j])
        touched = None if changed is None or touched is None else touched | changed
    return state, touched


def _prefix_state(threads: Iterable[Thread], prefix: list[ExtractedDocument]) -> list[Thread]:
    """The threads as they stood after the last document of ``prefix``: later statements and
    steps taken out (a step at a document stays as that document's step made it)."""
    topics = {s.id: s.topics for r in prefix for s in r.statements}
    names = {r.document.name for r in prefix}
    out = []
    for th in threads:
        kept = [sid for sid in th.statements if sid in topics]
        if kept:
            out.append(Thread(id=th.id, statements=kept,
                              steps=[st for st in th.steps if (st.statement_id in topics if st.statement_id else st.doc in names)],
                              title=th.title, series=th.series,
                              topics=sorted({tp for sid in kept for tp in topics[sid]})))
    return out


def _restricted(threads: Iterable[Thread], keep: set[str]) -> list[Thread]:
    return [Thread(id=th.id, statements=[s for s in th.statements if s in keep],
                   steps=[st for st in th.steps if st.statement_id in keep],
                   title=th.title, series=th.series, topics=list(th.topics)) for th in threads]


def window(prefix: list[ExtractedDocument], new: ExtractedDocument) -> list[ExtractedDocument]:
    """The documents ``new`` is linked against: the latest ``LINK_WINDOW``, and those of the
    latest ``SERIES_MEETINGS`` meetings of its series, in date order."""
    chosen = set(range(max(0, len(prefix) - LINK_WINDOW), len(prefix)))
    series = series_of(new)
    if series:
        meetings: list = []
        for i in range(len(prefix) - 1, -1, -1):
            m = meeting_of(prefix[i])
            if m is None or m[0] != series:
                continue
            if m not in meetings:
                if len(meetings) == SERIES_MEETINGS:
                    break
                meetings.append(m)
            chosen.add(i)
    return [prefix[i] for i in sorted(chosen)]


def step(threads: list[Thread], prefix: list[ExtractedDocument],
         new: ExtractedDocument) -> tuple[list[Thread], set[str] | None]:
    """Links ``new`` (dated after every document of ``prefix``) into ``threads``.

    A small collection is linked by ``add_document`` over all of it (then any thread may change:
    None). A larger one by ``add_document`` over the window of documents ``new`` can continue
    (the linker's blocking reaches no further) and the threads last seen there: the steps it
    makes at ``new`` are added to those threads, the others are left as they are, so the
    linking of a document does not grow with the collection. Returns the threads and the linker ids
    of those that changed."""
    if len(prefix) < LINK_WINDOW:
        return add_document(threads, prefix, new), None
    near = window(prefix, new)
    in_window = {s.id for r in near for s in r.statements}
    candidates = [th for th in threads if th.statements and th.statements[-1] in in_window]
    # What a candidate holds in the window -> the candidates, as a set: a thread relabelled holds its
    # statements in document order, while one that took two statements of a document holds them as
    # they came.
    origin: dict[frozenset[str], list[Thread]] = {}
    for th in candidates:
        origin.setdefault(frozenset(sid for sid in th.statements if sid in in_window), []).append(th)
    fresh = {s.id: s for s in new.statements}
    updated: dict[str, Thread] = {}
    started: list[Thread] = []
    for out in add_document(_restricted(candidates, in_window), near, new):
        earlier = [sid for sid in out.statements if sid not in fresh]
        if not earlier:
            started.append(out)
            continue
        base = origin[frozenset(earlier)].pop(0)
        added = [sid for sid in out.statements if sid in fresh]
        tail = [st for st in out.steps if st.doc == new.document.name]
        if not added and not tail:
            continue
        th = updated.get(base.id) or Thread(id=base.id, statements=list(base.statements), steps=list(base.steps),
                                           title=base.title, series=base.series, topics=list(base.topics))
        th.statements += [sid for sid in added if sid not in th.statements]
        th.steps += [st for st in tail if st not in th.steps]
        th.topics = sorted(set(th.topics) | {tp for sid in added for tp in fresh[sid].topics})
        updated[base.id] = th
    state = [updated.get(th.id, th) for th in threads] + started
    return state, set(updated) | {th.id for th in started}


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
            report = ids.get(step.evidence_id) if step.evidence_id else None
            steps.append({"thread_id": tid, "position": pos, "doc": step.doc, "date": step.date,
                          "label": step.label, "statement_id": ref[0] if ref else None,
                          "statement_key": ref[1] if ref else None, "reasons": list(step.reasons),
                          "similarity": step.similarity, "merged": step.merged,
                          "report_id": report[0] if report else None, "report_key": report[1] if report else None})
        out[tid] = (row, steps)
    return out


@dataclass
class ThreadWrite:
    """What ``write_threads`` changed."""

    written: int = 0  # threads inserted or rewritten
    removed: int = 0
    moved: dict[str, str] = field(default_factory=dict)  # old thread id -> new, for statuses and evidence
    threads: set[str] = field(default_factory=set)  # the ids of the threads inserted, rewritten or removed


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
    return ThreadWrite(written=len(changed), removed=len(gone), moved=moved, threads={*changed, *gone})


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
