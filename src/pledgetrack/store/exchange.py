"""Export and import: CSV and JSON Lines of every table; Prodigy and Label Studio JSONL of statements.

Only what people make can be imported back (review corrections, statuses, evidence); documents,
statements and threads come from ingesting the files.
"""
from __future__ import annotations

import json
from collections.abc import Iterable
from typing import IO, Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from ..serialize import read_csv, write_csv
from . import query
from . import schema as t
from .errors import StoreError
from .records import row_dict
from .review import review
from .status import normalise_status, set_status

FORMATS = ("csv", "jsonl", "prodigy", "labelstudio")
IMPORTABLE = ("corrections", "thread_status", "evidence")
LS_FROM, LS_TO = "act", "text"


def _table(name: str) -> sa.Table:
    if name not in t.TABLES:
        raise StoreError(f"unknown table {name!r}; tables: {', '.join(t.TABLES)}")
    return t.TABLES[name]


def rows(conn: Connection, name: str) -> list[dict[str, Any]]:
    table = _table(name)
    order = list(table.primary_key.columns)
    return [row_dict(r) for r in conn.execute(sa.select(table).order_by(*order))]


def _is_json(col: sa.Column) -> bool:
    return isinstance(col.type, sa.JSON)


def _csv_cell(col: sa.Column, value: Any) -> str:
    """A table cell as CSV text: JSON columns as JSON, others as ``str`` (None as empty)."""
    if value is None:
        return ""
    return json.dumps(value, ensure_ascii=False) if _is_json(col) else str(value)


def write_table(conn: Connection, name: str, fmt: str, fh: IO[str]) -> int:
    table, data = _table(name), rows(conn, name)
    if fmt == "jsonl":
        for r in data:
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    elif fmt == "csv":  # the shared writer (formula-safe cells)
        write_csv(({c.name: _csv_cell(c, r[c.name]) for c in table.columns} for r in data), fh,
                  tuple(c.name for c in table.columns))
    else:
        raise StoreError(f"tables export as csv or jsonl, not {fmt}")
    return len(data)


def _span(s: dict[str, Any]) -> tuple[int, int]:
    start = s["trigger_start"] - s["start"]
    return start, start + len(s["trigger"])


def _score(s: dict[str, Any]) -> float:
    """The extractor's confidence in the statement's commitment decision and actors (0..1)."""
    return round(float(s.get("confidence", 1.0)), 2)


def _meta(s: dict[str, Any]) -> dict[str, Any]:
    return {"key": s["key"], "id": s["ext_id"], "doc": s["doc"], "date": s["date"], "paragraph": s["paragraph"],
            "sentence_start": s["start"], "actors": s["actors"], "commitment": s["commitment"],
            "topics": s["topics"], "model_version": s["model_version"], "score": _score(s)}


def prodigy_records(conn: Connection) -> Iterable[dict[str, Any]]:
    for s in query.statements(conn, query.Filters(include_rejected=True)):
        start, end = _span(s)
        spans = [{"start": start, "end": end, "label": s["act"].upper(), "text": s["trigger"]}]
        for d in s["deadlines"]:
            if d.get("start") is not None and s["start"] <= d["start"] and d["end"] <= s["end"]:
                spans.append({"start": d["start"] - s["start"], "end": d["end"] - s["start"], "label": "DEADLINE",
                              "text": d["text"]})
        rec = {"text": s["sentence"], "spans": spans, "meta": _meta(s)}
        if s["review"]:
            rec["answer"] = "reject" if s["review"] == "rejected" else "accept"
        yield rec


def labelstudio_records(conn: Connection) -> Iterable[dict[str, Any]]:
    for s in query.statements(conn, query.Filters(include_rejected=True)):
        start, end = _span(s)
        result = [{"id": f"{s['key']}-act", "from_name": LS_FROM, "to_name": LS_TO, "type": "labels",
                   "value": {"start": start, "end": end, "text": s["trigger"], "labels": [s["act"]]}}]
        for name in ("actors", "topics"):
            result.append({"id": f"{s['key']}-{name}", "from_name": name, "to_name": LS_TO, "type": "choices",
                           "value": {"choices": list(s[name])}})
        result.append({"id": f"{s['key']}-commitment", "from_name": "commitment", "to_name": LS_TO,
                       "type": "choices", "value": {"choices": ["yes" if s["commitment"] else "no"]}})
        yield {"data": {"text": s["sentence"], **_meta(s)},
               "predictions": [{"model_version": s["model_version"], "score": _score(s), "result": result}]}


