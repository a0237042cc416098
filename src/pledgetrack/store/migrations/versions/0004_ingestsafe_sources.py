"""document sources, text fingerprints, ingest generation

Revision ID: 0004_ingestsafe
Revises: 0001
Every file a document came from (the same text under several paths is stored once), a sketch of
each document's text to find such duplicates, and the counter that tells a writer whether its
view of the collection is current. Existing documents get their own file as first source.
"""
from alembic import op
import sqlalchemy as sa


revision = '0004_ingestsafe'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('documents', schema=None) as batch_op:
        batch_op.add_column(sa.Column('fingerprint', sa.JSON(), nullable=True))
    op.create_table('document_sources',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('document_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=512), nullable=False),
    sa.Column('path', sa.Text(), nullable=True),
    sa.Column('content_hash', sa.String(length=64), nullable=False),
    sa.Column('added_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['document_id'], ['documents.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('content_hash')
    )
    with op.batch_alter_table('document_sources', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_document_sources_document_id'), ['document_id'], unique=False)
    op.create_table('ingest_state',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('generation', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    op.execute("INSERT INTO ingest_state (id, generation) VALUES (1, 0)")
    op.execute("INSERT INTO document_sources (document_id, name, path, content_hash, added_at) "
               "SELECT id, name, path, content_hash, ingested_at FROM documents")


def downgrade() -> None:
    op.drop_table('ingest_state')
    with op.batch_alter_table('document_sources', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_document_sources_document_id'))
    op.drop_table('document_sources')
    with op.batch_alter_table('documents', schema=None) as batch_op:
        batch_op.drop_column('fingerprint')
