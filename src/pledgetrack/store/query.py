"""Statements as the store shows them: extraction + review corrections (an overlay), filtered,
sorted, paged and counted in the database (SQLite and PostgreSQL alike).

The overlay is a join: ``corrections`` (by stable key) on top of ``statements``; a statement's
thread is looked up in ``thread_steps`` by key. Filters read the corrected values, so a statement
a reviewer moved to another actor is found under that actor. Listings page by keyset: a page ends
with a cursor (the sort key of its last row), and the next page starts after it.
"""
from __future__ import annotations

import base64
import binascii
import json
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import ARRAY, JSONB
from sqlalchemy.engine import Connection

from . import fts
from . import schema as t
from .errors import StoreError
from .records import SearchHit, jsonable

_FIELDS = ("id", "key", "ext_id", "doc", "sentence", "start", "end", "trigger", "trigger_start", "act",
           "actors", "commitment", "strength", "speaker", "content", "conditions", "deadlines", "agreements",
           "topics", "hedges", "paragraph", "optional", "items", "confidence", "subset")
S, D, C, TS = t.statements, t.documents, t.corrections, t.thread_steps
MAX_LIMIT = 1000


@dataclass(frozen=True)
class Filters:
    """What ``Store.statements`` and ``Store.search`` can filter on (all optional, combined with AND)."""

    actor: str | None = None  # ISO code, e.g. "KOR"; any of the statement's actors
    act: str | None = None  # "pledge", "reaffirm", ...
    commitment: bool | None = None
    topic: str | None = None
    series: str | None = None  # "SCM" (case-insensitive)
    document: str | None = None  # document name
    date_from: str | None = None  # YYYY-MM-DD, inclusive
    date_to: str | None = None
    review: str | None = None  # "unreviewed", "accepted", "corrected", "rejected"
    thread: str | None = None
    include_rejected: bool = False
    include_superseded: bool = False

    @classmethod
    def of(cls, **kw: Any) -> Filters:
        unknown = set(kw) - set(cls.__dataclass_fields__)
        if unknown:
            raise TypeError(f"unknown filter(s): {', '.join(sorted(unknown))}")
        return cls(**kw)


@dataclass
class Page:
    """One page of a listing; ``next`` is the cursor of the following page (None on the last)."""

    rows: list[dict[str, Any]]
    next: str | None = None
    scores: dict[int, float] = field(default_factory=dict)  # search only: statement id -> rank
    highlights: dict[int, str] = field(default_factory=dict)  # search only: marked sentence by id
    matched: list[int] = field(default_factory=list)  # search with a sample: the best hits' ids
    facets: dict[str, list[tuple[str, int]]] = field(default_factory=dict)  # search: of ``matched``, when asked

    def hits(self) -> list[SearchHit]:
        return [SearchHit(r, self.highlights.get(r["id"], r["sentence"]), round(self.scores.get(r["id"], 0.0), 4))
                for r in self.rows]


# --- the overlay, per dialect --------------------------------------------------------------------

