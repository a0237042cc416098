"""The thread listing runs in the database: its rows, filters, order and pages agree with the
threads read whole (``Store.threads``), on SQLite and PostgreSQL, review corrections included."""
from __future__ import annotations

import io
import json

import pytest
import sqlalchemy as sa

from pledgetrack.store import Store, StoreError, db, threadlist
from pledgetrack.store import schema as t

FIELDS = ("id", "title", "series", "topics", "status", "actors", "first_date", "last_date")


def _as_listed(th: dict) -> dict:
    """A thread read whole, as a listing row shows it."""
    return {**{k: th[k] for k in FIELDS}, "statements": len(th["statements"]),
            "labels": [s["label"] for s in th["steps"]], "evidence": len(th["evidence"])}


def _reviewed(store) -> None:
    """Reviews that change membership: a statement moved to another thread, one into a thread
    of its own making, one rejected; a status and evidence on a thread."""
    spanning = [th for th in store.threads() if len(th["statements"]) >= 3]
    a, b = spanning[0], spanning[1]
    store.review(a["statements"][0]["key"], "correct", {"thread": b["id"]}, user="ana")
    own = a["statements"][1]["key"]
    store.review(own, "correct", {"thread": f"S-{own}", "actors": ["JPN"], "commitment": True}, user="ana")
    store.review(b["statements"][-1]["key"], "reject", user="ana")
    store.set_status(b["id"], "in_progress", "on track", user="ana", url="https://example.org/done")


def _all_pages(store, **kw) -> list[dict]:
    rows, cursor = [], None
    while True:
        page = store.threads_page(cursor=cursor, limit=7, **kw)
        assert len(page.rows) <= 7
        rows.extend(page.rows)
        if not page.next:
            return rows
        cursor = page.next


@pytest.mark.parametrize("singletons", [False, True])
def test_listing_rows_agree_with_the_threads_read_whole(seeded, singletons):
    _reviewed(seeded)
    whole = sorted((_as_listed(th) for th in seeded.threads(singletons=singletons)), key=lambda r: r["id"])
    listed = [{k: v for k, v in r.items() if k not in ("note", "steps")}
              for r in _all_pages(seeded, singletons=singletons)]
    assert listed == whole
    assert seeded.count_threads(singletons=singletons) == len(whole)
    moved = [r for r in listed if r["id"].startswith("S-") and r["actors"] == ["JPN"]]
    assert len(moved) == 1 and moved[0]["statements"] == 1 and moved[0]["title"]


def test_filters_agree_with_filtering_the_threads_read_whole(seeded):
    _reviewed(seeded)
    whole = sorted(seeded.threads(), key=lambda th: th["id"])
    some = next(th for th in whole if th["topics"] and th["actors"] and len(th["statements"]) >= 2)
    word = some["statements"][-1]["sentence"].split()[-2].lower()
    cases = {
        "status": ("in_progress", lambda th: th["status"] == "in_progress"),
        "series": ("scm", lambda th: (th["series"] or "").lower() == "scm"),
        "topic": (some["topics"][0].upper(), lambda th: some["topics"][0] in th["topics"]),
        "actor": (some["actors"][0].lower(), lambda th: some["actors"][0] in th["actors"]),
        "q": (word, lambda th: word in th["title"].lower() or any(word in s["sentence"].lower()
                                                                  for s in th["statements"])),
        "steps": (3, lambda th: len([s for s in th["steps"] if s["label"] != "dropped"]) >= 3),
    }
    for name, (value, keep) in cases.items():
        expected = [th["id"] for th in whole if keep(th)]
        assert expected, name
        assert [r["id"] for r in _all_pages(seeded, **{name: value})] == expected, name
        assert seeded.count_threads(**{name: value}) == len(expected), name
    assert seeded.count_threads(actor="KOR", series="SCM", steps=2) < seeded.count_threads(actor="KOR")


