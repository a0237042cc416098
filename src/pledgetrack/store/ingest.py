"""``Store.ingest``: files into the store, one document per transaction, safe with other writers.

* The same bytes again (same content hash) change nothing.
* The same text from another file (another rendering of one communiqué) is stored once: the
  file is added to the document's sources (``document_sources``).
* A file whose name is stored becomes a new version when it is the same file (its path is a
  source of the stored document) or its text is the same one revised; the old version is kept
  and marked superseded. A file of that name with other text from another folder is another
  document, named after its folder ("scm51 (alliance).txt").
* Each document (its row, statements, glossary entries, agreements and the threads it changes)
  is written in one transaction that holds the store-wide write lock and works on the current
  collection (re-read when another writer changed it), so concurrent ingests give the store a
  sequential run gives, and a killed ingest leaves whole documents only; the next run does the rest.
* A run holds each stored document's metadata, hashes and fingerprint, not its text or
  statements: a new document reads the stored documents it is linked against and the threads last
  seen there (``_relink``), so its cost does not grow with the collection.
"""
from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from ..errors import PledgetrackError
from ..ingest import load_document
from ..ingest.limits import DocumentTimeout, bounded, time_limit
from ..ingest.sidecar import Sidecar
from ..link.order import order_documents, sort_key
from ..models import Document, DocumentMeta, ExtractedDocument
from ..nlp.agreements import agreement_key
from ..nlp.glossary import Glossary, find_definitions
from ..nlp.pipeline import extract_document
from ..nlp.topics import Taxonomy, load_taxonomy
from . import db, deadlines, dedupe, evidence, linking, threadlist
from . import schema as t
from .records import IngestReport, document_to_row, extracted, glossary_from_row, now, statement_to_row

SUFFIXES = {".txt", ".md", ".markdown", ".html", ".htm", ".pdf", ".docx"}

Progress = Callable[[str, str], None]  # (document name, what happened)
Extract = Callable[[Document, Glossary, Taxonomy], ExtractedDocument]
OnStored = Callable[[int, str], None]  # (n-th document of the run, name), inside its transaction


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


def _resolved(path: str | None) -> str | None:
    return str(Path(path).resolve()) if path else None


def _model_version() -> str:
    from .. import __version__
    from ..nlp.model import model_version
    return f"pledgetrack-{__version__}/{model_version()}"


@dataclass
class _Plan:
    """What to do with one loaded file, decided against the collection as it stands."""

    action: str  # "unchanged" | "duplicate" | "added" | "new version" | "re-extracted"
    name: str  # the document's name in the store
    target: int | None = None  # the stored document it is a source, a version or a re-extraction of

    @property
    def stored(self) -> int:
        """``target``, for the actions that have one (all but "added")."""
        assert self.target is not None, f"a plan to be {self.action} names no stored document"
        return self.target


@dataclass
class _Stored:
    """One current document as a run holds it: what orders it among the others, always; its text
    and statements (``full``) only once something needed them (a document a new one is linked
    against, one with the same name)."""

    id: int
    stub: ExtractedDocument  # name, date, series, number (no text, no statements): enough to order and window
    sources: set[str]  # resolved paths
    hashes: set[str]
    fingerprint: list[int] | None
    full: ExtractedDocument | None = None


