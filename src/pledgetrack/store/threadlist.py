"""The thread listing in the database: threads filtered, sorted, counted and paged in SQL
(SQLite and PostgreSQL alike), only a page's rows read.

A thread's members are the current statements that the linker put in it or a reviewer moved
into it (the review overlay of ``query``); with ``singletons``, a commitment in no thread is a
thread of its own, ``S-<statement key>``. A row is what a listing shows: title, series, topics,
status, the actors of its commitments, first and last date, how many statements and evidence,
and its steps. ``status.thread`` gives one thread whole.
"""
from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.engine import Connection, Engine

from . import db, query
from . import schema as t
from .errors import StoreError
from .query import Page
from .records import jsonable, row_dict

SORTS = ("id", "first_date", "last_date", "statements")  # a leading "-" descends
_LAST = "9999-12-31"  # undated threads sort after dated ones
_Ids = list[str] | sa.Select[Any] | sa.CompoundSelect[Any]  # thread ids, or a query of them


@dataclass
class ThreadFilters:
    """What a thread listing filters on (all optional, combined with AND)."""

    status: str | None = None
    series: str | None = None  # case-insensitive
    topic: str | None = None  # case-insensitive
    actor: str | None = None  # an actor of one of its commitments
    q: str | None = None  # words in its title or one of its statements (case-insensitive)
    steps: int | None = None  # at least this many steps that are not "dropped"
    singletons: bool = False  # also commitments in no thread

    @classmethod
    def of(cls, **kw: Any) -> ThreadFilters:
        unknown = set(kw) - set(cls.__dataclass_fields__)
        if unknown:
            raise TypeError(f"unknown thread filter(s): {', '.join(sorted(unknown))}")
        return cls(**kw)


