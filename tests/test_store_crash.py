"""Crash safety: an ingest killed with SIGKILL mid-document leaves whole documents only, and the
next ingest completes the work. A real subprocess, on SQLite and on PostgreSQL.

With PLEDGETRACK_TEST_PAUSE=120@2 the ingest writes "2 name" to PLEDGETRACK_TEST_MARK and waits
inside document 2's transaction; the test kills it while document 2 is in flight
(document 1 committed, document 2 written but not committed).
"""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import sqlalchemy as sa

from conftest import SEED_FILES
from pledgetrack.store import Store
from pledgetrack.store import schema as t

FILES = SEED_FILES[:3]
SCRIPT = "import sys; from pledgetrack.store import Store; Store.open(sys.argv[1]).ingest(sys.argv[2:])"


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


def test_kill_9_mid_ingest_then_resume(empty_url, tmp_path):
    Store.open(empty_url).close()  # schema first, so the child only ingests
    mark = tmp_path / "mark"
    env = {**os.environ, "PLEDGETRACK_TEST_PAUSE": "120@2", "PLEDGETRACK_TEST_MARK": str(mark)}
    child = subprocess.Popen([sys.executable, "-c", SCRIPT, empty_url, *map(str, FILES)], env=env,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 240
    try:
        while time.monotonic() < deadline:
            if mark.exists() and any(line.startswith("2 ") for line in mark.read_text().splitlines()):
                break
            assert child.poll() is None, child.stderr.read().decode()[-2000:]
            time.sleep(0.1)
        else:
            raise AssertionError("the ingest never reached document 2")
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait()
    assert child.returncode == -signal.SIGKILL
    with Store.open(empty_url) as peek:
        committed = [d["name"] for d in peek.documents()]

    store = Store.open(empty_url)
    assert len(committed) == 1  # document 1 whole, document 2 not at all
    first = committed[0]
    in_flight = mark.read_text().split(" ", 1)[1].strip()
    assert in_flight != first
    _consistent(store)

    report = store.ingest(FILES)  # the next run does the rest
    assert report.unchanged == [first] and len(report.added) == len(FILES) - 1
    assert sorted(d["name"] for d in store.documents()) == sorted(p.name for p in FILES)
    _consistent(store)
    assert store.ingest(FILES).unchanged and not store.ingest(FILES).added
    store.close()


def test_ctrl_c_mid_ingest_says_how_to_resume(empty_url, tmp_path):
    Store.open(empty_url).close()
    mark = tmp_path / "mark"
    env = {**os.environ, "PLEDGETRACK_TEST_PAUSE": "120@2", "PLEDGETRACK_TEST_MARK": str(mark)}
    cli = [sys.executable, "-c", "from pledgetrack.cli.main import app; app()"]
    child = subprocess.Popen([*cli, "ingest", "--db", empty_url, *map(str, FILES)], env=env,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 240
    while not (mark.exists() and "2 " in mark.read_text()):
        assert child.poll() is None and time.monotonic() < deadline, child.stderr.read()[-2000:]
        time.sleep(0.1)
    child.send_signal(signal.SIGINT)
    _, stderr = child.communicate(timeout=60)
    assert child.returncode == 130
    assert "interrupted after 1 of 3 files; run the same command again" in stderr
    with Store.open(empty_url) as store:
        _consistent(store)
        assert len(store.documents()) == 1
