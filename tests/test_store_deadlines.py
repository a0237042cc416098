"""The overdue listing: deadlines passed with no evidence, walked latest first through the
``statement_deadlines`` index a page at a time, a thread once at its latest passed deadline; the
index kept in step with ingest, re-extraction and the migration that made it."""
from __future__ import annotations

import sqlalchemy as sa
from conftest import SEED_FILES, downgraded

from pledgetrack.store import Store, db
from pledgetrack.store import schema as t

FAR = "2100-01-01"


def _indexed(store: Store) -> set[tuple[int, str]]:
    with store.engine.connect() as conn:
        return {(r.statement_id, r.date) for r in conn.execute(sa.select(t.statement_deadlines))}


def _dated(store: Store) -> set[tuple[int, str]]:
    """The dated deadlines of every stored statement, read from their JSON."""
    with store.engine.connect() as conn:
        rows = conn.execute(sa.select(t.statements.c.id, t.statements.c.deadlines))
        return {(sid, d["date"]) for sid, ds in rows for d in ds if d.get("date")}


def test_pages_of_the_listing_add_up_to_the_whole_latest_deadline_first(seeded):
    whole = seeded.deadlines(today=FAR)
    assert len(whole) >= 3
    assert [r["date"] for r in whole] == sorted((r["date"] for r in whole), reverse=True)
    assert len({r["thread"] for r in whole}) == len(whole)  # a thread once
    paged, cursor = [], None
    while True:
        page = seeded.deadlines_page(today=FAR, cursor=cursor, limit=2)
        assert len(page.rows) <= 2
        paged += page.rows
        if not page.next:
            break
        cursor = page.next
    assert paged == whole


def test_a_thread_is_listed_at_its_latest_passed_deadline(seeded):
    for row in seeded.deadlines(today=FAR):
        view = seeded.thread(row["thread"])
        passed = [d["date"] for s in view["statements"] if s["commitment"] for d in s["deadlines"]
                  if d.get("date") and d["date"] < FAR]
        assert row["date"] == max(passed)
        assert row["days_overdue"] > 0 and not view["evidence"] and not view["suggestions"]


def test_the_day_counted_from_decides_what_has_passed(seeded):
    whole = seeded.deadlines(today=FAR)
    middle = sorted(r["date"] for r in whole)[len(whole) // 2]
    earlier = seeded.deadlines(today=middle)
    assert earlier and all(r["date"] < middle for r in earlier)
    assert seeded.deadlines(today="1900-01-01") == []


def test_evidence_or_a_settled_status_takes_a_thread_off_the_list(seeded):
    first, second = seeded.deadlines(today=FAR)[:2]
    seeded.set_status(first["thread"], None, "the working group met", "ana")
    seeded.set_status(second["thread"], "fulfilled", None, "ana")
    left = {r["thread"] for r in seeded.deadlines(today=FAR)}
    assert first["thread"] not in left and second["thread"] not in left


def test_a_statement_reviewed_as_no_commitment_no_longer_sets_a_deadline(seeded):
    row = seeded.deadlines(today=FAR)[0]
    seeded.review(row["statement"], "correct", {"commitment": False}, user="ana")
    after = {r["thread"]: r for r in seeded.deadlines(today=FAR)}
    assert row["statement"] not in {r["statement"] for r in after.values()}
    if row["thread"] in after:  # listed now at the deadline of another of its commitments
        assert after[row["thread"]]["date"] <= row["date"]


def test_a_bad_day_or_cursor_is_a_clear_error(seeded):
    import pytest

    from pledgetrack.store import StoreError
    from pledgetrack.store.query import encode_cursor
    with pytest.raises(StoreError, match="YYYY-MM-DD"):
        seeded.deadlines_page(today="zzz")
    for cursor in ("zzz", encode_cursor(["date", "2020-01-01", 5]), encode_cursor(["deadline", 3, "x"])):
        with pytest.raises(StoreError, match="bad cursor"):
            seeded.deadlines_page(today=FAR, cursor=cursor)


def test_the_index_holds_the_dated_deadlines_through_ingest_and_re_extraction(seeded):
    assert _indexed(seeded) == _dated(seeded) != set()
    seeded.ingest(SEED_FILES[:1], force=True)  # the document's statements are made again
    assert _indexed(seeded) == _dated(seeded)


def test_the_migration_fills_the_index_from_stored_statements(seeded):
    expected = _indexed(seeded)
    downgraded(seeded.engine, "0013_thread_sort_keys")  # thread steps without their reports
    with seeded.engine.begin() as conn:  # as a store made before the index was: its table gone
        for table in ("statement_deadlines", "document_words", "word_spread", "statement_completions",
                      "thread_sort_keys"):  # made after 0009
            conn.execute(sa.text(f"DROP TABLE {table}"))
        conn.execute(sa.update(sa.table("alembic_version", sa.column("version_num")))
                     .values(version_num="0009_ext_id"))
    seeded.engine.dispose()
    with Store.open(seeded.url) as store, store.engine.connect() as conn:
        assert db.stored_revisions(conn) == {db.HEAD}
        assert _indexed(store) == expected
