"""A property of ingest (hypothesis): any sequence of ingests, re-ingests, forced re-extractions,
file edits and crashed ingests, followed by an ingest of the files as they finally are, leaves
the store a clean ingest of those final files gives: the same current documents, statements,
thread ids and steps.

A crash is an ingest whose transaction fails at its k-th document (raised inside it, so it rolls
back as a killed process's would; test_store_crash kills real processes). Extraction is real and
done once per text (``cached_extract``). SQLite only: the backends share this logic, and
test_store_identity runs the same invariants on both.
"""
from __future__ import annotations

import tempfile
from pathlib import Path

from conftest import SMALL_FILES, store_snapshot
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pledgetrack.store import Store, linking
from pledgetrack.store.ingest import Ingester

NAMES = [p.name for p in SMALL_FILES]
TEXTS = [p.read_text(encoding="utf-8") for p in SMALL_FILES]
EDIT = "\nThe two sides decided to hold the next meeting in the spring.\n"


class Crash(Exception):
    pass


def _crash_at(k: int):
    def on_stored(n: int, _name: str) -> None:
        if n == k:
            raise Crash
    return on_stored


files = st.lists(st.integers(0, len(NAMES) - 1), min_size=1, max_size=len(NAMES), unique=True)
step = st.one_of(
    st.tuples(st.just("ingest"), files),
    st.tuples(st.just("force"), files),
    st.tuples(st.just("edit"), st.integers(0, len(NAMES) - 1), st.booleans()),  # edited or back to the original
    st.tuples(st.just("crash"), files, st.integers(1, 3)),
)


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(steps=st.lists(step, min_size=1, max_size=6))
def test_any_history_gives_the_store_of_a_clean_ingest(steps, cached_extract, monkeypatch):
    monkeypatch.setattr(linking, "LINK_WINDOW", 2)  # four documents go through the windowed path too
    monkeypatch.setattr(linking, "SERIES_MEETINGS", 1)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp) / "files"
        work.mkdir()
        for name, text in zip(NAMES, TEXTS, strict=False):
            (work / name).write_text(text, encoding="utf-8")
        paths = lambda idx: [work / NAMES[i] for i in idx]  # noqa: E731
        with Store.open(f"sqlite:///{tmp}/history.db") as store:
            for s in steps:
                if s[0] == "ingest":
                    Ingester(store.engine, extract=cached_extract).run(paths(s[1]))
                elif s[0] == "force":
                    Ingester(store.engine, extract=cached_extract, force=True).run(paths(s[1]))
                elif s[0] == "edit":
                    (work / NAMES[s[1]]).write_text(TEXTS[s[1]] + (EDIT if s[2] else ""), encoding="utf-8")
                else:
                    try:
                        Ingester(store.engine, extract=cached_extract, on_stored=_crash_at(s[2])).run(paths(s[1]))
                    except Crash:
                        pass
            Ingester(store.engine, extract=cached_extract).run(paths(range(len(NAMES))))
            got = store_snapshot(store)
        with Store.open(f"sqlite:///{tmp}/clean.db") as clean:
            Ingester(clean.engine, extract=cached_extract).run(paths(range(len(NAMES))))
            assert got == store_snapshot(clean)
