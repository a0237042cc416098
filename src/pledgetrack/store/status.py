"""Status tracking: threads with their status and evidence, and G7-style compliance scores per
party (evidence suggestions: ``evidence``; deadlines passed without evidence: ``deadlines``).

A commitment that no thread holds is tracked on its own, as thread ``S-<statement key>``, so
status tracking works before (or without) the linker.
"""
from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from ..link.reliability import reliability
from . import evidence, query
from . import schema as t
from .errors import StoreError
from .records import STATUSES, brief, now, row_dict
from .review import audit


def normalise_status(status: str) -> str:
    s = status.strip().lower().replace(" ", "_").replace("-", "_")
    if s not in STATUSES:
        raise StoreError(f"unknown status {status!r}; use one of: {', '.join(STATUSES)}")
    return s


# --- threads as the store shows them -----------------------------------------------------------

def _evidence(conn: Connection, tid: str | None = None) -> dict[str, list[dict[str, Any]]]:
    q = sa.select(t.evidence).order_by(t.evidence.c.id)
    if tid:
        q = q.where(t.evidence.c.thread_id == tid)
    out: dict[str, list[dict[str, Any]]] = {}
    for r in conn.execute(q):
        out.setdefault(r.thread_id, []).append(row_dict(r))
    return out


def _members(conn: Connection, tid: str) -> list[dict[str, Any]]:
    """The statements that may belong to thread ``tid`` (a superset: ``threads`` groups them), read
    alone: the candidates by the thread's steps and the reviews that moved a statement to it, then
    those rows only, so that no query plan reads every statement."""
    rows = query.statements(conn, query.Filters(thread=tid), ids=query.thread_candidates(conn, tid))
    if not tid.startswith("S-"):
        return rows
    own = set(conn.execute(sa.select(t.statements.c.id).where(t.statements.c.key == tid[2:])).scalars())
    if own - {r["id"] for r in rows}:  # the lone commitment itself: one listing of both, in order
        rows = query.statements(conn, query.Filters(), ids=own | {r["id"] for r in rows})
    return rows


def _threads_of(r: dict[str, Any], held: dict[str, list[str]]) -> list[str | None]:
    """The threads a statement row is in: each that holds it as linked (two, where it merged two
    pledges), unless a reviewer moved it to one."""
    return [r["thread"]] if "thread" in (r.get("extracted") or {}) else held.get(r["key"], [r["thread"]])


def statement_threads(conn: Connection, rows: list[dict[str, Any]]) -> dict[str, list[dict[str, str]]]:
    """For statement rows (as ``query.statements`` gives them), the threads each is in, with their
    titles, by statement key."""
    held = query.thread_holders(conn, keys=[r["key"] for r in rows])
    tids = {r["key"]: [i for i in _threads_of(r, held) if i] for r in rows}
    wanted = sorted({i for v in tids.values() for i in v})
    titles: dict[str, str] = {}
    for n in range(0, len(wanted), 500):
        q = sa.select(t.threads.c.id, t.threads.c.title).where(t.threads.c.id.in_(wanted[n:n + 500]))
        titles.update((r.id, r.title) for r in conn.execute(q))
    return {k: [{"id": i, "title": titles.get(i) or ""} for i in v] for k, v in tids.items()}


def threads(conn: Connection, *, singletons: bool = False, tid: str | None = None) -> list[dict[str, Any]]:
    """Threads with their (review-corrected) statements, steps, status and evidence (``tid``: that
    one only, reading only what it needs)."""
    rows = query.statements(conn, query.Filters()) if tid is None else _members(conn, tid)
    held = query.thread_holders(conn, tid=tid)
    by_thread: dict[str, list[dict[str, Any]]] = {}
    for r in rows:
        tids = _threads_of(r, held)
        for i in tids:
            if i:
                by_thread.setdefault(i, []).append(r)
        if not any(tids) and singletons and r["commitment"]:
            by_thread.setdefault(f"S-{r['key']}", []).append(r)
    def one(col: sa.Column[Any]) -> sa.ColumnElement[bool]:
        return col == tid if tid else sa.true()
    stored = {r.id: r for r in conn.execute(sa.select(t.threads).where(one(t.threads.c.id)))}
    steps: dict[str, list[dict[str, Any]]] = {}
    for s in conn.execute(sa.select(t.thread_steps).where(one(t.thread_steps.c.thread_id))
                          .order_by(t.thread_steps.c.thread_id, t.thread_steps.c.position)):
        found = reliability(s.similarity)
        steps.setdefault(s.thread_id, []).append({**row_dict(s), "reliability": found.to_dict() if found else None})
    _attach_reports(conn, [step for ss in steps.values() for step in ss])
    statuses = {r.thread_id: r for r in conn.execute(sa.select(t.thread_status).where(one(t.thread_status.c.thread_id)))}
    evidence = _evidence(conn, tid)
    ids = list(stored) + [k for k in by_thread if k not in stored]
    out = []
    for i in ids:
        if tid and i != tid:
            continue
        members = by_thread.get(i, [])
        row = stored.get(i)
        st = statuses.get(i)
        dates = [m["date"] for m in members if m["date"]]
        out.append({
            "id": i, "title": (row.title if row else "") or (members[0]["content"][:120] if members else ""),
            "series": row.series if row else (members[0]["series"] if members else None),
            "topics": list(row.topics) if row else (members[0]["topics"] if members else []),
            "status": st.status if st else "open", "note": st.note if st else None,
            "suggested_status": suggested_status(steps.get(i, []), st is not None),
            "actors": sorted({a for m in members if m["commitment"] for a in m["actors"]}),
            "first_date": min(dates) if dates else None, "last_date": max(dates) if dates else None,
            "statements": [brief(m) for m in members], "steps": steps.get(i, []),
            "evidence": evidence.get(i, []),
        })
    return out


