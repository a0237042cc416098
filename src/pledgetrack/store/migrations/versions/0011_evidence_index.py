"""document_words, word_spread and statement_completions: what evidence suggestions read

Revision ID: 0011_evidence
Revises: 0010_deadlines
Evidence suggestions read every statement after a thread's last meeting (for whether a word is
common or rare after it, and for the statements that report something done): a minute for one
old thread at a million statements. These tables hold, per document, how many statements use
each content word, the same summed over the current documents, and the statements whose own clause
reports something done, with their words. The rows of the stored documents are filled in here.
"""
import sqlalchemy as sa
from alembic import op

revision = '0011_evidence'
down_revision = '0010_deadlines'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'document_words',
        sa.Column('word', sa.String(length=200), nullable=False),
        sa.Column('document_id', sa.Integer(), nullable=False),
        sa.Column('statements', sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(['document_id'], ['documents.id'], ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('word', 'document_id'),
    )
    op.create_index('ix_document_words_document_id', 'document_words', ['document_id'])
    op.create_table(
        'word_spread',
        sa.Column('word', sa.String(length=200), nullable=False),
        sa.Column('statements', sa.Integer(), nullable=False),
        sa.Column('documents', sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint('word'),
    )
    op.create_table(
        'statement_completions',
        sa.Column('statement_id', sa.Integer(), nullable=False),
        sa.Column('document_id', sa.Integer(), nullable=False),
        sa.Column('words', sa.Text(), nullable=False),
        sa.Column('done_words', sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(['statement_id'], ['statements.id'], ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['document_id'], ['documents.id'], ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('statement_id'),
    )
    op.create_index('ix_statement_completions_document_id', 'statement_completions', ['document_id'])
    from pledgetrack.store import evidence  # how the rows are made is the store's, not frozen here
    conn = op.get_bind()
    for (doc_id,) in conn.execute(sa.text('SELECT id FROM documents ORDER BY id')).all():
        evidence.record(conn, doc_id)


def downgrade() -> None:
    op.drop_index('ix_statement_completions_document_id', table_name='statement_completions')
    op.drop_table('statement_completions')
    op.drop_table('word_spread')
    op.drop_index('ix_document_words_document_id', table_name='document_words')
    op.drop_table('document_words')
