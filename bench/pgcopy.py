"""A synthetic bench database copied into PostgreSQL (database `bench_<size>`), for the browser benchmark.

The source is bench/generate.py's SQLite file (every name SYNTHETIC); the target is a database of its own,
named with the `bench_` prefix, on the server at BENCH_PG_URL (default: the CI cluster's role on
127.0.0.1). The schema comes from db.models; rows go in with COPY, then VACUUM (ANALYZE), as autovacuum
would leave a database that has settled. A database already
holding the same number of communities and sessions is reused (`fresh=True` rebuilds it).
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import psycopg
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from db import models as m
from db.engine import make_engine

DEFAULT_SERVER = "postgresql+psycopg://cop_ci:cop_ci@127.0.0.1:5432/postgres"
PREFIX = "bench_"


def server_url() -> str:
    return os.environ.get("BENCH_PG_URL", DEFAULT_SERVER)


def _plain(url) -> str:
    """A libpq URL (psycopg.connect does not take SQLAlchemy's driver suffix)."""
    return url.set(drivername="postgresql").render_as_string(hide_password=False)


def _counts(con) -> tuple[int, int]:
    """Communities and sessions: enough to tell one generated size from another."""
    return tuple(con.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0] for t in ("communities", "sessions"))


def _same(url, source: Path) -> bool:
    """True when the PostgreSQL copy exists and holds as many communities and sessions as the file."""
    try:
        with psycopg.connect(_plain(url), connect_timeout=5) as pg:
            theirs = _counts(pg)
    except psycopg.Error:
        return False
    src = sqlite3.connect(source)
    try:
        return theirs == _counts(src)
    finally:
        src.close()


def _recreate(url) -> None:
    admin = create_engine(url.set(database="postgres"), isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:  # the name is ours (PREFIX + size), quoted as an identifier
            conn.execute(text(f'DROP DATABASE IF EXISTS "{url.database}" WITH (FORCE)'))
            conn.execute(text(f'CREATE DATABASE "{url.database}"'))
    finally:
        admin.dispose()


def _copy_rows(src: sqlite3.Connection, pg, table) -> None:
    have = {row[1] for row in src.execute(f"PRAGMA table_info({table.name})")}
    cols = [c.name for c in table.c if c.name in have]
    if not cols:
        return
    names = ", ".join(f'"{c}"' for c in cols)
    rows = src.execute(f"SELECT {', '.join(cols)} FROM {table.name}")
    with pg.cursor() as cur, cur.copy(f'COPY "{table.name}" ({names}) FROM STDIN') as copy:
        for row in rows:
            copy.write_row(row)


def _advance(pg, table) -> None:
    if "id" in table.c and table.c.id.primary_key and table.c.id.autoincrement is not False:
        pg.execute(
            f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "
            f'COALESCE(MAX(id), 0) + 1, false) FROM "{table.name}"'
        )


def ensure(size: str, source: Path, *, fresh: bool = False) -> str:
    """The URL of `bench_<size>` on the bench's PostgreSQL server, filled from `source` if needed."""
    url = make_url(server_url()).set(database=f"{PREFIX}{size.lower()}")
    if not fresh and _same(url, source):
        return url.render_as_string(hide_password=False)
    _recreate(url)
    engine = make_engine(url.render_as_string(hide_password=False))
    m.Base.metadata.create_all(engine)
    engine.dispose()
    src = sqlite3.connect(source)
    with psycopg.connect(_plain(url)) as pg:
        for table in m.Base.metadata.sorted_tables:
            _copy_rows(src, pg, table)
            _advance(pg, table)
        pg.commit()
        pg.autocommit = True
        pg.execute("VACUUM (ANALYZE)")  # statistics, and the visibility map index-only scans need
    src.close()
    return url.render_as_string(hide_password=False)


def available() -> str | None:
    """None when the bench's PostgreSQL server answers, else why not."""
    try:
        psycopg.connect(_plain(make_url(server_url())), connect_timeout=5).close()
    except psycopg.Error as exc:
        return f"{type(exc).__name__}: {' '.join(str(exc).split())[:160]} (run .ci/postgres, or set BENCH_PG_URL)"
    return None
