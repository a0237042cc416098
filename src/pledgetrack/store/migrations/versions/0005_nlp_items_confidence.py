"""statements: list items, extraction confidence, subset flag

Revision ID: 0005_nlp_items_confidence
Revises: 0004_ingestsafe
A statement carries the discrete pledges of the list it introduces (``items``, JSON), the
extractor's confidence in its commitment decision and actors (``confidence``, 0..1), and
whether only some of its actors make it (``subset``: "those members that ...").
Existing rows get no items, confidence 1.0 and no subset until they are re-extracted.
Plain ADD COLUMN (no table copy), so the full-text triggers on statements stay in place.
"""
from alembic import op
import sqlalchemy as sa


revision = '0005_nlp_items_confidence'
down_revision = '0004_ingestsafe'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column('statements', sa.Column('items', sa.JSON(), nullable=False, server_default='[]'))
    op.add_column('statements', sa.Column('confidence', sa.Float(), nullable=False, server_default='1.0'))
    op.add_column('statements', sa.Column('subset', sa.Boolean(), nullable=False, server_default=sa.false()))


def downgrade() -> None:
    op.drop_column('statements', 'subset')
    op.drop_column('statements', 'confidence')
    op.drop_column('statements', 'items')