class _Listing:
    """The listing's SQL for one dialect and one set of filters."""

    def __init__(self, conn: Connection, f: ThreadFilters, only: _Ids | None = None) -> None:
        self.o = query._Overlay(conn.dialect.name)
        self.conn, self.f = conn, f
        self.only = only
        o, S, D = self.o, query.S, query.D
        # One row per thread that holds a statement (two where it merged two pledges), or the
        # thread a reviewer moved it to.
        ts = t.thread_steps
        linked = sa.case((o.has("thread"), o._text("thread")), else_=ts.c.thread_id)
        tid = sa.func.coalesce(linked, sa.case((o.is_commitment(True), sa.literal("S-", sa.String) + S.c.key))) \
            if f.singletons else linked
        keys, _ = query._sort_keys(o, "date")  # members in listing order: the first gives a title
        source = query._from().outerjoin(ts, sa.and_(ts.c.statement_key == S.c.key, sa.not_(o.has("thread"))))
        current = [*query._where(o, query.Filters()), *self._members_of(only)]
        # each member's thread and date alone, for the sort keys of every thread
        self.dated = sa.select(tid.label("tid"), D.c.date).select_from(source).where(*current).subquery("dated")
        self._tid, self._source, self._current = tid, source, current
        base = (sa.select(tid.label("tid"), S.c.sentence, S.c.content, D.c.series, D.c.date,
                          o.commitment().label("commitment"), o.array("actors").label("actors"),
                          self._text(o.array("topics")).label("topics"), *[k.label(f"k{i}") for i, k in enumerate(keys)])
                .select_from(source).where(*current).subquery("base"))
        self.m = (sa.select(*[base.c[c] for c in ("tid", "sentence", "content", "series", "date", "commitment",
                                                  "actors", "topics")],
                            sa.func.row_number().over(partition_by=base.c.tid,
                                                      order_by=[base.c[f"k{i}"] for i in range(len(keys))])
                            .label("place"))
                  .where(base.c.tid.is_not(None)).cte("members"))

    def holds(self, actor: str, tid: sa.ColumnElement[Any], moved_in: list[str]) -> sa.ColumnElement[bool]:
        """Whether stored thread ``tid`` holds a commitment of ``actor``: one of its steps'
        statements (found by the index on the thread), or a reviewer moved one into it (it is one
        of ``moved_in``). A listing in id order checks thread after thread and stops with its page
        (grouping every commitment of the collection by thread first took seconds at 10^6)."""
        o, ts = self.o, t.thread_steps
        el = self._elements(o.array("actors"))
        linked = (sa.select(sa.literal(1))
                  .select_from(query._from().join(ts, ts.c.statement_key == query.S.c.key).join(el, sa.true()))
                  .where(ts.c.thread_id == tid, sa.not_(o.has("thread")), *query._where(o, query.Filters()),
                         self._committed_now(), el.c.value == actor.upper()))
        return sa.or_(sa.exists(linked), tid.in_(moved_in)) if moved_in else sa.exists(linked)

    def moved_in(self, actor: str) -> list[str]:
        """The threads a reviewer moved a current commitment of ``actor`` into (read from the
        corrections, which are few)."""
        o, S, C, D = self.o, query.S, query.C, query.D
        el = self._elements(o.array("actors"))
        corrected = C.join(S, S.c.key == C.c.key).join(D, D.c.id == S.c.document_id).join(el, sa.true())
        q = (sa.select(o._text("thread")).select_from(corrected).distinct()
             .where(o.has("thread"), *query._where(o, query.Filters()), self._committed_now(),
                    el.c.value == actor.upper()))
        return list(self.conn.execute(q).scalars())

    def _committed_now(self) -> sa.ColumnElement[bool]:
        """The statement is a commitment, review corrections applied."""
        return self.o.commitment().is_(sa.true()) if self.o.pg else self.o.commitment() == 1

    def saying(self, words: str) -> sa.Select[Any]:
        """The ids of the threads one of whose statements has ``words`` (lower case) in it."""
        return self._threads_of(sa.func.lower(query.S.c.sentence, type_=sa.Text).contains(words, autoescape=True))

    def _threads_of(self, *conditions: sa.ColumnElement[bool]) -> sa.Select[Any]:
        """The threads of the members that meet ``conditions``."""
        return sa.select(self._tid).select_from(self._source).where(*self._current, *conditions, self._tid.is_not(None))

    def _members_of(self, only: _Ids | None) -> list[sa.ColumnElement[bool]]:
        """With ``only`` (ids, or a query of them): the statements those threads may hold, by the
        index on the key."""
        if only is None:
            return []
        keys = sa.union(sa.select(t.thread_steps.c.statement_key).where(t.thread_steps.c.thread_id.in_(only)),
                        sa.select(query.C.c.key).where(self.o._text("thread").in_(only)))
        return [query.S.c.key.in_(keys)]

    def _text(self, json_value: Any) -> Any:
        """A JSON value as text (so that the first member's can be picked with max)."""
        return sa.cast(json_value, sa.Text) if self.o.pg else sa.type_coerce(json_value, sa.Text)

    def _committed(self) -> sa.ColumnElement[bool]:
        c = self.m.c.commitment
        return c.is_(sa.true()) if self.o.pg else c == 1

    def _elements(self, array: Any, lateral: bool = True) -> Any:
        el = self.o.elements(sa.cast(array, JSONB) if self.o.pg else array)
        return el.lateral() if self.o.pg and lateral else el

    def rows(self) -> tuple[sa.Select[Any], dict[str, sa.ColumnElement[Any]]]:
        """Every thread that passes the filters, and the columns to sort by: members grouped by
        thread (stored threads join in with no member), the first member's title and topics for a
        thread the linker did not make."""
        m, th, st, f = self.m, t.threads, t.thread_status, self.f
        first = lambda col: sa.func.max(sa.case((m.c.place == 1, col)))  # noqa: E731
        members = sa.select(m.c.tid, sa.func.count().label("n"), sa.func.min(m.c.date).label("first_date"),
                            sa.func.max(m.c.date).label("last_date"), first(m.c.content).label("content"),
                            first(m.c.series).label("series"), first(m.c.topics).label("topics")).group_by(m.c.tid)
        empty = sa.select(self._text(th.c.id), sa.literal(0), sa.null(), sa.null(), sa.null(), sa.null(), sa.null())
        if self.only is not None:
            empty = empty.where(th.c.id.in_(self.only))
        u = sa.union_all(members, empty).subquery("u")
        g = (sa.select(u.c.tid, sa.cast(sa.func.sum(u.c.n), sa.Integer).label("n"), *[sa.func.max(u.c[c]).label(c) for c in
                                                                  ("first_date", "last_date", "content", "series", "topics")])
             .group_by(u.c.tid).subquery("g"))
        stored = th.c.id.is_not(None)
        title = sa.func.coalesce(sa.func.nullif(th.c.title, ""), sa.func.substr(g.c.content, 1, 120), "")
        series = sa.case((stored, th.c.series), else_=g.c.series)
        topics = sa.case((stored, self._text(th.c.topics)), else_=g.c.topics)
        status = sa.func.coalesce(st.c.status, "open")
        cols = {"id": g.c.tid, "title": title, "series": series, "topics": topics, "status": status,
                "note": st.c.note, "statements": g.c.n, "first_date": g.c.first_date, "last_date": g.c.last_date}
        q = (sa.select(*[c.label(k) for k, c in cols.items()])
             .select_from(g.outerjoin(th, th.c.id == g.c.tid).outerjoin(st, st.c.thread_id == g.c.tid)))
        q = q.where(*_on_steps_and_status(g.c.tid, f))
        if f.series:
            q = q.where(sa.func.lower(series) == f.series.lower())
        if f.topic:
            el = self._elements(topics, lateral=False)
            q = q.where(sa.exists(sa.select(sa.literal(1)).select_from(el)
                                  .where(sa.func.lower(el.c.value) == f.topic.lower())))
        if f.actor:
            el = self._elements(m.c.actors)
            q = q.where(g.c.tid.in_(sa.select(m.c.tid).select_from(m).join(el, sa.true())
                                    .where(self._committed(), el.c.value == f.actor.upper())))
        if f.q:
            words = f.q.lower()
            said = sa.select(m.c.tid).where(sa.func.lower(m.c.sentence, type_=sa.Text).contains(words, autoescape=True))
            q = q.where(sa.or_(sa.func.lower(title, type_=sa.Text).contains(words, autoescape=True), g.c.tid.in_(said)))
        sort_cols = {"id": g.c.tid, "first_date": sa.func.coalesce(g.c.first_date, _LAST),
                     "last_date": sa.func.coalesce(g.c.last_date, _LAST), "statements": g.c.n}
        return q, sort_cols

    def grouped(self) -> sa.Select[Any]:
        """Every thread listed with its sort keys (``thread_sort_keys``' columns): how many current
        statements it holds and their first and last date (undated: last), grouped from each
        member's thread and date alone; a stored thread with no member holds 0."""
        d, th = self.dated, t.threads
        members = (sa.select(d.c.tid, sa.func.count().label("n"), sa.func.min(d.c.date).label("first_date"),
                             sa.func.max(d.c.date).label("last_date")).where(d.c.tid.is_not(None)).group_by(d.c.tid))
        empty = sa.select(self._text(th.c.id), sa.literal(0), sa.null(), sa.null())
        if self.only is not None:
            empty = empty.where(th.c.id.in_(self.only))
        u = sa.union_all(members, empty).subquery("u")
        return (sa.select(u.c.tid.label("thread_id"), sa.cast(sa.func.sum(u.c.n), sa.Integer).label("statements"),
                          sa.func.coalesce(sa.func.max(u.c.first_date), _LAST).label("first_date"),
                          sa.func.coalesce(sa.func.max(u.c.last_date), _LAST).label("last_date"))
                .group_by(u.c.tid))

    def sort_keys(self, name: str, kept: bool) -> sa.Select[Any]:
        """Every thread that passes the filters with its key for sort ``name`` (``id``, ``key``):
        from ``thread_sort_keys`` where it is ``kept`` for the store as it is now (read off its
        index), else grouped here (``grouped``). The page's rows are read after."""
        g = t.thread_sort_keys if kept else self.grouped().subquery("g")
        tid = g.c.thread_id
        keyed = sa.select(tid.label("id"), g.c[name].label("key")).where(*_on_steps_and_status(tid, self.f))
        if self.f.series or self.f.topic or self.f.actor or self.f.q:
            keyed = keyed.where(tid.in_(sa.union_all(*_ids(self.conn, self.f))))
        return keyed

    def details(self, conn: Connection, tids: list[str]) -> dict[str, dict[str, Any]]:
        """The actors, steps and evidence count of the threads ``tids`` (a page's)."""
        m = self.m
        el = self._elements(m.c.actors)
        actors: dict[str, set[str]] = {i: set() for i in tids}
        for tid, actor in conn.execute(sa.select(m.c.tid, el.c.value).select_from(m).join(el, sa.true())
                                       .where(self._committed(), m.c.tid.in_(tids)).distinct()):
            actors[tid].add(actor)
        steps: dict[str, list[dict[str, Any]]] = {i: [] for i in tids}
        ts = t.thread_steps
        for s in conn.execute(sa.select(ts).where(ts.c.thread_id.in_(tids)).order_by(ts.c.thread_id, ts.c.position)):
            steps[s.thread_id].append(row_dict(s))
        ev = t.evidence
        evidence: dict[str, int] = {r[0]: r[1] for r in conn.execute(
            sa.select(ev.c.thread_id, sa.func.count()).where(ev.c.thread_id.in_(tids)).group_by(ev.c.thread_id))}
        return {i: {"actors": sorted(actors[i]), "labels": [s["label"] for s in steps[i]], "steps": steps[i],
                    "evidence": evidence.get(i, 0)} for i in tids}


