"""Identity in the store: the same collection gives the same documents, statements and thread
ids whatever the order or split of the ingest runs, after ``--force`` and after a file goes back
to an earlier version; statuses and evidence follow their thread; same-named files in other
folders are other documents unless the text is the same, and the same text is stored once.

Extraction is real but done once per text (``cached_extract``); the store and linking are real.
"""
from __future__ import annotations

import random
import shutil

import pytest
import sqlalchemy as sa
from conftest import SMALL_FILES, store_snapshot

from pledgetrack.ingest.sidecar import read_sidecar
from pledgetrack.store import Store, linking, schema
from pledgetrack.store.ingest import Ingester


@pytest.fixture(params=["whole", "window"])
def link_window(request, monkeypatch) -> str:
    """Linking over the whole collection (small ones), or over a window (large ones: here a
    window of two documents, so that four documents exercise it)."""
    if request.param == "window":
        monkeypatch.setattr(linking, "LINK_WINDOW", 2)
        monkeypatch.setattr(linking, "SERIES_MEETINGS", 1)
    return request.param


def _ingest(store: Store, paths, extract, **kw):
    return Ingester(store.engine, extract=extract, **kw).run(paths)


def _one_run(url: str, extract) -> dict:
    with Store.open(url) as store:
        _ingest(store, SMALL_FILES, extract)
        return store_snapshot(store)


def test_random_splits_and_orders_give_the_same_store(empty_url, tmp_path, cached_extract, link_window):
    expected = _one_run(f"sqlite:///{tmp_path / 'one-run.db'}", cached_extract)
    assert expected["threads"] and any(len(th[2]) > 1 for th in expected["threads"])
    rng = random.Random(20261201)
    files = SMALL_FILES[:]
    rng.shuffle(files)
    cut = rng.randint(1, len(files) - 1)
    with Store.open(empty_url) as store:
        for part in (files[:cut], files[cut:]):  # e.g. the latest first, then the earlier ones
            _ingest(store, part, cached_extract)
        assert store_snapshot(store) == expected
        _ingest(store, files[:2], cached_extract, force=True)  # re-extraction changes nothing
        assert store_snapshot(store) == expected


def test_each_file_alone_in_reverse_date_order(tmp_path, cached_extract, link_window):
    expected = _one_run(f"sqlite:///{tmp_path / 'one-run.db'}", cached_extract)
    with Store.open(f"sqlite:///{tmp_path / 'split.db'}") as store:
        for path in reversed(SMALL_FILES):
            _ingest(store, [path], cached_extract)
        assert store_snapshot(store) == expected


def test_status_and_evidence_follow_their_thread(empty_url, tmp_path, cached_extract):
    early, late = SMALL_FILES[1], SMALL_FILES[2]  # two meetings of one series
    with Store.open(f"sqlite:///{tmp_path / 'both.db'}") as both:
        _ingest(both, [early, late], cached_extract)
        spanning = next(th for th in both.threads() if {s["doc"] for s in th["statements"]} == {early.name, late.name})
    later_key = next(s["key"] for s in spanning["statements"] if s["doc"] == late.name)
    with Store.open(empty_url) as store:
        _ingest(store, [late], cached_extract)  # the later meeting first: the thread starts there
        first = next(th for th in store.threads() if later_key in {s["key"] for s in th["statements"]})
        store.set_status(first["id"], "in_progress", note="tracked", user="ana", url="https://example.org/report")
        _ingest(store, [early], cached_extract)  # now it starts at the earlier meeting: a new id
        now = next(th for th in store.threads() if later_key in {s["key"] for s in th["statements"]})
        assert now["id"] == spanning["id"] != first["id"]
        assert now["status"] == "in_progress"
        assert any(e["url"] == "https://example.org/report" for e in store.thread(now["id"])["evidence"])


def test_file_back_to_an_earlier_version(tmp_path, cached_extract):
    expected = _one_run(f"sqlite:///{tmp_path / 'one-run.db'}", cached_extract)
    work = tmp_path / "files"
    work.mkdir()
    paths = [shutil.copy(p, work / p.name) for p in SMALL_FILES]
    original = SMALL_FILES[1].read_text(encoding="utf-8")
    with Store.open(f"sqlite:///{tmp_path / 'store.db'}") as store:
        _ingest(store, paths, cached_extract)
        (work / SMALL_FILES[1].name).write_text(original + "\nThe two sides decided to meet again.\n", encoding="utf-8")
        assert _ingest(store, paths, cached_extract).versions == [SMALL_FILES[1].name]
        (work / SMALL_FILES[1].name).write_text(original, encoding="utf-8")
        report = _ingest(store, paths, cached_extract)
        assert report.versions == [SMALL_FILES[1].name] and not report.unchanged[3:]
        snap = store_snapshot(store)
        assert snap["statements"] == expected["statements"] and snap["threads"] == expected["threads"]


