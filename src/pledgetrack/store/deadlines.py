"""Deadlines passed with no evidence of what became of the commitment, a page at a time.

The dated deadlines of the current statements are walked latest first through the
``statement_deadlines`` index (deadlines are not correctable, so it holds them as extracted; a
review that makes a statement a commitment or not, or moves it, applies as it is read). A thread
(or a commitment no thread holds, ``S-<key>``) is listed once, at the position of its *leading*
deadline: the latest passed one among its commitments (the highest statement id among equal
dates). Whether a position lists a thread is known from the thread alone, so a page needs nothing
of the pages before it, and its cursor is the last position read. Each thread met is read by
itself; the evidence suggestions of a stretch of them are made at once (``evidence.suggest_many``).
"""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date as Date
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from . import evidence, query, status
from . import schema as t
from .errors import StoreError

S, D, SD = t.statements, t.documents, t.statement_deadlines
SETTLED = ("fulfilled", "partially_fulfilled", "superseded")  # a status that says what became of it
Position = tuple[str, int]  # (deadline date, statement id), walked in descending order


def record(conn: Connection, document_id: int) -> None:
    """Writes the dated deadlines of a document's statements (as extracted) to the index."""
    rows = conn.execute(sa.select(S.c.id, S.c.deadlines).where(S.c.document_id == document_id))
    found = [{"statement_id": sid, "date": d} for sid, deadlines in rows for d in _dates(deadlines)]
    if found:
        conn.execute(sa.insert(SD), found)


def _dates(deadlines: list[dict[str, Any]] | None) -> list[str]:
    return sorted({d["date"] for d in deadlines or () if d.get("date")})


def _passed(row: dict[str, Any], today: str) -> list[str]:
    """The dated deadlines of a commitment that lie before ``today``."""
    return [d for d in _dates(row.get("deadlines")) if d < today] if row.get("commitment") else []


def _after(position: Position | None) -> sa.ColumnElement[bool]:
    if position is None:
        return sa.true()
    date, sid = position
    return sa.or_(SD.c.date < date, sa.and_(SD.c.date == date, SD.c.statement_id < sid))


def _positions(conn: Connection, today: str, start: Position | None, chunk: int) -> Iterator[Position]:
    """Positions of the current statements' deadlines before ``today`` and after ``start``, latest
    first, read ``chunk`` at a time."""
    current = sa.select(D.c.id).where(D.c.superseded.is_(False)).scalar_subquery()
    q = (sa.select(SD.c.date, SD.c.statement_id).join(S, S.c.id == SD.c.statement_id)
         .where(SD.c.date < today, S.c.document_id.in_(current))
         .order_by(SD.c.date.desc(), SD.c.statement_id.desc()).limit(chunk))
    while True:
        got = [(r.date, r.statement_id) for r in conn.execute(q.where(_after(start)))]
        yield from got
        if len(got) < chunk:
            return
        start = got[-1]


@dataclass
class _Verdict:
    """What a thread's listing is: its leading position, and the row, when it is listed at all."""

    lead: Position | None
    row: dict[str, Any] | None


def _judge(conn: Connection, tids: list[str], today: str) -> dict[str, _Verdict]:
    """The verdicts on threads met in one stretch of the walk (their evidence suggested at once)."""
    views = {tid: status.thread(conn, tid) for tid in tids}
    out, open_ = {}, []
    for tid, view in views.items():
        due = [((d, m["id"]), m) for m in view["statements"] for d in _passed(m, today)]
        if not due:
            out[tid] = _Verdict(None, None)
            continue
        lead, member = max(due, key=lambda x: x[0])
        out[tid] = _Verdict(lead, None)
        if view["status"] not in SETTLED and not view["evidence"]:
            text = next((d["text"] for d in member["deadlines"] if d.get("date") == lead[0]), lead[0])
            open_.append((tid, {"thread": tid, "deadline": text, "date": lead[0], "status": view["status"],
                                "statement": member["key"], "doc": member["doc"], "sentence": member["sentence"],
                                "days_overdue": (Date.fromisoformat(today) - Date.fromisoformat(lead[0])).days}))
    suggested = evidence.suggest_many(conn, [views[tid] for tid, _ in open_], limit=1)
    for (tid, row), found in zip(open_, suggested, strict=True):
        if not found:
            out[tid].row = row
    return out


def overdue(conn: Connection, today: str | None = None, *, cursor: str | None = None,
            limit: int | None = 50, chunk: int = 200) -> query.Page:
    """One page of the threads (and lone commitments) whose latest passed deadline has no evidence
    of any kind, latest deadline first, after ``cursor``."""
    today = today or Date.today().isoformat()
    try:
        Date.fromisoformat(today)
    except ValueError:
        raise StoreError(f"today must be a date (YYYY-MM-DD), not {today!r}") from None
    start: Position | None = None
    if cursor:
        sort, date, sid = query.decode_cursor(cursor, 3)
        if sort != "deadline" or not isinstance(date, str) or not isinstance(sid, int) or isinstance(sid, bool):
            raise StoreError("bad cursor: start again from the first page")
        start = (date, sid)
    out: list[dict[str, Any]] = []
    verdicts: dict[str, _Verdict] = {}
    walk = _positions(conn, today, start, chunk)
    while True:
        # Judging a thread costs most (its evidence suggested), and most threads met are listed:
        # a stretch of about as many as the page still needs.
        stretch = chunk if limit is None else min(chunk, max(8, (limit - len(out)) * 5 // 4))
        batch = [p for _, p in zip(range(stretch), walk, strict=False)]
        if not batch:
            return query.Page(out)
        rows = {r["id"]: r for r in query.statements(conn, query.Filters(), ids={sid for _, sid in batch})}
        held = query.thread_holders(conn, keys=[r["key"] for r in rows.values()])
        met: list[tuple[Position, list[str]]] = []
        for position in batch:
            row = rows.get(position[1])
            if row is not None and position[0] in _passed(row, today):  # not rejected, a commitment due then
                met.append((position, [i for i in status._threads_of(row, held) if i] or [f"S-{row['key']}"]))
        verdicts.update(_judge(conn, list(dict.fromkeys(i for _, tids in met for i in tids if i not in verdicts)),
                               today))
        for n, (position, tids) in enumerate(met):
            out += [v.row for v in (verdicts[i] for i in tids) if v.lead == position and v.row]
            if limit is not None and len(out) >= limit:
                more = n + 1 < len(met) or next(walk, None) is not None
                return query.Page(out, query.encode_cursor(["deadline", *position]) if more else None)
