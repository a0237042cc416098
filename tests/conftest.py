"""Shared fixtures: store backends (SQLite file, a real PostgreSQL server started for the session).

PostgreSQL: the binaries are found under /usr/lib/postgresql/*/bin; the server runs as user
``postgres`` (through runuser when the tests run as root) on a free loopback port and is stopped
at the end. Without binaries, PostgreSQL tests are skipped, unless PLEDGETRACK_REQUIRE_POSTGRES=1
(CI), where they fail.
"""
from __future__ import annotations

import glob
import itertools
import os
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

import pytest

BACKENDS = ["sqlite", "postgresql"]
_counter = itertools.count()


def _pg_bin() -> Path | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(p.split("/")[4]) if p.split("/")[4].isdigit() else 0)
    return Path(found[-1]).parent if found else None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _as_postgres(args: list[str]) -> list[str]:
    return ["runuser", "-u", "postgres", "--", *args] if os.geteuid() == 0 else args


class PostgresServer:
    def __init__(self, bindir: Path) -> None:
        self.bindir = bindir
        self.dir = Path(tempfile.mkdtemp(prefix="pledgetrack-pg-"))
        self.data = self.dir / "data"
        self.port = _free_port()

    def start(self) -> None:
        self.dir.chmod(0o755)
        if os.geteuid() == 0:
            shutil.chown(self.dir, "postgres", "postgres")
        subprocess.run(_as_postgres([str(self.bindir / "initdb"), "-D", str(self.data), "-A", "trust",
                                     "-U", "postgres", "-E", "UTF8", "--no-instructions"]),
                       check=True, capture_output=True)
        opts = f"-p {self.port} -k {self.dir} -c listen_addresses=127.0.0.1 -c fsync=off"
        subprocess.run(_as_postgres([str(self.bindir / "pg_ctl"), "-D", str(self.data), "-o", opts,
                                     "-l", str(self.dir / "log"), "-w", "start"]), check=True, capture_output=True)

    def stop(self) -> None:
        subprocess.run(_as_postgres([str(self.bindir / "pg_ctl"), "-D", str(self.data), "-m", "fast", "-w", "stop"]),
                       capture_output=True)
        shutil.rmtree(self.dir, ignore_errors=True)

    def url(self, db: str = "postgres") -> str:
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/{db}"

    def admin(self, sql: str) -> None:
        import psycopg
        with psycopg.connect(f"host=127.0.0.1 port={self.port} user=postgres dbname=postgres",
                             autocommit=True) as conn:
            conn.execute(sql)

    def create_database(self, template: str | None = None) -> str:
        name = f"t{os.getpid()}_{next(_counter)}"
        self.admin(f'CREATE DATABASE "{name}"' + (f' TEMPLATE "{template}"' if template else ""))
        return name


@pytest.fixture(scope="session")
def postgres():
    """A PostgreSQL server for the session (skipped, or failed in CI, when none can run)."""
    bindir = _pg_bin()
    required = os.environ.get("PLEDGETRACK_REQUIRE_POSTGRES") == "1"
    if bindir is None:
        if required:
            pytest.fail("PLEDGETRACK_REQUIRE_POSTGRES=1 but no PostgreSQL binaries in /usr/lib/postgresql/*/bin")
        pytest.skip("no PostgreSQL server binaries (/usr/lib/postgresql/*/bin); install postgresql to run these")
    server = PostgresServer(bindir)
    try:
        server.start()
    except (subprocess.CalledProcessError, OSError) as exc:
        detail = getattr(exc, "stderr", b"") or b""
        message = f"cannot start PostgreSQL from {bindir}: {exc} {detail.decode(errors='replace')[-300:]}"
        server.stop()
        if required:
            pytest.fail(message)
        pytest.skip(message)
    yield server
    server.stop()


@pytest.fixture(params=BACKENDS)
def backend(request) -> str:
    return request.param


@pytest.fixture
def empty_url(backend, request, tmp_path) -> str:
    """A URL of a new, empty database on the backend under test."""
    if backend == "sqlite":
        return f"sqlite:///{tmp_path / 'store.db'}"
    server = request.getfixturevalue("postgres")
    return server.url(server.create_database())


ROOT = Path(__file__).resolve().parents[1]
SEED_FILES = [ROOT / "corpus/seeds/scm51-joint-communique.txt",
              ROOT / "corpus/seeds/defense-ministers-singapore-joint-statement.txt",
              ROOT / "corpus/alliance/scm52-2020.txt",
              ROOT / "corpus/alliance/scm54-2022.txt"]


@pytest.fixture(scope="session")
def _templates(tmp_path_factory):
    """Per backend, a database with the seed files ingested once (copied for each test)."""
    return {"dir": tmp_path_factory.mktemp("templates")}