class _Overlay:
    """The corrected value of a statement field, as SQL, for one dialect."""

    def __init__(self, dialect: str) -> None:
        self.pg = dialect == "postgresql"

    def has(self, k: str) -> sa.ColumnElement[bool]:
        if self.pg:
            return sa.func.coalesce(sa.cast(C.c.changes, JSONB).has_key(k), sa.false())
        return sa.func.json_type(C.c.changes, f"$.{k}").is_not(None)

    def _text(self, k: str) -> sa.ColumnElement[Any]:
        if self.pg:
            return sa.cast(C.c.changes, JSONB)[k].astext
        return sa.func.json_extract(C.c.changes, f"$.{k}")

    def array(self, k: str) -> sa.ColumnElement[Any]:
        """actors / topics: a JSON array."""
        if self.pg:
            return sa.case((self.has(k), sa.cast(C.c.changes, JSONB)[k]), else_=sa.cast(S.c[k], JSONB))
        return sa.case((self.has(k), sa.func.json_extract(C.c.changes, f"$.{k}")),
                       else_=sa.type_coerce(S.c[k], sa.Text))

    def elements(self, array: sa.ColumnElement[Any]) -> Any:
        fn = sa.func.jsonb_array_elements_text if self.pg else sa.func.json_each
        return fn(array).table_valued("value")

    def act(self) -> sa.ColumnElement[Any]:
        return sa.case((self.has("act"), self._text("act")), else_=S.c.act)

    def commitment(self) -> sa.ColumnElement[Any]:
        if self.pg:
            return sa.case((self.has("commitment"), self._text("commitment").cast(sa.Boolean)),
                           else_=S.c.commitment)
        return sa.case((self.has("commitment"), self._text("commitment")),
                       else_=sa.type_coerce(S.c.commitment, sa.Integer))

    def is_commitment(self, value: bool) -> sa.ColumnElement[bool]:
        expr = self.commitment()
        return (expr.is_(sa.true()) if value else expr.is_(sa.false())) if self.pg else (expr == int(value))

    def contains(self, k: str, value: str) -> sa.ColumnElement[bool]:
        """The corrected array ``k`` holds ``value`` (actors by upper case, topics by lower case)."""
        fold = sa.func.upper if k == "actors" else sa.func.lower
        el = self.elements(self.array(k))
        return sa.exists(sa.select(sa.literal(1)).select_from(el).where(fold(el.c.value) == fold(sa.literal(value))))

    def thread_member(self) -> sa.ColumnElement[Any]:
        """The thread that holds the statement as linked (before any review correction)."""
        return (sa.select(sa.func.min(TS.c.thread_id)).where(TS.c.statement_key == S.c.key)
                .scalar_subquery())

    def candidate_keys(self, tid: str) -> sa.CompoundSelect:
        """The keys of the statements thread ``tid`` may hold: its steps', and those a reviewer moved to it."""
        return sa.union(sa.select(TS.c.statement_key).where(TS.c.thread_id == tid),
                        sa.select(C.c.key).where(self._text("thread") == tid))

    def in_thread(self, tid: str) -> sa.ColumnElement[bool]:
        linked = S.c.key.in_(sa.select(TS.c.statement_key).where(TS.c.thread_id == tid))
        # the candidates first, by the index on the key (without them, the OR below is read as a
        # scan of every statement on a large store)
        return sa.and_(S.c.key.in_(self.candidate_keys(tid)),
                       sa.or_(sa.and_(sa.not_(self.has("thread")), linked),
                              sa.and_(self.has("thread"), self._text("thread") == tid)))


def id_in(ids: Iterable[int]) -> sa.ColumnElement[bool]:
    """``statements.id IN ids`` as one expanding parameter: a list of a search's hundreds of ids is
    bound as it is, not coerced element by element into the statement."""
    return S.c.id.in_(sa.bindparam("ids", list(ids), expanding=True, unique=True, type_=sa.Integer))


class _IdArray(sa.types.TypeDecorator[list[int]]):
    """A list of ids bound as one JSON array (for SQLite's ``json_each``)."""

    impl = sa.Text
    cache_ok = True

    def process_bind_param(self, value: list[int] | None, dialect: sa.Dialect) -> str | None:
        return None if value is None else json.dumps(list(value))


def _among_ids(dialect: str) -> sa.ColumnElement[bool]:
    """``statements.id`` among the parameter ``ids``, bound as one value so that the statement's
    text is the same for any number of ids (compiled and prepared once, not expanded per call): in
    PostgreSQL an array (``= ANY``), in SQLite a JSON array read by ``json_each``."""
    if dialect == "postgresql":
        return S.c.id == sa.any_(sa.bindparam("ids", type_=ARRAY(sa.Integer)))
    each = sa.func.json_each(sa.bindparam("ids", type_=_IdArray())).table_valued("value")
    return S.c.id.in_(sa.select(each.c.value))


def _from() -> Any:
    return S.join(D, D.c.id == S.c.document_id).outerjoin(C, C.c.key == S.c.key)


