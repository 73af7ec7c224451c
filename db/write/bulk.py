"""Bulk writes and reads in chunks: executemany through the driver, IN lists of bounded size, and
the garbage collector paused while a large file's rows are alive."""

from __future__ import annotations

import gc
from contextlib import contextmanager
from typing import cast

from sqlalchemy import Connection

CHUNK = 5000  # values per IN list: well inside SQLite's and PostgreSQL's limits on bound parameters


def marks(conn: Connection, n: int) -> str | None:
    """n driver placeholders ("?" or "%s"), or None for a driver with another paramstyle."""
    mark = {"qmark": "?", "format": "%s", "pyformat": "%s"}.get(conn.dialect.paramstyle)
    return None if mark is None else ", ".join([mark] * n)


def bulk_insert(conn: Connection, table, rows: list[dict] | list[tuple], columns: list[str] | None = None) -> None:
    """executemany through the DB-API driver: for 100,000 rows SQLAlchemy's per-row parameter
    processing costs more than the insert itself. Rows are dicts, or tuples in the order of
    `columns` (names from the model, checked against the table); values stay bound."""
    if not rows:
        return
    if columns is None:
        dict_rows = cast("list[dict]", rows)
        columns, rows = list(dict_rows[0]), [tuple(r.values()) for r in dict_rows]
    unknown = [c for c in columns if c not in table.c]
    if unknown:
        raise ValueError(f"not columns of {table.name}: {unknown}")
    placeholders = marks(conn, len(columns))
    if placeholders is None:
        conn.execute(table.insert(), [dict(zip(columns, r)) for r in rows])
        return
    conn.exec_driver_sql(f"INSERT INTO {table.name} ({', '.join(columns)}) VALUES ({placeholders})", rows)


@contextmanager
def collector_paused():
    """Pause Python's cyclic garbage collector (usable as a decorator). A 100,000-row file makes
    about a million rows, cells and parameters that stay alive until it is written; each full pass
    of the collector walks them all and the passes together cost as long as the checks. Reference
    counting still frees everything as usual; the collector runs again when the block ends (left off
    if something else had paused it)."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def chunks(items: list, size: int = CHUNK):
    for i in range(0, len(items), size):
        yield items[i : i + size]
