"""Review: accept, correct or reject a statement; corrections are an overlay, every change audited."""
from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from . import query
from . import schema as t
from .errors import StoreError
from .records import CORRECTABLE, now

ACTIONS = {"accept": "accepted", "correct": "corrected", "reject": "rejected"}


def audit(conn: Connection, user: str | None, entity: str, entity_id: str, action: str,
          before: Any, after: Any) -> None:
    conn.execute(sa.insert(t.audit_log).values(at=now(), user=user, entity=entity, entity_id=entity_id,
                                               action=action, before=before, after=after))


def _view(r: dict[str, Any]) -> dict[str, Any]:
    return {"review": r["review"], **{k: r.get(k) for k in CORRECTABLE}}


def _clean(conn: Connection, changes: dict[str, Any]) -> dict[str, Any]:
    unknown = set(changes) - set(CORRECTABLE)
    if unknown:
        raise StoreError(f"cannot correct {', '.join(sorted(unknown))}; correctable: {', '.join(CORRECTABLE)}")
    out = dict(changes)
    if "actors" in out:
        out["actors"] = [a.strip().upper() for a in out["actors"] if a.strip()]
    if "topics" in out:
        out["topics"] = [x.strip() for x in out["topics"] if x.strip()]
    if "commitment" in out:
        out["commitment"] = bool(out["commitment"])
    if out.get("thread"):
        exists = conn.execute(sa.select(t.threads.c.id).where(t.threads.c.id == out["thread"])).first()
        if exists is None and not str(out["thread"]).startswith("S-"):
            raise StoreError(f"no thread {out['thread']}")
    elif "thread" in out:
        out["thread"] = None  # taken out of its thread
    return out


def review(conn: Connection, ident: str | int, action: str, changes: dict[str, Any] | None,
           user: str | None) -> dict[str, Any]:
    if action not in ACTIONS:
        raise StoreError(f"unknown review action {action!r}; use accept, correct or reject")
    before = query.resolve(conn, ident)
    if before is None:
        raise StoreError(f"no statement {ident}")
    changes = _clean(conn, changes or {})
    if action == "correct" and not changes:
        raise StoreError("correct needs at least one change (actors, commitment, topics, act, thread)")
    existing = conn.execute(sa.select(t.corrections).where(t.corrections.c.key == before["key"])).first()
    merged = {**(dict(existing.changes) if existing else {}), **changes}
    # A change back to what was extracted is no change; but choosing one of the threads of a
    # statement that merged two pledges (and so is in both) takes it out of the others.
    extracted = {k: (before.get("extracted") or {}).get(k, before.get(k)) for k in CORRECTABLE}
    chooses = "thread" in changes and len(query.thread_holders(conn, keys=[before["key"]]).get(before["key"], [])) > 1
    merged = {k: v for k, v in merged.items() if v != extracted.get(k) or (k == "thread" and chooses)}
    decision = ACTIONS[action]
    values = {"decision": decision, "changes": merged, "user": user, "updated_at": now()}
    if existing:
        conn.execute(sa.update(t.corrections).where(t.corrections.c.key == before["key"]).values(**values))
    else:
        conn.execute(sa.insert(t.corrections).values(key=before["key"], **values))
    after = query.resolve(conn, before["id"])
    if after is None:
        raise StoreError(f"no statement {ident} after the review")
    audit(conn, user, "statement", before["key"], action, _view(before), _view(after))
    return after


def log_end(conn: Connection) -> int:
    """The id of the audit log's last entry (0 when empty): a write's own entries come after it."""
    return conn.execute(sa.select(sa.func.max(t.audit_log.c.id))).scalar() or 0


def reviewed_since(conn: Connection, since: int) -> tuple[set[str], list[str]]:
    """The statements reviewed after audit entry ``since``: the threads they were in as read before
    each review (a thread a reviewer had moved one to, which its steps do not name), and their keys."""
    log = t.audit_log
    rows = conn.execute(sa.select(log.c.entity_id, log.c.before)
                        .where(log.c.id > since, log.c.entity == "statement")).all()
    return {str(r.before["thread"]) for r in rows if r.before and r.before.get("thread")}, sorted({r.entity_id for r in rows})