class Ingester:
    """One ingest run. ``extract`` and ``on_stored`` may be replaced (benchmarks, tests)."""

    def __init__(self, engine: Engine, *, date: str | None = None, force: bool = False,
                 taxonomy: Taxonomy | str | Path | None = None, progress: Progress | None = None,
                 meta: Sidecar | None = None, extract: Extract = extract_document,
                 on_stored: OnStored | None = None) -> None:
        self.engine, self.date, self.force, self.progress, self.meta = engine, date, force, progress, meta
        self.extract, self.on_stored = bounded(extract), on_stored  # within the per-document time limit
        # An engine that extracts ahead, in parallel (engines.RayEngine), is sent the run's documents first.
        self.prefetch: Callable[[list[Document], Glossary, Taxonomy], None] | None = getattr(extract, "prefetch", None)
        self.taxonomy = taxonomy if isinstance(taxonomy, Taxonomy) else load_taxonomy(taxonomy)
        self.report = IngestReport()
        self.generation: int | None = None  # of the collection held below
        self.docs: dict[str, _Stored] = {}  # current version of each stored document, by name
        self.known: dict[str, tuple[int, bool, str]] = {}  # file hash -> (document id, superseded, name)
        self.unsaved: set[int] = set()  # documents whose fingerprint was made here, not yet stored
        self.stored_glossary: list = []
        self.glossary = Glossary()  # for extraction: the stored documents' and this run's, fixed for the run

    def _say(self, name: str, what: str) -> None:
        if self.progress:
            self.progress(name, what)

    # --- the collection as stored --------------------------------------------------------
    def load(self) -> None:
        """Reads what the run needs of the stored collection (a run does this once; later only if
        another writer changed it): each document's metadata, hashes and fingerprint, and the glossary."""
        with self.engine.connect() as conn:
            self._sync(conn)
            self.report.threads = _thread_count(conn)

    def _sync(self, conn: Connection) -> None:
        """Makes the in-memory collection the stored one, reading it again only if a writer
        changed it since (the generation is read first, so a later read can only be newer)."""
        gen = db.counter(conn, db.INGESTS_ROW)
        if gen is not None and gen == self.generation:
            return
        d, g = t.documents, t.glossary
        light = [d.c[c] for c in ("id", "name", "path", "content_hash", "title", "date", "series", "number",
                                  "fingerprint")]
        rows = conn.execute(sa.select(*light).where(d.c.superseded.is_(False))
                            .order_by(d.c.date.nulls_last(), d.c.id)).all()
        sources: dict[int, list] = {}
        for r in conn.execute(sa.select(t.document_sources)):
            sources.setdefault(r.document_id, []).append(r)
        self.known = {r.content_hash: (r.document_id, r.superseded, r.name) for r in conn.execute(
            sa.select(t.document_sources.c.content_hash, t.document_sources.c.document_id, d.c.superseded, d.c.name)
            .join(d, d.c.id == t.document_sources.c.document_id))}
        self.known.update({r.content_hash: (r.id, r.superseded, r.name)
                           for r in conn.execute(sa.select(d.c.id, d.c.content_hash, d.c.superseded, d.c.name))})
        self.docs = {}
        self.unsaved.clear()
        for r in rows:
            srcs = sources.get(r.id, [])
            stub = ExtractedDocument(Document(name=r.name, path=r.path, source_text="", text="", meta=DocumentMeta(
                title=r.title, date=r.date, series=r.series, number=r.number)), [])
            self.docs[r.name] = _Stored(r.id, stub, {p for p in (*(_resolved(s.path) for s in srcs), _resolved(r.path)) if p},
                                        {s.content_hash for s in srcs} | {r.content_hash}, r.fingerprint)
        self.stored_glossary = [glossary_from_row(r) for r in conn.execute(
            sa.select(g).join(d, d.c.id == g.c.document_id).where(d.c.superseded.is_(False))
            .order_by(d.c.date.nulls_last(), d.c.id, g.c.id))]
        self.generation = gen

    def _full(self, conn: Connection, names: list[str]) -> dict[str, ExtractedDocument]:
        """The stored documents ``names`` whole (text, statements, glossary), read once each."""
        todo = {self.docs[n].id: self.docs[n] for n in names if self.docs[n].full is None}
        d = t.documents
        for part in (list(todo)[i:i + 500] for i in range(0, len(todo), 500)):
            stmts: dict[int, list] = {}
            for r in conn.execute(sa.select(t.statements).where(t.statements.c.document_id.in_(part))
                                  .order_by(t.statements.c.id)):
                stmts.setdefault(r.document_id, []).append(r)
            gloss: dict[int, list] = {}
            for r in conn.execute(sa.select(t.glossary).where(t.glossary.c.document_id.in_(part))
                                  .order_by(t.glossary.c.id)):
                gloss.setdefault(r.document_id, []).append(r)
            for r in conn.execute(sa.select(d).where(d.c.id.in_(part))):
                todo[r.id].full = extracted(r, stmts.get(r.id, []), gloss.get(r.id, []))
        return {n: self.docs[n].full for n in names}  # type: ignore[misc]  # all read just now

    def _bump(self, conn: Connection) -> None:
        gen = (self.generation or 0) + 1
        db.set_counter(conn, db.INGESTS_ROW, gen)
        self.generation = gen

    def _save_fingerprints(self, conn: Connection) -> None:
        """Documents stored before fingerprints get theirs (made once when first compared)."""
        for stored in self.docs.values():
            if stored.id in self.unsaved and stored.fingerprint is not None:
                conn.execute(sa.update(t.documents).where(t.documents.c.id == stored.id)
                             .values(fingerprint=stored.fingerprint))
        self.unsaved.clear()

    # --- what to do with a file -------------------------------------------------------------
    def _plan(self, conn: Connection, doc: Document, replace: int | None) -> _Plan:
        """Decides against the collection held (made current first when it matters)."""
        hit = self.known.get(doc.content_hash)
        if replace is not None:
            current = next((s for s in self.docs.values() if s.id == replace), None)
            if current is not None:
                return _Plan("re-extracted", current.stub.document.name, current.id)
        if hit is not None:
            current = self.docs.get(hit[2])
            if hit[1] and current is not None and doc.content_hash not in current.hashes:
                return _Plan("restored", hit[2], hit[0])  # a file back to an earlier version
            return _Plan("unchanged", doc.name, hit[0])
        fp = dedupe.fingerprint(doc.text)
        path = _resolved(doc.path)
        same_name = self.docs.get(doc.name)
        if same_name is not None:
            if path in same_name.sources or self._same(conn, same_name, fp):
                if doc.text == self._full(conn, [doc.name])[doc.name].document.text:
                    return _Plan("duplicate", doc.name, same_name.id)
                return _Plan("new version", doc.name, same_name.id)
        for stored in self.docs.values():
            if stored is not same_name and self._same(conn, stored, fp):
                return _Plan("duplicate", stored.stub.document.name, stored.id)
        return _Plan("added", self._free_name(doc) if same_name is not None else doc.name)

    def _same(self, conn: Connection, stored: _Stored, fp: list[int]) -> bool:
        if stored.fingerprint is None:
            name = stored.stub.document.name
            stored.fingerprint = dedupe.fingerprint(self._full(conn, [name])[name].document.text)
            self.unsaved.add(stored.id)
        return dedupe.same_text(stored.fingerprint, fp)

    def _free_name(self, doc: Document) -> str:
        """A name for a document whose file name is taken: the folders it lies in, then a number."""
        p = Path(doc.path or doc.name)
        parents = [x.name for x in p.resolve().parents if x.name] if doc.path else []
        for depth in range(1, len(parents) + 1):
            name = f"{p.stem} ({'/'.join(reversed(parents[:depth]))}){p.suffix}"
            if name not in self.docs:
                return name
        n = 2
        while f"{p.stem} ({n}){p.suffix}" in self.docs:
            n += 1
        return f"{p.stem} ({n}){p.suffix}"

    # --- one document ----------------------------------------------------------------------
    def _store(self, conn: Connection, plan: _Plan, result: ExtractedDocument) -> None:
        doc = result.document
        row = {**document_to_row(doc), "model_version": self.model_version, "ingested_at": now(),
               "fingerprint": dedupe.fingerprint(doc.text)}
        d = t.documents
        old = self.docs.get(plan.name)
        # the statements that stop being current: their threads' sort keys change with them
        replaced = list(conn.execute(sa.select(t.statements.c.key).where(t.statements.c.document_id == plan.stored))
                        .scalars()) if plan.action in ("re-extracted", "new version") else []
        if plan.action == "re-extracted":  # a stored version extracted again: new statements, same row
            doc_id = plan.stored
            conn.execute(sa.delete(t.statements).where(t.statements.c.document_id == doc_id))
            conn.execute(sa.delete(t.glossary).where(t.glossary.c.document_id == doc_id))
            conn.execute(sa.update(d).where(d.c.id == doc_id)  # metadata too: --force --meta applies a sidecar
                         .values(model_version=row["model_version"], ingested_at=row["ingested_at"],
                                 **{k: row[k] for k in ("title", "date", "place", "url", "series", "number")}))
        else:
            version = 1
            if plan.action == "new version":
                conn.execute(sa.update(d).where(d.c.id == plan.stored).values(superseded=True))
                evidence.retire(conn, plan.stored)
                version = (conn.execute(sa.select(sa.func.max(d.c.version)).where(d.c.name == plan.name)).scalar() or 0) + 1
            doc_id = conn.execute(sa.insert(d).values(**row, version=version, superseded=False)
                                  .returning(d.c.id)).scalar_one()
            self._add_source(conn, doc_id, doc)
        if result.statements:
            conn.execute(sa.insert(t.statements),
                         [{**statement_to_row(s), "document_id": doc_id} for s in result.statements])
        if result.glossary:
            conn.execute(sa.insert(t.glossary), [{"document_id": doc_id, "acronym": g.acronym,
                                                  "expansion": g.expansion, "doc": g.doc, "start": g.start}
                                                 for g in result.glossary])
        self._store_agreements(conn, doc_id)
        deadlines.record(conn, doc_id)
        evidence.record(conn, doc_id)
        ids = {r.ext_id: (r.id, r.key) for r in conn.execute(
            sa.select(t.statements.c.id, t.statements.c.ext_id, t.statements.c.key)
            .where(t.statements.c.document_id == doc_id))}
        write = self._relink(conn, old, result, ids)
        threadlist.carry_sort_keys(conn, write.threads, statements=[*replaced, *(k for _, k in ids.values())])
        sources = (old.sources | {p for p in [_resolved(doc.path)] if p}) if old else {p for p in [_resolved(doc.path)] if p}
        hashes = (old.hashes if old else set()) | {doc.content_hash}
        self.docs[plan.name] = _Stored(doc_id, result, sources, hashes, row["fingerprint"], result)
        self.known[doc.content_hash] = (doc_id, False, plan.name)
        if plan.action == "new version" and old is not None:
            self.known.update({h: (old.id, True, plan.name) for h in old.hashes})

    def _restore(self, conn: Connection, plan: _Plan) -> ExtractedDocument:
        """Makes a superseded version current again (its file was put back), as it was stored."""
        d = t.documents
        old, target = self.docs[plan.name], plan.stored
        replaced = list(conn.execute(sa.select(t.statements.c.key).where(t.statements.c.document_id == old.id))
                        .scalars())
        conn.execute(sa.update(d).where(d.c.id == old.id).values(superseded=True))
        evidence.retire(conn, old.id)
        conn.execute(sa.update(d).where(d.c.id == target).values(superseded=False))
        evidence.reinstate(conn, target)
        row = conn.execute(sa.select(d).where(d.c.id == target)).one()
        stmts = conn.execute(sa.select(t.statements).where(t.statements.c.document_id == target)
                             .order_by(t.statements.c.id)).all()
        gloss = conn.execute(sa.select(t.glossary).where(t.glossary.c.document_id == target)
                             .order_by(t.glossary.c.id)).all()
        result = extracted(row, stmts, gloss)
        hashes = {r.content_hash for r in conn.execute(sa.select(t.document_sources.c.content_hash)
                                                       .where(t.document_sources.c.document_id == target))}
        write = self._relink(conn, old, result, {s.ext_id: (s.id, s.key) for s in stmts})
        threadlist.carry_sort_keys(conn, write.threads, statements=[*replaced, *(s.key for s in stmts)])
        self.docs[plan.name] = _Stored(target, result, old.sources, hashes | {row.content_hash}, row.fingerprint, result)
        self.known.update({h: (old.id, True, plan.name) for h in old.hashes})
        self.known.update({h: (target, False, plan.name) for h in self.docs[plan.name].hashes})
        return result

    def _add_source(self, conn: Connection, doc_id: int, doc: Document) -> None:
        conn.execute(sa.insert(t.document_sources).values(
            document_id=doc_id, name=Path(doc.path or doc.name).name, path=_resolved(doc.path),
            url=doc.meta.url, content_hash=doc.content_hash, added_at=now()))

    def _relink(self, conn: Connection, old: _Stored | None, new: ExtractedDocument,
                ids: linking.StatementIds) -> linking.ThreadWrite:
        """Threads after ``new`` replaced ``old`` (or joined): replayed from the first place that changed.

        The usual case, a document dated after every stored one in a collection past the linker's
        window, reads only what linking it needs: the documents of its window and the threads last
        seen there (``linking.step``), and rewrites only the threads it changed. Any other case
        (a document landing earlier, a new version, a re-extraction, a small collection) reads the
        collection whole and replays it from the document's place."""
        before = order_documents([s.stub for s in self.docs.values()])
        after = order_documents([r for r in before if old is None or r is not old.stub] + [new])
        start = next(i for i, r in enumerate(after) if r is new)
        if old is not None:
            start = min(start, next(i for i, r in enumerate(before) if r is old.stub))
        appended = old is None and start == len(after) - 1
        if appended and start >= linking.LINK_WINDOW:
            near = self._full(conn, [r.document.name for r in linking.window(after[:start], new)])
            prefix = [near.get(r.document.name, r) for r in after[:start]]
            threads, known = linking.read_threads(conn, linking.open_in(conn, [self.docs[n].id for n in near]))
            state, touched = linking.step(threads, prefix, new)
            known.update(ids)
        else:
            full = self._full(conn, [n for n in self.docs if old is None or self.docs[n] is not old])
            threads, _ = linking.read_threads(conn)  # (the same order as ``after``: by the same keys)
            state, touched = linking.replay(threads, order_documents([*full.values(), new]), start,
                                            truncate=not appended)
            known = _current_ids(conn)
        written = [th for th in state if touched is None or th.id in touched]
        rows = linking.thread_rows(written, known)
        write = linking.write_threads(conn, linking.read_rows(conn, None if touched is None else sorted(rows)), rows)
        self.report.threads = _thread_count(conn)
        self.report.threads_written += write.written
        return write

    def _store_agreements(self, conn: Connection, doc_id: int) -> None:
        rows = conn.execute(sa.select(t.statements.c.id, t.statements.c.agreements)
                            .where(t.statements.c.document_id == doc_id)).all()
        names = {agreement_key(name): name for r in rows for name in r.agreements}
        known = {r.key: r.id for r in conn.execute(sa.select(t.agreements.c.id, t.agreements.c.key)
                                                  .where(t.agreements.c.key.in_(list(names))))} if names else {}
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

    def _one(self, n: int, doc: Document, replace: int | None) -> str:
        """Extracts and stores one document; returns what happened to it."""
        with self.engine.connect() as conn:
            plan = self._plan(conn, doc, replace)
        result = None
        if plan.action not in ("unchanged", "duplicate", "restored"):
            result = self.extract(self._renamed(doc, plan.name), self.glossary, self.taxonomy)
        with db.write_transaction(self.engine) as conn:
            self._sync(conn)
            locked = self._plan(conn, doc, replace)
            self._save_fingerprints(conn)
            if locked.action == "unchanged":
                return "unchanged"  # another writer stored this file meanwhile
            if locked.action == "duplicate":
                threadlist.carry_sort_keys(conn)  # one more source of a stored text: no thread changes
                self._add_source(conn, locked.stored, doc)
                self.known[doc.content_hash] = (locked.stored, False, locked.name)
                self._bump(conn)
                if self.on_stored:
                    self.on_stored(n, doc.name)
                return f"same text as {locked.name}"
            if locked.action == "restored":
                result = self._restore(conn, locked)
                self._bump(conn)
                if self.on_stored:
                    self.on_stored(n, locked.name)
                self.report.statements += len(result.statements)
                return "restored"
            if result is None or locked.name != plan.name:  # the collection changed under us
                result = self.extract(self._renamed(doc, locked.name), self.glossary, self.taxonomy)
            self._store(conn, locked, result)
            self._bump(conn)
            if self.on_stored:
                self.on_stored(n, locked.name)
        self.report.statements += len(result.statements)
        return locked.action if locked.name == doc.name else f"added as {locked.name}"

    @staticmethod
    def _renamed(doc: Document, name: str) -> Document:
        if name == doc.name:
            return doc
        from dataclasses import replace
        return replace(doc, name=name)

    # --- the run ---------------------------------------------------------------------------
    def run(self, paths: Iterable[str | os.PathLike], on_error: Callable[[str], None] | None = None) -> IngestReport:
        files = expand_paths(paths)
        self.load()
        todo: list[tuple[Path, int | None]] = []
        seen: set[str] = set()
        for path in files:
            digest = _digest(path)
            hit = self.known.get(digest) if digest else None
            if hit is not None and hit[1] and digest not in seen:
                hit = None  # an earlier version again: decided when stored
            if digest in seen or hit is not None:
                if self.force and hit is not None and not hit[1] and digest not in seen:
                    todo.append((path, hit[0]))
                else:
                    self.report.unchanged.append(path.name)
                    self._say(path.name, "unchanged")
            else:
                todo.append((path, None))
            if digest:
                seen.add(digest)
        docs: list[tuple[Document, int | None]] = []
        for path, replace_id in todo:
            try:
                # One --date for several files fills only the dates their texts lack.
                with time_limit(path.name, "reading"):
                    doc = load_document(path, date=self.date, fill_date=len(todo) > 1,
                                        meta=self.meta.get(path) if self.meta else None)
                docs.append((doc, replace_id))
                self.report.warnings += [f"{doc.name}: {w}" for w in doc.warnings]
            except PledgetrackError as exc:
                self._error(path.name, str(exc), on_error)
        return self.ingest_documents(docs, on_error)

    def ingest_documents(self, docs: list[tuple[Document, int | None]],
                         on_error: Callable[[str], None] | None = None) -> IngestReport:
        """Stores loaded documents (each with the id of the stored version it re-extracts, or
        None), in date order, one transaction each."""
        if self.generation is None:
            self.load()
        if not docs:
            return self.report
        self.model_version = _model_version()
        self.glossary = Glossary(self.stored_glossary)
        for doc, _ in docs:
            for entry in find_definitions(doc):
                self.glossary.add(entry)
        # In the linker's order (date, meeting number, name), so that each document comes after the
        # stored ones and is one more linking step, not a replay from an earlier place.
        docs.sort(key=lambda d: sort_key(ExtractedDocument(d[0], [])))
        if self.prefetch is not None:
            self.prefetch([doc for doc, _ in docs], self.glossary, self.taxonomy)
        for n, (doc, replace_id) in enumerate(docs, 1):
            try:
                what = self._one(n, doc, replace_id)
            except sa.exc.SQLAlchemyError as exc:  # e.g. the lock not granted in time: the others go on
                first = str(getattr(exc, "orig", exc) or exc).strip().splitlines()[0]
                self._error(doc.name, f"{doc.name}: not stored ({first}); run the command again", on_error)
                continue
            except DocumentTimeout as exc:  # past the per-document time limit: the others go on
                self._error(doc.name, str(exc), on_error)
                continue
            self._record(doc.name, what)
        return self.report

    def _record(self, name: str, what: str) -> None:
        r = self.report
        lists = {"added": r.added, "new version": r.versions, "restored": r.versions, "re-extracted": r.reextracted,
                 "unchanged": r.unchanged}
        if what in lists:
            lists[what].append(name)
        elif what.startswith("added as"):
            r.added.append(name)
        else:
            r.duplicates.append(name)
        self._say(name, what)

    def _error(self, name: str, message: str, on_error: Callable[[str], None] | None) -> None:
        self.report.errors.append(message)
        self._say(name, "error")
        if on_error:
            on_error(message)


def _thread_count(conn: Connection) -> int:
    return conn.execute(sa.select(sa.func.count()).select_from(t.threads)).scalar() or 0


def _current_ids(conn: Connection) -> linking.StatementIds:
    """Row id and key of every statement of the current documents, by pipeline id."""
    s, d = t.statements, t.documents
    q = sa.select(s.c.ext_id, s.c.id, s.c.key).join(d, d.c.id == s.c.document_id).where(d.c.superseded.is_(False))
    return {r.ext_id: (r.id, r.key) for r in conn.execute(q)}
