"""Full-text search per dialect: SQLite FTS5 (``statements_fts``), PostgreSQL tsvector + GIN.

The index is kept in step by the database itself (triggers on ``statements`` in SQLite, a
generated ``sentence_tsv`` column in PostgreSQL; migration 0003). Both give ranked statement ids
(a rank: higher is better), a condition for "matches" to use in other queries, and the sentence
with the matching words between ``MARK_START`` and ``MARK_END``.
"""
from __future__ import annotations

import re
from typing import NamedTuple

import sqlalchemy as sa
from sqlalchemy.engine import Connection

MARK_START, MARK_END = "«", "»"
_TOKEN = re.compile(r'"([^"]+)"|(\S+)')


class Hit(NamedTuple):
    id: int
    score: float


def fts5_query(query: str) -> str:
    """A web-search style query ("a b", "exact phrase", a OR b, -word) as an FTS5 expression,
    every term quoted so that punctuation (U.S.-ROK) cannot break the syntax."""
    parts: list[str] = []
    negated: list[str] = []
    for m in _TOKEN.finditer(query.replace("\x00", " ")):
        phrase, word = m.group(1), m.group(2)
        if word == "OR" and parts:
            parts.append("OR")
            continue
        if word and word.startswith("-") and len(word) > 1:
            negated.append(word[1:].replace('"', " "))
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


def _pg_query(query: str) -> str:
    return query.replace("\x00", " ")


def ranked(conn: Connection, query: str, limit: int, after: tuple[float, int] | None = None) -> list[Hit]:
    """The ``limit`` best hits (rank, then id), after the hit ``after`` when given: the bare
    full-text query, nothing joined."""
    if conn.dialect.name == "sqlite":
        expr = fts5_query(query)
        if not expr:
            return []
        sql = "SELECT rowid, -rank FROM statements_fts WHERE statements_fts MATCH :q"
        params: dict[str, object] = {"q": expr, "n": limit}
        if after is not None:
            sql += " AND (-rank < :s OR (-rank = :s AND rowid > :i))"
            params.update(s=after[0], i=after[1])
        sql += " ORDER BY rank, rowid LIMIT :n"
    else:
        sql = ("SELECT id, score FROM (SELECT s.id, ts_rank(s.sentence_tsv, q)::float8 AS score "
               "FROM statements s, websearch_to_tsquery('english', :q) q WHERE s.sentence_tsv @@ q) h")
        params = {"q": _pg_query(query), "n": limit}
        if after is not None:
            sql += " WHERE score < :s OR (score = :s AND id > :i)"
            params.update(s=after[0], i=after[1])
        sql += " ORDER BY score DESC, id LIMIT :n"
    return [Hit(r[0], float(r[1])) for r in conn.execute(sa.text(sql), params)]


def matching(conn: Connection, query: str) -> sa.ColumnElement[bool] | sa.TextClause:
    """A condition on ``statements``: the sentence matches ``query`` (for counts and facets)."""
    if conn.dialect.name == "sqlite":
        expr = fts5_query(query)
        if not expr:
            return sa.false()
        ids = sa.text("SELECT rowid FROM statements_fts WHERE statements_fts MATCH :fts_q").bindparams(fts_q=expr)
        return sa.literal_column("statements.id").in_(ids.columns(sa.column("rowid", sa.Integer)))
    return sa.text("statements.sentence_tsv @@ websearch_to_tsquery('english', :fts_q)").bindparams(
        fts_q=_pg_query(query))


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
        params = {"q": _pg_query(query), "ids": ids,
                  "opts": f"StartSel={MARK_START}, StopSel={MARK_END}, HighlightAll=true"}
    return {r[0]: r[1] for r in conn.execute(sql, params)}
