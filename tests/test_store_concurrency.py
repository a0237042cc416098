"""Concurrent writers: two and three ``pledgetrack ingest`` processes at once on one store give
the store one sequential run gives (documents, statements, thread ids and steps), on SQLite and
PostgreSQL; the file two of them both ingest is stored once and the other says "unchanged".

Also one interleaving forced in-process: a writer whose view of the collection is stale (it read
the store before another writer committed) links against the current threads, not its own view.
"""
from __future__ import annotations

import subprocess
import sys
import threading

import pytest
from conftest import SMALL_FILES, store_snapshot

from pledgetrack.store import Store
from pledgetrack.store.ingest import Ingester

CLI = [sys.executable, "-c", "import sys; from pledgetrack.cli.main import app; sys.argv[0] = 'pledgetrack'; app()"]


@pytest.fixture(scope="module")
def sequential(tmp_path_factory) -> dict:
    """The store one run over the four files gives (real extraction, as the processes do)."""
    with Store.open(f"sqlite:///{tmp_path_factory.mktemp('seq') / 'store.db'}") as store:
        store.ingest(SMALL_FILES)
        return store_snapshot(store)


def _run_at_once(url: str, groups: list[list]) -> list[subprocess.CompletedProcess]:
    procs = [subprocess.Popen([*CLI, "ingest", "--db", url, *map(str, g)], stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True) for g in groups]
    out = []
    for p in procs:
        stdout, stderr = p.communicate(timeout=300)
        out.append(subprocess.CompletedProcess(p.args, p.returncode, stdout, stderr))
    return out


@pytest.mark.parametrize("groups", [
    pytest.param([[0, 1, 2, 3], [3, 2, 1, 0]], id="two-same-files"),
    pytest.param([[3, 1], [0, 3], [2, 0, 1]], id="three-overlapping"),
])
def test_concurrent_ingests_equal_one_sequential_run(empty_url, sequential, groups):
    Store.open(empty_url).close()  # the schema first: the processes race on ingest, not on creation
    runs = _run_at_once(empty_url, [[SMALL_FILES[i] for i in g] for g in groups])
    for r in runs:
        assert r.returncode == 0, r.stderr[-2000:]
        assert "Traceback" not in r.stderr and "error:" not in r.stderr, r.stderr[-2000:]
    added = sum(int(r.stderr.rsplit(" added", 1)[0].split()[-1]) for r in runs)
    assert added == len(SMALL_FILES)  # each file stored by exactly one process
    with Store.open(empty_url) as store:
        assert store_snapshot(store) == sequential


def test_a_stale_writer_links_against_the_current_threads(empty_url, tmp_path, cached_extract):
    """Writer B reads the store, then A stores a document (B's view is now stale), then B
    stores its own: B's document must join A's threads as in a sequential run."""
    with Store.open(f"sqlite:///{tmp_path / 'seq.db'}") as seq:
        Ingester(seq.engine, extract=cached_extract).run(SMALL_FILES[1:3])
        expected = store_snapshot(seq)
    store = Store.open(empty_url)
    a_stored, b_may_go = threading.Event(), threading.Event()

    def slow_extract(doc, glossary, taxonomy):  # B has read the store; it waits for A's commit
        b_may_go.wait(60)
        return cached_extract(doc, glossary, taxonomy)

    b = threading.Thread(target=lambda: Ingester(store.engine, extract=slow_extract).run([SMALL_FILES[2]]))
    b.start()
    Ingester(store.engine, extract=cached_extract, on_stored=lambda n, name: a_stored.set()).run([SMALL_FILES[1]])
    assert a_stored.is_set()
    b_may_go.set()
    b.join(120)
    assert store_snapshot(store) == expected
    store.close()


def test_a_review_during_an_ingest_waits_for_it_instead_of_failing(empty_url, cached_extract):
    store = Store.open(empty_url)
    Ingester(store.engine, extract=cached_extract).run(SMALL_FILES[:1])
    key = store.statements()[0]["key"]
    inside, release = threading.Event(), threading.Event()

    def hold(n, name):  # the ingest holds its write transaction until the review is under way
        inside.set()
        release.wait(30)

    ingest = threading.Thread(target=lambda: Ingester(store.engine, extract=cached_extract,
                                                      on_stored=hold).run(SMALL_FILES[1:2]))
    ingest.start()
    assert inside.wait(60)
    threading.Timer(1.0, release.set).start()
    after = store.review(key, "correct", {"commitment": False}, user="ana")  # waits, then writes
    ingest.join(60)
    assert after["commitment"] is False and len(store.documents()) == 2
    store.close()


def test_planner_statistics_give_way_to_a_writer_that_holds_the_store(tmp_path, cached_extract):
    """The statistics refreshed after an ingest are a hint: while another writer holds the store
    past the busy timeout, the refresh is skipped (no "database is locked" for a stored ingest)."""
    import sqlite3

    from pledgetrack import config
    from pledgetrack.store import db
    path = tmp_path / "store.db"
    base = config.defaults()
    quick = base.model_copy(update={"store": base.store.model_copy(update={"busy_timeout_ms": 100})})
    with config.using(quick):
        store = Store.open(f"sqlite:///{path}")
        Ingester(store.engine, extract=cached_extract).run(SMALL_FILES[:1])
        other = sqlite3.connect(path, isolation_level=None)
        other.execute("BEGIN IMMEDIATE")
        try:
            db.optimize(store.engine)  # waits 100 ms for the lock, then leaves the statistics as they are
        finally:
            other.execute("ROLLBACK")
            other.close()
        db.optimize(store.engine)  # with the store free, it runs
        assert len(store.documents()) == 1
        store.close()
