"""Crash safety, on SQLite and on PostgreSQL, with real processes killed by real signals.

* An ingest killed with SIGKILL mid-document leaves whole documents only, and the next ingest
  completes the work. The child process passes the ingester an ``on_stored`` callable that, in
  document 2's transaction, writes "2 name" to a mark file and waits; the test kills it there.
* Ctrl-C at the same place: the command says how far it got and how to finish (exit 130).
* A process killed at every statement of the first migration leaves a store that the next
  ``Store.open`` migrates and uses (the migration is one transaction).
"""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest
import sqlalchemy as sa
from conftest import SEED_FILES

from pledgetrack.store import Store, db
from pledgetrack.store import schema as t

FILES = SEED_FILES[:3]
# Waits inside document 2's transaction after writing "2 name" to the mark file (argv[1]).
HOOK = """
import sys, time
from pledgetrack.store import ingest
mark = sys.argv.pop(1)
def on_stored(n, name):
    if n == 2:
        with open(mark, "a", encoding="utf-8") as fh:
            fh.write(f"{n} {name}\\n")
        time.sleep(120)
_init = ingest.Ingester.__init__
def init(self, *args, **kwargs):
    _init(self, *args, **kwargs)
    self.on_stored = on_stored
ingest.Ingester.__init__ = init
"""
INGEST = HOOK + "from pledgetrack.store import Store; Store.open(sys.argv[1]).ingest(sys.argv[2:])"
CLI = HOOK + "from pledgetrack.cli.main import app; sys.argv[0] = 'pledgetrack'; app()"


def _consistent(store: Store) -> None:
    with store.engine.connect() as conn:
        docs = conn.execute(sa.select(t.documents.c.id, t.documents.c.name)).all()
        per_doc = dict(conn.execute(sa.select(t.statements.c.document_id, sa.func.count())
                                    .group_by(t.statements.c.document_id)).all())
        assert set(per_doc) <= {d.id for d in docs}  # no statement without its document
        assert all(per_doc.get(d.id, 0) > 0 for d in docs)  # no document without its statements
        if conn.dialect.name == "sqlite":
            fts = conn.execute(sa.text("SELECT count(*) FROM statements_fts")).scalar()
            assert fts == sum(per_doc.values())
        steps = conn.execute(sa.select(sa.func.count()).select_from(t.thread_steps)
                             .where(t.thread_steps.c.statement_id.is_(None),
                                    t.thread_steps.c.label != "dropped")).scalar()
        assert steps == 0


def _wait_for_mark(child: subprocess.Popen, mark) -> None:
    deadline = time.monotonic() + 240
    while not (mark.exists() and any(line.startswith("2 ") for line in mark.read_text().splitlines())):
        if child.poll() is not None:
            raise AssertionError(child.stderr.read()[-2000:])
        assert time.monotonic() < deadline, "the ingest never reached document 2"
        time.sleep(0.1)


