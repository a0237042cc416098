"""Listings in the database: keyset pages, sorts, facets, counts, the review overlay and search
pages, on SQLite and on a real PostgreSQL server."""
from __future__ import annotations

import re
from collections import Counter
from datetime import UTC, datetime

import pytest
import sqlalchemy as sa

from pledgetrack.store import StoreError
from pledgetrack.store import schema as t


def _walk(store, **kw):
    rows, cursor, pages = [], None, 0
    while True:
        page = store.statements_page(cursor=cursor, **kw)
        rows.extend(page.rows)
        pages += 1
        if not page.next:
            return rows, pages
        cursor = page.next


def test_keyset_pages_cover_the_listing_once_in_order(seeded):
    everything = seeded.statements()
    rows, pages = _walk(seeded, limit=37)
    assert [r["id"] for r in rows] == [r["id"] for r in everything]
    assert pages == -(-len(everything) // 37)
    commitments, _ = _walk(seeded, limit=25, commitment=True, series="SCM")
    assert [r["id"] for r in commitments] == [r["id"] for r in seeded.statements(commitment=True, series="SCM")]


@pytest.mark.parametrize("sort", ["-date", "strength", "-strength", "act", "doc"])
def test_sorts_page_in_their_order(seeded, sort):
    rows, _ = _walk(seeded, limit=60, sort=sort)
    assert len(rows) == len(seeded.statements()) and len({r["id"] for r in rows}) == len(rows)
    name = sort.lstrip("-")
    field = {"date": lambda r: r["date"] or "9999", "strength": lambda r: r["strength"], "act": lambda r: r["act"],
             "doc": lambda r: r["doc"]}[name]
    values = [field(r) for r in rows]
    assert values == sorted(values, reverse=sort.startswith("-"))


def test_bad_sort_and_cursor_are_clear_errors(seeded):
    with pytest.raises(StoreError, match="cannot sort by"):
        seeded.statements_page(sort="colour")
    with pytest.raises(StoreError, match="bad cursor"):
        seeded.statements_page(cursor="not-a-cursor")
    by_strength = seeded.statements_page(sort="strength", limit=3).next
    with pytest.raises(StoreError, match="another sort"):
        seeded.statements_page(sort="act", cursor=by_strength)
    from pledgetrack.store.query import encode_cursor
    forged = encode_cursor(["strength", "strong", 1, "x", "y", 2, 3, 4])
    if seeded.backend == "postgresql":  # SQLite compares any types; PostgreSQL refuses, and so do we
        with pytest.raises(StoreError, match="bad cursor"):
            seeded.statements_page(sort="strength", cursor=forged)


def test_date_range_filters_in_the_database(seeded):
    rows = seeded.statements(date_from="2020-01-01", date_to="2021-12-31")
    assert rows and all("2020-01-01" <= r["date"] <= "2021-12-31" for r in rows)
    assert seeded.count(date_from="2020-01-01", date_to="2021-12-31") == len(rows)


def test_facets_and_counts_agree_with_the_rows(seeded):
    rows = seeded.statements(series="SCM", commitment=True)
    facets = seeded.facets(series="SCM", commitment=True)
    assert dict(facets["act"]) == Counter(r["act"] for r in rows)
    assert dict(facets["actor"]) == Counter(a for r in rows for a in r["actors"])
    assert dict(facets["topic"]) == Counter(x for r in rows for x in r["topics"])
    assert dict(facets["year"]) == Counter(r["date"][:4] for r in rows if r["date"])
    assert dict(facets["commitment"]) == {"true": len(rows)}
    assert seeded.count(series="SCM", commitment=True) == len(rows)
    hits = seeded.search("deterrence", limit=0)
    assert seeded.count("deterrence") == len(hits) == sum(n for _, n in seeded.facets("deterrence")["act"])


def test_facets_of_a_few_statements_are_counted_in_one_query(seeded):
    """A search page's facets (of its best hits) are the facets of those statements, corrections
    applied, every facet in one query."""
    rows = seeded.statements(series="SCM")[:30]
    target = rows[0]
    seeded.review(target["id"], "correct", {"actors": ["CAN"], "commitment": not target["commitment"],
                                            "topics": ["written-for-this-test"]}, user="ana")
    rows = [seeded.statement(r["id"]) for r in rows]
    queries = []

    def seen(_conn, _cursor, statement, *_rest):
        queries.append(statement)
    sa.event.listen(seeded.engine, "before_cursor_execute", seen)
    try:
        facets = seeded.facets(ids=[r["id"] for r in rows])
    finally:
        sa.event.remove(seeded.engine, "before_cursor_execute", seen)
    assert len([q for q in queries if "count" in q.lower()]) == 1
    assert dict(facets["act"]) == Counter(r["act"] for r in rows)
    assert dict(facets["actor"]) == Counter(a for r in rows for a in r["actors"]) and ("CAN", 1) in facets["actor"]
    assert dict(facets["topic"]) == Counter(x for r in rows for x in r["topics"])
    assert dict(facets["year"]) == Counter(r["date"][:4] for r in rows if r["date"])
    assert dict(facets["series"]) == {"SCM": len(rows)}
    assert dict(facets["commitment"]) == Counter("true" if r["commitment"] else "false" for r in rows)
    assert [y for y, _ in facets["year"]] == sorted(y for y, _ in facets["year"])


@pytest.mark.parametrize("filters", [{}, {"commitment": False}, {"series": "SCM", "commitment": True}])
def test_a_search_pages_facets_are_those_of_its_best_hits(seeded, filters):
    """The facets a search page counts with its check of the first batch are those of its
    ``matched`` hits, also where a filter leaves too few and further batches are read."""
    for sample, limit in ((40, 5), (3, 10), (200, 20)):
        page = seeded.search_page("cooperation", limit=limit, sample=sample, facets=True, **filters)
        assert page.matched, (filters, sample)
        assert page.facets == seeded.facets(ids=page.matched, **filters), (filters, sample)
        assert sum(n for _, n in page.facets["act"]) == len(page.matched)
    assert seeded.search_page("cooperation", limit=5, sample=40).facets == {}


@pytest.mark.parametrize("filters", [{}, {"commitment": False}])
def test_facets_counted_beside_the_page_give_the_page_read_alone(seeded, filters, monkeypatch):
    """The web's first page of a search counts its facets on a second connection while it reads
    the page: the rows, cursor, highlights, matched hits and facets are those of reading it all on one
    connection, also where a review rejected one of the best hits (the page reads past it)."""
    from pledgetrack.store import query
    first = seeded.search_page("cooperation", limit=5, sample=40)
    seeded.review(first.rows[1]["id"], "reject", user="ana")
    calls = []
    side = query._facets_beside
    monkeypatch.setattr(query, "_facets_beside", lambda *a: calls.append(1) or side(*a))
    page = seeded.search_page("cooperation", limit=5, sample=40, facets=True, **filters)
    assert calls, "the facets were not counted beside the page"
    with seeded.engine.connect() as conn:
        alone = query.search(conn, query.Filters.of(**filters), "cooperation", limit=5, sample=40, facets=True)
    assert page == alone
    assert first.rows[1]["id"] not in {r["id"] for r in page.rows} and len(page.rows) == 5


def test_filters_read_the_corrected_values(seeded):
    target = seeded.statements(actor="KOR", commitment=True)[0]
    seeded.review(target["id"], "correct", {"actors": ["JPN"], "commitment": False, "act": "note",
                                            "topics": ["invented-topic"]}, user="ana")
    assert target["id"] in {r["id"] for r in seeded.statements(actor="jpn")}
    assert target["id"] not in {r["id"] for r in seeded.statements(actor="KOR")}
    assert target["id"] in {r["id"] for r in seeded.statements(commitment=False, act="note")}
    assert [r["id"] for r in seeded.statements(topic="Invented-Topic")] == [target["id"]]
    assert dict(seeded.facets(topic="invented-topic")["actor"]) == {"JPN": 1}
    corrected = seeded.statements(review="corrected")
    assert [r["id"] for r in corrected] == [target["id"]] and corrected[0]["extracted"]["actors"] != ["JPN"]
    other = seeded.statements()[1]
    seeded.review(other["id"], "reject", user="ana")
    assert other["id"] not in {r["id"] for r in seeded.statements()}
    assert [r["id"] for r in seeded.statements(review="rejected")] == [other["id"]]
    assert other["id"] not in {h.statement["id"] for h in seeded.search(other["sentence"].split()[3], limit=0)}


def test_thread_filter_follows_links_and_corrections(seeded):
    thread = next(th for th in seeded.threads() if len(th["statements"]) > 1)
    members = {s["id"] for s in thread["statements"]}
    assert {r["id"] for r in seeded.statements(thread=thread["id"])} == members
    moved = seeded.statements(thread=thread["id"])[0]
    seeded.review(moved["id"], "correct", {"thread": None}, user="ana")
    assert {r["id"] for r in seeded.statements(thread=thread["id"])} == members - {moved["id"]}
    outsider = next(r for r in seeded.statements() if r["id"] not in members)
    seeded.review(outsider["id"], "correct", {"thread": thread["id"]}, user="ana")
    assert outsider["id"] in {r["id"] for r in seeded.statements(thread=thread["id"])}


def test_search_pages_follow_the_ranking(seeded):
    everything = seeded.search("alliance", limit=0)
    assert len(everything) > 30
    got, cursor = [], None
    while True:
        page = seeded.search_page("alliance", cursor=cursor, limit=12)
        got.extend(page.hits())
        if not page.next:
            break
        cursor = page.next
    assert [h.statement["id"] for h in got] == [h.statement["id"] for h in everything]
    assert all("«" in h.highlight for h in got)
    scores = [h.score for h in got]
    assert scores == sorted(scores, reverse=True)
    usa = seeded.search_page("alliance", actor="USA", limit=5)
    assert len(usa.rows) == 5 and all("USA" in r["actors"] for r in usa.rows)


def test_full_text_index_follows_statements_by_trigger(seeded, tmp_path):
    """Deleting a document's statements (as a forced re-extraction does) takes them out of search."""
    hits = seeded.search("deterrence", limit=0)
    doc = hits[0].statement["doc"]
    with seeded.engine.begin() as conn:
        doc_id = conn.execute(sa.text("SELECT id FROM documents WHERE name = :n"), {"n": doc}).scalar()
        conn.execute(sa.text("DELETE FROM statements WHERE document_id = :d"), {"d": doc_id})
    left = seeded.search("deterrence", limit=0)
    assert left and all(h.statement["doc"] != doc for h in left)
    assert len(left) == len(hits) - sum(1 for h in hits if h.statement["doc"] == doc)
    if seeded.backend == "sqlite":
        with seeded.engine.connect() as conn:
            n = conn.execute(sa.text("SELECT count(*) FROM statements_fts")).scalar()
            assert n == conn.execute(sa.text("SELECT count(*) FROM statements")).scalar()


def test_summary_runs_on_one_connection(seeded):
    """A pool of one connection is enough for the summary (it used to take a second one)."""
    engine = seeded.engine
    seeded.engine = sa.create_engine(engine.url, pool_size=1, max_overflow=0, pool_timeout=2)
    try:
        summary = seeded.summary()
    finally:
        seeded.engine.dispose()
        seeded.engine = engine
    assert summary["statements"] == len(seeded.statements(include_rejected=True))
    assert summary["commitments"] == len(seeded.statements(commitment=True))


def test_summary_counts_reviews_and_commitments_as_the_listings_read_them(seeded):
    """The collection's counts come from the statements' own rows and the corrected ones apart;
    they agree with the listings read through the review overlay, whatever the reviews did to a
    commitment (rejected, made one, made none, corrected twice)."""
    commitments = seeded.statements(commitment=True)
    others = seeded.statements(commitment=False)
    seeded.review(commitments[0]["key"], "reject", user="ana")
    seeded.review(commitments[1]["key"], "correct", {"commitment": False}, user="ana")
    seeded.review(others[0]["key"], "correct", {"commitment": True}, user="ana")
    seeded.review(others[1]["key"], "correct", {"commitment": True}, user="ana")
    seeded.review(others[1]["key"], "reject", user="ana")  # made a commitment, then rejected
    seeded.review(commitments[2]["key"], "accept", user="ana")
    summary = seeded.summary()
    every = seeded.statements(include_rejected=True)
    assert summary["statements"] == len(every)
    assert summary["reviews"] == {review: sum(1 for s in every if (s["review"] or "unreviewed") == review)
                                  for review in ("unreviewed", "accepted", "corrected", "rejected")}
    assert summary["commitments"] == len(seeded.statements(commitment=True)) == len(commitments) - 2 + 1


def test_cli_table_names_follow_the_schema():
    from pledgetrack.cli.store import TABLES as listed
    from pledgetrack.store.schema import TABLES
    assert listed == tuple(TABLES)


def test_summary_thread_statuses_agree_with_the_threads(seeded):
    tid = seeded.threads()[0]["id"]
    seeded.set_status(tid, "fulfilled", user="ana")
    lone = seeded.statements(commitment=True)[-1]
    seeded.review(lone["id"], "correct", {"thread": f"S-{lone['key']}"}, user="ana")
    seeded.set_status(f"S-{lone['key']}", "in_progress", user="ana")  # a thread only a review made
    seeded.set_status(seeded.threads()[1]["id"], "open", user="ana")  # set to open: open still
    with seeded.engine.begin() as conn:  # a status kept for a thread that relinking took away
        conn.execute(sa.insert(t.thread_status).values(thread_id="T-gone", status="fulfilled",
                                                           updated_at=datetime.now(UTC)))
    expected = Counter(th["status"] for th in seeded.threads())
    assert seeded.summary()["thread_status"] == dict(expected)
    assert expected["fulfilled"] == 1 and expected["in_progress"] == 1


def test_counts_and_facets_past_their_time_limit_are_left_out(seeded):
    from pledgetrack.store import query
    with seeded.engine.connect() as conn:
        with pytest.raises(query.TimedOut), query.time_limit(conn, 1):
            conn.execute(sa.text("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n "
                                 "WHERE i < 50000000) SELECT count(*) FROM n")).scalar()
        assert conn.execute(sa.text("SELECT 1")).scalar() == 1  # the connection goes on
    assert seeded.count(time_limit_ms=60_000) == len(seeded.statements())
    assert set(seeded.facets(time_limit_ms=60_000)) == set(query.FACETS)


@pytest.mark.parametrize("query", ['alliances', 'nuclear deterrence', '"combined defense"', 'cyber OR space',
                                   'peninsula -nuclear', 'U.S.-ROK', 'reaffirmed commitments', 'defense policies'])
def test_search_highlights_are_those_of_the_full_text_index(seeded, query):
    """The shown hits are highlighted on their own with the marks the database's own highlighter
    puts: in SQLite a scratch index of the same tokenizer, as FTS5's highlight() over the store's
    index; in PostgreSQL the page's words by their lexemes, as ts_headline (HighlightAll). Stems,
    phrases, OR, a word left out, hyphenated and dotted words, signed numbers."""
    from pledgetrack.store import fts
    page = seeded.search_page(query, limit=20)
    assert page.rows, query
    with seeded.engine.connect() as conn:
        if seeded.backend == "sqlite":
            index = dict(conn.execute(sa.text(
                "SELECT rowid, highlight(statements_fts, 0, :a, :b) FROM statements_fts WHERE statements_fts MATCH :q"),
                {"q": fts.fts5_query(query), "a": fts.MARK_START, "b": fts.MARK_END}).all())
        else:
            index = dict(conn.execute(sa.text(
                "SELECT id, ts_headline('english', sentence, websearch_to_tsquery('english', :q), :opts) "
                "FROM statements WHERE id = ANY(:ids)"),
                {"q": query, "ids": [r["id"] for r in page.rows],
                 "opts": f"StartSel={fts.MARK_START}, StopSel={fts.MARK_END}, HighlightAll=true"}).all())
    assert page.highlights == {r["id"]: index[r["id"]] for r in page.rows}
    assert all(fts.MARK_START in h for h in page.highlights.values())


_ODD_SENTENCES = [
    "The U.S-ROK and ROK-U.S. policies on F-35A jets, COVID-19 and 2+2 talks run 24/7 in 2021-2022.",
    "International co-operation in the mid-2020s: 3-4 meetings of U.S.-Japan e-mail policy, a@b.org.",
    "Policy, policies and the policing of internationally agreed 1,000 troops (No. 2).",
]


@pytest.mark.parametrize("query", ["policy", "international", "U.S.", "ROK", "F-35A", "COVID-19", "2+2", "2022",
                                   "35A", "mid-2020s", "co-operation", "troops -policy", '"agreed troops"', "4",
                                   "24/7", "a@b.org", "jets", "meetings"])
def test_postgresql_highlights_mark_the_words_ts_headline_marks(seeded, query):
    # "2022" and "4" are in the sentences only as the signed numbers "-2022" and "-4": marked nowhere
    """Sentences written for the test, with words the parser cuts in its own ways (dotted,
    hyphenated, signed numbers, paths): the page's marks are those of ts_headline."""
    if seeded.backend != "postgresql":
        pytest.skip("PostgreSQL's highlighter")
    from pledgetrack.store import fts
    sentences = dict(enumerate(_ODD_SENTENCES))
    with seeded.engine.connect() as conn:
        ours = fts.highlights(conn, query, sentences)
        theirs = {i: conn.execute(sa.text("SELECT ts_headline('english', :s, websearch_to_tsquery('english', :q), :o)"),
                                  {"s": s, "q": query, "o": f"StartSel={fts.MARK_START}, StopSel={fts.MARK_END}, "
                                                            "HighlightAll=true"}).scalar()
                  for i, s in sentences.items()}
    assert ours == theirs
    assert any(fts.MARK_START in h for h in ours.values()) == (query not in ("2022", "4")), query


@pytest.mark.parametrize("sentence", [*_ODD_SENTENCES, "The ROK-U.S. Alliance and the U.S.-ROK ties.", "They met on 3.4.2030.",
                                      "A plain sentence of words.", "Co-operation in 2021-2022 on F-35A jets."])
def test_the_quick_look_for_odd_words_misses_none(sentence):
    """The first look (``_PG_MAYBE_ODD``) finds every sentence the parser reads in its own ways."""
    from pledgetrack.store import fts
    assert fts._odd(sentence) == bool(fts._PG_ODD.search(sentence))


def _plans(store, call) -> list[str]:
    """The SQLite query plan of every statement ``call`` runs on ``store``."""
    seen: list[tuple[str, object]] = []

    def capture(conn, cursor, statement, parameters, context, executemany):
        if statement.lstrip().upper().startswith(("SELECT", "WITH")):
            seen.append((statement, parameters))

    sa.event.listen(store.engine, "before_cursor_execute", capture)
    try:
        call()
    finally:
        sa.event.remove(store.engine, "before_cursor_execute", capture)
    with store.engine.connect() as conn:
        raw = conn.connection.dbapi_connection
        return [" | ".join(row[3] for row in raw.execute("EXPLAIN QUERY PLAN " + sql, params)) for sql, params in seen]


def test_one_statement_and_one_threads_members_are_read_by_index(seeded):
    """A statement by any of its ids, the statements of one thread and a page of the thread listing in
    id order are found through indexes, not by reading every statement (which made a statement page
    0.5 s, a thread 2 s and a page of threads 22 s at a million)."""
    if seeded.backend != "sqlite":
        pytest.skip("the plans are SQLite's")
    row = seeded.statements()[0]
    tid = next(t["id"] for t in seeded.threads() if len(t["statements"]) > 1)
    from pledgetrack.store import status

    def one_thread():
        with seeded.engine.connect() as conn:
            assert status.thread(conn, tid)["statements"]

    for call in (lambda: seeded.statement(row["ext_id"]), lambda: seeded.statement(row["key"]),
                 lambda: seeded.statement(row["id"]), one_thread,
                 lambda: seeded.threads_page(limit=5), lambda: seeded.threads_page(limit=5, steps=2)):
        plans = _plans(seeded, call)
        # every statement read: a scan, or every statement of every document by a document's index
        every = re.compile(r"SCAN statements|SEARCH statements USING (?:COVERING )?INDEX \w+ \(document_id=\?\)")
        assert plans and not any(every.search(p) for p in plans), plans