def _sort(sort: str) -> tuple[str, bool]:
    name, desc = sort.lstrip("-"), sort.startswith("-")
    if name not in SORTS:
        raise StoreError(f"cannot sort threads by {name!r}; sort by one of: {', '.join(SORTS)} (a leading - descends)")
    return name, desc


def _by_id(f: ThreadFilters) -> bool:
    """Whether a listing can find its threads before reading any member whole (``_ids``): filtered
    (if at all) on what a thread's steps and status say, on its series, topics and title (a stored
    thread's own; a thread only a reviewer's move made, or one stored without a title, takes them
    from its members, and is read), on the actors of its commitments or the words of its
    statements (each member's actors or sentence alone)."""
    return not f.singletons


def _ids(conn: Connection, f: ThreadFilters) -> list[sa.Select[Any]]:
    """The ids of the threads a listing ``_by_id`` holds, filtered, as two queries to page through
    in id order: the stored threads (read in the order of their primary key, so a page stops
    early) and the threads only a reviewer's move made (few: their members are read for their
    series, topics and title), with, filtered on words, those stored without a title."""
    o, th = query._Overlay(conn.dialect.name), t.threads
    stored = sa.select(th.c.id.label("id"))
    if f.series:
        stored = stored.where(sa.func.lower(th.c.series) == f.series.lower())
    if f.topic:
        el = o.elements(sa.cast(th.c.topics, JSONB) if o.pg else th.c.topics)
        stored = stored.where(sa.exists(sa.select(sa.literal(1)).select_from(el)
                                        .where(sa.func.lower(el.c.value) == f.topic.lower())))
    moved = o._text("thread")
    # NOT EXISTS, not NOT IN: PostgreSQL probes NOT IN's list row by row once it outgrows work_mem
    unstored = ~sa.exists(sa.select(sa.literal(1)).where(th.c.id == moved))
    made = sa.select(moved.label("id")).select_from(query.C).where(moved.is_not(None), unstored)
    members = _Listing(conn, ThreadFilters())  # every thread's members (expressions only: nothing is read here)
    moved_in = members.moved_in(f.actor) if f.actor else None
    if f.actor and moved_in is not None:
        stored = stored.where(members.holds(f.actor, th.c.id, moved_in))
    read: _Ids = made  # the threads whose members are read for their series, topics and title
    if f.q:  # a stored thread without a title is titled by its first member: read with the moved ones
        words = f.q.lower()
        untitled = sa.func.coalesce(th.c.title, "") == ""
        titled = sa.func.lower(th.c.title, type_=sa.Text).contains(words, autoescape=True)
        stored = stored.where(sa.not_(untitled), sa.or_(titled, th.c.id.in_(members.saying(words))))
        read = sa.union(made, sa.select(th.c.id).where(untitled))
    if f.series or f.topic or f.q:  # their series, topics and title are their first member's (rows() checks actors)
        listed = _Listing(conn, f, only=read).rows()[0].subquery("made")
        made = sa.select(listed.c.id.label("id")).select_from(listed)
    else:
        made = made.distinct().where(*_on_steps_and_status(moved, f))
        if moved_in is not None:  # a thread only a move made holds moved statements alone
            made = made.where(moved.in_(moved_in))
    return [stored.where(*_on_steps_and_status(th.c.id, f)), made]