def test_an_actor_filter_finds_threads_by_their_commitments_as_reviewed(seeded):
    """A thread holds an actor's commitment through a statement it was linked with (corrected or
    not) or one a reviewer moved into it; a statement moved out or made a position no longer counts."""
    spanning = [th for th in seeded.threads() if len(th["statements"]) >= 2]
    linked, target, source = spanning[0], spanning[1], spanning[2]
    seeded.review(linked["statements"][0]["key"], "correct", {"actors": ["NZL"], "commitment": True}, user="ana")
    moved = source["statements"][0]["key"]
    seeded.review(moved, "correct", {"thread": target["id"], "actors": ["NZL"], "commitment": True}, user="ana")
    expected = sorted([linked["id"], target["id"]])
    assert [r["id"] for r in _all_pages(seeded, actor="nzl")] == expected
    assert seeded.count_threads(actor="NZL") == 2
    seeded.review(moved, "correct", {"thread": target["id"], "actors": ["NZL"], "commitment": False}, user="ana")
    seeded.review(linked["statements"][0]["key"], "correct", {"thread": source["id"], "actors": ["NZL"],
                                                              "commitment": True}, user="ana")
    assert [r["id"] for r in _all_pages(seeded, actor="NZL")] == [source["id"]]


@pytest.mark.parametrize("sort", ["-statements", "first_date", "-last_date"])
def test_sorted_pages_hold_every_thread_once_in_order(seeded, sort):
    rows = _all_pages(seeded, sort=sort)
    assert sorted(r["id"] for r in rows) == sorted(th["id"] for th in seeded.threads())
    name, desc = sort.lstrip("-"), sort.startswith("-")
    keys = [(r[name] or "9999-12-31", r["id"]) if name != "statements" else (r[name], r["id"]) for r in rows]
    lead = [k[0] for k in keys]
    assert lead == sorted(lead, reverse=desc)


@pytest.mark.parametrize("filters", [{}, {"steps": 2}, {"status": "in_progress"}, {"actor": "USA"},
                                     {"series": "scm", "steps": 2}, {"topic": "DETERRENCE"}, {"q": "Alliance"}])
def test_sorted_listings_agree_with_the_threads_read_whole(seeded, filters):
    """Sorted by date or size (the sort keys grouped from the members' dates, then the page's rows
    read; or, filtered on what members say, every statement grouped), review corrections included."""
    _reviewed(seeded)
    keep = {"steps": lambda th: len([s for s in th["steps"] if s["label"] != "dropped"]) >= 2,
            "status": lambda th: th["status"] == "in_progress",
            "actor": lambda th: "USA" in th["actors"],
            "series": lambda th: (th["series"] or "").lower() == "scm",
            "topic": lambda th: "deterrence" in th["topics"],
            "q": lambda th: "alliance" in th["title"].lower() or any("alliance" in s["sentence"].lower()
                                                                     for s in th["statements"])}
    whole = [_as_listed(th) for th in seeded.threads() if all(keep[k](th) for k in filters)]
    assert whole
    for sort in ("-statements", "first_date", "-last_date"):
        name, desc = sort.lstrip("-"), sort.startswith("-")
        expected = sorted(whole, key=lambda r: (r[name] if name == "statements" else r[name] or "9999-12-31", r["id"]),
                          reverse=desc)
        listed = [{k: v for k, v in r.items() if k not in ("note", "steps")}
                  for r in _all_pages(seeded, sort=sort, **filters)]
        assert listed == expected, sort


def _kept_keys(store) -> tuple[bool, list[tuple]]:
    with store.engine.connect() as conn:
        rows = conn.execute(sa.select(t.thread_sort_keys).order_by(t.thread_sort_keys.c.thread_id)).all()
        return threadlist.sort_keys_kept(conn), [tuple(r) for r in rows]


