"""thread_sort_keys: the sort keys of the thread listing, kept per change count

Revision ID: 0013_thread_sort_keys
Revises: 0012_document_columns
A thread listing sorted by its first or last meeting or by its size grouped every current statement
by thread on every request (5-6 s at a million statements). The keys are now kept in this table,
made again by the first sorted listing after a write (``threadlist.refresh_sort_keys``), and a page
is read off its indexes. The table starts empty: nothing is computed here.
"""
import sqlalchemy as sa
from alembic import op

revision = '0013_thread_sort_keys'
down_revision = '0012_document_columns'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'thread_sort_keys',
        sa.Column('thread_id', sa.String(length=64), nullable=False),
        sa.Column('statements', sa.Integer(), nullable=False),
        sa.Column('first_date', sa.String(length=10), nullable=False),
        sa.Column('last_date', sa.String(length=10), nullable=False),
        sa.PrimaryKeyConstraint('thread_id'),
    )
    op.create_index('ix_thread_sort_keys_first', 'thread_sort_keys', ['first_date', 'thread_id'])
    op.create_index('ix_thread_sort_keys_last', 'thread_sort_keys', ['last_date', 'thread_id'])
    op.create_index('ix_thread_sort_keys_size', 'thread_sort_keys', ['statements', 'thread_id'])


def downgrade() -> None:
    op.drop_table('thread_sort_keys')