def _on_steps_and_status(tid: sa.ColumnElement[Any], f: ThreadFilters) -> list[sa.ColumnElement[bool]]:
    """The conditions on thread ``tid`` of the filters on its status and its steps."""
    st, ts = t.thread_status, t.thread_steps
    out = []
    if f.status:
        status = sa.select(st.c.status).where(st.c.thread_id == tid).scalar_subquery()
        out.append(sa.func.coalesce(status, "open") == f.status)
    if f.steps is not None and f.steps > 0:
        out.append(sa.select(sa.func.count()).where(ts.c.thread_id == tid, ts.c.label != "dropped")
                   .scalar_subquery() >= f.steps)
    return out


def _id_page(conn: Connection, queries: list[sa.Select[Any]], sort: str, cursor: str | None,
             n: int, desc: bool) -> tuple[list[str], str | None]:
    """A keyset page of thread ids drawn from ``queries`` (each in id order), merged."""
    after = query.decode_cursor(cursor, 2) if cursor else None
    if after is not None and after[0] != sort:
        raise StoreError("bad cursor: it belongs to another sort; start again from the first page")
    parts = []
    for q in queries:
        tid = q.selected_columns[0]
        if after is not None:
            q = q.where(tid < after[1] if desc else tid > after[1])
        parts.append(sa.select(q.order_by(tid.desc() if desc else tid).limit(n + 1).subquery().c.id))
    merged = sa.union_all(*parts).subquery("merged")  # ordered by the database, as the cursor compares
    page_q = sa.select(merged.c.id).order_by(merged.c.id.desc() if desc else merged.c.id).limit(n + 1)
    try:
        ids = list(conn.execute(page_q).scalars())
    except sa.exc.DBAPIError:  # a cursor made by hand, with a value of the wrong type
        raise StoreError("bad cursor: start again from the first page") from None
    more, ids = len(ids) > n, ids[:n]
    return ids, query.encode_cursor([sort, ids[-1]]) if more else None