def test_sorted_listings_keep_their_keys_through_reviews_and_remake_them_after_other_writes(seeded):
    """The sort keys are made once for the store as it is (``thread_sort_keys``) and read by every
    sorted listing after; a review remakes only its threads' keys, which then equal keys made
    whole; a write that changes more (an import) leaves them to the next sorted listing."""
    def expected() -> list[tuple[str, int]]:
        return sorted(((th["id"], len(th["statements"])) for th in seeded.threads()), key=lambda r: (r[1], r[0]),
                      reverse=True)

    def listed() -> list[tuple[str, int]]:
        return [(r["id"], r["statements"]) for r in _all_pages(seeded, sort="-statements")]

    assert listed() == expected()
    kept, rows = _kept_keys(seeded)
    assert kept and len(rows) == len(seeded.threads())
    _reviewed(seeded)  # moves, a statement of its own thread, a rejection, a status
    kept, carried = _kept_keys(seeded)
    assert kept and carried != rows
    assert listed() == expected()
    with seeded.engine.begin() as conn:  # made whole again, they are the ones the reviews kept
        conn.execute(sa.delete(t.ingest_state).where(t.ingest_state.c.id == db.SORT_KEYS_ROW))
    threadlist.refresh_sort_keys(seeded.engine)
    assert _kept_keys(seeded) == (True, carried)
    out = io.StringIO()
    seeded.export("corrections", "jsonl", out)
    seeded.import_(io.StringIO(out.getvalue()), "jsonl", "corrections", user="ana")  # the same again
    assert _kept_keys(seeded) == (True, carried)
    assert listed() == expected()


def _made_whole(store) -> list[tuple]:
    """The sort keys made again from every thread."""
    with store.engine.begin() as conn:
        conn.execute(sa.delete(t.ingest_state).where(t.ingest_state.c.id == db.SORT_KEYS_ROW))
    threadlist.refresh_sort_keys(store.engine)
    return _kept_keys(store)[1]


def test_an_import_of_reviews_keeps_the_sort_keys_of_the_threads_it_changes(seeded):
    """An import of corrections remakes, inside its write, the keys of the threads its reviews
    change: those a statement leaves (a thread a reviewer had moved it to included), joins, or is
    rejected from; a status changes none."""
    spanning = [th for th in seeded.threads() if len(th["statements"]) >= 3]
    a, b, c = spanning[0], spanning[1], spanning[2]
    moved, rejected, alone = a["statements"][0]["key"], c["statements"][-1]["key"], a["statements"][1]["key"]
    seeded.review(moved, "correct", {"thread": b["id"]}, user="ana")  # in b by a reviewer's move
    seeded.threads_page(sort="-statements", limit=1)
    records = [{"key": moved, "decision": "corrected", "changes": {"thread": c["id"]}, "user": "bo"},
               {"key": rejected, "decision": "rejected", "changes": {}, "user": "bo"},
               {"key": alone, "decision": "corrected", "changes": {"thread": f"S-{alone}"}, "user": "bo"}]
    seeded.import_(io.StringIO("".join(json.dumps(r) + "\n" for r in records)), "jsonl", "corrections")
    kept, carried = _kept_keys(seeded)
    assert kept
    assert carried == _made_whole(seeded)
    sizes = {th["id"]: len(th["statements"]) for th in seeded.threads()}
    assert sizes[b["id"]] == len(b["statements"])  # the move into b undone by the import
    seeded.import_(io.StringIO(json.dumps({"thread_id": b["id"], "status": "lapsed"}) + "\n"), "jsonl", "thread_status")
    assert _kept_keys(seeded) == (True, carried)
    assert [r["id"] for r in _all_pages(seeded, sort="-statements")] == [
        th["id"] for th in sorted(seeded.threads(), key=lambda th: (len(th["statements"]), th["id"]), reverse=True)]


def test_a_store_opened_read_only_lists_sorted_threads_by_grouping_them(seeded):
    """A reader's connection that may not write (a read-only file or role) cannot make the sort
    keys: its sorted listings group every thread instead, and agree with the threads read whole."""
    url = seeded.url
    read_only = (url.replace("sqlite:///", "sqlite:///file:", 1) + "?mode=ro&uri=true" if seeded.backend == "sqlite"
                 else url + "?options=-c%20default_transaction_read_only%3Don")
    with Store.open(read_only) as reader:
        listed = [r["id"] for r in _all_pages(reader, sort="-statements")]
    assert listed == [th["id"] for th in sorted(seeded.threads(), key=lambda th: (len(th["statements"]), th["id"]),
                                                reverse=True)]
    assert not _kept_keys(seeded)[0]


