"""where each source of a document was published

Revision ID: 0005_ingestsafe
Revises: 0005_nlp_items_confidence
A document stored once for several files keeps each file's URL (from a metadata sidecar) beside
its path; existing sources take their document's URL.
"""
from alembic import op
import sqlalchemy as sa


revision = '0005_ingestsafe'
down_revision = '0005_nlp_items_confidence'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('document_sources', schema=None) as batch_op:
        batch_op.add_column(sa.Column('url', sa.Text(), nullable=True))
    op.execute("UPDATE document_sources SET url = (SELECT url FROM documents "
               "WHERE documents.id = document_sources.document_id)")


def downgrade() -> None:
    with op.batch_alter_table('document_sources', schema=None) as batch_op:
        batch_op.drop_column('url')
