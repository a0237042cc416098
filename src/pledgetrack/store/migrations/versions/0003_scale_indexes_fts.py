"""scale: full-text index kept by the database, indexes for listings and the review overlay

Revision ID: 0003
Revises: 0001
SQLite: triggers keep ``statements_fts`` in step with ``statements`` (the store no longer writes
it by hand). PostgreSQL: a stored ``sentence_tsv`` column (generated, so always in step) with the
GIN index, so that ranking reads the stored vector instead of parsing every matching sentence.
Both: indexes for the listing order, the thread membership of a statement and current documents.
"""
from alembic import op


revision = '0003'
down_revision = '0002_analyst'
branch_labels = None
depends_on = None

_TRIGGERS = {
    "statements_fts_ai": "AFTER INSERT ON statements BEGIN "
                         "INSERT INTO statements_fts(rowid, sentence) VALUES (new.id, new.sentence); END",
    "statements_fts_ad": "AFTER DELETE ON statements BEGIN "
                         "DELETE FROM statements_fts WHERE rowid = old.id; END",
    "statements_fts_au": "AFTER UPDATE OF sentence ON statements BEGIN "
                         "DELETE FROM statements_fts WHERE rowid = old.id; "
                         "INSERT INTO statements_fts(rowid, sentence) VALUES (new.id, new.sentence); END",
}


def upgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        for name, body in _TRIGGERS.items():
            op.execute(f"CREATE TRIGGER IF NOT EXISTS {name} {body}")
        # The index as the triggers would have made it (a store written by hand before stays right).
        op.execute("DELETE FROM statements_fts")
        op.execute("INSERT INTO statements_fts(rowid, sentence) SELECT id, sentence FROM statements")
        # Listing order: documents by date (undated last), name; statements by place in the text.
        op.execute("CREATE INDEX ix_documents_listing ON documents "
                   "(superseded, coalesce(date, '9999-12-31'), name, id)")
    elif dialect == "postgresql":
        op.execute("DROP INDEX IF EXISTS ix_statements_fts")
        op.execute("ALTER TABLE statements ADD COLUMN sentence_tsv tsvector "
                   "GENERATED ALWAYS AS (to_tsvector('english', sentence)) STORED")
        op.execute("CREATE INDEX ix_statements_fts ON statements USING GIN (sentence_tsv)")
        op.execute("CREATE INDEX ix_documents_listing ON documents "
                   "(superseded, (coalesce(date, '9999-12-31')), name, id)")
    op.create_index("ix_statements_listing", "statements", ["document_id", "start", "trigger_start", "id"])
    op.create_index("ix_thread_steps_statement_key", "thread_steps", ["statement_key"])


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    op.drop_index("ix_thread_steps_statement_key", table_name="thread_steps")
    op.drop_index("ix_statements_listing", table_name="statements")
    op.execute("DROP INDEX IF EXISTS ix_documents_listing")
    if dialect == "sqlite":
        for name in _TRIGGERS:
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
    elif dialect == "postgresql":
        op.execute("DROP INDEX IF EXISTS ix_statements_fts")
        op.execute("ALTER TABLE statements DROP COLUMN sentence_tsv")
        op.execute("CREATE INDEX ix_statements_fts ON statements USING GIN (to_tsvector('english', sentence))")
