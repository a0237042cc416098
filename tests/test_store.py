"""The store on SQLite and on a real PostgreSQL server: the same tests on both."""
from __future__ import annotations

import io
import json
import shutil

import pytest
import sqlalchemy as sa
from conftest import SEED_FILES

from pledgetrack.store import Store, StoreError, evidence
from pledgetrack.store import schema as t

SCM51 = SEED_FILES[0]


def _counts(store: Store) -> dict[str, int]:
    with store.engine.connect() as conn:
        out = {name: conn.execute(sa.select(sa.func.count()).select_from(tbl)).scalar()
               for name, tbl in t.TABLES.items()}
        out["max_statement_id"] = conn.execute(sa.select(sa.func.max(t.statements.c.id))).scalar()
        if conn.dialect.name == "sqlite":
            out["fts"] = conn.execute(sa.text("SELECT count(*) FROM statements_fts")).scalar()
    return out


# --- schema and storage -----------------------------------------------------------------------

def _head() -> str:
    from alembic.script import ScriptDirectory

    from pledgetrack.store.db import alembic_config
    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def test_schema_comes_from_migrations(empty_url):
    store = Store.open(empty_url)
    with store.engine.connect() as conn:
        assert conn.execute(sa.text("SELECT version_num FROM alembic_version")).scalar() == _head()
        names = set(sa.inspect(conn).get_table_names())
        assert set(t.TABLES) <= names
        if conn.dialect.name == "sqlite":
            assert "statements_fts" in names
        else:
            assert conn.execute(sa.text("SELECT 1 FROM pg_indexes WHERE indexname='ix_statements_fts'")).scalar()
    Store.open(empty_url).close()  # opening again migrates nothing and fails nothing
    store.close()


def test_head_constant_is_the_newest_migration():
    """A store at ``db.HEAD`` opens without Alembic, so HEAD must name the newest migration."""
    from pledgetrack.store import db
    assert _head() == db.HEAD


def test_a_store_behind_head_is_migrated_on_open(empty_url):
    from pledgetrack.store import db
    engine = db.make_engine(empty_url)
    db.migrate(engine, "0004_ingestsafe")
    with engine.connect() as conn:
        assert db.stored_revisions(conn) == {"0004_ingestsafe"}
    engine.dispose()
    with Store.open(empty_url) as store, store.engine.connect() as conn:
        assert db.stored_revisions(conn) == {db.HEAD}
        assert "items" in {c["name"] for c in sa.inspect(conn).get_columns("statements")}


def _rows(conn: sa.Connection) -> dict[str, list[tuple]]:
    return {tbl.name: [tuple(r) for r in conn.execute(sa.select(tbl).order_by(*(tbl.primary_key.columns or tbl.columns)))]
            for tbl in t.metadata.sorted_tables}


