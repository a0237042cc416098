"""thread steps: merged

Revision ID: 0006_link_merged
Revises: 0005_webharden
A thread whose pledge a later statement carries on together with another thread's pledge ends
there (pledgetrack.link.threads): its last step is ``merged``. Existing steps are not merged
(threads linked before merges were kept end where they were dropped).
Plain ADD COLUMN (no table copy).
"""
from alembic import op
import sqlalchemy as sa


revision = '0006_link_merged'
down_revision = '0005_webharden'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column('thread_steps', sa.Column('merged', sa.Boolean(), nullable=False, server_default=sa.false()))


def downgrade() -> None:
    op.drop_column('thread_steps', 'merged')
