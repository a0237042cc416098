"""``Store.ingest``: files into the store, one document per transaction.

* The same bytes again (same content hash) change nothing.
* A file whose name is stored with other bytes becomes a new version; the old one is kept and
  marked superseded.
* Each document (its row, statements, glossary entries, agreements and the updated threads) is
  written in one transaction, so a killed ingest leaves whole documents only, and the next run
  does the rest (committed documents are skipped by their hash).
"""
from __future__ import annotations

import hashlib
import os
import time
from collections.abc import Callable, Iterable
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from ..errors import PledgetrackError
from ..ingest import load_document
from ..models import Document, ExtractedDocument, Thread
from ..nlp.agreements import agreement_key
from ..nlp.glossary import Glossary, find_definitions
from ..nlp.topics import Taxonomy, load_taxonomy
from ..link import add_document, link_documents
from . import linking, schema as t
from .engines import Extractor, local
from .records import IngestReport, document_to_row, extracted, glossary_from_row, now, statement_to_row

SUFFIXES = {".txt", ".md", ".markdown", ".html", ".htm", ".pdf", ".docx"}
PAUSE_ENV = "PLEDGETRACK_TEST_PAUSE"  # "S" or "S@N": wait S seconds inside each (the Nth) document's transaction
MARK_ENV = "PLEDGETRACK_TEST_MARK"  # file to append "N name" to when that wait starts (tests)

Progress = Callable[[str, str], None]  # (document name, what happened)


def expand_paths(paths: Iterable[str | os.PathLike]) -> list[Path]:
    """Files as given; directories give their documents (recursively, sorted)."""
    out: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            out.extend(sorted(f for f in p.rglob("*") if f.is_file() and f.suffix.lower() in SUFFIXES))
        else:
            out.append(p)
    return out


def _digest(path: Path) -> str | None:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None  # load_document reports it


def _test_hook(n: int, name: str) -> None:
    spec = os.environ.get(PAUSE_ENV)
    if not spec:
        return
    seconds, _, at = spec.partition("@")
    if at and int(at) != n:
        return
    pause = float(seconds)
    if mark := os.environ.get(MARK_ENV):
        with open(mark, "a", encoding="utf-8") as fh:
            fh.write(f"{n} {name}\n")
    time.sleep(pause)


def _model_version() -> str:
    from .. import __version__
    from ..nlp.model import model_version
    return f"pledgetrack-{__version__}/{model_version()}"


