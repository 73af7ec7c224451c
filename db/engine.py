"""The database engine: `DATABASE_URL`, or a git-ignored SQLite file built from `cop_data/` on first use.

SQLite connections turn foreign keys on, use WAL and a busy timeout, and take their transactions
explicitly so that a write can start with `BEGIN IMMEDIATE` (see `write_transaction`).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Connection, CursorResult, Engine, create_engine, event, inspect
from sqlalchemy.engine import make_url

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SQLITE_PATH = ROOT / "data" / "cop.sqlite3"
BUSY_TIMEOUT_MS = 30_000
_ENGINES: dict[str, Engine] = {}


def database_url() -> str:
    """The URL in force: `DATABASE_URL` when set, else the default SQLite file."""
    return os.environ.get("DATABASE_URL") or f"sqlite:///{DEFAULT_SQLITE_PATH}"


def _configure_sqlite(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn, _record):
        dbapi_conn.isolation_level = None  # we emit BEGIN ourselves (SQLAlchemy's pysqlite recipe)
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        if engine.url.database not in (None, "", ":memory:"):
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute("PRAGMA synchronous=NORMAL")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        immediate = conn.get_execution_options().get("sqlite_immediate", False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def make_engine(url: str | None = None) -> Engine:
    """A new engine for `url` (default: `database_url()`), configured for this project."""
    url = url or database_url()
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        path = parsed.database
        if path and path != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000})
        _configure_sqlite(engine)
        return engine
    # every time a server stamps (now(), CURRENT_TIMESTAMP) in UTC, as SQLite's are, whatever the server's,
    # the role's or PGTZ's zone: the dashboard compares and shows them as UTC
    return create_engine(url, pool_pre_ping=True, connect_args={"options": "-c TimeZone=UTC"})


def get_engine(url: str | None = None) -> Engine:
    """The shared engine for `url` (default: `database_url()`); db.admin.load.built_engine also builds
    the database from `cop_data/` when it has no tables yet."""
    url = url or database_url()
    if url not in _ENGINES:
        _ENGINES[url] = make_engine(url)
    return _ENGINES[url]


def dispose_engines() -> None:
    """Close every shared engine (tests point each case at its own database)."""
    for engine in _ENGINES.values():
        engine.dispose()
    _ENGINES.clear()


def is_built(engine: Engine) -> bool:
    """True when the database already holds the schema."""
    return inspect(engine).has_table("sessions")


def is_sqlite(engine: Engine) -> bool:
    return engine.dialect.name == "sqlite"


@contextmanager
def write_transaction(engine: Engine) -> Iterator[Connection]:
    """One transaction for a write; on SQLite it takes the write lock at its start (BEGIN IMMEDIATE)."""
    with engine.connect().execution_options(sqlite_immediate=True) as conn, conn.begin():
        yield conn


def inserted_id(result: CursorResult) -> int:
    """The id of the one row an INSERT just wrote."""
    key = result.inserted_primary_key
    if key is None:
        raise ValueError("not an INSERT of one row")
    return int(key[0])