def page(conn: Connection, f: ThreadFilters, *, sort: str = "id", cursor: str | None = None,
         limit: int | None = 50) -> Page:
    """One page of threads in ``sort`` order after ``cursor`` (the ``next`` of the page before).

    Ordered by id, the page's threads are found first (``_ids``) and only their members read; in
    another order, the page is read off the kept sort keys (``refresh_sort_keys``), or they are
    grouped from the members' dates alone where none are kept for the store as it is now, and the
    page's rows are read after."""
    name, desc = _sort(sort)
    if name == "id" and _by_id(f):
        wanted, nxt = _id_page(conn, _ids(conn, f), sort, cursor, query._limit(limit), desc)
        return Page(_rows_of(conn, wanted), nxt)
    if _by_id(f):  # sorted by date or size: the threads' keys (kept, or grouped), then the page's rows
        keyed = _Listing(conn, f).sort_keys(name, sort_keys_kept(conn)).subquery("keyed")
        got, nxt = query.keyset(conn, sa.select(keyed.c.id, keyed.c.key.label("_k0"), keyed.c.id.label("_k1")),
                                [keyed.c.key, keyed.c.id], sort, cursor, query._limit(limit), desc)
        return Page(_rows_of(conn, [r.id for r in got]), nxt)
    listing = _Listing(conn, f)
    rows, sort_cols = listing.rows()
    keys = [sort_cols[name], sort_cols["id"]] if name != "id" else [sort_cols["id"]]
    sub = rows.add_columns(*[k.label(f"_k{i}") for i, k in enumerate(keys)]).subquery("listing")
    sub_keys: list[sa.ColumnElement[Any]] = [sub.c[f"_k{i}"] for i in range(len(keys))]
    got, nxt = query.keyset(conn, sa.select(sub), sub_keys, sort, cursor, query._limit(limit), desc)
    return Page(_page_rows(listing, conn, got), nxt)