def _where(o: _Overlay, f: Filters) -> list[sa.ColumnElement[bool]]:
    cond: list[sa.ColumnElement[bool]] = []
    if not f.include_superseded:
        cond.append(D.c.superseded.is_(False))
    if f.document:
        cond.append(D.c.name == f.document)
    if f.series:
        cond.append(sa.func.lower(D.c.series) == f.series.lower())
    if f.date_from:
        cond.append(D.c.date >= f.date_from)
    if f.date_to:
        cond.append(D.c.date <= f.date_to)
    if not f.include_rejected and f.review != "rejected":
        cond.append(sa.or_(C.c.decision.is_(None), C.c.decision != "rejected"))
    if f.review:
        cond.append(sa.func.coalesce(C.c.decision, "unreviewed") == f.review)
    if f.act:
        cond.append(o.act() == f.act)
    if f.commitment is not None:
        cond.append(o.is_commitment(f.commitment))
    if f.actor:
        cond.append(o.contains("actors", f.actor))
    if f.topic:
        cond.append(o.contains("topics", f.topic))
    if f.thread:
        cond.append(o.in_thread(f.thread))
    return cond


def _columns(o: _Overlay) -> list[Any]:
    return [*[S.c[c] for c in _FIELDS], D.c.date, D.c.series, D.c.version.label("doc_version"), D.c.superseded,
            D.c.id.label("document_id"), D.c.model_version, C.c.decision.label("_decision"),
            C.c.changes.label("_changes"), C.c.user.label("_reviewer"), o.thread_member().label("_thread")]


def apply_overlay(row: dict[str, Any], correction: Any | None, thread: str | None) -> dict[str, Any]:
    """The statement with the reviewer's corrections on top; ``extracted`` keeps what they replaced."""
    row["thread"] = thread
    row["review"] = None
    if correction is not None:
        row["review"] = correction.decision
        changes = dict(correction.changes or {})
        row["extracted"] = {k: row.get(k) for k in changes}
        row.update(changes)
        row["reviewed_by"] = correction.user
    return row


@dataclass
class _Correction:
    decision: str
    changes: dict[str, Any]
    user: str | None


def _row(r: Any, keys: int = 0) -> dict[str, Any]:
    """A statement row of ``_columns`` as a dict, corrections on top (none of its columns is a
    datetime: the values are JSON as they are)."""
    row = r._asdict()
    for i in range(keys):
        row.pop(f"_k{i}", None)
    decision, changes, user, thread = row.pop("_decision"), row.pop("_changes"), row.pop("_reviewer"), row.pop("_thread")
    return apply_overlay(row, _Correction(decision, changes, user) if decision else None, thread)


# --- sorting and cursors ---------------------------------------------------------------------------

def _sort_keys(o: _Overlay, sort: str) -> tuple[list[sa.ColumnElement[Any]], bool]:
    """The key columns of a sort ("date", "-date", "doc", "act", "strength", ...) and whether it
    descends; every key ends with the listing order, so it is unique and keyset paging is exact."""
    name, desc = sort.lstrip("-"), sort.startswith("-")
    base = [_UNDATED_LAST, D.c.name, D.c.id, S.c.start, S.c.trigger_start, S.c.id]
    lead: dict[str, list[sa.ColumnElement[Any]]] = {"date": [], "doc": [D.c.name], "act": [o.act()], "strength": [S.c.strength],
            "commitment": [o.commitment()], "series": [sa.func.coalesce(D.c.series, "")],
            "confidence": [S.c.confidence]}
    if name not in lead:
        raise StoreError(f"cannot sort by {name!r}; sort by one of: {', '.join(SORTS)} (a leading - descends)")
    return [*lead[name], *base], desc


SORTS = ("date", "doc", "act", "strength", "commitment", "series", "confidence")
# Written out, not bound, so that it is the expression of the index ix_documents_listing (migration 0003)
# and the listing is read in index order, a page at a time, instead of sorted whole.
_UNDATED_LAST = sa.func.coalesce(D.c.date, sa.literal_column("'9999-12-31'"))


def encode_cursor(values: Iterable[Any]) -> str:
    raw = json.dumps(list(values), separators=(",", ":"), default=str).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str, n: int) -> list[Any]:
    try:
        values = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
    except (ValueError, binascii.Error):
        values = None
    if not isinstance(values, list) or len(values) != n or not all(
            v is None or isinstance(v, (str, int, float, bool)) for v in values):
        raise StoreError("bad cursor: start again from the first page")
    return values


