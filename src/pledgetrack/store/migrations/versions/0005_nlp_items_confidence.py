"""statements: list items and extraction confidence

Revision ID: 0002_nlp_items_confidence
Revises: 0004_ingestsafe
A statement carries the discrete pledges of the list it introduces (``items``, JSON) and the
extractor's confidence in its commitment decision and actors (``confidence``, 0..1), and
whether only some of its actors make it (``subset``: "those members that ...").
Existing rows get no items and confidence 1.0 until they are re-extracted.
"""
from alembic import op
import sqlalchemy as sa


revision = '0002_nlp_items_confidence'
down_revision = '0004_ingestsafe'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Plain ADD COLUMN (no table rebuild), so the full-text triggers on statements stay in place.
    op.add_column('statements', sa.Column('items', sa.JSON(), nullable=False, server_default='[]'))
    op.add_column('statements', sa.Column('confidence', sa.Float(), nullable=False, server_default='1.0'))
    op.add_column('statements', sa.Column('subset', sa.Boolean(), nullable=False, server_default=sa.false()))


def downgrade() -> None:
    with op.batch_alter_table('statements') as batch:
        batch.drop_column('subset')
        batch.drop_column('confidence')
        batch.drop_column('items')