def test_a_write_that_changes_more_threads_than_a_carry_takes_leaves_the_keys_stale(seeded, monkeypatch):
    """Past ``_CARRIED_MOST`` threads (a replay rewrites every thread: tens of thousands of ids,
    more than a statement may bind), the keys are not carried; the next listing makes them whole."""
    from conftest import ROOT

    seeded.threads_page(sort="-last_date", limit=1)
    monkeypatch.setattr(threadlist, "_CARRIED_MOST", 1)
    assert seeded.ingest([ROOT / "corpus/alliance/scm53-2021.txt"]).added
    assert not _kept_keys(seeded)[0]
    assert [r["id"] for r in _all_pages(seeded, sort="-statements")] == [
        th["id"] for th in sorted(seeded.threads(), key=lambda th: (len(th["statements"]), th["id"]), reverse=True)]
    assert _kept_keys(seeded)[0]


def test_ingest_keeps_the_sort_keys_of_the_threads_it_changes(seeded, tmp_path):
    """A new document, a new version (a reviewer's move of one of its statements kept) and a
    re-extraction each remake, inside their own write, the keys of the threads they change and of
    those that held the statements they replace: the keys stay current and equal keys made whole."""
    from conftest import ROOT, SEED_FILES

    def made_whole() -> list[tuple]:
        return _made_whole(seeded)

    scm51 = SEED_FILES[0]
    spanning = [th for th in seeded.threads() if len(th["statements"]) >= 2]
    moved = next(m for th in spanning for m in th["statements"] if m["doc"] == scm51.name)
    seeded.review(moved["key"], "correct", {"thread": f"S-{moved['key']}"}, user="ana")
    seeded.threads_page(sort="-last_date", limit=1)
    version = tmp_path / scm51.name
    version.write_text(scm51.read_text(encoding="utf-8")  # a day later: the moved statement's date too
                       .replace("pledged to continue close communication", "pledged to continue very close communication")
                       .replace("on November 15, 2019", "on November 16, 2019"), encoding="utf-8")
    for paths, kw in (([ROOT / "corpus/alliance/scm53-2021.txt"], {}), ([version], {}), ([version], {"force": True})):
        seeded.ingest(paths, **kw)
        kept, carried = _kept_keys(seeded)
        assert kept, paths
        assert carried == made_whole(), paths
    assert seeded.statement(moved["key"])["date"] == "2019-11-16"
    assert seeded.ingest([scm51]).versions == [scm51.name]  # the first version's file put back: restored
    assert seeded.statement(moved["key"])["date"] == "2019-11-15"
    assert _kept_keys(seeded) == (True, made_whole())
    copy = tmp_path / "elsewhere" / f"copy-{SEED_FILES[1].name}"  # the same text again: one more source
    copy.parent.mkdir()
    copy.write_text(SEED_FILES[1].read_text(encoding="utf-8") + "\n\n", encoding="utf-8")  # saved again
    assert seeded.ingest([copy]).duplicates
    assert _kept_keys(seeded) == (True, made_whole())
    assert [r["id"] for r in _all_pages(seeded, sort="-statements")] == [
        th["id"] for th in sorted(seeded.threads(), key=lambda th: (len(th["statements"]), th["id"]), reverse=True)]


def test_bad_sort_and_cursor_are_refused(seeded):
    with pytest.raises(StoreError, match="cannot sort threads"):
        seeded.threads_page(sort="colour")
    cursor = seeded.threads_page(sort="-last_date", limit=2).next
    with pytest.raises(StoreError, match="another sort"):
        seeded.threads_page(sort="-statements", cursor=cursor)
    with pytest.raises(StoreError, match="bad cursor"):
        seeded.threads_page(cursor="not-a-cursor")


