"""documents: the small columns before the large ones (SQLite)

Revision ID: 0012_document_columns
Revises: 0011_evidence
SQLite stores a row's columns in order and keeps what does not fit its page in a chain of overflow
pages, so reading ``model_version``, stored after a document's paragraphs and texts, walked that
chain for every statement row a listing or a search page joined to its document (2-3 ms of a page of
50 hits at a million statements). The table is rebuilt with the small columns first: the same
columns, constraints, rows and ids, in another order. PostgreSQL keeps large values out of line,
so its table stays as it is. The migration runs with foreign keys off (``db.migrate``): dropping the
old table must not cascade to the rows that refer to it.
"""
import sqlalchemy as sa
from alembic import op

revision = '0012_document_columns'
down_revision = '0011_evidence'
branch_labels = None
depends_on = None

_NEW = '_documents_reordered'


def _columns() -> list[sa.Column]:
    return [
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('name', sa.String(length=512), nullable=False),
        sa.Column('version', sa.Integer(), nullable=False),
        sa.Column('superseded', sa.Boolean(), nullable=False),
        sa.Column('path', sa.Text(), nullable=True),
        sa.Column('content_hash', sa.String(length=64), nullable=False),
        sa.Column('title', sa.Text(), nullable=False),
        sa.Column('date', sa.String(length=10), nullable=True),
        sa.Column('place', sa.Text(), nullable=True),
        sa.Column('url', sa.Text(), nullable=True),
        sa.Column('series', sa.String(length=200), nullable=True),
        sa.Column('number', sa.Integer(), nullable=True),
        sa.Column('model_version', sa.String(length=100), nullable=True),
        sa.Column('ingested_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('parties', sa.JSON(), nullable=False),
        sa.Column('participants', sa.JSON(), nullable=False),
        sa.Column('fingerprint', sa.JSON(), nullable=True),
        sa.Column('warnings', sa.JSON(), nullable=False),
        sa.Column('paragraphs', sa.JSON(), nullable=False),
        sa.Column('source_text', sa.Text(), nullable=False),
        sa.Column('text', sa.Text(), nullable=False),
    ]


def upgrade() -> None:
    if op.get_bind().dialect.name != 'sqlite':
        return
    columns = _columns()
    names = ', '.join(f'"{c.name}"' for c in columns)
    op.create_table(_NEW, *columns, sa.PrimaryKeyConstraint('id'), sa.UniqueConstraint('content_hash'),
                    sa.UniqueConstraint('name', 'version', name='uq_documents_name_version'))
    op.execute(f'INSERT INTO {_NEW} ({names}) SELECT {names} FROM documents')
    had_statistics = _has_statistics()
    op.drop_table('documents')  # its index ix_documents_listing and its planner statistics go with it
    op.rename_table(_NEW, 'documents')
    op.execute("CREATE INDEX ix_documents_listing ON documents (superseded, coalesce(date, '9999-12-31'), name, id)")
    if had_statistics:  # without them the planner reads a page of hits through every current document
        op.execute('ANALYZE documents')


def _has_statistics() -> bool:
    bind = op.get_bind()
    if not bind.exec_driver_sql("SELECT 1 FROM sqlite_master WHERE name = 'sqlite_stat1'").first():
        return False
    return bind.exec_driver_sql("SELECT 1 FROM sqlite_stat1 WHERE tbl = 'documents'").first() is not None


def downgrade() -> None:
    """Nothing: the order of columns is how SQLite stores them, not a part of the schema."""