def _after(keys: list[sa.ColumnElement[Any]], values: list[Any], desc: bool) -> sa.ColumnElement[bool]:
    left, right = sa.tuple_(*keys), sa.tuple_(*[sa.literal(v) for v in values])
    return left < right if desc else left > right


def _limit(limit: int | None) -> int:
    if limit is None or limit <= 0:
        return MAX_LIMIT
    return min(limit, MAX_LIMIT)


# --- listings --------------------------------------------------------------------------------------

def statements(conn: Connection, f: Filters, ids: Iterable[int] | None = None) -> list[dict[str, Any]]:
    """Every statement that passes the filters (``ids``: only those), in listing order."""
    o = _Overlay(conn.dialect.name)
    keys, _ = _sort_keys(o, "date")
    q = sa.select(*_columns(o)).select_from(_from()).where(*_where(o, f))
    if ids is not None:
        q = q.where(id_in(ids))
    return [_row(r) for r in conn.execute(q.order_by(*keys))]


def page(conn: Connection, f: Filters, *, sort: str = "date", cursor: str | None = None,
         limit: int | None = 50) -> Page:
    """One page of the listing in ``sort`` order, starting after ``cursor``."""
    o = _Overlay(conn.dialect.name)
    keys, desc = _sort_keys(o, sort)
    n = _limit(limit)
    q = (sa.select(*_columns(o), *[k.label(f"_k{i}") for i, k in enumerate(keys)]).select_from(_from())
         .where(*_where(o, f)))
    got, nxt = keyset(conn, q, keys, sort, cursor, n, desc)
    return Page([_row(r, len(keys)) for r in got], nxt)


def keyset(conn: Connection, q: sa.Select, keys: list, sort: str, cursor: str | None, n: int,
           desc: bool) -> tuple[Sequence[Any], str | None]:
    """One keyset page of ``q``: its rows (which carry the sort keys as ``_k0``, ``_k1`` ...) after
    ``cursor``, at most ``n``, and the cursor of the next page (None on the last)."""
    if cursor:  # a cursor names its sort: one from another listing order is refused, not misread
        values = decode_cursor(cursor, len(keys) + 1)
        if values[0] != sort:
            raise StoreError("bad cursor: it belongs to another sort; start again from the first page")
        q = q.where(_after(keys, values[1:], desc))
    q = q.order_by(*[k.desc() if desc else k for k in keys]).limit(n + 1)
    try:
        got = conn.execute(q).all()
    except sa.exc.DBAPIError:  # a cursor made by hand, with values of the wrong types
        if cursor:
            raise StoreError("bad cursor: start again from the first page") from None
        raise
    more, got = len(got) > n, got[:n]
    nxt = encode_cursor([sort, *[jsonable(getattr(got[-1], f"_k{i}")) for i in range(len(keys))]]) if more else None
    return got, nxt


def count(conn: Connection, f: Filters, text: str | None = None, time_limit_ms: int | None = None) -> int | None:
    """How many statements pass the filters (None: more than ``time_limit_ms`` allowed to count)."""
    o = _Overlay(conn.dialect.name)
    q = sa.select(sa.func.count()).select_from(_from()).where(*_where(o, f))
    if text:
        q = q.where(fts.matching(conn, text))
    try:
        with time_limit(conn, time_limit_ms):
            return conn.execute(q).scalar() or 0
    except TimedOut:
        return None


