"""Full-text search per dialect: SQLite FTS5 (``statements_fts``), PostgreSQL tsvector + GIN.

Both give the matching statement ids, a rank (higher is better) and the sentence with the
matching words between ``MARK_START`` and ``MARK_END``.
"""
from __future__ import annotations

import re

import sqlalchemy as sa
from sqlalchemy.engine import Connection

MARK_START, MARK_END = "«", "»"
_TOKEN = re.compile(r'"([^"]+)"|(\S+)')


def index_document(conn: Connection, doc_id: int) -> None:
    if conn.dialect.name == "sqlite":
        conn.execute(sa.text("INSERT INTO statements_fts(rowid, sentence) "
                             "SELECT id, sentence FROM statements WHERE document_id = :d"), {"d": doc_id})


def delete_document(conn: Connection, doc_id: int) -> None:
    if conn.dialect.name == "sqlite":
        conn.execute(sa.text("DELETE FROM statements_fts WHERE rowid IN "
                             "(SELECT id FROM statements WHERE document_id = :d)"), {"d": doc_id})


def fts5_query(query: str) -> str:
    """A web-search style query ("a b", "exact phrase", a OR b, -word) as an FTS5 expression,
    every term quoted so that punctuation (U.S.-ROK) cannot break the syntax."""
    parts: list[str] = []
    negated: list[str] = []
    for m in _TOKEN.finditer(query):
        phrase, word = m.group(1), m.group(2)
        if word == "OR" and parts:
            parts.append("OR")
            continue
        if word and word.startswith("-") and len(word) > 1:
            negated.append(word[1:])
            continue
        term = (phrase or word).replace('"', " ").strip()
        if term:
            parts.append(f'"{term}"')
    if parts and parts[-1] == "OR":
        parts.pop()
    expr = " ".join(parts)
    for word in negated:
        expr = f'{expr} NOT "{word}"' if expr else ""
    return expr


def matches(conn: Connection, query: str) -> dict[int, float]:
    """Statement id -> rank (higher is better) of every statement matching ``query``."""
    if conn.dialect.name == "sqlite":
        expr = fts5_query(query)
        if not expr:
            return {}
        sql = "SELECT rowid, -bm25(statements_fts) FROM statements_fts WHERE statements_fts MATCH :q"
        params = {"q": expr}
    else:
        sql = ("SELECT s.id, ts_rank(to_tsvector('english', s.sentence), q) "
               "FROM statements s, websearch_to_tsquery('english', :q) q "
               "WHERE to_tsvector('english', s.sentence) @@ q")
        params = {"q": query}
    return {r[0]: float(r[1]) for r in conn.execute(sa.text(sql), params)}


def highlights(conn: Connection, query: str, ids: list[int]) -> dict[int, str]:
    """Statement id -> sentence with the matching words between the marks, for ``ids`` only
    (highlighting is the costly part of a search, so it is done for the hits shown)."""
    if not ids:
        return {}
    if conn.dialect.name == "sqlite":
        sql = (sa.text("SELECT rowid, highlight(statements_fts, 0, :a, :b) FROM statements_fts "
                       "WHERE statements_fts MATCH :q AND rowid IN :ids")
               .bindparams(sa.bindparam("ids", expanding=True)))
        params = {"q": fts5_query(query), "a": MARK_START, "b": MARK_END, "ids": ids}
    else:
        sql = (sa.text("SELECT s.id, ts_headline('english', s.sentence, websearch_to_tsquery('english', :q), :opts) "
                       "FROM statements s WHERE s.id IN :ids")
               .bindparams(sa.bindparam("ids", expanding=True)))
        params = {"q": query, "ids": ids,
                  "opts": f"StartSel={MARK_START}, StopSel={MARK_END}, HighlightAll=true"}
    return {r[0]: r[1] for r in conn.execute(sql, params)}
