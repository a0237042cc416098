"""The store: a collection of documents, statements and threads kept over time.

SQLite by default (``pledgetrack.db`` here, or ``$PLEDGETRACK_DB``), PostgreSQL by URL::

    >>> from pledgetrack.store import Store
    >>> store = Store.open()                      # or Store.open("postgresql://user@host/db")
    >>> report = store.ingest(["corpus/seeds"])
    >>> hits = store.search("nuclear deterrence", actor="USA")
    >>> store.review(hits[0].statement["key"], "correct", {"topics": ["deterrence"]}, user="ana")

Everything returned is a plain dict or dataclass, ready for JSON.
"""
from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

import sqlalchemy as sa
from sqlalchemy.pool import QueuePool

from . import db, deadlines, evidence, exchange, query, status, threadlist
from . import schema as t
from .errors import StoreError
from .query import Page
from .records import STATUSES, IngestReport, SearchHit
from .review import ACTIONS, reviewed_since
from .review import log_end as review_log_end
from .review import review as _review

if TYPE_CHECKING:
    from ..ingest.sidecar import Sidecar

__all__ = ["Store", "StoreError", "IngestReport", "Page", "SearchHit", "STATUSES", "ACTIONS"]
Progress = Callable[[str, str], None]  # (document name, what happened), as ``ingest.Progress``


def _pages(fetch: Callable[[str | None, int], Page], limit: int | None, chunk: int) -> Iterator[dict[str, Any]]:
    """The rows of a keyset listing read a page of ``chunk`` at a time (``limit``: the first so many)."""
    cursor, left = None, limit or None
    while True:
        page = fetch(cursor, min(chunk, left) if left else chunk)
        yield from page.rows
        if left:
            left -= len(page.rows)
        if not page.next or (left is not None and left <= 0):
            return
        cursor = page.next