def collection_counts(conn: Connection) -> tuple[dict[str, int], int]:
    """The current statements by review decision ("unreviewed": none) and the current commitments
    (corrections applied, rejected ones left out), as the overlay gives them; counted from the
    statements' own rows and from the few corrected ones apart, since joining every statement with
    the corrections made the collection page's counts a second at 10^6 statements."""
    o = _Overlay(conn.dialect.name)
    count = lambda q: conn.execute(q).scalar() or 0  # noqa: E731
    current = D.c.superseded.is_(False)
    extracted_commitment = S.c.commitment.is_(sa.true()) if o.pg else S.c.commitment == 1
    every, corrected = S.join(D, D.c.id == S.c.document_id), S.join(D, D.c.id == S.c.document_id).join(C, C.c.key == S.c.key)
    decided = {r[0]: r[1] for r in conn.execute(sa.select(C.c.decision, sa.func.count()).select_from(corrected)
                                                .where(current).group_by(C.c.decision))}
    reviews = {"unreviewed": count(sa.select(sa.func.count()).select_from(every).where(current)) - sum(decided.values()),
               **decided}
    kept = sa.or_(C.c.decision.is_(None), C.c.decision != "rejected")
    commitments = (count(sa.select(sa.func.count()).select_from(every).where(current, extracted_commitment))
                   - count(sa.select(sa.func.count()).select_from(corrected).where(current, extracted_commitment))
                   + count(sa.select(sa.func.count()).select_from(corrected).where(current, kept, o.is_commitment(True))))
    return reviews, commitments


def status_counts(conn: Connection) -> dict[str, int]:
    """Threads by status (open when none is set): every stored thread and every thread a reviewer
    put a statement in. The few set statuses are counted apart and the rest are open, since
    joining every thread with its status took most of a second at 10^6 statements."""
    o = _Overlay(conn.dialect.name)
    th, st = t.threads, t.thread_status
    moved = (sa.select(o._text("thread").label("id")).select_from(C)
             .where(o.has("thread"), o._text("thread").is_not(None)).distinct().subquery("moved"))
    unstored = sa.select(sa.func.count()).select_from(moved).where(
        ~sa.exists(sa.select(sa.literal(1)).where(th.c.id == moved.c.id)))
    total = (conn.execute(sa.select(sa.func.count()).select_from(th)).scalar() or 0) + (conn.execute(unstored).scalar() or 0)
    listed = sa.or_(sa.exists(sa.select(sa.literal(1)).where(th.c.id == st.c.thread_id)),
                    st.c.thread_id.in_(sa.select(moved.c.id)))
    set_ = {r[0]: r[1] for r in conn.execute(sa.select(st.c.status, sa.func.count())
                                             .where(st.c.status.is_not(None), st.c.status != "open", listed)
                                             .group_by(st.c.status))}
    counts = {"open": total - sum(set_.values()), **set_}
    return {k: v for k, v in counts.items() if v}


FACETS = ("actor", "act", "commitment", "topic", "series", "year")


def facets(conn: Connection, f: Filters, text: str | None = None, names: Iterable[str] = FACETS,
           ids: list[int] | None = None, time_limit_ms: int | None = None) -> dict[str, list[tuple[str, int]]]:
    """Counts per value of each facet over the whole filtered set (and search; or the statements
    ``ids`` only), Datasette style: by count (years by year). The facets share ``time_limit_ms``:
    those that do not finish within it are left out."""
    names = tuple(names)
    if ids is not None:  # a few statements (a search's best hits): every facet counted in one query
        return _facets_and_passing(conn, f, list(ids), names)[0]
    o = _Overlay(conn.dialect.name)
    base = _facet_base(o, f)
    out: dict[str, list[tuple[str, int]]] = {}
    if text:
        base = base.where(fts.matching(conn, text))
    sub = base.subquery("f")
    deadline = time.monotonic() + time_limit_ms / 1000 if time_limit_ms else None
    for name in names:
        left = None if deadline is None else int(1000 * (deadline - time.monotonic()))
        if left is not None and left <= 0:
            break
        try:
            with time_limit(conn, left):
                rows = conn.execute(_facet_count(o, sub, name)).all()
        except TimedOut:
            continue
        out[name] = _facet_items(name, [(v, n) for v, n in rows])
    return out


def _facet_base(o: _Overlay, f: Filters) -> sa.Select[Any]:
    """The facet fields (corrected) of the statements that pass the filters."""
    return sa.select(o.act().label("act"), o.commitment().label("commitment"), D.c.series.label("series"),
                     sa.func.substr(D.c.date, 1, 4).label("year"), o.array("actors").label("actors"),
                     o.array("topics").label("topics")).select_from(_from()).where(*_where(o, f))