class Ingester:
    def __init__(self, engine: Engine, *, date: str | None = None, force: bool = False,
                 taxonomy: Taxonomy | str | Path | None = None, progress: Progress | None = None,
                 extractor: Extractor = local) -> None:
        self.engine, self.date, self.force, self.progress = engine, date, force, progress
        self.extractor = extractor  # in this process, or on Ray (engines.py); same results
        self.taxonomy = taxonomy if isinstance(taxonomy, Taxonomy) else load_taxonomy(taxonomy)
        self.report = IngestReport()
        self.results: dict[str, ExtractedDocument] = {}  # current version of each stored document
        self.threads: list[Thread] = []

    def _say(self, name: str, what: str) -> None:
        if self.progress:
            self.progress(name, what)

    # --- the collection as stored --------------------------------------------------------
    def _load_collection(self, conn: Connection) -> Glossary:
        docs = conn.execute(sa.select(t.documents).where(t.documents.c.superseded.is_(False))
                            .order_by(t.documents.c.date.nulls_last(), t.documents.c.id)).all()
        stmts: dict[int, list] = {}
        for r in conn.execute(sa.select(t.statements).order_by(t.statements.c.id)):
            stmts.setdefault(r.document_id, []).append(r)
        gloss: dict[int, list] = {}
        for r in conn.execute(sa.select(t.glossary).order_by(t.glossary.c.id)):
            gloss.setdefault(r.document_id, []).append(r)
        self.results = {d.name: extracted(d, stmts.get(d.id, []), gloss.get(d.id, [])) for d in docs}
        self.threads = linking.read_threads(conn)
        return Glossary(glossary_from_row(r) for d in docs for r in gloss.get(d.id, []))

    # --- one document ----------------------------------------------------------------------
    def _store(self, conn: Connection, result: ExtractedDocument, replace_id: int | None) -> str:
        doc = result.document
        row = {**document_to_row(doc), "model_version": self.model_version, "ingested_at": now()}
        prior = conn.execute(sa.select(t.documents.c.id, t.documents.c.version)
                             .where(t.documents.c.name == doc.name, t.documents.c.superseded.is_(False))).first()
        if replace_id is not None:  # forced re-extraction of a stored version: new statements, same row
            conn.execute(sa.delete(t.statements).where(t.statements.c.document_id == replace_id))
            conn.execute(sa.delete(t.glossary).where(t.glossary.c.document_id == replace_id))
            conn.execute(sa.update(t.documents).where(t.documents.c.id == replace_id)
                         .values(model_version=row["model_version"], ingested_at=row["ingested_at"]))
            doc_id, what = replace_id, "re-extracted"
        else:
            version = 1
            if prior is not None:
                conn.execute(sa.update(t.documents).where(t.documents.c.id == prior.id).values(superseded=True))
                version = (conn.execute(sa.select(sa.func.max(t.documents.c.version))
                                        .where(t.documents.c.name == doc.name)).scalar() or 0) + 1
            doc_id = conn.execute(sa.insert(t.documents).values(**row, version=version, superseded=False)
                                  .returning(t.documents.c.id)).scalar_one()
            what = "new version" if prior is not None else "added"
        if result.statements:
            conn.execute(sa.insert(t.statements),
                         [{**statement_to_row(s), "document_id": doc_id} for s in result.statements])
        if result.glossary:
            conn.execute(sa.insert(t.glossary), [{"document_id": doc_id, "acronym": g.acronym,
                                                  "expansion": g.expansion, "doc": g.doc, "start": g.start}
                                                 for g in result.glossary])
        self._store_agreements(conn, doc_id)
        # Threads: a new document joins the existing threads; a replaced one relinks the collection.
        before = [r for name, r in self.results.items() if name != doc.name]
        if prior is None and replace_id is None:
            threads = add_document(self.threads, before, result) if before else link_documents([result])
        else:
            threads = link_documents([*before, result])
        self.report.threads = linking.write_threads(conn, threads)
        self._pending_threads = threads
        return what

    def _store_agreements(self, conn: Connection, doc_id: int) -> None:
        rows = conn.execute(sa.select(t.statements.c.id, t.statements.c.agreements)
                            .where(t.statements.c.document_id == doc_id)).all()
        known = {r.key: r.id for r in conn.execute(sa.select(t.agreements.c.id, t.agreements.c.key))}
        links = []
        for r in rows:
            for name in dict.fromkeys(r.agreements):
                key = agreement_key(name)
                if key not in known:
                    known[key] = conn.execute(sa.insert(t.agreements).values(key=key, name=name,
                                                                             first_document_id=doc_id)
                                              .returning(t.agreements.c.id)).scalar_one()
                links.append({"statement_id": r.id, "agreement_id": known[key]})
        if links:
            conn.execute(sa.insert(t.statement_agreements), [dict(x) for x in {tuple(d.items()): d for d in links}.values()])

    # --- the run ---------------------------------------------------------------------------
    def run(self, paths: Iterable[str | os.PathLike], on_error: Callable[[str], None] | None = None) -> IngestReport:
        files = expand_paths(paths)
        with self.engine.connect() as conn:
            stored = {r.content_hash: r for r in conn.execute(
                sa.select(t.documents.c.id, t.documents.c.name, t.documents.c.content_hash,
                          t.documents.c.superseded))}
        todo: list[tuple[Path, int | None]] = []
        seen: set[str] = set()
        for path in files:
            digest = _digest(path)
            if digest is not None and (digest in stored or digest in seen):
                row = stored.get(digest)
                if self.force and row is not None and not row.superseded and digest not in seen:
                    todo.append((path, row.id))
                else:
                    self.report.unchanged.append(path.name)
                    self._say(path.name, "unchanged")
                if digest:
                    seen.add(digest)
                continue
            if digest:
                seen.add(digest)
            todo.append((path, None))
        docs: list[tuple[Document, int | None]] = []
        for path, replace_id in todo:
            try:
                # One --date for several files fills only the dates their texts lack.
                docs.append((load_document(path, date=self.date, fill_date=len(todo) > 1), replace_id))
            except PledgetrackError as exc:
                self.report.errors.append(str(exc))
                self._say(path.name, "error")
                if on_error:
                    on_error(str(exc))
        with self.engine.connect() as conn:
            glossary = self._load_collection(conn)
        if not docs:
            return self.report
        self.model_version = _model_version()
        for doc, _ in docs:
            for entry in find_definitions(doc):
                glossary.add(entry)
        docs.sort(key=lambda d: (d[0].meta.date or "9999", d[0].name))
        results = self.extractor([doc for doc, _ in docs], glossary, self.taxonomy)
        for n, ((doc, replace_id), result) in enumerate(zip(docs, results), 1):
            with self.engine.begin() as conn:
                what = self._store(conn, result, replace_id)
                _test_hook(n, doc.name)
            self.results[doc.name] = result
            self.threads = self._pending_threads
            self.report.statements += len(result.statements)
            {"added": self.report.added, "new version": self.report.versions,
             "re-extracted": self.report.reextracted}[what].append(doc.name)
            self._say(doc.name, what)
        return self.report
