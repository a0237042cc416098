"""Full-text search per dialect: SQLite FTS5 (``statements_fts``), PostgreSQL tsvector + GIN.

The index is kept in step by the database itself (triggers on ``statements`` in SQLite, a
generated ``sentence_tsv`` column in PostgreSQL; migration 0003). Both give ranked statement ids
(a rank: higher is better), a condition for "matches" to use in other queries, and the sentence
with the matching words between ``MARK_START`` and ``MARK_END``.
"""
from __future__ import annotations

import re
import sqlite3
import threading
from typing import NamedTuple

import sqlalchemy as sa
from sqlalchemy.engine import Connection

MARK_START, MARK_END = "«", "»"
TOKENIZER = "porter unicode61"  # statements_fts's (migration 0001); the scratch table of highlights uses it too
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
    else:  # the query as the server parsed it comes with the hits, for their highlights (``_pg_highlights``)
        sql = ("SELECT id, score, q::text FROM (SELECT s.id, ts_rank(s.sentence_tsv, q)::float8 AS score, q "
               "FROM statements s, websearch_to_tsquery('english', :q) q WHERE s.sentence_tsv @@ q) h")
        params = {"q": _pg_query(query), "n": limit}
        if after is not None:
            sql += " WHERE score < :s OR (score = :s AND id > :i)"
            params.update(s=after[0], i=after[1])
        sql += " ORDER BY score DESC, id LIMIT :n"
        rows = conn.execute(sa.text(sql), params).all()
        if rows:
            conn.info["pt_tsquery"] = (params["q"], rows[0][2])
        return [Hit(r[0], float(r[1])) for r in rows]
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


def highlights(conn: Connection, query: str, sentences: dict[int, str]) -> dict[int, str]:
    """Statement id -> sentence with the matching words between the marks, for the hits shown
    (``sentences``: their ids and sentences). SQLite highlights them in a scratch FTS5 table of
    the same tokenizer (``_Scratch``): the same marks as ``highlight()`` over the store's index,
    without matching the query against the whole index a second time. PostgreSQL marks them by
    their lexemes as ts_headline does (``_pg_highlights``)."""
    if not sentences:
        return {}
    if conn.dialect.name == "sqlite":
        return _scratch().highlight(fts5_query(query), sentences)
    return _pg_highlights(conn, _pg_query(query), sentences)


_LEXEME = re.compile(r"'((?:[^']|'')*)'")  # an operand of a tsquery as text: 'deterr' & !'nuclear'
# A word as the default parser cuts it: "U.S.-ROK" is "U.S" and "ROK", "2+2" is "2" and "+2", "F-35A"
# is "F" and "35A".
_PG_WORD = r"[+-]\d+(?:\.\d+)*(?!\w)|(?<![\w.])(?!(?<=[+-])\d+(?:\.\d+)*(?!\w))\w+(?:\.\w+)*"
# Where the parser reads a path, an address or a dotted word joined by a hyphen as one token
# ("U.S-ROK", "ROK-U.S.", "24/7", a@b.org) the sentence is left to ts_headline.
_PG_ODD = re.compile(r"[/@_]|\w\.\w+-\w|\w-\w+\.\w")
_PG_MAYBE_ODD = re.compile(r"[/@_]|\.\w+-\w|-\w+\.\w")  # what every odd sentence has: a quick first look
# The lexemes of words (``to_tsvector('english', word)``), per database: the vocabulary of a collection
# is small, and a page's words are mostly known from pages before.
_LEXEMES: dict[str, dict[str, frozenset[str]]] = {}
_LEXEMES_KEPT = 200_000


def _odd(sentence: str) -> bool:
    return _PG_MAYBE_ODD.search(sentence) is not None and _PG_ODD.search(sentence) is not None


def _tsquery_text(conn: Connection, query: str) -> str:
    """The query as the server parses it (its lexemes are the operands), as the search's ranked hits
    brought it on this connection, else asked for."""
    known = conn.info.get("pt_tsquery")
    if known is not None and known[0] == query:
        return known[1]
    return conn.execute(sa.text("SELECT websearch_to_tsquery('english', :q)::text"), {"q": query}).scalar() or ""