def test_same_name_in_another_folder(tmp_path, cached_extract):
    a, b = tmp_path / "a", tmp_path / "b"
    a.mkdir()
    b.mkdir()
    name = "statement.txt"
    shutil.copy(SMALL_FILES[1], a / name)
    shutil.copy(SMALL_FILES[2], b / name)  # another text, the same file name
    with Store.open(f"sqlite:///{tmp_path / 'store.db'}") as store:
        _ingest(store, [a / name], cached_extract)
        report = _ingest(store, [b / name], cached_extract)
        assert report.added == [name] and not report.versions
        names = sorted(d["name"] for d in store.documents())
        assert names == ["statement (b).txt", name]
        assert all(d["version"] == 1 for d in store.documents())


def test_the_same_text_from_two_files_is_stored_once(tmp_path, cached_extract):
    text = SMALL_FILES[1].read_text(encoding="utf-8")
    copy = tmp_path / "copy-of-ncg1.txt"  # another rendering: other dashes and line breaks
    copy.write_text(text.replace(" – ", " - ").replace("U.S.", "US").replace(". ", ".\n", 3), encoding="utf-8")
    with Store.open(f"sqlite:///{tmp_path / 'store.db'}") as store:
        _ingest(store, [SMALL_FILES[1]], cached_extract)
        report = _ingest(store, [copy], cached_extract)
        assert report.duplicates == [copy.name] and not report.added
        assert [d["name"] for d in store.documents()] == [SMALL_FILES[1].name]
        sources = store.export("document_sources", "jsonl", _Sink())
        assert sources == 2  # one document, both files among its sources
        assert _ingest(store, [copy], cached_extract).unchanged == [copy.name]


class _Sink:
    def write(self, _text: str) -> int:
        return 0


def test_the_two_copies_of_one_communique_in_the_sample_corpus_are_one_document(tmp_path, cached_extract):
    """The demo ingests corpus/seeds and corpus/alliance, which hold one SCM communiqué twice."""
    root = SMALL_FILES[0].parents[1]
    copies = [root / "seeds" / "scm51-joint-communique.txt", root / "alliance" / "scm51-2019.txt"]
    sidecar = tmp_path / "meta.tsv"
    sidecar.write_text("file\turl\n" + "".join(f"{p.name}\thttps://example.org/{p.stem}\n" for p in copies),
                       encoding="utf-8")
    with Store.open(f"sqlite:///{tmp_path / 'store.db'}") as store:
        report = _ingest(store, copies, cached_extract, meta=read_sidecar(sidecar))
        assert len(report.added) == 1 and len(report.duplicates) == 1
        assert len(store.documents()) == 1
        with store.engine.connect() as conn:  # both files among its sources, each with its URL
            urls = {r.url for r in conn.execute(sa.select(schema.document_sources.c.url))}
        assert urls == {f"https://example.org/{p.stem}" for p in copies}


def test_a_diff_of_stored_documents_is_computed_once_per_pair_of_versions(tmp_path, cached_extract):
    queries = pytest.importorskip("pledgetrack.web.queries")
    old, new = SMALL_FILES[1], SMALL_FILES[2]
    with Store.open(f"sqlite:///{tmp_path / 'store.db'}") as store:
        _ingest(store, [old, new], cached_extract)
        first = queries.diff(store, old.name, new.name)
        assert first.changes and queries.diff(store, old.name, new.name) is first  # served from the cache
        _ingest(store, [new], cached_extract, force=True)  # stored again: the diff is made again
        again = queries.diff(store, old.name, new.name)
        assert again is not first and [c.change for c in again.changes] == [c.change for c in first.changes]


def test_a_later_document_reads_only_the_documents_it_is_linked_against(tmp_path, cached_extract, monkeypatch):
    """Incremental ingest: the collection is not read whole; a document dated after the stored
    ones reads the documents of its linking window, and its threads are those of one run."""
    monkeypatch.setattr(linking, "LINK_WINDOW", 1)
    monkeypatch.setattr(linking, "SERIES_MEETINGS", 1)
    expected = _one_run(f"sqlite:///{tmp_path / 'one-run.db'}", cached_extract)
    with Store.open(f"sqlite:///{tmp_path / 'split.db'}") as store:
        _ingest(store, SMALL_FILES[:3], cached_extract)
        ingester = Ingester(store.engine, extract=cached_extract)
        read: list[str] = []
        whole = ingester._full
        monkeypatch.setattr(ingester, "_full", lambda conn, names: read.extend(names) or whole(conn, names))
        ingester.run(SMALL_FILES[3:])
        assert store_snapshot(store) == expected
    stored = sorted(ingester.docs.values(), key=lambda s: s.stub.document.meta.date or "")
    near = {r.document.name for r in linking.window([s.stub for s in stored[:3]], stored[3].stub)}
    assert set(read) == near and len(near) < 3  # the earliest, outside the window, stays unread
    assert all(s.full is None for s in stored[:3] if s.stub.document.name not in near)
