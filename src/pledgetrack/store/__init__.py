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
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import IO, Any

import sqlalchemy as sa

from . import db, exchange, fts, query, schema as t, semantic, status
from .errors import StoreError
from .ingest import Ingester, Progress
from .records import STATUSES, IngestReport, SearchHit
from .review import ACTIONS, review as _review

__all__ = ["Store", "StoreError", "IngestReport", "SearchHit", "STATUSES", "ACTIONS"]


class Store:
    """A pledgetrack database. Open with ``Store.open``; the schema is migrated on open."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.engine = db.make_engine(url)
        db.migrate(self.engine)

    @classmethod
    def open(cls, url_or_path: str | os.PathLike | None = None) -> "Store":
        try:
            return cls(db.resolve_url(url_or_path))
        except sa.exc.OperationalError as exc:
            raise StoreError(f"cannot open the store at {db.resolve_url(url_or_path)}: "
                             f"{str(exc.orig).strip().splitlines()[0]}") from None

    @property
    def backend(self) -> str:
        return self.engine.dialect.name

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    # --- storage -----------------------------------------------------------------------------
    def ingest(self, paths: Iterable[str | os.PathLike], *, date: str | None = None, force: bool = False,
               taxonomy: str | Path | None = None, progress: Progress | None = None,
               on_error: Callable[[str], None] | None = None) -> IngestReport:
        """Stores files (directories give their documents): new ones added, changed ones as a new
        version, unchanged ones skipped; ``force`` extracts stored ones again (corrections stay)."""
        return Ingester(self.engine, date=date, force=force, taxonomy=taxonomy, progress=progress).run(
            paths, on_error=on_error)

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
        """Statements with review corrections applied; see ``query.Filters`` for the filters."""
        with self.engine.connect() as conn:
            return query.statements(conn, query.Filters.of(**filters))

    def statement(self, ident: str | int) -> dict[str, Any]:
        with self.engine.connect() as conn:
            found = query.resolve(conn, ident)
        if found is None:
            raise StoreError(f"no statement {ident}")
        return found

    def search(self, text: str, *, semantic_search: bool = False, limit: int = 20, **filters: Any) -> list[SearchHit]:
        """Full-text search (FTS5 / tsvector) with the matching words in «…», or semantic search."""
        f = query.Filters.of(**filters)
        with self.engine.connect() as conn:
            if semantic_search:
                pool = query.statements(conn, f)
                return [SearchHit(r, r["sentence"], round(score, 4)) for r, score in semantic.rank(text, pool, limit)]
            rank = fts.matches(conn, text)
            if not rank:
                return []
            rows = query.statements(conn, f, ids=list(rank))
            rows.sort(key=lambda r: (-rank[r["id"]], r["id"]))
            rows = rows[:limit] if limit else rows
            marked = fts.highlights(conn, text, [r["id"] for r in rows])
        return [SearchHit(r, marked.get(r["id"], r["sentence"]), round(rank[r["id"]], 4)) for r in rows]

    # --- review -----------------------------------------------------------------------------------
    def review(self, statement_id: str | int, action: str, changes: dict[str, Any] | None = None,
               user: str | None = None) -> dict[str, Any]:
        """accept | correct (actors, commitment, topics, act, thread) | reject; audited."""
        with db.write_transaction(self.engine, store_lock=False) as conn:
            return _review(conn, statement_id, action, changes, user)

    def audit_log(self, entity_id: str | None = None) -> list[dict[str, Any]]:
        q = sa.select(t.audit_log).order_by(t.audit_log.c.id)
        if entity_id:
            q = q.where(t.audit_log.c.entity_id == entity_id)
        with self.engine.connect() as conn:
            return [exchange.row_dict(r) for r in conn.execute(q)]

    # --- threads and status ----------------------------------------------------------------------
    def threads(self, *, singletons: bool = False) -> list[dict[str, Any]]:
        with self.engine.connect() as conn:
            return status.threads(conn, singletons=singletons)

    def thread(self, thread_id: str) -> dict[str, Any]:
        with self.engine.connect() as conn:
            view = status.thread(conn, thread_id)
            view["suggestions"] = status.suggest(conn, view)
            return view

    def set_status(self, thread_id: str, status_: str | None = None, note: str | None = None,
                   user: str | None = None, *, evidence: Iterable[str] = (), url: str | None = None) -> dict[str, Any]:
        """Sets a thread's status and/or adds evidence (statements, a note, a link); audited."""
        with db.write_transaction(self.engine, store_lock=False) as conn:
            return status.set_status(conn, thread_id, status_, note, user, list(evidence), url)

    def score_party(self, thread_id: str, party: str, score: int, note: str | None = None,
                    user: str | None = None) -> dict[str, Any]:
        with db.write_transaction(self.engine, store_lock=False) as conn:
            status.score_party(conn, thread_id, party, score, note, user)
            return status.compliance(conn, thread_id)

    def compliance(self, thread_id: str) -> dict[str, Any]:
        with self.engine.connect() as conn:
            return status.compliance(conn, thread_id)

    def deadlines(self, today: str | None = None) -> list[dict[str, Any]]:
        """Deadlines passed with no evidence of what became of the commitment."""
        with self.engine.connect() as conn:
            return status.overdue(conn, today)

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
        records = exchange.read_records(fh, "csv" if fmt == "csv" else "jsonl")
        with db.write_transaction(self.engine, store_lock=False) as conn:
            if fmt == "prodigy":
                return exchange.import_prodigy(conn, records, user)
            if fmt == "labelstudio":
                return exchange.import_labelstudio(conn, records, user)
            if fmt in ("csv", "jsonl"):
                if not table:
                    raise StoreError("importing csv or jsonl needs the table it holds")
                return exchange.import_table(conn, table, records, user)
        raise StoreError(f"unknown format {fmt!r}; formats: {', '.join(exchange.FORMATS)}")

    # --- summary -----------------------------------------------------------------------------------
    def summary(self) -> dict[str, Any]:
        with self.engine.connect() as conn:
            count = lambda q: conn.execute(q).scalar() or 0  # noqa: E731
            d, s = t.documents, t.statements
            current = sa.select(s.c.id).join(d, d.c.id == s.c.document_id).where(d.c.superseded.is_(False))
            rows = query.statements(conn, query.Filters(include_rejected=True))
            reviews: dict[str, int] = {}
            for r in rows:
                reviews[r["review"] or "unreviewed"] = reviews.get(r["review"] or "unreviewed", 0) + 1
            statuses: dict[str, int] = {}
            for v in status.threads(conn):
                statuses[v["status"]] = statuses.get(v["status"], 0) + 1
            series: dict[str, int] = {}
            for r in conn.execute(sa.select(d.c.series, sa.func.count()).where(d.c.superseded.is_(False))
                                  .group_by(d.c.series)):
                series[r[0] or "?"] = r[1]
            return {
                "backend": self.backend,
                "documents": count(sa.select(sa.func.count()).select_from(d).where(d.c.superseded.is_(False))),
                "superseded_versions": count(sa.select(sa.func.count()).select_from(d).where(d.c.superseded.is_(True))),
                "statements": count(sa.select(sa.func.count()).select_from(current.subquery())),
                "commitments": sum(1 for r in rows if r["commitment"] and r["review"] != "rejected"),
                "threads": count(sa.select(sa.func.count()).select_from(t.threads)),
                "glossary_terms": len({g["acronym"] for g in self.glossary()}),
                "agreements": count(sa.select(sa.func.count()).select_from(t.agreements)),
                "reviews": reviews, "thread_status": statuses, "series": series,
                "dates": [conn.execute(sa.select(sa.func.min(d.c.date))).scalar(),
                          conn.execute(sa.select(sa.func.max(d.c.date))).scalar()],
            }
