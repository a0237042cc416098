"""documents.url: where a document was published (from a metadata sidecar)

Revision ID: 0002_analyst
Revises: 0001
"""
from alembic import op
import sqlalchemy as sa


revision = '0002_analyst'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column('documents', sa.Column('url', sa.Text(), nullable=True))


def downgrade() -> None:
    op.drop_column('documents', 'url')