def _rows_of(conn: Connection, wanted: list[str]) -> list[dict[str, Any]]:
    """The listing rows of the threads ``wanted``, in that order, only their members read."""
    if not wanted:
        return []
    listing = _Listing(conn, ThreadFilters(), only=wanted)
    sub = listing.rows()[0].subquery("listing")
    place = {tid: n for n, tid in enumerate(wanted)}
    found = sorted(conn.execute(sa.select(sub).where(sub.c.id.in_(wanted))).all(), key=lambda r: place[r.id])
    return _page_rows(listing, conn, found)


def _page_rows(listing: _Listing, conn: Connection, got: Sequence[Any]) -> list[dict[str, Any]]:
    details = listing.details(conn, [r.id for r in got]) if got else {}
    out = []
    for r in got:
        row = {k: jsonable(v) for k, v in r._mapping.items() if not k.startswith("_k")}
        row["topics"] = json.loads(row["topics"]) if isinstance(row["topics"], str) else row["topics"] or []
        out.append({**row, **details[r.id]})
    return out


def count(conn: Connection, f: ThreadFilters, time_limit_ms: int | None = None) -> int | None:
    """How many threads pass the filters; None when counting takes longer than ``time_limit_ms``."""
    if _by_id(f):
        parts = [sa.select(sa.func.count()).select_from(q.subquery()) for q in _ids(conn, f)]
        q = sa.select(sum((p.scalar_subquery() for p in parts[1:]), parts[0].scalar_subquery()))
    else:
        rows, _ = _Listing(conn, f).rows()
        q = sa.select(sa.func.count()).select_from(rows.subquery())
    try:
        with query.time_limit(conn, time_limit_ms):
            return conn.execute(q).scalar() or 0
    except query.TimedOut:
        return None


_SORT_KEYS_LOCK = 4242424243  # pg_advisory_xact_lock key: one refresh at a time
_CARRIED_MOST = 2000  # threads a write may change and still carry the keys (each id is one bound value)


def uses_sort_keys(f: ThreadFilters, sort: str) -> bool:
    """Whether a listing in ``sort`` order reads the threads' sort keys (``refresh_sort_keys``)."""
    return _sort(sort)[0] != "id" and _by_id(f)


def sort_keys_kept(conn: Connection) -> bool:
    """Whether ``thread_sort_keys`` was made at the store's present change count."""
    made_at = db.counter(conn, db.SORT_KEYS_ROW)
    return made_at is not None and made_at == db.changes(conn)