@pytest.fixture
def seeded_url(backend, request, tmp_path, _templates) -> str:
    """A URL of a database holding SEED_FILES, fresh for each test."""
    from pledgetrack.store import Store
    if backend == "sqlite":
        tpl = _templates["dir"] / "seed.db"
        if "sqlite" not in _templates:
            store = Store.open(f"sqlite:///{tpl}")
            store.ingest(SEED_FILES)
            store.close()
            _templates["sqlite"] = tpl
        for suffix in ("", "-wal", "-shm"):
            if Path(f"{tpl}{suffix}").exists():
                shutil.copy(f"{tpl}{suffix}", tmp_path / f"store.db{suffix}")
        return f"sqlite:///{tmp_path / 'store.db'}"
    server = request.getfixturevalue("postgres")
    if "postgresql" not in _templates:
        name = server.create_database()
        store = Store.open(server.url(name))
        store.ingest(SEED_FILES)
        store.close()
        _templates["postgresql"] = name
    return server.url(server.create_database(template=_templates["postgresql"]))


@pytest.fixture
def seeded(seeded_url):
    from pledgetrack.store import Store
    store = Store.open(seeded_url)
    yield store
    store.close()


@pytest.fixture(scope="session")
def scm_docs():
    """The ten bundled SCM communiqués 2013-2022, extracted once for the linking and diff tests."""
    from pledgetrack.api import extract_many
    files = sorted((Path(__file__).resolve().parents[1] / "corpus" / "alliance").glob("scm*-20??.txt"))
    assert len(files) == 10
    return extract_many(files).documents


# Four short statements (2023-2024), for tests that ingest many times.
SMALL_FILES = [ROOT / "corpus/alliance" / n for n in (
    "us-rok-washington-declaration-2023-04-26.txt", "us-rok-ncg1-2023-07-18.txt",
    "us-rok-ncg2-2023-12-15.txt", "us-rok-leaders-nuclear-guidelines-2024-07-11.txt")]


@pytest.fixture(scope="session")
def cached_extract():
    """``extract_document`` run once per document text (the glossary passed in is not part of the
    key: tests that use this compare stores ingested with the same cache)."""
    import copy

    from pledgetrack.nlp.pipeline import extract_document
    cache: dict = {}

    def extract(doc, glossary, taxonomy):
        key = (doc.name, doc.text)
        if key not in cache:
            cache[key] = extract_document(doc, glossary, taxonomy)
        return copy.deepcopy(cache[key])
    return extract


def store_snapshot(store) -> dict:
    """What a store holds, independent of row ids and of the history that led to it: the current
    documents, their statements, the threads and where statuses and evidence sit."""
    import sqlalchemy as sa

    from pledgetrack.store import schema as t
    d, s = t.documents, t.statements
    with store.engine.connect() as conn:
        docs = sorted((r.name, r.content_hash, r.date or "") for r in conn.execute(
            sa.select(d.c.name, d.c.content_hash, d.c.date).where(d.c.superseded.is_(False))))
        stmts = sorted((r.doc, r.key, r.act, tuple(r.actors), bool(r.commitment), tuple(r.agreements))
                       for r in conn.execute(sa.select(s).join(d, d.c.id == s.c.document_id)
                                             .where(d.c.superseded.is_(False))))
        steps: dict = {}
        for r in conn.execute(sa.select(t.thread_steps).order_by(t.thread_steps.c.thread_id, t.thread_steps.c.position)):
            steps.setdefault(r.thread_id, []).append((r.doc, r.label, r.statement_key))
        threads = sorted((r.id, r.title, tuple(steps.get(r.id, ()))) for r in conn.execute(sa.select(t.threads)))
        status = sorted((r.thread_id, r.status) for r in conn.execute(sa.select(t.thread_status)))
        evidence = sorted((r.thread_id, r.kind, r.note or "") for r in conn.execute(sa.select(t.evidence)))
    return {"documents": docs, "statements": stmts, "threads": threads, "status": status, "evidence": evidence}


@pytest.fixture
def configure():
    """Puts settings over the defaults in force for one test: ``configure(ingest={"max_bytes": 1024})``."""
    from pledgetrack import config

    yield lambda **sections: config.activate(config.load(overrides=sections))
    config.activate(None)


def downgraded(engine, revision: str) -> None:
    """The store's schema taken back to ``revision`` by the migrations' own downgrades (a store
    made before the later ones; their tables and columns gone)."""
    from alembic import command

    from pledgetrack.store import db
    cfg = db.alembic_config()
    with db.write_transaction(engine, counted=False, foreign_keys=False) as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, revision)
    engine.dispose()
