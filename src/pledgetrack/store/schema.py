"""The tables of the store, as SQLAlchemy Core objects (the schema itself is made by the migrations).

Keep this module and ``migrations/versions`` in step: queries use these objects, Alembic creates
the tables. ``statements_fts`` (SQLite FTS5) exists only in SQLite databases; PostgreSQL searches
``statements.sentence`` through an expression GIN index instead.
"""
from __future__ import annotations

import sqlalchemy as sa

metadata = sa.MetaData()

documents = sa.Table(
    "documents", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("name", sa.String(512), nullable=False),
    sa.Column("version", sa.Integer, nullable=False, default=1),
    sa.Column("superseded", sa.Boolean, nullable=False, default=False),
    sa.Column("path", sa.Text),
    sa.Column("content_hash", sa.String(64), nullable=False, unique=True),
    sa.Column("title", sa.Text, nullable=False, default=""),
    sa.Column("date", sa.String(10)),
    sa.Column("place", sa.Text),
    sa.Column("url", sa.Text),  # where it was published (migration 0002_analyst_document_url)
    sa.Column("series", sa.String(200)),
    sa.Column("number", sa.Integer),
    sa.Column("model_version", sa.String(100)),
    sa.Column("ingested_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("parties", sa.JSON, nullable=False),
    sa.Column("participants", sa.JSON, nullable=False),
    sa.Column("fingerprint", sa.JSON),  # bottom-k sketch of the text's word shingles (store/dedupe.py)
    # the large columns last: SQLite reads a row's columns in order (migration 0012_document_columns)
    sa.Column("warnings", sa.JSON, nullable=False),
    sa.Column("paragraphs", sa.JSON, nullable=False),
    sa.Column("source_text", sa.Text, nullable=False),
    sa.Column("text", sa.Text, nullable=False),
    sa.UniqueConstraint("name", "version", name="uq_documents_name_version"),
)

# Every file a document came from: the same text under several paths is stored once.
document_sources = sa.Table(
    "document_sources", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("document_id", sa.Integer, sa.ForeignKey("documents.id", ondelete="CASCADE"), nullable=False,
              index=True),
    sa.Column("name", sa.String(512), nullable=False),  # the file name
    sa.Column("path", sa.Text),
    sa.Column("url", sa.Text),  # where that file was published (metadata sidecar)
    sa.Column("content_hash", sa.String(64), nullable=False, unique=True),  # of the file's bytes
    sa.Column("added_at", sa.DateTime(timezone=True), nullable=False),
)

# Counters: row 1 every ingest transaction bumps, so a writer knows whether its view is current;
# row 2 every write bumps (``db.changes``), so a reader's cache knows whether it is current; row 3
# is the change count ``thread_sort_keys`` was made at.
ingest_state = sa.Table(
    "ingest_state", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("generation", sa.Integer, nullable=False),
)

statements = sa.Table(
    "statements", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("document_id", sa.Integer, sa.ForeignKey("documents.id", ondelete="CASCADE"), nullable=False,
              index=True),
    sa.Column("key", sa.String(32), nullable=False, index=True),
    sa.Column("ext_id", sa.String(600), nullable=False, index=True),
    sa.Column("doc", sa.String(512), nullable=False),
    sa.Column("sentence", sa.Text, nullable=False),
    sa.Column("start", sa.Integer, nullable=False),
    sa.Column("end", sa.Integer, nullable=False),
    sa.Column("trigger", sa.String(200), nullable=False),
    sa.Column("trigger_start", sa.Integer, nullable=False),
    sa.Column("act", sa.String(50), nullable=False),
    sa.Column("actors", sa.JSON, nullable=False),
    sa.Column("commitment", sa.Boolean, nullable=False),
    sa.Column("strength", sa.Integer, nullable=False),
    sa.Column("speaker", sa.Text),
    sa.Column("content", sa.Text, nullable=False),
    sa.Column("conditions", sa.JSON, nullable=False),
    sa.Column("deadlines", sa.JSON, nullable=False),
    sa.Column("agreements", sa.JSON, nullable=False),
    sa.Column("topics", sa.JSON, nullable=False),
    sa.Column("hedges", sa.JSON, nullable=False),
    sa.Column("paragraph", sa.String(50)),
    sa.Column("optional", sa.Boolean, nullable=False),
    # The discrete pledges of a list the statement carries, and how sure extraction is (0..1).
    sa.Column("items", sa.JSON, nullable=False, server_default="[]"),
    sa.Column("confidence", sa.Float, nullable=False, server_default="1.0"),
    sa.Column("subset", sa.Boolean, nullable=False, server_default=sa.false()),
)

glossary = sa.Table(
    "glossary", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("document_id", sa.Integer, sa.ForeignKey("documents.id", ondelete="CASCADE"), nullable=False,
              index=True),
    sa.Column("acronym", sa.String(200), nullable=False, index=True),
    sa.Column("expansion", sa.Text, nullable=False),
    sa.Column("doc", sa.String(512), nullable=False),
    sa.Column("start", sa.Integer, nullable=False),
)

agreements = sa.Table(
    "agreements", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("key", sa.String(400), nullable=False, unique=True),
    sa.Column("name", sa.Text, nullable=False),
    sa.Column("first_document_id", sa.Integer, sa.ForeignKey("documents.id", ondelete="SET NULL")),
)

statement_agreements = sa.Table(
    "statement_agreements", metadata,
    sa.Column("statement_id", sa.Integer, sa.ForeignKey("statements.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("agreement_id", sa.Integer, sa.ForeignKey("agreements.id", ondelete="CASCADE"), primary_key=True),
)

# The dated deadlines of each statement, as extracted: the overdue listing walks them by date
# through the index instead of reading every statement's JSON (``deadlines.overdue``).
statement_deadlines = sa.Table(
    "statement_deadlines", metadata,
    sa.Column("statement_id", sa.Integer, sa.ForeignKey("statements.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("date", sa.String(10), primary_key=True, index=True),
)

# What evidence suggestions read instead of every later statement (``evidence``): how many of a
# document's statements use each content word, the same summed over the current documents (whether
# a word is common or rare in the collection), and the statements whose own clause reports
# something done, with their words and the words next to the deed (kept by ``evidence`` at ingest).
document_words = sa.Table(
    "document_words", metadata,
    sa.Column("word", sa.String(200), primary_key=True),
    sa.Column("document_id", sa.Integer, sa.ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True,
              index=True),
    sa.Column("statements", sa.Integer, nullable=False),
)

word_spread = sa.Table(
    "word_spread", metadata,
    sa.Column("word", sa.String(200), primary_key=True),
    sa.Column("statements", sa.Integer, nullable=False),
    sa.Column("documents", sa.Integer, nullable=False),
)

statement_completions = sa.Table(
    "statement_completions", metadata,
    sa.Column("statement_id", sa.Integer, sa.ForeignKey("statements.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("document_id", sa.Integer, sa.ForeignKey("documents.id", ondelete="CASCADE"), nullable=False,
              index=True),
    sa.Column("words", sa.Text, nullable=False),  # the sentence's content words, space-separated
    sa.Column("done_words", sa.Text, nullable=False),  # the words around the deed: what was done
)

threads = sa.Table(
    "threads", metadata,
    sa.Column("id", sa.String(64), primary_key=True),  # "T-" + stable key of the thread's first statement
    sa.Column("linker_id", sa.String(200)),
    sa.Column("title", sa.Text, nullable=False, default=""),
    sa.Column("series", sa.String(200)),
    sa.Column("topics", sa.JSON, nullable=False),
)

thread_steps = sa.Table(
    "thread_steps", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("thread_id", sa.String(64), sa.ForeignKey("threads.id", ondelete="CASCADE"), nullable=False,
              index=True),
    sa.Column("position", sa.Integer, nullable=False),
    sa.Column("doc", sa.String(512), nullable=False),
    sa.Column("date", sa.String(10)),
    sa.Column("label", sa.String(20), nullable=False),
    sa.Column("statement_id", sa.Integer, sa.ForeignKey("statements.id", ondelete="SET NULL")),
    sa.Column("statement_key", sa.String(32)),
    sa.Column("reasons", sa.JSON, nullable=False),
    sa.Column("similarity", sa.Float),
    # The thread ends here: the statement carries it on together with another thread's pledge.
    sa.Column("merged", sa.Boolean, nullable=False, server_default=sa.false()),
    # A "fulfilled" step: the statement (of its own thread) that reports the pledge done.
    sa.Column("report_id", sa.Integer, sa.ForeignKey("statements.id", ondelete="SET NULL",
                                                     name="fk_thread_steps_report_id")),
    sa.Column("report_key", sa.String(32)),
)

# The sort keys of every thread listed (``threadlist``: members grouped through the review
# overlay), kept for the store's change count in ``ingest_state`` row 3: listings sorted by date
# or size read a page off their indexes instead of grouping every statement per request.
thread_sort_keys = sa.Table(
    "thread_sort_keys", metadata,
    sa.Column("thread_id", sa.String(64), primary_key=True),
    sa.Column("statements", sa.Integer, nullable=False),
    sa.Column("first_date", sa.String(10), nullable=False),  # undated: "9999-12-31"
    sa.Column("last_date", sa.String(10), nullable=False),
    sa.Index("ix_thread_sort_keys_first", "first_date", "thread_id"),
    sa.Index("ix_thread_sort_keys_last", "last_date", "thread_id"),
    sa.Index("ix_thread_sort_keys_size", "statements", "thread_id"),
)

# Kept apart from ``threads`` (no foreign key) so that a status survives relinking.
thread_status = sa.Table(
    "thread_status", metadata,
    sa.Column("thread_id", sa.String(64), primary_key=True),
    sa.Column("status", sa.String(30), nullable=False),
    sa.Column("note", sa.Text),
    sa.Column("user", sa.String(200)),
    sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
)

evidence = sa.Table(
    "evidence", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("thread_id", sa.String(64), nullable=False, index=True),
    sa.Column("kind", sa.String(20), nullable=False),  # statement | note | link
    sa.Column("statement_key", sa.String(32)),
    sa.Column("note", sa.Text),
    sa.Column("url", sa.Text),
    sa.Column("party", sa.String(10)),  # a compliance score for one party, when given
    sa.Column("score", sa.Integer),  # +1 full, 0 partial, -1 none
    sa.Column("user", sa.String(200)),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
)

# Review decisions, keyed by the stable statement key: an overlay that survives re-extraction.
corrections = sa.Table(
    "corrections", metadata,
    sa.Column("key", sa.String(32), primary_key=True),
    sa.Column("decision", sa.String(20), nullable=False),  # accepted | corrected | rejected
    sa.Column("changes", sa.JSON, nullable=False),  # {"actors": [...], "commitment": bool, "topics": [...], ...}
    sa.Column("user", sa.String(200)),
    sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
)

audit_log = sa.Table(
    "audit_log", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("user", sa.String(200)),
    sa.Column("entity", sa.String(30), nullable=False),  # statement | thread
    sa.Column("entity_id", sa.String(600), nullable=False),
    sa.Column("action", sa.String(30), nullable=False),
    sa.Column("before", sa.JSON),
    sa.Column("after", sa.JSON),
)

# Every table a user can export, in an order that import can follow.
TABLES = {t.name: t for t in (documents, document_sources, statements, glossary, agreements, statement_agreements, threads,
                               thread_steps, thread_status, evidence, corrections, audit_log)}
