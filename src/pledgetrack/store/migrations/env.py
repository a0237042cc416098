"""Alembic environment: runs on the connection that ``pledgetrack.store.db.migrate`` passes in."""
from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine

from pledgetrack.store.schema import metadata

config = context.config
connection = config.attributes.get("connection")


def _run(conn) -> None:
    context.configure(connection=conn, target_metadata=metadata, render_as_batch=conn.dialect.name == "sqlite")
    with context.begin_transaction():
        context.run_migrations()


if connection is not None:
    _run(connection)
else:  # the alembic command line, with sqlalchemy.url set
    url = config.get_main_option("sqlalchemy.url")
    if url is None:
        raise RuntimeError("alembic: set sqlalchemy.url to the store's URL")
    engine = create_engine(url)
    with engine.connect() as conn:
        _run(conn)
