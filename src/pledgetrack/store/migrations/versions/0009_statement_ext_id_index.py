"""statements: an index on the pipeline id

Revision ID: 0009_ext_id
Revises: 0006_link_merged
A statement is looked up by its row id, its stable key or its pipeline id ("scm51.txt:642"), as
the CLI, the web pages and the API accept any of them; without an index on ``ext_id`` that lookup
read every statement (0.5 s a statement page at a million statements).
"""
from alembic import op


revision = '0009_ext_id'
down_revision = '0006_link_merged'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index('ix_statements_ext_id', 'statements', ['ext_id'])


def downgrade() -> None:
    op.drop_index('ix_statements_ext_id', table_name='statements')
