"""Where the store lives: the database URL, the engine, and the migrations run on open."""
from __future__ import annotations

import os
from pathlib import Path

from typing import TYPE_CHECKING

import sqlalchemy as sa
from sqlalchemy.engine import Engine

if TYPE_CHECKING:
    from alembic.config import Config

DEFAULT_FILE = "pledgetrack.db"
ENV_VAR = "PLEDGETRACK_DB"
MIGRATIONS = Path(__file__).with_name("migrations")


def resolve_url(url_or_path: str | os.PathLike | None = None) -> str:
    """A SQLAlchemy URL: given, else ``$PLEDGETRACK_DB``, else ``pledgetrack.db`` here.

    A plain path is a SQLite file; ``postgresql://`` URLs use the psycopg 3 driver.
    """
    value = str(url_or_path) if url_or_path is not None else os.environ.get(ENV_VAR) or DEFAULT_FILE
    if "://" not in value:
        return f"sqlite:///{Path(value).expanduser().resolve()}"
    for prefix in ("postgresql://", "postgres://"):
        if value.startswith(prefix):
            return "postgresql+psycopg://" + value[len(prefix):]
    return value


def _sqlite_pragmas(dbapi_conn, _record) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.execute("PRAGMA busy_timeout=30000")
    cur.close()


def make_engine(url: str) -> Engine:
    if url.startswith("sqlite"):
        engine = sa.create_engine(url)
        sa.event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    return sa.create_engine(url, pool_pre_ping=True)


def alembic_config() -> "Config":
    from alembic.config import Config
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    return cfg


def migrate(engine: Engine, revision: str = "head") -> None:
    """Brings the schema up to ``revision`` (the schema is only ever made this way)."""
    from alembic import command
    cfg = alembic_config()
    with engine.begin() as conn:
        if conn.dialect.name == "postgresql":  # one migrator at a time
            conn.execute(sa.text("SELECT pg_advisory_xact_lock(4242424242)"))
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, revision)