def test_rebuilding_documents_in_another_column_order_keeps_every_row(seeded, empty_url, tmp_path):
    """Migration 0012 rebuilds ``documents`` on SQLite (small columns first): no statement, source
    or evidence row that refers to a document is lost to a cascade, and every value is kept."""
    from pledgetrack.store import db
    with seeded.engine.connect() as conn:
        before = _rows(conn)
    older = f"sqlite:///{tmp_path / 'older.db'}" if empty_url.startswith("sqlite") else empty_url  # not seeded's file
    engine = db.make_engine(older)
    db.migrate(engine, "0011_evidence")  # a store of the revision before, its rows copied in
    expected: dict[str, list[tuple]] = {}
    with engine.begin() as conn:
        for tbl in t.metadata.sorted_tables:
            if not sa.inspect(conn).has_table(tbl.name):  # a table of a later revision
                expected[tbl.name] = []  # made empty by its migration (the sort keys are made again when read)
                continue
            conn.execute(tbl.delete())  # what the migrations put in (the counters)
            has = {c["name"] for c in sa.inspect(conn).get_columns(tbl.name)}
            rows = [dict(zip(tbl.columns.keys(), r, strict=True)) for r in before[tbl.name]]
            # a later revision's column (a fulfilled step's report) starts empty: the older store had none
            expected[tbl.name] = [tuple(v if k in has else None for k, v in row.items()) for row in rows]
            if rows:
                conn.execute(tbl.insert(), [{k: v for k, v in row.items() if k in has} for row in rows])
        if conn.dialect.name == "sqlite":
            conn.execute(sa.text("ANALYZE"))  # planner statistics, as a store written to has (db.analyze)
    engine.dispose()
    with Store.open(older) as store, store.engine.connect() as conn:
        assert db.stored_revisions(conn) == {db.HEAD}
        assert _rows(conn) == expected and before["statements"] and before["document_sources"]
        if conn.dialect.name == "sqlite":
            order = [c["name"] for c in sa.inspect(conn).get_columns("documents")]
            assert order[-3:] == ["paragraphs", "source_text", "text"]
            assert order.index("model_version") < order.index("warnings")
            assert conn.execute(sa.text("SELECT count(*) FROM statements_fts")).scalar() == len(before["statements"])
            assert conn.execute(sa.text("SELECT 1 FROM sqlite_master WHERE name = 'ix_documents_listing'")).scalar()
            assert conn.execute(sa.text("SELECT 1 FROM sqlite_stat1 WHERE tbl = 'documents'")).scalar()
        assert store.search("alliance", limit=3)


def test_ingest_stores_documents_statements_glossary_agreements(seeded):
    docs = seeded.documents()
    assert {d["name"] for d in docs} == {p.name for p in SEED_FILES}
    scm51 = seeded.document_text("scm51-joint-communique.txt")
    assert scm51["content_hash"] and scm51["source_text"] and scm51["text"] and scm51["series"] == "SCM"
    assert scm51["version"] == 1 and scm51["superseded"] is False
    assert len(seeded.statements()) == sum(d["statements"] for d in docs) > 100
    assert any(g["acronym"] == "SCM" for g in seeded.glossary())
    assert seeded.agreements()
    threads = seeded.threads()
    assert threads and any(len(th["statements"]) > 1 for th in threads)
    assert all(step["label"] for th in threads for step in th["steps"])


def test_reingest_same_files_changes_nothing(seeded):
    before = _counts(seeded)
    report = seeded.ingest(SEED_FILES)
    assert sorted(report.unchanged) == sorted(p.name for p in SEED_FILES)
    assert not report.added and not report.versions
    assert _counts(seeded) == before


def test_changed_file_becomes_new_version_old_kept(seeded, tmp_path):
    path = tmp_path / SCM51.name
    text = SCM51.read_text(encoding="utf-8")
    path.write_text(text.replace("pledged to continue close communication",
                                 "pledged to continue very close communication"), encoding="utf-8")
    report = seeded.ingest([path])
    assert report.versions == [SCM51.name]
    versions = [d for d in seeded.documents(include_superseded=True) if d["name"] == SCM51.name]
    assert sorted((d["version"], d["superseded"]) for d in versions) == [(1, True), (2, False)]
    current = seeded.statements(document=SCM51.name)
    assert current and all(s["doc_version"] == 2 for s in current)
    assert len(seeded.statements(document=SCM51.name, include_superseded=True)) == 2 * len(current)
    assert any("very close communication" in s["sentence"] for s in current)
    with seeded.engine.connect() as conn:  # threads point at the current version only
        rows = conn.execute(sa.select(t.documents.c.superseded).select_from(t.thread_steps)
                            .join(t.statements, t.statements.c.id == t.thread_steps.c.statement_id)
                            .join(t.documents, t.documents.c.id == t.statements.c.document_id)).all()
    assert rows and not any(r.superseded for r in rows)
    assert seeded.ingest([path]).unchanged == [SCM51.name]  # the new version, again: nothing


