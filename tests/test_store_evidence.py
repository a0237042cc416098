"""Evidence suggestions through the store's index (``document_words``, ``statement_completions``):
the same suggestions as reading every later statement, and the index kept in step with ingest,
re-extraction and the migration that made it."""
from __future__ import annotations

from collections import Counter

import pytest
import sqlalchemy as sa
from conftest import SEED_FILES, downgraded

from pledgetrack.store import Store, db, evidence, query
from pledgetrack.store import schema as t

COUNCIL = {  # a made-up series: a pledge, and the next meeting's report of it done among other lines
    "council-2030.txt": """Joint Statement of the First Harbour Council Meeting

March 3, 2030

1. The Republic of Korea and the United States pledged to build the Harbour Logistics Centre in the northern port.

2. The Republic of Korea and the United States decided to hold joint drills on port security every spring.
""",
    "council-2031.txt": """Joint Statement of the Second Harbour Council Meeting

April 4, 2031

1. The Republic of Korea and the United States noted that the Harbour Logistics Centre in the northern port was completed in January.

2. The Republic of Korea and the United States noted that the discussions held during the Council contributed to the alliance.

3. The Republic of Korea and the United States welcomed the signing of a memorandum on customs at the port.
""",
}


@pytest.fixture
def council(empty_url, tmp_path):
    paths = []
    for name, text in COUNCIL.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
        paths.append(tmp_path / name)
    store = Store.open(empty_url)
    store.ingest(paths)
    yield store
    store.close()


def _alone(store: Store, starts: str) -> dict:
    """A thread of one statement (the one whose content starts so), ending at its meeting."""
    row = next(s for s in store.statements() if s["content"].startswith(starts))
    return {"statements": [row], "first_date": row["date"], "last_date": row["date"], "series": row["series"]}


def test_the_index_suggests_what_reading_every_statement_suggests(council):
    view = _alone(council, "to build the Harbour Logistics Centre")
    with council.engine.connect() as conn:
        every = query.statements(conn, query.Filters())
        assert len(every) == 5
        read_all = evidence.suggest(conn, view, candidates=every, spread=evidence.WordSpread().add(every))
        indexed = evidence.suggest_many(conn, [view])[0]
    assert [x["statement"]["sentence"] for x in indexed] == [
        "The Republic of Korea and the United States noted that the Harbour Logistics Centre in the northern port "
        "was completed in January."]
    assert indexed == read_all  # the same statements, scores and reasons


def test_the_collections_spread_counts_the_current_version_of_each_document(council, tmp_path):
    """A new version of a document takes the place of the old in the spread; putting the old file
    back puts it back."""
    def spread() -> dict:
        with council.engine.connect() as conn:
            return {(r.word, r.statements, r.documents) for r in conn.execute(
                sa.select(t.word_spread).where(t.word_spread.c.documents > 0))}

    def expected() -> dict:
        with council.engine.connect() as conn:
            found = evidence.WordSpread().add(query.statements(conn, query.Filters(include_rejected=True)))
        return {(w, n, found.in_docs[w]) for w, n in found.counts.items()}

    assert spread() == expected() != set()
    path = tmp_path / "council-2031.txt"
    original = path.read_text(encoding="utf-8")
    path.write_text(original.replace("memorandum on customs", "memorandum on pilotage"), encoding="utf-8")
    assert council.ingest([path]).versions == ["council-2031.txt"]
    assert ("pilotage", 1, 1) in spread() and not any(w == "customs" for w, _, _ in spread())
    assert spread() == expected()
    path.write_text(original, encoding="utf-8")
    council.ingest([path])
    assert spread() == expected() and any(w == "customs" for w, _, _ in spread())


def test_a_rejected_report_is_not_suggested_through_the_index(council):
    view = _alone(council, "to build the Harbour Logistics Centre")
    with council.engine.connect() as conn:
        found = evidence.suggest_many(conn, [view])[0]
    council.review(found[0]["statement"]["key"], "reject", user="ana")
    with council.engine.connect() as conn:
        assert evidence.suggest_many(conn, [view])[0] == []


def _indexed(store: Store) -> tuple[set, set, set]:
    with store.engine.connect() as conn:
        spread = {(r.document_id, r.word, r.statements) for r in conn.execute(sa.select(t.document_words))}
        done = {(r.statement_id, r.words, r.done_words) for r in conn.execute(sa.select(t.statement_completions))}
        summed = {(r.word, r.statements, r.documents) for r in conn.execute(sa.select(t.word_spread))
                  if r.documents > 0}
    return spread, done, summed


def _expected(store: Store) -> tuple[set, set, set]:
    """The index made again from every stored statement."""
    spread: Counter = Counter()
    done = set()
    with store.engine.connect() as conn:
        current = set(conn.execute(sa.select(t.documents.c.id).where(t.documents.c.superseded.is_(False))).scalars())
        for r in conn.execute(sa.select(t.statements)):
            found = evidence.words(r.sentence)
            spread.update((r.document_id, w) for w in found)
            clause = evidence.own_clause(dict(r._mapping))
            if (deed := evidence.completion(clause)) is not None:  # the index's rows made the long way
                done.add((r.id, " ".join(sorted(found)), " ".join(sorted(evidence.what_was_done(clause, deed)))))
    summed: dict = {}
    for (d, w), n in spread.items():
        if d in current:
            k, docs = summed.get(w, (0, 0))
            summed[w] = (k + n, docs + 1)
    return {(d, w, n) for (d, w), n in spread.items()}, done, {(w, n, k) for w, (n, k) in summed.items()}


def test_the_index_holds_every_documents_words_and_reports_through_ingest_and_re_extraction(seeded):
    found = _indexed(seeded)
    assert found == _expected(seeded) and all(found)
    seeded.ingest(SEED_FILES[:1], force=True)  # the document's statements are made again
    assert _indexed(seeded) == _expected(seeded)


def test_the_migration_fills_the_evidence_index_from_stored_statements(seeded):
    expected = _indexed(seeded)
    downgraded(seeded.engine, "0013_thread_sort_keys")  # thread steps without their reports
    with seeded.engine.begin() as conn:  # as a store made before the index was
        for table in ("document_words", "word_spread", "statement_completions", "thread_sort_keys"):
            conn.execute(sa.text(f"DROP TABLE {table}"))
        conn.execute(sa.update(sa.table("alembic_version", sa.column("version_num")))
                     .values(version_num="0010_deadlines"))
    seeded.engine.dispose()
    with Store.open(seeded.url) as store:
        with store.engine.connect() as conn:
            assert db.stored_revisions(conn) == {db.HEAD}
        assert _indexed(store) == expected
