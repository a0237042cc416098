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


def search(conn: Connection, query: str, limit: int | None = None) -> list[tuple[int, float, str]]:
    """(statement id, rank, highlighted sentence), best first."""
    if conn.dialect.name == "sqlite":
        expr = fts5_query(query)
        if not expr:
            return []
        sql = ("SELECT rowid, -bm25(statements_fts) AS rank, "
               "highlight(statements_fts, 0, :a, :b) AS hl FROM statements_fts "
               "WHERE statements_fts MATCH :q ORDER BY bm25(statements_fts)")
        params = {"q": expr, "a": MARK_START, "b": MARK_END}
    else:
        sql = ("SELECT s.id, ts_rank(to_tsvector('english', s.sentence), q) AS rank, "
               "ts_headline('english', s.sentence, q, :opts) AS hl "
               "FROM statements s, websearch_to_tsquery('english', :q) q "
               "WHERE to_tsvector('english', s.sentence) @@ q ORDER BY rank DESC, s.id")
        params = {"q": query, "opts": f"StartSel={MARK_START}, StopSel={MARK_END}, HighlightAll=true"}
    if limit:
        sql += " LIMIT :limit"
        params["limit"] = limit
    return [(r[0], float(r[1]), r[2]) for r in conn.execute(sa.text(sql), params)]