def _facets_and_passing(conn: Connection, f: Filters, ids: list[int],
                        names: tuple[str, ...]) -> tuple[dict[str, list[tuple[str, int]]], set[int]]:
    """The facets of the statements ``ids`` that pass the filters, and their ids, in one query."""
    found: dict[str, list[tuple[Any, int]]] = {name: [] for name in names}
    passed: set[int] = set()
    for name, v, n in conn.execute(_facets_of_ids(conn.dialect.name, f, names), {"ids": ids}):
        if name == _PASSING:
            passed.update(int(x) for x in (v or "").split(",") if x)
        else:
            found[name].append((v, n))
    return {name: _facet_items(name, rows) for name, rows in found.items()}, passed


_PASSING = ""  # the row of _facets_of_ids that lists the statements that pass, not a facet's count


@lru_cache(maxsize=256)
def _facets_of_ids(dialect: str, f: Filters, names: tuple[str, ...]) -> sa.CompoundSelect:
    """(facet, value, statements) of every facet over the statements ``ids`` (a parameter) that
    pass the filters, and (``_PASSING``, their ids joined by commas, how many), in one query;
    built once per filters and facets."""
    o = _Overlay(dialect)
    few = (_facet_base(o, f).add_columns(S.c.id.label("id"))
           .where(_among_ids(dialect)).cte("f"))
    listed = (sa.func.string_agg(sa.cast(few.c.id, sa.Text), ",") if dialect == "postgresql"
              else sa.func.group_concat(few.c.id, ","))
    passing = sa.select(sa.literal(_PASSING).label("facet"), sa.cast(listed, sa.Text).label("value"),
                        sa.func.count().label("n"))
    return sa.union_all(passing, *[_facet_count(o, few, name, labelled=True) for name in names])


def _facet_count(o: _Overlay, sub: Any, name: str, labelled: bool = False) -> sa.Select[Any]:
    """(value, statements) of one facet over ``sub``; ``labelled``: (facet name, value as text,
    statements), so that the facets can be read together in one union."""
    if name in ("actor", "topic"):
        el = o.elements(sub.c[name + "s"])
        el = el.lateral() if o.pg else el
        value, source, present = el.c.value, sub.join(el, sa.true()), sa.true()
    else:
        value, source, present = sub.c[name], sub, sub.c[name].is_not(None)
    columns = ([sa.literal(name).label("facet"), sa.cast(value, sa.Text).label("value")] if labelled
               else [value])
    return sa.select(*columns, sa.func.count()).select_from(source).where(present).group_by(value)


def _facet_items(name: str, rows: list[tuple[Any, int]]) -> list[tuple[str, int]]:
    """A facet's (value, count) pairs by count (years by year)."""
    items = [(_facet_value(name, v), n) for v, n in rows]
    return sorted(items, key=lambda kv: (kv[0],) if name == "year" else (-kv[1], kv[0]))


def topic_counts(conn: Connection, f: Filters) -> list[tuple[str, str, int, int]]:
    """(topic, document, statements, commitments) over the filtered statements: the heatmap."""
    o = _Overlay(conn.dialect.name)
    sub = (sa.select(S.c.doc, o.commitment().label("commitment"), o.array("topics").label("topics"))
           .select_from(_from()).where(*_where(o, f)).subquery("f"))
    el = o.elements(sub.c.topics)
    el = el.lateral() if o.pg else el
    yes = sub.c.commitment.is_(sa.true()) if o.pg else sub.c.commitment == 1
    q = (sa.select(el.c.value, sub.c.doc, sa.func.count(), sa.func.sum(sa.case((yes, 1), else_=0)))
         .select_from(sub).join(el, sa.true()).group_by(el.c.value, sub.c.doc))
    return [(r[0], r[1], r[2], r[3] or 0) for r in conn.execute(q)]


def _facet_value(name: str, v: Any) -> str:
    if name == "commitment":
        return "true" if v in (True, 1, "1", "true") else "false"
    return str(v)


# --- time limits (Datasette style: a count or facet that would hold up a page is left out) ---------

class TimedOut(Exception):
    """A query ran past its time limit and was stopped."""


