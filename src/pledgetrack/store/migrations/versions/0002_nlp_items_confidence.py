"""statements: list items and extraction confidence

Revision ID: 0002_nlp_items_confidence
Revises: 0001
A statement carries the discrete pledges of the list it introduces (``items``, JSON) and the
extractor's confidence in its commitment decision and actors (``confidence``, 0..1), and
whether only some of its actors make it (``subset``: "those members that ...").
Existing rows get no items and confidence 1.0 until they are re-extracted.
"""
from alembic import op
import sqlalchemy as sa


revision = '0002_nlp_items_confidence'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('statements') as batch:
        batch.add_column(sa.Column('items', sa.JSON(), nullable=False, server_default='[]'))
        batch.add_column(sa.Column('confidence', sa.Float(), nullable=False, server_default='1.0'))
        batch.add_column(sa.Column('subset', sa.Boolean(), nullable=False, server_default=sa.false()))


def downgrade() -> None:
    with op.batch_alter_table('statements') as batch:
        batch.drop_column('subset')
        batch.drop_column('confidence')
        batch.drop_column('items')