def test_new_document_joins_existing_threads(seeded):
    before = seeded.threads()
    old = {th["id"] for th in before}
    report = seeded.ingest([SEED_FILES[0].parents[1] / "alliance" / "scm53-2021.txt"])
    assert report.added == ["scm53-2021.txt"]
    threads = seeded.threads()
    new = {th["id"] for th in threads}
    # Threads that began before the new document keep their ids; later ones are linked again
    # with the new document in its place in time (so the ids are those of one run over all five).
    earlier = {th["id"] for th in before if (th["steps"][0]["date"] or "9999") < "2021-10-01"}
    assert earlier and earlier <= new
    joined = [th for th in threads if th["id"] in old and any(s["doc"] == "scm53-2021.txt" for s in th["statements"])]
    assert joined


def test_default_location_and_env(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("PLEDGETRACK_DB", raising=False)
    Store.open().close()
    assert (tmp_path / "pledgetrack.db").exists()
    monkeypatch.setenv("PLEDGETRACK_DB", str(tmp_path / "other.db"))
    store = Store.open()
    assert store.url.endswith("other.db") and store.backend == "sqlite"
    store.close()


# --- search -----------------------------------------------------------------------------------

def test_full_text_search_highlights_and_filters(seeded):
    hits = seeded.search("nuclear deterrence")
    assert hits and all("«" in h.highlight and "»" in h.highlight for h in hits)
    assert hits == sorted(hits, key=lambda h: -h.score)
    assert all(h.statement["sentence"].lower().count("deterr") for h in hits)
    usa = seeded.search("nuclear deterrence", actor="USA")
    assert usa and all("USA" in h.statement["actors"] for h in usa)
    assert all(h.statement["doc"] == "scm52-2020.txt" for h in seeded.search("alliance", document="scm52-2020.txt"))
    ranged = seeded.search("alliance", date_from="2020-01-01", date_to="2020-12-31")
    assert ranged and all(h.statement["date"].startswith("2020") for h in ranged)
    assert all(h.statement["act"] == "pledge" for h in seeded.search("alliance", act="pledge"))
    assert all(h.statement["commitment"] for h in seeded.search("alliance", commitment=True))
    assert all(h.statement["series"] == "SCM" for h in seeded.search("alliance", series="scm"))
    assert seeded.search('"Full Operational Capability"')
    assert isinstance(seeded.search("U.S.-ROK (alliance) OR \"foo"), list)  # no syntax error
    assert seeded.search("zzzqqqxxx") == []
    with pytest.raises(TypeError):
        seeded.search("alliance", colour="red")


def test_statement_filters(seeded):
    rows = seeded.statements(actor="KOR", commitment=True, topic="alliance")
    assert rows and all("KOR" in r["actors"] and r["commitment"] and "alliance" in r["topics"] for r in rows)


def test_semantic_search_or_clear_message(seeded, backend):
    if backend != "sqlite":
        pytest.skip("the ranking is backend-independent; once is enough")
    from pledgetrack.store import semantic
    if not semantic.available():
        with pytest.raises(StoreError, match="semantic"):
            seeded.search("troops on the peninsula", semantic_search=True)
        return
    hits = seeded.search("American soldiers stationed in Korea", semantic_search=True, limit=5)
    assert len(hits) == 5 and hits[0].score >= hits[-1].score


# --- review -----------------------------------------------------------------------------------

def test_review_accept_correct_reject_with_audit(seeded):
    rows = seeded.statements(document="scm52-2020.txt", commitment=True)
    a, b, c = rows[0], rows[1], rows[2]
    after = seeded.review(a["key"], "correct", {"actors": ["usa"], "topics": ["deterrence"]}, user="ana")
    assert after["actors"] == ["USA"] and after["topics"] == ["deterrence"] and after["review"] == "corrected"
    assert after["extracted"]["actors"] == a["actors"]
    assert seeded.statement(a["key"])["actors"] == ["USA"]
    seeded.review(b["ext_id"], "accept", user="bo")
    assert seeded.statement(b["key"])["review"] == "accepted"
    seeded.review(c["id"], "reject", user="ana")
    assert c["key"] not in {r["key"] for r in seeded.statements()}
    assert c["key"] in {r["key"] for r in seeded.statements(include_rejected=True)}
    assert c["key"] in {r["key"] for r in seeded.statements(review="rejected")}
    log = seeded.audit_log()
    assert [(e["user"], e["action"], e["entity_id"]) for e in log] == [
        ("ana", "correct", a["key"]), ("bo", "accept", b["key"]), ("ana", "reject", c["key"])]
    assert log[0]["before"]["actors"] == a["actors"] and log[0]["after"]["actors"] == ["USA"]
    assert log[0]["at"]
    with pytest.raises(StoreError):
        seeded.review(a["key"], "correct", {"colour": "red"}, user="ana")
    with pytest.raises(StoreError):
        seeded.review("no-such-statement", "accept")


def test_corrections_survive_reextraction_and_new_version(seeded, tmp_path):
    s = seeded.statements(document=SCM51.name, commitment=True)[0]
    seeded.review(s["key"], "correct", {"commitment": False, "topics": ["economy"]}, user="ana")
    report = seeded.ingest([SCM51], force=True)
    assert report.reextracted == [SCM51.name]
    again = seeded.statement(s["key"])
    assert again["id"] != s["id"]  # a new row ...
    assert again["commitment"] is False and again["topics"] == ["economy"]  # ... corrected all the same
    path = tmp_path / SCM51.name  # a new version that keeps the sentence keeps the correction
    path.write_text(SCM51.read_text(encoding="utf-8") + "\n\nThe two sides pledged to meet again in 2030.\n",
                    encoding="utf-8")
    assert seeded.ingest([path]).versions == [SCM51.name]
    latest = seeded.statement(s["key"])
    assert latest["doc_version"] == 2 and latest["commitment"] is False


def test_link_corrections(seeded):
    threads = [th for th in seeded.threads() if len(th["statements"]) > 1]
    moved = threads[0]["statements"][-1]
    seeded.review(moved["key"], "correct", {"thread": threads[1]["id"]}, user="ana")
    assert seeded.statement(moved["key"])["thread"] == threads[1]["id"]
    assert moved["key"] in {s["key"] for s in seeded.thread(threads[1]["id"])["statements"]}
    seeded.review(moved["key"], "correct", {"thread": None}, user="ana")
    assert seeded.statement(moved["key"])["thread"] is None


# --- status tracking --------------------------------------------------------------------------

def _commit_thread(store: Store) -> dict:
    threads = store.threads(singletons=True)
    return next(th for th in threads if len(th["actors"]) >= 2)


def test_status_evidence_and_compliance(seeded):
    th = _commit_thread(seeded)
    assert th["status"] == "open"
    base = seeded.compliance(th["id"])
    assert set(base["parties"]) == set(th["actors"])
    evidence = seeded.statements(document="scm54-2022.txt", actor=th["actors"][0])[0]
    view = seeded.set_status(th["id"], "fulfilled", "done, see SCM 54", "ana", evidence=[evidence["key"]],
                             url="https://example.org/report")
    assert view["status"] == "fulfilled" and {e["kind"] for e in view["evidence"]} == {"statement", "link"}
    result = seeded.compliance(th["id"])
    assert all(p["score"] == 1 for p in result["parties"].values())
    assert result["parties"][th["actors"][0]]["evidence"][0]["key"] == evidence["key"]
    other = th["actors"][1]
    result = seeded.score_party(th["id"], other, 0, "only half of it", user="bo")
    assert result["parties"][other]["score"] == 0 and result["average"] == 0.5
    seeded.set_status(th["id"], "in progress", None, "bo")
    assert seeded.thread(th["id"])["status"] == "in_progress"
    assert [e["action"] for e in seeded.audit_log(th["id"])] == ["status", "score", "status"]
    with pytest.raises(StoreError):
        seeded.set_status(th["id"], "done")
    with pytest.raises(StoreError):
        seeded.set_status("T-nope", "open")


def test_deadlines_passed_without_evidence_are_flagged(seeded):
    flags = seeded.deadlines(today="2100-01-01")
    assert flags and all(f["date"] < "2100-01-01" and f["days_overdue"] > 0 for f in flags)
    assert seeded.deadlines(today="1900-01-01") == []
    first = flags[0]
    seeded.set_status(first["thread"], None, "the working group met", "ana")
    assert first["thread"] not in {f["thread"] for f in seeded.deadlines(today="2100-01-01")}


def test_suggestions_find_later_completion():
    decided = {"key": "a", "doc": "scm51", "date": "2019-11-15", "actors": ["KOR", "USA"], "commitment": True,
               "sentence": "The Minister and the Secretary decided to pursue an assessment of Full Operational "
                           "Capability (FOC) for the Future CFC in 2020."}
    later = {"key": "b", "doc": "scm52", "date": "2020-10-14", "actors": ["KOR", "USA"],
             "sentence": "They completed the FOC certification assessment of the Future CFC."}
    unrelated = {"key": "c", "doc": "scm52", "date": "2020-10-14", "actors": ["USA"],
                 "sentence": "They completed the renovation of the embassy."}
    earlier = {**later, "key": "d", "date": "2018-01-01"}
    pool = [{**x, **{k: x.get(k) for k in ("id", "ext_id", "act", "strength", "topics", "review")},
             "commitment": True, "deadlines": []} for x in (later, unrelated, earlier)]
    view = {"statements": [decided], "last_date": decided["date"]}
    found = evidence.suggest(None, view, candidates=pool)
    assert [x["statement"]["key"] for x in found] == ["b"]
    assert "completed" in found[0]["why"] and "foc" in found[0]["shared"]


def test_thread_suggestions_are_listed(seeded):
    for th in seeded.threads(singletons=True)[:30]:
        view = seeded.thread(th["id"])
        assert all(x["why"] and x["statement"]["date"] > (view["last_date"] or "") for x in view["suggestions"])


# --- export and import ------------------------------------------------------------------------

@pytest.mark.parametrize("fmt", ["csv", "jsonl"])
def test_export_every_table(seeded, fmt):
    import csv
    seeded.review(seeded.statements()[0]["key"], "accept", user="ana")
    counts = {}
    for name in t.TABLES:
        buf = io.StringIO()
        counts[name] = seeded.export(name, fmt, buf)
        buf.seek(0)
        rows = list(csv.DictReader(buf)) if fmt == "csv" else [json.loads(x) for x in buf if x.strip()]
        assert len(rows) == counts[name]
    assert counts["statements"] > 100 and counts["documents"] == len(SEED_FILES)
    assert counts["corrections"] == 1 and counts["audit_log"] >= 1


def test_corrections_round_trip_between_stores(seeded, request, backend):
    s = seeded.statements(commitment=True)[:2]
    seeded.review(s[0]["key"], "correct", {"actors": ["JPN"]}, user="ana")
    seeded.review(s[1]["key"], "reject", user="ana")
    buf = io.StringIO()
    seeded.export("corrections", "csv", buf)
    other = Store.open(_fresh_copy(request, backend))
    buf.seek(0)
    assert other.import_(buf, "csv", table="corrections", user="importer") == {"imported": 2}
    assert other.statement(s[0]["key"])["actors"] == ["JPN"]
    assert other.statement(s[1]["key"])["review"] == "rejected"
    with pytest.raises(StoreError):
        other.import_(io.StringIO("{}\n"), "jsonl", table="statements")
    other.close()


def _fresh_copy(request, backend):
    # Another seeded database: the seeded_url fixture once more, by hand.
    templates = request.getfixturevalue("_templates")
    if backend == "sqlite":
        tmp = request.getfixturevalue("tmp_path") / "other"
        tmp.mkdir()
        for suffix in ("", "-wal", "-shm"):
            src = f"{templates['sqlite']}{suffix}"
            if __import__("os").path.exists(src):
                shutil.copy(src, tmp / f"store.db{suffix}")
        return f"sqlite:///{tmp / 'store.db'}"
    server = request.getfixturevalue("postgres")
    return server.url(server.create_database(template=templates["postgresql"]))


def test_prodigy_round_trip(seeded):
    buf = io.StringIO()
    n = seeded.export("statements", "prodigy", buf)
    records = [json.loads(x) for x in buf.getvalue().splitlines()]
    assert n == len(records) == len(seeded.statements())
    for r in records[:50]:
        span = r["spans"][0]
        assert r["text"][span["start"]:span["end"]] == span["text"]
        assert r["meta"]["model_version"] and 0 <= r["meta"]["score"] <= 1
        assert "answer" not in r
    records[0]["answer"] = "reject"
    records[1]["answer"] = "accept"
    records[1]["meta"]["actors"] = ["JPN"]
    records[2]["answer"] = "accept"
    records[2]["spans"][0]["label"] = "NOTE"
    records[3]["answer"] = "accept"
    text = "\n".join(json.dumps(r) for r in records[:4] + records[10:12])  # unanswered ones are left alone
    counts = seeded.import_(io.StringIO(text), "prodigy", user="prodigy-team")
    assert counts == {"rejected": 1, "corrected": 2, "accepted": 1}
    assert seeded.statement(records[0]["meta"]["key"])["review"] == "rejected"
    assert seeded.statement(records[1]["meta"]["key"])["actors"] == ["JPN"]
    assert seeded.statement(records[2]["meta"]["key"])["act"] == "note"
    assert seeded.statement(records[3]["meta"]["key"])["review"] == "accepted"
    assert all(e["user"] == "prodigy-team" for e in seeded.audit_log())
    out = io.StringIO()
    seeded.export("statements", "prodigy", out)
    answered = {json.loads(x)["meta"]["key"]: json.loads(x).get("answer") for x in out.getvalue().splitlines()}
    assert answered[records[0]["meta"]["key"]] == "reject"


def test_labelstudio_round_trip(seeded):
    buf = io.StringIO()
    seeded.export("statements", "labelstudio", buf)
    tasks = [json.loads(x) for x in buf.getvalue().splitlines()]
    pred = tasks[0]["predictions"][0]
    assert pred["model_version"] and 0 <= pred["score"] <= 1
    label = next(r for r in pred["result"] if r["type"] == "labels")
    assert tasks[0]["data"]["text"][label["value"]["start"]:label["value"]["end"]] == label["value"]["text"]
    # A reviewer's annotations: topics changed on one, the other rejected, a third only predicted.
    a, b = tasks[0], tasks[1]
    result = [dict(r) for r in a["predictions"][0]["result"]]
    for r in result:
        if r["from_name"] == "topics":
            r["value"] = {"choices": ["economy"]}
    a["annotations"] = [{"completed_by": 7, "result": result}]
    b["annotations"] = [{"result": [{"from_name": "review", "to_name": "text", "type": "choices",
                                     "value": {"choices": ["reject"]}}]}]
    payload = json.dumps([a, b, tasks[2]])  # Label Studio's own JSON export (one array)
    assert seeded.import_(io.StringIO(payload), "labelstudio", user="ls") == {"corrected": 1, "rejected": 1}
    assert seeded.statement(a["data"]["key"])["topics"] == ["economy"]
    assert seeded.statement(b["data"]["key"])["review"] == "rejected"
    assert seeded.statement(tasks[2]["data"]["key"])["review"] is None


def test_summary(seeded):
    summary = seeded.summary()
    assert summary["documents"] == len(SEED_FILES) and summary["statements"] > 100
    assert summary["commitments"] > 0 and summary["glossary_terms"] > 0 and summary["agreements"] > 0
    assert summary["reviews"]["unreviewed"] == summary["statements"]
    assert summary["dates"][0] <= summary["dates"][1]


def test_the_change_counter_sees_a_write_through_another_connection(seeded):
    """Cached pages key on ``changes()``: a review written by another process (another server
    worker, the CLI) moves it at once, on SQLite (data_version) and PostgreSQL alike."""
    before = seeded.changes()
    assert seeded.changes() == before  # asked again, nothing written: the same
    key = seeded.statements()[0]["key"]
    with Store.open(seeded.url) as other:
        other.review(key, "accept", user="bob")
    assert seeded.changes() > before
    seeded.close()  # closed, as a server's lifespan does, and used again: it reconnects
    assert seeded.changes() > before
