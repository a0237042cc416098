"""Extraction on Ray gives the store the same statements, ids included, and the same threads as
the single-process run. Needs the optional extra (``pip install 'pledgetrack[ray]'``); skipped
without it. Starts a local Ray instance with two CPUs."""
from __future__ import annotations

import pytest
import sqlalchemy as sa
from conftest import SEED_FILES

from pledgetrack.store import Store, StoreError, engines
from pledgetrack.store import schema as t


def _snapshot(store: Store) -> dict:
    with store.engine.connect() as conn:
        stmts = [tuple(r) for r in conn.execute(sa.select(t.statements).order_by(t.statements.c.id))]
        steps = [tuple(r)[1:] for r in conn.execute(
            sa.select(t.thread_steps).order_by(t.thread_steps.c.thread_id, t.thread_steps.c.position))]
        threads = [tuple(r) for r in conn.execute(sa.select(t.threads).order_by(t.threads.c.id))]
        gloss = [tuple(r)[1:] for r in conn.execute(sa.select(t.glossary).order_by(t.glossary.c.id))]
    return {"statements": stmts, "threads": threads, "steps": steps, "glossary": gloss}


@pytest.mark.ray
@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
def test_ray_ingest_equals_single_process(seeded, tmp_path):
    ray = pytest.importorskip("ray")
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
    try:
        on_ray = Store.open(tmp_path / "ray.db")
        report = on_ray.ingest(SEED_FILES, engine="ray", workers=2)
    finally:
        ray.shutdown()
    assert len(report.added) == len(SEED_FILES) and not report.errors
    expected, got = _snapshot(seeded), _snapshot(on_ray)
    assert len(got["statements"]) > 100
    for part in expected:
        assert got[part] == expected[part], part
    on_ray.close()


def test_engine_names_and_options_are_checked():
    with pytest.raises(StoreError, match="unknown engine"):
        engines.make("spark")
    with pytest.raises(StoreError, match="--address is for --engine ray"):
        engines.make("local", address="auto")


def test_ray_engine_without_the_extra_says_how_to_get_it(monkeypatch):
    import sys
    monkeypatch.setitem(sys.modules, "ray", None)  # as if not installed: import ray raises ImportError
    with pytest.raises(StoreError, match=r"pip install 'pledgetrack\[ray\]'"):
        engines.make("ray")
