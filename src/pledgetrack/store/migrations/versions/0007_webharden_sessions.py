"""web sessions

Revision ID: 0005_webharden
Revises: 0005_ingestsafe
Editor sessions of the web app, kept server-side so that signing out ends them
(pledgetrack.web.sessions): the sha256 of each live session id, its user and expiry.
"""
from alembic import op
import sqlalchemy as sa


revision = '0005_webharden'
down_revision = '0005_ingestsafe'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('web_sessions',
    sa.Column('id', sa.String(length=64), nullable=False),
    sa.Column('user', sa.String(length=200), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('expires_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index('ix_web_sessions_expires_at', 'web_sessions', ['expires_at'])


def downgrade() -> None:
    op.drop_index('ix_web_sessions_expires_at', table_name='web_sessions')
    op.drop_table('web_sessions')