class Store:
    """A pledgetrack database. Open with ``Store.open``; the schema is migrated on open."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.engine = db.make_engine(url)
        db.migrate(self.engine)
        self._watch = db.change_watch(self.engine)

    @classmethod
    def open(cls, url_or_path: str | os.PathLike | None = None) -> Store:
        try:
            return cls(db.resolve_url(url_or_path))
        except sa.exc.OperationalError as exc:
            raise StoreError(f"cannot open the store at {db.resolve_url(url_or_path)}: "
                             f"{str(exc.orig).strip().splitlines()[0]}") from None

    @property
    def backend(self) -> str:
        return self.engine.dialect.name

    def changes(self) -> int:
        """A number every write to the store (ingest, review, status, import) increases."""
        if self._watch is not None:
            return self._watch()
        with self.engine.connect() as conn:
            return db.changes(conn)

    def close(self) -> None:
        if self._watch is not None:
            self._watch.close()
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    # --- storage -----------------------------------------------------------------------------
    def ingest(self, paths: Iterable[str | os.PathLike], *, date: str | None = None, force: bool = False,
               taxonomy: str | Path | None = None, progress: Progress | None = None,
               on_error: Callable[[str], None] | None = None, meta: Sidecar | None = None,
               engine: str = "local", address: str | None = None, workers: int | None = None) -> IngestReport:
        """Stores files (directories give their documents): new ones added, changed ones as a new
        version, unchanged ones skipped; ``force`` extracts stored ones again (corrections stay);
        ``meta`` (a metadata sidecar) gives titles, dates and links. ``engine`` "ray" extracts on
        Ray (``address``: a cluster; ``workers``: actors), see ``engines``."""
        from . import engines
        from .ingest import Ingester  # the extraction pipeline (spaCy) loads only for ingest
        extract = engines.make(engine, address=address, workers=workers)
        try:
            report = Ingester(self.engine, date=date, force=force, taxonomy=taxonomy, progress=progress,
                              meta=meta, extract=extract).run(paths, on_error=on_error)
            db.optimize(self.engine)
            return report
        finally:
            if isinstance(extract, engines.RayEngine):
                extract.close()

    def documents(self, *, include_superseded: bool = False) -> list[dict[str, Any]]:
        d = t.documents
        cols = [c for c in d.columns if c.name not in ("source_text", "text", "paragraphs")]
        q = sa.select(*cols, sa.select(sa.func.count()).where(t.statements.c.document_id == d.c.id)
                      .scalar_subquery().label("statements"))
        if not include_superseded:
            q = q.where(d.c.superseded.is_(False))
        with self.engine.connect() as conn:
            return [exchange.row_dict(r) for r in conn.execute(q.order_by(d.c.date.nulls_last(), d.c.name, d.c.version))]

    def document_text(self, name: str, version: int | None = None) -> dict[str, Any]:
        d = t.documents
        q = sa.select(d).where(d.c.name == name)
        q = q.where(d.c.version == version) if version else q.where(d.c.superseded.is_(False))
        with self.engine.connect() as conn:
            row = conn.execute(q).first()
        if row is None:
            raise StoreError(f"no document {name}")
        return exchange.row_dict(row)

    def glossary(self) -> list[dict[str, Any]]:
        g, d = t.glossary, t.documents
        q = (sa.select(g.c.acronym, g.c.expansion, g.c.doc, g.c.start).join(d, d.c.id == g.c.document_id)
             .where(d.c.superseded.is_(False)).order_by(d.c.date.nulls_last(), g.c.id))
        with self.engine.connect() as conn:
            seen: dict[str, dict[str, Any]] = {}
            for r in conn.execute(q):
                seen.setdefault(r.acronym, dict(r._mapping))
        return sorted(seen.values(), key=lambda e: e["acronym"].lower())

    def agreements(self) -> list[dict[str, Any]]:
        a, sa_ = t.agreements, t.statement_agreements
        q = (sa.select(a.c.id, a.c.name, sa.func.count(sa_.c.statement_id).label("mentions"))
             .outerjoin(sa_, sa_.c.agreement_id == a.c.id).group_by(a.c.id, a.c.name).order_by(a.c.name))
        with self.engine.connect() as conn:
            return [dict(r._mapping) for r in conn.execute(q)]

    # --- statements and search -------------------------------------------------------------------
    def statements(self, **filters: Any) -> list[dict[str, Any]]:
        """Every statement that passes the filters, review corrections applied; see ``query.Filters``."""
        with self.engine.connect() as conn:
            return query.statements(conn, query.Filters.of(**filters))

    def statements_page(self, *, sort: str = "date", cursor: str | None = None, limit: int | None = 50,
                        **filters: Any) -> Page:
        """One page of statements in ``sort`` order (``query.SORTS``, "-" descends), after ``cursor``
        (the ``next`` of the page before)."""
        with self.engine.connect() as conn:
            return query.page(conn, query.Filters.of(**filters), sort=sort, cursor=cursor, limit=limit)

    def iter_statements(self, text: str | None = None, *, sort: str = "date", limit: int | None = None,
                        chunk: int = 500, **filters: Any) -> Iterator[dict[str, Any]]:
        """Every statement of a listing (or every hit of a search for ``text``, with its
        ``highlight`` and ``score``), read a page at a time; ``limit``: the first so many."""
        def fetch(cursor: str | None, size: int) -> Page:
            if not text:
                return self.statements_page(sort=sort, cursor=cursor, limit=size, **filters)
            page = self.search_page(text, cursor=cursor, limit=size, **filters)
            for r in page.rows:
                r["highlight"], r["score"] = page.highlights.get(r["id"]), round(page.scores[r["id"]], 4)
            return page
        return _pages(fetch, limit, chunk)

    def count(self, text: str | None = None, *, time_limit_ms: int | None = None, **filters: Any) -> int | None:
        """How many statements pass the filters (and match ``text``, when given); None when
        counting would take longer than ``time_limit_ms``."""
        with self.engine.connect() as conn:
            return query.count(conn, query.Filters.of(**filters), text, time_limit_ms)

    def facets(self, text: str | None = None, *, ids: list[int] | None = None, time_limit_ms: int | None = None,
               **filters: Any) -> dict[str, list[tuple[str, int]]]:
        """Counts per actor, act, commitment, topic, series and year over the filtered statements
        (matching ``text``; or among ``ids``, e.g. a search page's ``matched``); a facet that
        takes longer than ``time_limit_ms`` is left out."""
        with self.engine.connect() as conn:
            return query.facets(conn, query.Filters.of(**filters), text, ids=ids, time_limit_ms=time_limit_ms)

    def topic_counts(self, **filters: Any) -> list[tuple[str, str, int, int]]:
        """(topic, document name, statements, commitments) for every topic and document."""
        with self.engine.connect() as conn:
            return query.topic_counts(conn, query.Filters.of(**filters))

    def statement(self, ident: str | int) -> dict[str, Any]:
        with self.engine.connect() as conn:
            found = query.resolve(conn, ident)
        if found is None:
            raise StoreError(f"no statement {ident}")
        return found

    def search(self, text: str, *, semantic_search: bool = False, limit: int = 20, **filters: Any) -> list[SearchHit]:
        """Full-text search (FTS5 / tsvector) with the matching words in «…», or semantic search;
        the best ``limit`` hits (0: all)."""
        if semantic_search:
            from . import semantic  # the embedding model loads only when asked for
            with self.engine.connect() as conn:
                pool = query.statements(conn, query.Filters.of(**filters))
            return [SearchHit(r, r["sentence"], round(score, 4)) for r, score in semantic.rank(text, pool, limit)]
        if limit:
            return self.search_page(text, limit=limit, **filters).hits()
        hits, cursor = [], None  # limit 0: every hit, a page at a time
        while True:
            p = self.search_page(text, cursor=cursor, limit=query.MAX_LIMIT, **filters)
            hits.extend(p.hits())
            if not p.next:
                return hits
            cursor = p.next

    def search_page(self, text: str, *, cursor: str | None = None, limit: int | None = 20, sample: int = 0,
                    facets: bool = False, **filters: Any) -> Page:
        """One page of full-text hits, best first, after ``cursor``; ``Page.hits()`` gives them;
        ``sample``: ``Page.matched`` holds the ids of the best so many hits and, with ``facets``,
        ``Page.facets`` their counts per actor, act, commitment, topic, series and year."""
        beside = self.engine.connect if facets and sample and isinstance(self.engine.pool, QueuePool) else None
        with self.engine.connect() as conn:
            return query.search(conn, query.Filters.of(**filters), text, cursor=cursor, limit=limit, sample=sample,
                                facets=facets, beside=beside)

    # --- review -----------------------------------------------------------------------------------
    def review(self, statement_id: str | int, action: str, changes: dict[str, Any] | None = None,
               user: str | None = None) -> dict[str, Any]:
        """accept | correct (actors, commitment, topics, act, thread) | reject; audited."""
        with db.write_transaction(self.engine, store_lock=False) as conn:
            found = query.resolve(conn, statement_id)
            before = threadlist.held_by(conn, [found["key"]]) if found else set()  # the thread it may leave
            after = _review(conn, statement_id, action, changes, user)
            threadlist.carry_sort_keys(conn, before, statements=[after["key"]])
            return after

    def audit_log(self, entity_id: str | None = None) -> list[dict[str, Any]]:
        q = sa.select(t.audit_log).order_by(t.audit_log.c.id)
        if entity_id:
            q = q.where(t.audit_log.c.entity_id == entity_id)
        with self.engine.connect() as conn:
            return [exchange.row_dict(r) for r in conn.execute(q)]

    # --- threads and status ----------------------------------------------------------------------
    def threads(self, *, singletons: bool = False) -> list[dict[str, Any]]:
        """Every thread whole (members, steps, evidence); a listing pages with ``threads_page``."""
        with self.engine.connect() as conn:
            return status.threads(conn, singletons=singletons)

    def statement_threads(self, rows: list[dict[str, Any]]) -> dict[str, list[dict[str, str]]]:
        """The threads (id, title) that statement rows are in, by statement key."""
        with self.engine.connect() as conn:
            return status.statement_threads(conn, rows)

    def threads_page(self, *, sort: str = "id", cursor: str | None = None, limit: int | None = 50,
                     **filters: Any) -> Page:
        """One page of the thread listing in ``sort`` order (``threadlist.SORTS``, "-" descends),
        after ``cursor``; filters as ``threadlist.ThreadFilters``. Rows hold counts, not members."""
        f = threadlist.ThreadFilters.of(**filters)
        if threadlist.uses_sort_keys(f, sort):  # before the read, so that its snapshot holds them
            threadlist.refresh_sort_keys(self.engine)
        with self.engine.connect() as conn:
            return threadlist.page(conn, f, sort=sort, cursor=cursor, limit=limit)

    def iter_threads(self, *, sort: str = "id", limit: int | None = None, chunk: int = 500,
                     **filters: Any) -> Iterator[dict[str, Any]]:
        """Every row of a thread listing (``limit``: the first so many), read a page at a time."""
        return _pages(lambda cursor, size: self.threads_page(sort=sort, cursor=cursor, limit=size, **filters),
                      limit, chunk)

    def count_threads(self, *, time_limit_ms: int | None = None, **filters: Any) -> int | None:
        """How many threads pass the filters (as ``threads_page``); None when counting would take
        longer than ``time_limit_ms``."""
        with self.engine.connect() as conn:
            return threadlist.count(conn, threadlist.ThreadFilters.of(**filters), time_limit_ms)

    def thread(self, thread_id: str) -> dict[str, Any]:
        with self.engine.connect() as conn:
            view = status.thread(conn, thread_id)
            view["suggestions"] = evidence.suggest(conn, view)
            return view

    def set_status(self, thread_id: str, status_: str | None = None, note: str | None = None,
                   user: str | None = None, *, evidence: Iterable[str] = (), url: str | None = None) -> dict[str, Any]:
        """Sets a thread's status and/or adds evidence (statements, a note, a link); audited."""
        with db.write_transaction(self.engine, store_lock=False) as conn:
            threadlist.carry_sort_keys(conn)  # a thread's members stay as they are
            return status.set_status(conn, thread_id, status_, note, user, list(evidence), url)

    def score_party(self, thread_id: str, party: str, score: int, note: str | None = None,
                    user: str | None = None) -> dict[str, Any]:
        with db.write_transaction(self.engine, store_lock=False) as conn:
            threadlist.carry_sort_keys(conn)
            status.score_party(conn, thread_id, party, score, note, user)
            return status.compliance(conn, thread_id)

    def compliance(self, thread_id: str) -> dict[str, Any]:
        with self.engine.connect() as conn:
            return status.compliance(conn, thread_id)

    def deadlines_page(self, today: str | None = None, *, cursor: str | None = None,
                       limit: int | None = 50) -> Page:
        """One page of the deadlines passed with no evidence of what became of the commitment, the
        latest first (a thread once, at its latest passed deadline), after ``cursor``."""
        with self.engine.connect() as conn:
            return deadlines.overdue(conn, today, cursor=cursor, limit=limit)

    def deadlines(self, today: str | None = None, *, limit: int | None = None, chunk: int = 50) -> list[dict[str, Any]]:
        """The rows of the deadlines listing (``limit``: the first so many), read a page at a time."""
        return list(_pages(lambda cursor, size: self.deadlines_page(today, cursor=cursor, limit=size), limit, chunk))

    # --- export and import -----------------------------------------------------------------------
    def export(self, table: str, fmt: str, fh: IO[str]) -> int:
        """Writes a table (csv, jsonl) or the statements for review (prodigy, labelstudio)."""
        if fmt not in exchange.FORMATS:
            raise StoreError(f"unknown format {fmt!r}; formats: {', '.join(exchange.FORMATS)}")
        with self.engine.connect() as conn:
            if fmt in ("prodigy", "labelstudio"):
                return exchange.write_statements(conn, fmt, fh)
            return exchange.write_table(conn, table, fmt, fh)

    def import_(self, fh: IO[str], fmt: str, table: str | None = None, user: str | None = None) -> dict[str, int]:
        """Loads reviews back: Prodigy or Label Studio JSONL, or a corrections/status/evidence table."""
        if fmt not in ("prodigy", "labelstudio", "csv", "jsonl"):
            raise StoreError(f"unknown format {fmt!r}; formats: {', '.join(exchange.FORMATS)}")
        if fmt in ("csv", "jsonl") and not table:
            raise StoreError("importing csv or jsonl needs the table it holds")
        records = exchange.read_records(fh, "csv" if fmt == "csv" else "jsonl")
        with db.write_transaction(self.engine, store_lock=False) as conn:
            since = review_log_end(conn)
            if fmt == "prodigy":
                done = exchange.import_prodigy(conn, records, user)
            elif fmt == "labelstudio":
                done = exchange.import_labelstudio(conn, records, user)
            else:
                done = exchange.import_table(conn, str(table), records, user)
            before, keys = reviewed_since(conn, since)
            threadlist.carry_sort_keys(conn, before, statements=keys)
            return done

    # --- summary -----------------------------------------------------------------------------------
    def summary(self) -> dict[str, Any]:
        """Counts of the collection, all on one connection (nothing here takes a second one)."""
        with self.engine.connect() as conn:
            count = lambda q: conn.execute(q).scalar() or 0  # noqa: E731
            d, g = t.documents, t.glossary
            reviews, commitments = query.collection_counts(conn)
            statuses = query.status_counts(conn)
            series = {(r[0] or "?"): r[1] for r in conn.execute(
                sa.select(d.c.series, sa.func.count()).where(d.c.superseded.is_(False)).group_by(d.c.series))}
            terms = (sa.select(sa.func.count(sa.distinct(g.c.acronym))).join(d, d.c.id == g.c.document_id)
                     .where(d.c.superseded.is_(False)))
            return {
                "backend": self.backend,
                "documents": count(sa.select(sa.func.count()).select_from(d).where(d.c.superseded.is_(False))),
                "superseded_versions": count(sa.select(sa.func.count()).select_from(d).where(d.c.superseded.is_(True))),
                "statements": sum(reviews.values()),
                "commitments": commitments,
                "threads": count(sa.select(sa.func.count()).select_from(t.threads)),
                "glossary_terms": count(terms),
                "agreements": count(sa.select(sa.func.count()).select_from(t.agreements)),
                "reviews": reviews, "thread_status": statuses, "series": series,
                "dates": [conn.execute(sa.select(sa.func.min(d.c.date))).scalar(),
                          conn.execute(sa.select(sa.func.max(d.c.date))).scalar()],
            }
