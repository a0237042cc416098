"""A diff and a thread as ``ExportTable``s: one row per change, one row per step."""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..link.reliability import Reliability
from . import ExportTable

if TYPE_CHECKING:
    from ..link.diff import DiffResult

DIFF_COLUMNS = ("change", "commitment", "old_act", "old_actors", "old_sentence", "new_act", "new_actors",
                "new_sentence", "similarity", "why")
STATEMENT_COLUMNS = ("key", "doc", "date", "paragraph", "act", "actors", "commitment", "strength", "topics",
                     "deadlines", "review", "thread", "sentence")
THREAD_COLUMNS = ("date", "doc", "label", "act", "actors", "commitment", "strength", "sentence", "why", "link")


def _doc_line(meta: dict[str, Any]) -> str:
    return " · ".join(x for x in (meta.get("title") or meta["doc"], meta.get("date") or "undated", meta["doc"]) if x)


def diff_table(result: DiffResult) -> ExportTable:
    """Every change of a diff, most consequential first (the diff's own order)."""
    rows = []
    for c in result.changes:
        rows.append({"change": c.change, "commitment": c.commitment,
                     "old_act": c.old.act if c.old else "", "old_actors": c.old.actors if c.old else [],
                     "old_sentence": c.old.sentence if c.old else "",
                     "new_act": c.new.act if c.new else "", "new_actors": c.new.actors if c.new else [],
                     "new_sentence": c.new.sentence if c.new else "",
                     "similarity": c.similarity, "why": list(c.reasons)})
    old, new = result.old.document.meta_dict(), result.new.document.meta_dict()
    counts = ", ".join(f"{k} {v}" for k, v in result.counts().items())
    stem = f"diff-{old['doc'].rsplit('.', 1)[0]}-{new['doc'].rsplit('.', 1)[0]}"
    return ExportTable("diff", f"What changed: {old.get('title') or old['doc']} → {new.get('title') or new['doc']}",
                       DIFF_COLUMNS, rows, [f"old: {_doc_line(old)}", f"new: {_doc_line(new)}", counts], stem)


def _link_reliability(found: dict[str, Any] | None) -> str:
    """ "check: 9 of 26 held-out links this strong were right", or "" for a step that is no link."""
    return Reliability(**found).phrase() if found else ""


def thread_table(view: dict[str, Any]) -> ExportTable:
    """A stored thread (``Store.thread``): its steps in date order, each with its statement."""
    by_key = {s["key"]: s for s in view["statements"]}
    rows = []
    for step in view["steps"]:
        s = by_key.get(step.get("statement_key") or "") or step.get("report") or {}  # a fulfilled step: its report
        rows.append({"date": step.get("date"), "doc": step["doc"], "label": step["label"], "act": s.get("act", ""),
                     "actors": s.get("actors", []), "commitment": s.get("commitment", ""),
                     "strength": s.get("strength", ""), "sentence": s.get("sentence", ""),
                     "why": list(step.get("reasons") or []), "link": _link_reliability(step.get("reliability"))})
    suggested = view.get("suggested_status")
    context = [f"status: {view['status']}" + (f" ({view['note']})" if view.get("note") else "")
               + (f"; suggested: {suggested['status']} ({suggested['why']})" if suggested else ""),
               f"{view.get('first_date') or '?'} – {view.get('last_date') or '?'} · {', '.join(view['actors'])}"
               + (f" · {', '.join(view['topics'])}" if view.get("topics") else "")]
    return ExportTable("thread", f"Thread {view['id']}: {view['title']}", THREAD_COLUMNS, rows, context,
                       f"thread-{view['id']}")


def statements_table(rows: list[dict[str, Any]], filters: dict[str, str] | None = None) -> ExportTable:
    """A statement listing (``Store.statements`` rows), deadlines as their text."""
    flat = [{**r, "deadlines": [d.get("text", "") if isinstance(d, dict) else str(d) for d in r.get("deadlines") or []]}
            for r in rows]
    context = [", ".join(f"{k}: {v}" for k, v in (filters or {}).items()), f"{len(rows)} statements"]
    return ExportTable("statements", "Statements", STATEMENT_COLUMNS, flat, [c for c in context if c], "statements")