@contextmanager
def time_limit(conn: Connection, ms: int | None) -> Iterator[None]:
    """Stops the queries run inside after ``ms`` milliseconds (None: no limit) with ``TimedOut``;
    the connection stays usable."""
    if not ms:
        yield
        return
    if conn.dialect.name == "sqlite":
        raw = conn.connection.driver_connection
        if raw is None:
            raise StoreError("the store's SQLite connection is closed")
        deadline = time.monotonic() + ms / 1000
        raw.set_progress_handler(lambda: int(time.monotonic() > deadline), 2000)
        try:
            yield
        except sa.exc.OperationalError as exc:
            if "interrupted" in str(exc):
                raise TimedOut() from None
            raise
        finally:
            raw.set_progress_handler(None, 0)
        return
    savepoint = conn.begin_nested()
    conn.execute(sa.text("SELECT set_config('statement_timeout', :ms, true)"), {"ms": str(int(ms))})
    try:
        yield
    except sa.exc.OperationalError as exc:
        savepoint.rollback()
        if "statement timeout" in str(exc):
            raise TimedOut() from None
        raise
    else:
        conn.execute(sa.text("SELECT set_config('statement_timeout', '0', true)"))
        savepoint.commit()


# --- search ----------------------------------------------------------------------------------------

# Side work of a search: the facets of its best hits, counted on a second connection while the first
# reads and highlights the page (both databases run queries of two connections at once).
_SIDE_WORK = ThreadPoolExecutor(max_workers=4, thread_name_prefix="pledgetrack-facets")
Connect = Callable[[], AbstractContextManager[Connection]]


def _facets_beside(connect: Connect, f: Filters, ids: list[int]) -> tuple[dict[str, list[tuple[str, int]]], set[int]]:
    with connect() as side:
        return _facets_and_passing(side, f, ids, FACETS)


def search(conn: Connection, f: Filters, text: str, *, cursor: str | None = None, limit: int | None = 20,
           sample: int = 0, facets: bool = False, beside: Connect | None = None) -> Page:
    """The best-ranked statements matching ``text`` that pass the filters, a page at a time;
    ``sample``: also the ids of the best so many (``Page.matched``, for counts) and, with
    ``facets``, their facet counts (``Page.facets``).

    The full-text index gives its ranked hits a batch at a time (the query of a bare FTS5 /
    tsvector search); the ids of a batch are checked against the filters through the overlay, a
    further (larger) batch is asked for only when filters leave too few, and only the page's own
    statements are read whole and highlighted. Without a sample the first batch is the page and
    one hit more, and its check reads those that pass whole; with one, the first batch is the
    sample and, with ``facets``, its check counts the facets of those that pass: on a second
    connection (``beside``, when given) while this one reads and highlights the page's first hits."""
    passing, reading, passing_whole = _search_statements(conn.dialect.name, f)
    n = _limit(limit)
    after = tuple(decode_cursor(cursor, 2)) if cursor else None
    kept: list[fts.Hit] = []
    batch = max(n + 1, sample)  # the sample is what the first batch gives: no batch just for it
    counted: dict[str, list[tuple[str, int]]] = {}  # with facets: those of the first batch's passing hits
    read: dict[int, Any] = {}  # statements read whole, by id
    lights: dict[int, str] = {}  # highlighted sentences, by id
    batches = 0
    while len(kept) <= n:
        hits = fts.ranked(conn, text, batch, after)
        if not hits:
            break
        ids = [h.id for h in hits]
        if facets and sample and not batches and beside is not None:
            job = _SIDE_WORK.submit(_facets_beside, beside, f, ids)
            try:  # meanwhile the first hits that pass, read whole and highlighted: the page, mostly
                read = {r.id: r for r in conn.execute(passing_whole, {"ids": ids[:n + 1]}).all()}
                lights = fts.highlights(conn, text, {i: read[i].sentence for i in ids[:n] if i in read})
            finally:
                counted, passed = job.result()
        elif facets and sample and not batches:
            counted, passed = _facets_and_passing(conn, f, ids, FACETS)
        elif not sample and not batches:  # the first batch is the page and one more: read whole at once
            read = {r.id: r for r in conn.execute(passing_whole, {"ids": ids}).all()}
            passed = set(read)
        else:
            passed = set(conn.execute(passing, {"ids": ids}).scalars())
        batches += 1
        kept.extend(h for h in hits if h.id in passed)
        if len(hits) < batch:
            break
        after, batch = (hits[-1].score, hits[-1].id), batch * 4
    matched = [h.id for h in kept[:sample]]
    found: dict[str, list[tuple[str, int]]] = {}
    if facets and sample:
        if not matched:
            found = {name: [] for name in FACETS}
        elif batches == 1 and len(kept) <= sample:  # the first batch alone gave the sample, whole
            found = counted
        else:
            found = _facets_and_passing(conn, f, matched, FACETS)[0]
    shown = kept[:n]
    if unread := [h.id for h in shown if h.id not in read]:
        read.update((r.id, r) for r in conn.execute(reading, {"ids": unread}).all())
    rows = [_row(read[h.id]) for h in shown]
    nxt = encode_cursor([shown[-1].score, shown[-1].id]) if len(kept) > n else None
    if unlit := {r["id"]: r["sentence"] for r in rows if r["id"] not in lights}:
        lights.update(fts.highlights(conn, text, unlit))
    return Page(rows, nxt, {h.id: h.score for h in shown}, {r["id"]: lights[r["id"]] for r in rows}, matched, found)


