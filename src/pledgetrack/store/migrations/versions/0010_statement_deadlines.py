"""statement_deadlines: the dated deadlines of each statement, indexed by date

Revision ID: 0010_deadlines
Revises: 0009_ext_id
The overdue listing read every statement of the collection (and every thread whole) to find the
deadlines that have passed: more than 45 minutes and 11 GB at a million statements. With the dates
in an indexed table it walks the passed ones, latest first, a page at a time. The rows of stored
statements are filled in from their ``deadlines`` here.
"""
import json

import sqlalchemy as sa
from alembic import op


revision = '0010_deadlines'
down_revision = '0009_ext_id'
branch_labels = None
depends_on = None


def upgrade() -> None:
    table = op.create_table(
        'statement_deadlines',
        sa.Column('statement_id', sa.Integer(), nullable=False),
        sa.Column('date', sa.String(length=10), nullable=False),
        sa.ForeignKeyConstraint(['statement_id'], ['statements.id'], ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('statement_id', 'date'),
    )
    op.create_index('ix_statement_deadlines_date', 'statement_deadlines', ['date'])
    conn = op.get_bind()
    statements = sa.table('statements', sa.column('id', sa.Integer), sa.column('deadlines', sa.Text))
    rows = conn.execute(sa.select(statements.c.id, sa.cast(statements.c.deadlines, sa.Text))
                        .where(sa.cast(statements.c.deadlines, sa.Text) != '[]')).all()
    found = [{'statement_id': sid, 'date': date} for sid, raw in rows
             for date in sorted({d.get('date') for d in json.loads(raw or '[]')} - {None})]
    for n in range(0, len(found), 5000):
        conn.execute(sa.insert(table), found[n:n + 5000])


def downgrade() -> None:
    op.drop_index('ix_statement_deadlines_date', table_name='statement_deadlines')
    op.drop_table('statement_deadlines')