def write_statements(conn: Connection, fmt: str, fh: IO[str]) -> int:
    records = prodigy_records(conn) if fmt == "prodigy" else labelstudio_records(conn)
    n = 0
    for rec in records:
        fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
        n += 1
    return n


# --- import ------------------------------------------------------------------------------------

def read_records(fh: IO[str], fmt: str) -> list[dict[str, Any]]:
    if fmt == "csv":
        return read_csv(fh)
    text = fh.read()
    stripped = text.lstrip()
    if stripped.startswith("["):  # Label Studio's JSON export is one array
        return json.loads(stripped)
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def _changes(current: dict[str, Any], proposed: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in proposed.items() if v is not None and v != current.get(k)}


def _apply(conn: Connection, key: str, answer: str, proposed: dict[str, Any], user: str | None) -> str | None:
    current = query.resolve(conn, key)
    if current is None:
        raise StoreError(f"no statement {key}")
    if answer == "reject":
        review(conn, key, "reject", None, user)
        return "rejected"
    changes = _changes(current, proposed)
    if changes:
        review(conn, key, "correct", changes, user)
        return "corrected"
    if answer == "accept":
        review(conn, key, "accept", None, user)
        return "accepted"
    return None


def import_prodigy(conn: Connection, records: list[dict[str, Any]], user: str | None) -> dict[str, int]:
    counts: dict[str, int] = {}
    for rec in records:
        answer = rec.get("answer")
        if answer not in ("accept", "reject"):
            continue
        meta = rec.get("meta", {})
        proposed = {k: meta.get(k) for k in ("actors", "topics", "commitment")}
        acts = [sp["label"].lower() for sp in rec.get("spans", []) if sp.get("label") not in (None, "DEADLINE")]
        if acts:
            proposed["act"] = acts[0]
        done = _apply(conn, meta.get("key") or meta.get("id"), answer, proposed, user)
        if done:
            counts[done] = counts.get(done, 0) + 1
    return counts


def import_labelstudio(conn: Connection, records: list[dict[str, Any]], user: str | None) -> dict[str, int]:
    counts: dict[str, int] = {}
    for task in records:
        anns = [a for a in task.get("annotations", []) if not a.get("was_cancelled")]
        if not anns:
            continue  # predictions only: nothing a person said
        ann = anns[-1]
        proposed: dict[str, Any] = {}
        answer = "accept"
        for r in ann.get("result", []):
            value, name = r.get("value", {}), r.get("from_name")
            if r.get("type") == "labels" and value.get("labels"):
                proposed["act"] = value["labels"][0]
            elif r.get("type") == "choices" and name in ("actors", "topics"):
                proposed[name] = list(value.get("choices", []))
            elif r.get("type") == "choices" and name == "commitment":
                proposed["commitment"] = "yes" in value.get("choices", [])
            elif r.get("type") == "choices" and name == "review" and "reject" in value.get("choices", []):
                answer = "reject"
        data = task.get("data", {})
        who = user or (ann.get("completed_by") and str(ann["completed_by"]))
        done = _apply(conn, data.get("key") or data.get("id"), answer, proposed, who)
        if done:
            counts[done] = counts.get(done, 0) + 1
    return counts


def import_table(conn: Connection, name: str, records: list[dict[str, Any]], user: str | None) -> dict[str, int]:
    if name not in IMPORTABLE:
        raise StoreError(f"{name} is made by ingest and cannot be imported; importable: {', '.join(IMPORTABLE)}")

    def js(v: Any) -> Any:
        return json.loads(v) if isinstance(v, str) and v[:1] in "[{" else v

    n = 0
    for r in records:
        if name == "corrections":
            action = {"accepted": "accept", "rejected": "reject", "corrected": "correct"}[r["decision"]]
            changes = js(r.get("changes")) or {}
            if action == "correct" and not changes:
                action = "accept"
            review(conn, r["key"], action, changes if action == "correct" else None, user or r.get("user") or None)
        elif name == "thread_status":
            set_status(conn, r["thread_id"], normalise_status(r["status"]), r.get("note") or None,
                       user or r.get("user") or None)
        else:
            values: dict[str, Any] = {c.name: (r.get(c.name) if r.get(c.name) != "" else None) for c in t.evidence.columns
                      if c.name not in ("id", "created_at")}
            if values.get("score") is not None:
                values["score"] = int(values["score"])
            from .records import now
            conn.execute(sa.insert(t.evidence).values(**values, created_at=now()))
        n += 1
    return {"imported": n}