@lru_cache(maxsize=256)
def _search_statements(dialect: str, f: Filters) -> tuple[sa.Select[Any], sa.Select[Any], sa.Select[Any]]:
    """A search's statements over a batch of hits (parameter ``ids``): the ids that pass the
    filters, the statements read whole, and those that pass read whole. Built once per filters:
    a search runs them as they are, instead of building and compiling the overlay's expressions
    again on every page."""
    o, among = _Overlay(dialect), _among_ids(dialect)
    whole = sa.select(*_columns(o)).select_from(_from())
    return (sa.select(S.c.id).select_from(_from()).where(among, *_where(o, f)), whole.where(among),
            whole.where(among, *_where(o, f)))


def resolve(conn: Connection, ident: str | int) -> dict[str, Any] | None:
    """One current statement by row id, stable key or pipeline id ("scm51.txt:642")."""
    text = str(ident)
    # each kind of id by its own index (an OR of the three is read as a scan of every statement)
    lookups = [sa.select(S.c.id).where(S.c.key == text), sa.select(S.c.id).where(S.c.ext_id == text)]
    if text.isdigit() and int(text) < 2 ** 63:
        lookups.append(sa.select(S.c.id).where(S.c.id == int(text)))
    q = (sa.select(S.c.id).join(D, D.c.id == S.c.document_id).where(S.c.id.in_(sa.union(*lookups)))
         .order_by(D.c.superseded, S.c.id.desc()))
    found = conn.execute(q).first()
    if found is None:
        return None
    rows = statements(conn, Filters(include_rejected=True, include_superseded=True), ids=[found.id])
    return rows[0] if rows else None


def thread_candidates(conn: Connection, tid: str) -> list[int]:
    """The row ids of the statements thread ``tid`` may hold (``_Overlay.candidate_keys``)."""
    keys = _Overlay(conn.dialect.name).candidate_keys(tid)
    return list(conn.execute(sa.select(S.c.id).where(S.c.key.in_(keys))).scalars())


def thread_holders(conn: Connection, *, tid: str | None = None, keys: list[str] | None = None) -> dict[str, list[str]]:
    """The threads that hold each linked statement, by statement key (``tid``: that thread's only;
    ``keys``: those statements' only)."""
    ts = t.thread_steps
    q = sa.select(ts.c.statement_key, ts.c.thread_id).where(ts.c.statement_key.is_not(None)).distinct()
    if tid is not None:
        q = q.where(ts.c.thread_id == tid)
    parts = [None] if keys is None else [keys[i:i + 500] for i in range(0, len(keys), 500)]
    out: dict[str, list[str]] = {}
    for part in parts:
        for key, i in conn.execute(q if part is None else q.where(ts.c.statement_key.in_(part))):
            out.setdefault(key, []).append(i)
    return {k: sorted(v) for k, v in out.items()}
