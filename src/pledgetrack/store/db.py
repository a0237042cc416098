"""Where the store lives: the database URL, the engine, the store-wide write lock, and the
migrations run on open.

Transactions are real on both backends: SQLite's driver is told to leave transactions to
SQLAlchemy, which begins one explicitly, so DDL (the migrations) is transactional too and a
killed migration leaves nothing behind. Writers that read-modify-write the collection (ingest,
migrations) take the store-wide write lock: ``BEGIN IMMEDIATE`` on SQLite, a transaction-level
advisory lock on PostgreSQL. Readers never wait for it.
"""
from __future__ import annotations

import json
import os
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from ..config import settings
from .errors import StoreError

if TYPE_CHECKING:
    from alembic.config import Config

DEFAULT_FILE = "pledgetrack.db"
ENV_VAR = "PLEDGETRACK_DB"
MIGRATIONS = Path(__file__).with_name("migrations")
WRITE_LOCK = "pledgetrack_write_lock"  # execution option that makes a transaction take the write lock
PG_LOCK_KEY = 4242424242  # pg_advisory_xact_lock key of the store-wide write lock
# The newest migration's revision: a store already there opens without loading Alembic
# (tests/test_store.py holds it in step with migrations/versions).
HEAD = "0014_fulfilment_reports"


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


def _sqlite_connect(dbapi_conn, _record) -> None:
    dbapi_conn.isolation_level = None  # no implicit BEGIN/COMMIT by the driver: see _sqlite_begin
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.execute(f"PRAGMA busy_timeout={int(settings().store.busy_timeout_ms)}")
    cur.close()


def _sqlite_begin(conn: Connection) -> None:
    """Every transaction begins explicitly (DDL included); writers take the lock up front, so a
    read-then-write transaction never fails on a snapshot another writer has moved past."""
    conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.get_execution_options().get(WRITE_LOCK) else "BEGIN")


def json_loads(data: str | bytes) -> Any:
    """The JSON columns' decoder: ``json.loads``, with the empty list that most of a statement's
    list columns hold (conditions, deadlines, hedges, ...) read without parsing."""
    if data == "[]" or data == b"[]":
        return []
    return json.loads(data.decode() if isinstance(data, bytes) else data)


def make_engine(url: str) -> Engine:
    if url.startswith("sqlite"):
        engine = sa.create_engine(url, json_deserializer=json_loads)
        sa.event.listen(engine, "connect", _sqlite_connect)
        sa.event.listen(engine, "begin", _sqlite_begin)
        return engine
    return sa.create_engine(url, pool_pre_ping=True, json_deserializer=json_loads)


@contextmanager
def write_transaction(engine: Engine, *, store_lock: bool = True, counted: bool = True,
                      foreign_keys: bool = True) -> Iterator[Connection]:
    """A transaction that reads and then writes. With ``store_lock`` it holds the store-wide write
    lock until it commits or rolls back (ingest, migrations); without, it only takes SQLite's write
    lock up front, so that it cannot fail on a snapshot a concurrent writer moved past (reviews).
    ``counted``: it bumps the store's change counter (``changes``) as it commits. Without
    ``foreign_keys`` SQLite enforces none while it runs (migrations), and it commits only if no row
    refers to a missing one."""
    with engine.connect() as conn:
        conn.execution_options(**{WRITE_LOCK: True})
        sqlite_off = not foreign_keys and conn.dialect.name == "sqlite"
        if sqlite_off:  # outside a transaction: SQLite ignores the pragma in one
            conn.connection.dbapi_connection.execute("PRAGMA foreign_keys=OFF")  # type: ignore[union-attr]
        try:
            with conn.begin():
                if store_lock and conn.dialect.name == "postgresql":
                    conn.execute(sa.text("SELECT pg_advisory_xact_lock(:k)"), {"k": PG_LOCK_KEY})
                yield conn
                if sqlite_off and (broken := conn.exec_driver_sql("PRAGMA foreign_key_check").first()):
                    raise StoreError(f"a row of {broken[0]} would refer to a missing row of {broken[2]}; "
                                     "nothing was changed")
                if counted:
                    _count_change(conn)
        finally:
            if sqlite_off:
                conn.connection.dbapi_connection.execute("PRAGMA foreign_keys=ON")  # type: ignore[union-attr]


INGESTS_ROW = 1  # the rows of ``ingest_state``: one counts ingest transactions,
CHANGES_ROW = 2  # one every write,
SORT_KEYS_ROW = 3  # one holds the change count ``thread_sort_keys`` was made at


