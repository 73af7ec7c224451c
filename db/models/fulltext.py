"""The full-text index over comments, interview answers and areas of change, as part of the schema.

SQLite: FTS5 external-content tables, created with their content tables and kept in step by
triggers (so `db.admin.load`'s drop_all/create_all and every later insert, update or delete update the
index). PostgreSQL: GIN expression indexes on `to_tsvector('simple', ...)` of the text with every
non-alphanumeric run turned into a space (`pg_document`). The queries are db.read.search.
"""

from __future__ import annotations

from sqlalchemy import DDL, Connection, event

from db.models.base import Base

# kind -> (content table, indexed column). The order here is the order of result groups.
INDEXED = {
    "comment": ("comments", "text"),
    "interview answer": ("interviews", "answer"),
    "area of change": ("value_areas", "text"),
}
TOKENIZER = "unicode61 remove_diacritics 0"  # accents kept, as in PostgreSQL's "simple"


def fts_table(table: str) -> str:
    return f"{table}_fts"


def search_tables() -> set[str]:
    """Names of the FTS tables and their shadow tables (for tools that compare schemas, e.g. Alembic)."""
    names = set()
    for table, _ in INDEXED.values():
        names |= {fts_table(table)} | {f"{fts_table(table)}_{s}" for s in ("data", "idx", "docsize", "config")}
    return names


def _sqlite_ddl(table: str, column: str) -> list[str]:
    fts = fts_table(table)
    ins = f"INSERT INTO {fts}(rowid, {column}) VALUES (new.id, new.{column});"
    dele = f"INSERT INTO {fts}({fts}, rowid, {column}) VALUES ('delete', old.id, old.{column});"
    return [
        f"DROP TABLE IF EXISTS {fts}",
        f"CREATE VIRTUAL TABLE {fts} USING fts5({column}, content='{table}', content_rowid='id', "
        f"tokenize='{TOKENIZER}')",
        f"CREATE TRIGGER IF NOT EXISTS {fts}_ai AFTER INSERT ON {table} BEGIN {ins} END",
        f"CREATE TRIGGER IF NOT EXISTS {fts}_ad AFTER DELETE ON {table} BEGIN {dele} END",
        f"CREATE TRIGGER IF NOT EXISTS {fts}_au AFTER UPDATE OF {column}, id ON {table} BEGIN {dele} {ins} END",
        f"INSERT INTO {fts}({fts}) VALUES ('rebuild')",
    ]


def pg_document(column: str) -> str:
    """PostgreSQL's indexed text: runs of letters and digits only, so that its parser (which would
    drop HTML tags and keep `a.b.com` whole) splits words exactly as SQLite's unicode61 does."""
    return f"to_tsvector('simple', regexp_replace(coalesce({column}, ''), '[^[:alnum:]]+', ' ', 'g'))"


def pg_index_sql(table: str, column: str) -> str:
    """The GIN expression index behind PostgreSQL's search (the same expression as the query's)."""
    return f"CREATE INDEX IF NOT EXISTS ix_{table}_{column}_fts ON {table} USING gin ({pg_document(column)})"


def register_index() -> None:
    """Hook the index into the schema: created with each content table, dropped before it."""
    for table, column in INDEXED.values():
        tbl = Base.metadata.tables[table]
        for stmt in _sqlite_ddl(table, column):
            event.listen(tbl, "after_create", DDL(stmt).execute_if(dialect="sqlite"))
        event.listen(tbl, "before_drop", DDL(f"DROP TABLE IF EXISTS {fts_table(table)}").execute_if(dialect="sqlite"))
        event.listen(tbl, "after_create", DDL(pg_index_sql(table, column)).execute_if(dialect="postgresql"))


def ensure_index(conn: Connection) -> None:
    """(Re)create the SQLite index and its triggers, e.g. after a migration rebuilt a table."""
    if conn.dialect.name != "sqlite":
        return
    for table, column in INDEXED.values():
        for name in ("ai", "ad", "au"):
            conn.exec_driver_sql(f"DROP TRIGGER IF EXISTS {fts_table(table)}_{name}")
        for stmt in _sqlite_ddl(table, column):
            conn.exec_driver_sql(stmt)
