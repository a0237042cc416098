"""thread_steps: the statement that reports a pledge done

Revision ID: 0014_fulfilment_reports
Revises: 0013_thread_sort_keys
A "fulfilled" step is a meeting that reports the thread's pledge done ("welcomed the signing of the
Agreement"). The report is a statement of its own thread, so the step named it only in its reasons.
It is now kept with the step (its row id and stable key, as a member's), so that a thread page or
an export quotes it. Steps stored before keep none until their thread is linked again.
"""
import sqlalchemy as sa
from alembic import op

revision = '0014_fulfilment_reports'
down_revision = '0013_thread_sort_keys'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('thread_steps') as batch:
        batch.add_column(sa.Column('report_id', sa.Integer(), nullable=True))
        batch.add_column(sa.Column('report_key', sa.String(length=32), nullable=True))
        batch.create_foreign_key('fk_thread_steps_report_id', 'statements', ['report_id'], ['id'], ondelete='SET NULL')


def downgrade() -> None:
    with op.batch_alter_table('thread_steps') as batch:
        batch.drop_constraint('fk_thread_steps_report_id', type_='foreignkey')
        batch.drop_column('report_key')
        batch.drop_column('report_id')