def test_a_statement_that_merged_two_pledges_is_in_both_threads(seeded):
    """Where one statement carries two earlier pledges, each of their threads holds it: read
    whole, read alone and listed."""
    whole = seeded.threads()
    holders: dict[str, list[str]] = {}
    for th in whole:
        for s in th["statements"]:
            holders.setdefault(s["key"], []).append(th["id"])
    key, tids = next((k, v) for k, v in holders.items() if len(v) > 1)
    listed = {r["id"]: r for r in _all_pages(seeded)}
    for tid in tids:
        assert key in [s["key"] for s in seeded.thread(tid)["statements"]]
        assert listed[tid]["statements"] == len(next(th for th in whole if th["id"] == tid)["statements"])
    # a reviewer who moves it to one thread takes it out of the others
    # (whichever of them it chooses: the one stored as the statement's own, too)
    for chosen in (tids[-1], tids[0]):
        seeded.review(key, "correct", {"thread": chosen}, user="ana")
        assert [th["id"] for th in seeded.threads() if key in [s["key"] for s in th["statements"]]] == [chosen]


PLEDGED = """Joint Statement of the First Chile-Peru Ocean Council

Santiago, March 3, 2030

1. The Ministers of Chile and Peru held the first Chile-Peru Ocean Council in Santiago.

2. The Ministers committed to conclude negotiations on the Fisheries Data Exchange Agreement at the earliest possible date.

3. The Ministers reaffirmed their commitment to sustainable fisheries in the South Pacific.
"""
REPORTED = """Joint Statement of the Second Chile-Peru Ocean Council

Lima, April 9, 2031

1. The Ministers of Chile and Peru held the second Chile-Peru Ocean Council in Lima.

2. The Ministers welcomed the signing of the Fisheries Data Exchange Agreement in June 2030 and its entry into force.

3. The Ministers reaffirmed their commitment to sustainable fisheries in the South Pacific.
"""


def test_a_pledge_reported_done_ends_in_a_fulfilled_step_that_quotes_the_report(empty_url, tmp_path):
    (tmp_path / "council-2030.txt").write_text(PLEDGED, encoding="utf-8")
    (tmp_path / "council-2031.txt").write_text(REPORTED, encoding="utf-8")
    store = Store.open(empty_url)
    try:
        for name in ("council-2030.txt", "council-2031.txt"):  # one at a time, as new meetings come
            store.ingest([tmp_path / name])
        pledge = next(th for th in store.threads() if "Fisheries Data Exchange" in th["title"]
                      and th["statements"][0]["act"] == "commit")
        assert [m["doc"] for m in pledge["statements"]] == ["council-2030.txt"]  # the report is not its rewording
        last = pledge["steps"][-1]
        assert last["label"] == "fulfilled" and last["statement_key"] is None
        assert last["report"]["sentence"].startswith("The Ministers welcomed the signing of the Fisheries")
        assert last["report"]["doc"] == "council-2031.txt"
        store.ingest([tmp_path / "council-2030.txt"], force=True)  # extracted again: the threads replayed
        again = store.thread(pledge["id"])["steps"][-1]
        assert again["label"] == "fulfilled" and again["report"]["key"] == last["report"]["key"]
        from pledgetrack.exports.tables import thread_table
        [_, fulfilled] = thread_table(store.thread(pledge["id"])).rows  # an export quotes the report
        assert fulfilled["label"] == "fulfilled" and fulfilled["sentence"] == last["report"]["sentence"]
        from fastapi.testclient import TestClient

        from pledgetrack.web import WebConfig, create_app
        with TestClient(create_app(store, config=WebConfig(read="open"))) as client:
            page = client.get(f"/threads/{pledge['id']}").text
        assert "reported done:</small> The Ministers welcomed the signing of the Fisheries" in page
        # no one has set its status: the thread suggests what its steps say, until a reviewer decides
        view = store.thread(pledge["id"])
        assert view["status"] == "open" and view["suggested_status"]["status"] == "fulfilled"
        assert view["suggested_status"]["doc"] == "council-2031.txt" and "signing of" in view["suggested_status"]["why"]
        assert "fulfilled?</span>" in page and "not yet confirmed" in page
        assert "suggested: fulfilled" in thread_table(view).context[0]
        kept = next(th for th in store.threads() if "sustainable fisheries" in th["title"].lower())
        assert kept["suggested_status"] is None  # carried on again: nothing to suggest
        store.set_status(pledge["id"], "in_progress", "the agreement awaits ratification", "ana")
        assert store.thread(pledge["id"])["suggested_status"] is None
    finally:
        store.close()
