"""List items, confidence and subset flags reach the store, its exports and the reader."""
from __future__ import annotations

import io
import json

import sqlalchemy as sa

from pledgetrack.store import Store
from pledgetrack.store.db import make_engine, migrate

LISTED = ("Joint Statement of the Harbour Ministers\n\nDate: 2031-05-04\n\n"
          "We are resolved to work together to:\n\n- dredge the shared channel by 2033;\n"
          "- open a joint rescue centre unless funding lapses.\n\nWe welcomed the report.\n")


def test_items_and_confidence_are_stored_and_exported(empty_url, tmp_path):
    path = tmp_path / "harbour-ministers-2031.txt"
    path.write_text(LISTED)
    store = Store.open(empty_url)
    try:
        store.ingest([path], date="2031-05-04")
        by_trigger = {s["trigger"]: s for s in store.statements()}
        lead = by_trigger["resolved"]
        assert [i["content"] for i in lead["items"]] == ["dredge the shared channel by 2033",
                                                         "open a joint rescue centre unless funding lapses"]
        assert lead["items"][0]["deadlines"][0]["date"] == "2033-12-31"
        assert lead["items"][1]["conditions"] == ["unless funding lapses"]
        assert 0 < by_trigger["welcomed"]["confidence"] <= 1 and lead["subset"] is False
        out = io.StringIO()
        from pledgetrack.store.exchange import write_table
        with store.engine.connect() as conn:
            write_table(conn, "statements", "jsonl", out)
        rows = [json.loads(line) for line in out.getvalue().splitlines()]
        assert any(r["items"] and "confidence" in r for r in rows)
    finally:
        store.close()


def test_migration_adds_the_columns_to_an_existing_store(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'old.db'}")
    migrate(engine, "0004_ingestsafe")
    with engine.begin() as conn:
        conn.execute(sa.text("INSERT INTO documents (id, name, version, superseded, content_hash, title, parties, "
                             "participants, paragraphs, warnings, source_text, text, ingested_at) VALUES "
                             "(1, 'a.txt', 1, 0, 'h', '', '[]', '[]', '[]', '[]', 't', 't', '2031-01-01')"))
        conn.execute(sa.text("INSERT INTO statements (document_id, key, ext_id, doc, sentence, start, \"end\", "
                             "trigger, trigger_start, act, actors, commitment, strength, content, conditions, "
                             "deadlines, agreements, topics, hedges, optional) VALUES (1, 'k', 'a.txt:0', 'a.txt', "
                             "'s', 0, 1, 'w', 0, 'will', '[]', 1, 5, '', '[]', '[]', '[]', '[]', '[]', 0)"))
    migrate(engine, "head")
    with engine.connect() as conn:
        row = conn.execute(sa.text("SELECT items, confidence, subset FROM statements")).one()
    assert (json.loads(row.items), row.confidence, bool(row.subset)) == ([], 1.0, False)
    engine.dispose()


def test_reader_shows_a_statements_items(tmp_path):
    from fastapi.testclient import TestClient

    from pledgetrack.web.app import create_app
    from pledgetrack.web.config import WebConfig

    path = tmp_path / "harbour-ministers-2031.txt"
    path.write_text(LISTED)
    url = f"sqlite:///{tmp_path / 'web.db'}"
    with Store.open(url) as store:
        store.ingest([path], date="2031-05-04")
        ident = next(s["id"] for s in store.statements() if s["trigger"] == "resolved")
    app = create_app(url, config=WebConfig(secret="test-secret"))
    with TestClient(app) as client:
        page = client.get(f"/statements/{ident}").text
    app.state.store.close()
    assert "<dt>Items</dt>" in page and "dredge the shared channel by 2033" in page
    assert "<dt>Confidence</dt>" in page