def suggested_status(steps: list[dict[str, Any]], set_by_reviewer: bool) -> dict[str, Any] | None:
    """What the thread's own steps say became of its pledge, where no one has set a status: its
    latest meeting reports it done (a "fulfilled" step) -> {"status": "fulfilled", "doc", "date",
    "why"}. A reviewer's status is never overridden; a later step that carries the pledge on again
    (reaffirmed, reworded, ...) leaves nothing to suggest."""
    if set_by_reviewer or not steps or steps[-1]["label"] != "fulfilled":
        return None
    last = steps[-1]
    return {"status": "fulfilled", "doc": last["doc"], "date": last["date"], "why": "; ".join(last["reasons"] or [])}


def _attach_reports(conn: Connection, steps: list[dict[str, Any]]) -> None:
    """Each "fulfilled" step's report (the statement that says the pledge was done), as ``report``."""
    wanted = sorted({s["report_id"] for s in steps if s.get("report_id")})
    reports = {r["id"]: brief(r) for n in range(0, len(wanted), 500)
               for r in query.statements(conn, query.Filters(include_superseded=True), ids=wanted[n:n + 500])}
    for s in steps:
        s["report"] = reports.get(s.get("report_id"))


def thread(conn: Connection, tid: str) -> dict[str, Any]:
    found = threads(conn, singletons=tid.startswith("S-"), tid=tid)
    if not found or (tid.startswith("S-") and not found[0]["statements"]):
        raise StoreError(f"no thread {tid}")
    return found[0]


def set_status(conn: Connection, tid: str, status: str | None, note: str | None, user: str | None,
               evidence: Sequence[str] = (), url: str | None = None) -> dict[str, Any]:
    before_view = thread(conn, tid)
    before = {"status": before_view["status"], "note": before_view["note"], "evidence": len(before_view["evidence"])}
    if status is not None:
        status = normalise_status(status)
        existing = conn.execute(sa.select(t.thread_status).where(t.thread_status.c.thread_id == tid)).first()
        values = {"status": status, "note": note, "user": user, "updated_at": now()}
        if existing:
            conn.execute(sa.update(t.thread_status).where(t.thread_status.c.thread_id == tid).values(**values))
        else:
            conn.execute(sa.insert(t.thread_status).values(thread_id=tid, **values))
    for ident in evidence:
        s = query.resolve(conn, ident)
        if s is None:
            raise StoreError(f"no statement {ident}")
        conn.execute(sa.insert(t.evidence).values(thread_id=tid, kind="statement", statement_key=s["key"],
                                                  note=note, user=user, created_at=now()))
    if url or (note and status is None and not evidence):
        conn.execute(sa.insert(t.evidence).values(thread_id=tid, kind="link" if url else "note", url=url,
                                                  note=note, user=user, created_at=now()))
    view = thread(conn, tid)
    after = {"status": view["status"], "note": view["note"], "evidence": len(view["evidence"])}
    audit(conn, user, "thread", tid, "status", before, after)
    return view


def score_party(conn: Connection, tid: str, party: str, score: int, note: str | None, user: str | None) -> None:
    """A person's compliance score for one party (+1 full, 0 partial, -1 none), with a note."""
    if score not in (-1, 0, 1):
        raise StoreError("a compliance score is +1 (full), 0 (partial) or -1 (none)")
    thread(conn, tid)
    conn.execute(sa.insert(t.evidence).values(thread_id=tid, kind="score", party=party.upper(), score=score,
                                              note=note, user=user, created_at=now()))
    audit(conn, user, "thread", tid, "score", None, {"party": party.upper(), "score": score, "note": note})


def compliance(conn: Connection, tid: str) -> dict[str, Any]:
    """Per party: +1 full, 0 partial, -1 none, in the G7 Research Group manner, with the evidence."""
    view = thread(conn, tid)
    suggestions = evidence.suggest(conn, view)
    confirmed = []
    for e in view["evidence"]:
        if e["kind"] == "statement":
            s = query.resolve(conn, e["statement_key"])
            if s:
                confirmed.append(s)
    parties: dict[str, dict[str, Any]] = {}
    for party in view["actors"]:
        manual = [e for e in view["evidence"] if e["kind"] == "score" and e["party"] == party]
        mine = [s for s in confirmed if party in s["actors"]]
        hinted = [x for x in suggestions if party in x["statement"]["actors"]]
        if manual:
            score, why, ev = manual[-1]["score"], f"scored by {manual[-1]['user'] or 'a reviewer'}", manual[-1:]
        elif view["status"] == "fulfilled" or mine and view["status"] not in ("partially_fulfilled", "lapsed"):
            score, why, ev = 1, "fulfilled" if not mine else "confirmed evidence", [brief(s) for s in mine]
        elif view["status"] in ("partially_fulfilled", "in_progress") or hinted:
            score = 0
            why = view["status"] if view["status"] != "open" else "suggested evidence, not yet confirmed"
            ev = [brief(s) for s in mine] + [x["statement"] for x in hinted]
        elif view["status"] == "superseded":
            score, why, ev = None, "superseded by a later commitment", []
        else:
            score, why, ev = -1, "no evidence" if view["status"] == "open" else view["status"], []
        parties[party] = {"score": score, "reason": why, "evidence": ev}
    scored = [p["score"] for p in parties.values() if p["score"] is not None]
    return {"thread": tid, "status": view["status"], "parties": parties,
            "average": round(sum(scored) / len(scored), 2) if scored else None, "suggestions": suggestions}
