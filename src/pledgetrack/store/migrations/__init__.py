"""Alembic migrations of the store; run by ``pledgetrack.store.db.migrate`` on open."""