def refresh_sort_keys(engine: Engine) -> None:
    """Makes ``thread_sort_keys`` again when a write changed the store since it was made (every
    write counts one change): the first sorted listing after a write groups every thread once, those
    after it read pages off the indexes. Not itself counted as a change. Where the store cannot be
    written now (read-only, or busy past the timeout), nothing is kept and listings group live: an
    error of the grouping itself shows there. Whether they are current is asked without the write
    lock, which a listing takes only to make them."""
    with engine.connect() as conn:
        if sort_keys_kept(conn):
            return
    try:
        with db.write_transaction(engine, store_lock=False, counted=False) as conn:
            if conn.dialect.name == "postgresql":
                conn.execute(sa.text("SELECT pg_advisory_xact_lock(:k)"), {"k": _SORT_KEYS_LOCK})
            if sort_keys_kept(conn):  # another listing made them meanwhile
                return
            made_at = db.changes(conn)  # read before the keys: they are at least this new
            keys = t.thread_sort_keys
            conn.execute(sa.delete(keys))
            conn.execute(sa.insert(keys).from_select([c.name for c in keys.columns],
                                                     _Listing(conn, ThreadFilters()).grouped()))
            db.set_counter(conn, db.SORT_KEYS_ROW, made_at)
    except sa.exc.DBAPIError:  # SQLite: "readonly database", "database is locked"; PostgreSQL: a read-only role
        return


def carry_sort_keys(conn: Connection, touched: Iterable[str] = (), *, statements: Sequence[str] = ()) -> None:
    """Inside a counted write that changes the members of the ``touched`` threads and of those
    holding the ``statements`` (keys) only (none: no thread's members, as a status or a score): where the
    kept keys were current before it, those threads' keys are made again and the keys stamped with
    the count the write commits at, so that a review, an import or an ingest does not cost the
    next sorted listing a refresh of every thread. A write that changes more than ``_CARRIED_MOST``
    threads (a replay) leaves the keys behind, for ``refresh_sort_keys``."""
    # On PostgreSQL, with a refresh or another write's carry under way, this one steps aside: the
    # keys end up stamped stale (remade by the next sorted listing), never current and wrong.
    if conn.dialect.name == "postgresql" and not conn.execute(
            sa.text("SELECT pg_try_advisory_xact_lock(:k)"), {"k": _SORT_KEYS_LOCK}).scalar():
        return
    changed = set(touched)
    if len(changed) > _CARRIED_MOST or not sort_keys_kept(conn):
        return  # a write that rewrote most threads (a replay) leaves them to the next listing
    tids = sorted(changed | held_by(conn, sorted(set(statements))))
    if len(tids) > _CARRIED_MOST:
        return
    if tids:
        keys = t.thread_sort_keys
        conn.execute(sa.delete(keys).where(keys.c.thread_id.in_(tids)))
        g = _Listing(conn, ThreadFilters(), only=tids).grouped().subquery("g")
        conn.execute(sa.insert(keys).from_select([c.name for c in keys.columns],
                                                 sa.select(*g.c).where(g.c.thread_id.in_(tids))))
    db.set_counter(conn, db.SORT_KEYS_ROW, db.changes(conn) + 1)


def held_by(conn: Connection, keys: list[str]) -> set[str]:
    """The threads whose members change when statements ``keys`` do (reviewed, stored or superseded):
    those whose steps hold one of them and those a reviewer moved one to."""
    held = {tid for tids in query.thread_holders(conn, keys=keys).values() for tid in tids}
    C = t.corrections
    for i in range(0, len(keys), 500):
        for changes in conn.execute(sa.select(C.c.changes).where(C.c.key.in_(keys[i:i + 500]))).scalars():
            if changes and changes.get("thread"):
                held.add(str(changes["thread"]))
    return held