def _word_lexemes(conn: Connection, words: set[str]) -> dict[str, frozenset[str]]:
    """The lexemes of each word, those not seen before asked of the server in one query."""
    known = _LEXEMES.setdefault(conn.engine.url.render_as_string(hide_password=True), {})
    out = {w: lexemes for w in words if (lexemes := known.get(w)) is not None}  # shared by the server's threads
    if unknown := sorted(words - out.keys()):
        sql = sa.text("SELECT w, tsvector_to_array(to_tsvector('english', w)) FROM unnest(CAST(:words AS text[])) AS w")
        fetched = {w: frozenset(found) for w, found in conn.execute(sql, {"words": unknown})}
        if len(known) > _LEXEMES_KEPT:
            known.clear()
        known.update(fetched)
        out.update(fetched)
    return out


def _pg_highlights(conn: Connection, query: str, sentences: dict[int, str]) -> dict[int, str]:
    """The marks of ts_headline (HighlightAll: every word whose lexeme is an operand of the query)
    without ts_headline, which parses every sentence again on the server (3 ms for a page of 50):
    the query's lexemes, and those of the page's words that begin as one of them does (a stem keeps
    all but the last letters of its word: "polici" of "policy"), each word's known once per process."""
    lexemes = {m.group(1).replace("''", "'") for m in _LEXEME.finditer(_tsquery_text(conn, query))}
    if not lexemes:
        return dict(sentences)
    starts = "|".join(sorted({re.escape(x[:max(1, len(x) - 2)]) for x in lexemes}, key=len, reverse=True))
    candidate = re.compile(rf"(?=(?:{starts}))(?:{_PG_WORD})", re.IGNORECASE)
    found = {i: [(m.start(), m.end(), m.group().lower()) for m in candidate.finditer(s)] for i, s in sentences.items()}
    words = {w for spans in found.values() for _, _, w in spans}
    hits = {w for w, of in _word_lexemes(conn, words).items() if lexemes.intersection(of)} if words else set()
    out = {i: _marked(s, [(a, b) for a, b, w in found[i] if w in hits]) for i, s in sentences.items()}
    odd = {i: s for i, s in sentences.items() if _odd(s)}
    if odd:
        sql = sa.text("SELECT i, ts_headline('english', s, websearch_to_tsquery('english', :q), :opts) "
                      "FROM unnest(CAST(:ids AS bigint[]), CAST(:sentences AS text[])) AS t(i, s)")
        out.update(conn.execute(sql, {"q": query, "ids": list(odd), "sentences": list(odd.values()),
                                      "opts": f"StartSel={MARK_START}, StopSel={MARK_END}, HighlightAll=true"}).all())
    return out


def _marked(sentence: str, spans: list[tuple[int, int]]) -> str:
    """The sentence with its words at ``spans`` (in order) between the marks."""
    if not spans:
        return sentence
    parts, at = [], 0
    for a, b in spans:
        parts += [sentence[at:a], MARK_START, sentence[a:b], MARK_END]
        at = b
    parts.append(sentence[at:])
    return "".join(parts)


class _Scratch:
    """An in-memory FTS5 table (``TOKENIZER``, as ``statements_fts``) for one thread: filled with
    a page's sentences in a transaction, matched, rolled back (one index segment for the page and
    nothing to delete after, instead of a segment per sentence and a delete of each)."""

    def __init__(self) -> None:
        self.db = sqlite3.connect(":memory:", isolation_level=None)
        self.db.execute(f"CREATE VIRTUAL TABLE page USING fts5(sentence, tokenize='{TOKENIZER}')")

    def highlight(self, expr: str, sentences: dict[int, str]) -> dict[int, str]:
        if not expr:
            return {}
        self.db.execute("BEGIN")
        try:
            self.db.executemany("INSERT INTO page(rowid, sentence) VALUES (?, ?)", sentences.items())
            return dict(self.db.execute("SELECT rowid, highlight(page, 0, ?, ?) FROM page WHERE page MATCH ?",
                                        (MARK_START, MARK_END, expr)).fetchall())
        finally:
            self.db.execute("ROLLBACK")


_local = threading.local()


def _scratch() -> _Scratch:
    if not hasattr(_local, "scratch"):
        _local.scratch = _Scratch()
    return _local.scratch