def counter(conn: Connection, row: int) -> int | None:
    """The value of row ``row`` of ``ingest_state`` (None: never set)."""
    from .schema import ingest_state as st
    return conn.execute(sa.select(st.c.generation).where(st.c.id == row)).scalar()


def set_counter(conn: Connection, row: int, value: Any) -> None:
    """Sets row ``row`` of ``ingest_state`` to ``value`` (an SQL expression of the old value will
    do: ``ingest_state.c.generation + 1``), making the row at ``value``'s start where it is missing."""
    from sqlalchemy.dialects import postgresql, sqlite

    from .schema import ingest_state as st
    insert = postgresql.insert if conn.dialect.name == "postgresql" else sqlite.insert
    first = 1 if isinstance(value, sa.ColumnElement) else value
    conn.execute(insert(st).values(id=row, generation=first)
                 .on_conflict_do_update(index_elements=[st.c.id], set_={"generation": value}))


def _count_change(conn: Connection) -> None:
    from .schema import ingest_state as st
    set_counter(conn, CHANGES_ROW, st.c.generation + 1)


def changes(conn: Connection) -> int:
    """How many writes the store has committed: a cache of what it shows is good while this stays."""
    return counter(conn, CHANGES_ROW) or 0


class ChangeWatch:
    """``changes`` without a pooled connection per call. Pages that key their cache on the counter
    ask for it on every request; a connection of the watcher's own (it only reads, and holds no
    transaction between calls) answers instead of a pool checkout, a ping, the query and a
    rollback. Subclasses say how to connect and how to read the counter."""

    def __init__(self) -> None:
        self._conn: Any = None  # opened on first use, again after ``close`` or a failed read
        self._lock = threading.Lock()

    def __call__(self) -> int:
        with self._lock:
            try:
                return self._read(self._connection())
            except Exception:  # a dropped connection (server restart): once more on a new one
                self._close()
                return self._read(self._connection())

    def _connection(self) -> Any:
        if self._conn is None:
            self._conn = self._open()
        return self._conn

    def _open(self) -> Any:
        raise NotImplementedError

    def _read(self, conn: Any) -> int:
        raise NotImplementedError

    def close(self) -> None:
        """Closes its connection (as ``Engine.dispose`` does the pool's); the next call opens one."""
        with self._lock:
            self._close()

    def _close(self) -> None:
        if self._conn is not None:
            conn, self._conn = self._conn, None
            conn.close()


def _counter_sql(placeholder: str) -> str:
    """The query of ``changes`` as the watchers' drivers take it (``placeholder``: "?" or "%s")."""
    from .schema import ingest_state as st
    return f"SELECT {st.c.generation.name} FROM {st.name} WHERE {st.c.id.name} = {placeholder}"


class SqliteChangeWatch(ChangeWatch):
    """A SQLite file: the watcher asks whether any connection committed since it last looked
    (``PRAGMA data_version``, no table read) and reads the counter again only then."""

    def __init__(self, path: str) -> None:
        super().__init__()
        self._path = path
        self._seen: tuple[int, int] | None = None  # (data_version, counter) on the open connection

    def _open(self) -> sqlite3.Connection:
        conn = sqlite3.connect(self._path, isolation_level=None, check_same_thread=False)
        conn.execute(f"PRAGMA busy_timeout={int(settings().store.busy_timeout_ms)}")
        self._seen = None  # data_version is per connection
        return conn

    def _read(self, conn: sqlite3.Connection) -> int:
        version = conn.execute("PRAGMA data_version").fetchone()[0]
        if self._seen is None or self._seen[0] != version:
            row = conn.execute(_counter_sql("?"), (CHANGES_ROW,)).fetchone()
            self._seen = (version, row[0] if row and row[0] else 0)
        return self._seen[1]


class PostgresChangeWatch(ChangeWatch):
    """PostgreSQL: the counter is read on every call, one round trip on an autocommit connection."""

    def __init__(self, url: sa.URL) -> None:
        super().__init__()
        self._url = url.set(drivername="postgresql").render_as_string(hide_password=False)

    def _open(self) -> Any:
        import psycopg
        return psycopg.connect(self._url, autocommit=True)

    def _read(self, conn: Any) -> int:
        row = conn.execute(_counter_sql("%s"), (CHANGES_ROW,)).fetchone()
        return row[0] if row and row[0] else 0