def test_kill_9_mid_ingest_then_resume(empty_url, tmp_path):
    Store.open(empty_url).close()  # schema first, so the child only ingests
    mark = tmp_path / "mark"
    child = subprocess.Popen([sys.executable, "-c", INGEST, str(mark), empty_url, *map(str, FILES)],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        _wait_for_mark(child, mark)
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait()
    assert child.returncode == -signal.SIGKILL
    store = Store.open(empty_url)
    committed = [d["name"] for d in store.documents()]
    assert len(committed) == 1  # document 1 whole, document 2 not at all
    first = committed[0]
    in_flight = mark.read_text().split(" ", 1)[1].strip()
    assert in_flight != first
    _consistent(store)

    report = store.ingest(FILES)  # the next run does the rest
    assert report.unchanged == [first] and len(report.added) == len(FILES) - 1
    assert sorted(d["name"] for d in store.documents()) == sorted(p.name for p in FILES)
    _consistent(store)
    again = store.ingest(FILES)
    assert sorted(again.unchanged) == sorted(p.name for p in FILES) and not again.added
    store.close()


def test_ctrl_c_mid_ingest_says_how_to_resume(empty_url, tmp_path):
    Store.open(empty_url).close()
    mark = tmp_path / "mark"
    child = subprocess.Popen([sys.executable, "-c", CLI, str(mark), "ingest", "--db", empty_url, *map(str, FILES)],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    _wait_for_mark(child, mark)
    child.send_signal(signal.SIGINT)
    _, stderr = child.communicate(timeout=60)
    assert child.returncode == 130
    assert "interrupted after 1 of 3 files; run the same command again" in stderr
    with Store.open(empty_url) as store:
        _consistent(store)
        assert len(store.documents()) == 1


# --- the first migration, killed at every statement ----------------------------------------------

def _migrate_and_die_at(url: str, statement: int) -> int:
    """In a forked child: migrates ``url``, SIGKILLing itself before its ``statement``-th SQL
    statement (0: never). Returns the child's wait status."""
    pid = os.fork()
    if pid == 0:  # the child: nothing of the parent's engines, no cleanup on the way out
        try:
            engine = db.make_engine(url)
            count = 0

            def before(*_args) -> None:
                nonlocal count
                count += 1
                if count == statement:
                    os.kill(os.getpid(), signal.SIGKILL)

            sa.event.listen(engine, "before_cursor_execute", before)
            db.migrate(engine)
        finally:
            os._exit(0)
    _, status = os.waitpid(pid, 0)
    return status


def _fresh_url(backend: str, request, tmp_path, n: int) -> str:
    if backend == "sqlite":
        return f"sqlite:///{tmp_path / f'm{n}.db'}"
    server = request.getfixturevalue("postgres")
    return server.url(server.create_database())


def _statements_of_migration(url: str) -> int:
    engine = db.make_engine(url)
    count = 0

    def before(*_args) -> None:
        nonlocal count
        count += 1

    sa.event.listen(engine, "before_cursor_execute", before)
    db.migrate(engine)
    engine.dispose()
    return count


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork")
def test_kill_at_every_statement_of_the_first_migration(backend, request, tmp_path):
    total = _statements_of_migration(_fresh_url(backend, request, tmp_path, 0))
    assert total > 20  # the whole schema, statement by statement
    killed = 0
    for n in range(1, total + 1):
        url = _fresh_url(backend, request, tmp_path, n)
        status = _migrate_and_die_at(url, n)
        if os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL:
            killed += 1
        engine = db.make_engine(url)
        with engine.connect() as conn:  # all or nothing: no table of a half-made schema is left
            left = set(sa.inspect(conn).get_table_names()) & set(t.TABLES)
        engine.dispose()
        assert left in (set(), set(t.TABLES)), (n, sorted(left))
        with Store.open(url) as store:  # the next command opens the store and works
            assert store.documents() == []
            with store.engine.connect() as conn:
                assert set(t.TABLES) <= set(sa.inspect(conn).get_table_names())
                assert conn.execute(sa.text("SELECT count(*) FROM alembic_version")).scalar() == 1
    assert killed == total  # every statement was a kill point


def test_store_left_by_an_old_interrupted_migration_is_repaired(empty_url):
    """Before migrations were one transaction, a kill could leave tables without a version."""
    engine = db.make_engine(empty_url)
    with engine.begin() as conn:
        conn.execute(sa.text("CREATE TABLE audit_log (id INTEGER PRIMARY KEY)"))
    engine.dispose()
    with Store.open(empty_url) as store:
        assert store.documents() == []
        with store.engine.connect() as conn:
            assert "entity" in {c["name"] for c in sa.inspect(conn).get_columns("audit_log")}


def test_a_store_made_by_a_newer_version_is_refused_in_one_line(tmp_path):
    """A store whose schema is at a revision this version does not know (made by a newer one) is
    refused with one line and a non-zero exit, and left as it was (no half-run migration)."""
    from typer.testing import CliRunner

    from pledgetrack.cli.main import app
    from pledgetrack.store.errors import StoreError

    path = tmp_path / "newer.db"
    Store.open(path).close()
    engine = sa.create_engine(f"sqlite:///{path}")
    with engine.begin() as conn:
        conn.execute(sa.text("UPDATE alembic_version SET version_num = '0099_from_the_future'"))
        tables = set(sa.inspect(conn).get_table_names())
    with pytest.raises(StoreError, match="0099_from_the_future.*newer version"):
        Store.open(path)
    result = CliRunner().invoke(app, ["stats", "--db", str(path)])
    assert result.exit_code != 0 and "newer version" in result.output
    assert len(result.output.strip().splitlines()) == 1, result.output
    with engine.connect() as conn:
        assert set(sa.inspect(conn).get_table_names()) == tables
        assert conn.execute(sa.text("SELECT version_num FROM alembic_version")).scalar() == "0099_from_the_future"