def change_watch(engine: Engine) -> ChangeWatch | None:
    """The ``ChangeWatch`` of a store in a SQLite file or on PostgreSQL, else None (an in-memory
    SQLite store: ask ``changes`` each time)."""
    if engine.dialect.name == "postgresql":
        return PostgresChangeWatch(engine.url)
    path = engine.url.database
    if engine.dialect.name != "sqlite" or not path or path == ":memory:" or path.startswith("file:"):
        return None
    return SqliteChangeWatch(path)


def alembic_config() -> Config:
    from alembic.config import Config
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    return cfg


def _current(conn: Connection) -> set[str]:
    from alembic.runtime.migration import MigrationContext
    return set(MigrationContext.configure(conn).get_current_heads())


def stored_revisions(conn: Connection) -> set[str]:
    """The schema revisions the store records (none for a new store): one query, no Alembic."""
    if not sa.inspect(conn).has_table("alembic_version"):
        return set()
    return {r[0] for r in conn.execute(sa.text("SELECT version_num FROM alembic_version"))}


def _repair_unversioned(conn: Connection) -> None:
    """A store left by a migration killed before this module made DDL transactional has tables
    but no version. Empty leftovers are dropped so the migration can run; data is never dropped."""
    inspector = sa.inspect(conn)
    names = [n for n in inspector.get_table_names() if n != "alembic_version"]
    ours = [n for n in names if n in _known_tables() or n.startswith("statements_fts")]
    if not ours:
        return
    if any(conn.execute(sa.text(f'SELECT 1 FROM "{n}" LIMIT 1')).first() for n in ours
           if not n.startswith("statements_fts_")):
        raise StoreError("the store has tables but no schema version (an interrupted migration "
                         "over existing data); restore it from a backup or export its tables")
    for n in ours:
        if not n.startswith("statements_fts_"):  # FTS5 shadow tables go with their table
            conn.execute(sa.text(f'DROP TABLE IF EXISTS "{n}"' + (" CASCADE" if conn.dialect.name == "postgresql" else "")))


def _known_tables() -> set[str]:
    from .schema import metadata
    return set(metadata.tables)


def optimize(engine: Engine) -> None:
    """Keeps SQLite's query planner statistics up to date after a write of many rows (``PRAGMA
    optimize``, checking every table): without them it reads a thread's members, or a statement
    looked up by key, through every document's statements. PostgreSQL's autovacuum analyzes by itself.
    It takes the write lock up front, as every writer does (a concurrent ingest then waits for
    it rather than failing on a snapshot it moved past); the statistics are a hint, so a store
    still locked after the busy timeout keeps the ones it has and the write that came before stands."""
    if engine.dialect.name != "sqlite":
        return
    try:
        with write_transaction(engine, store_lock=False, counted=False) as conn:
            conn.exec_driver_sql("PRAGMA optimize=0x10002")
    except sa.exc.OperationalError as exc:
        if "locked" not in str(exc) and "busy" not in str(exc):
            raise


def migrate(engine: Engine, revision: str = "head") -> None:
    """Brings the schema up to ``revision`` (the schema is only ever made this way), in one
    transaction under the write lock: concurrent openers migrate once, a kill changes nothing."""
    if revision == "head":
        with engine.connect() as conn:
            if stored_revisions(conn) == {HEAD}:
                return  # the usual case: nothing to do, no lock taken, Alembic not even loaded
    from alembic import command
    from alembic.script import ScriptDirectory
    cfg = alembic_config()
    scripts = ScriptDirectory.from_config(cfg)
    target = set(scripts.get_revisions(revision)) if revision != "head" else None
    heads = set(scripts.get_heads())
    with engine.connect() as conn:
        stored = _current(conn)
        if stored == (heads if target is None else {r.revision for r in target}):
            return
    known = {script.revision for script in scripts.walk_revisions()}
    unknown = sorted(stored - known)
    if unknown:  # a store a newer (or another) pledgetrack made: migrating it would fail half-way
        raise StoreError(f"the store's schema is at revision {', '.join(unknown)}, which this version of "
                         f"pledgetrack does not know (its newest is {', '.join(sorted(heads))}): it was made by "
                         "a newer version; open it with that version, or ingest into a new store")
    # The counter's table may not be there yet (counted=False); SQLite's foreign keys are off so
    # that a table rebuilt (a new table, a copy, a drop) does not cascade to the rows that refer to it.
    with write_transaction(engine, counted=False, foreign_keys=False) as conn:
        if not _current(conn):
            _repair_unversioned(conn)
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, revision)
