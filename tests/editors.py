"""Helpers for the editing tests: editors in a test database, files to import, database snapshots."""

from __future__ import annotations

import functools
import hashlib
import io
import sqlite3
from pathlib import Path

from sqlalchemy import Engine, MetaData, select, text

from db.auth import User, load_user, save_user
from db.engine import dispose_engines, write_transaction
from db.passwords import hash_password

ADMIN = "admin@nhs.example"
CONVENER = "ui.convener@nhs.example"  # convener of Ultrasound Imaging only
SESSIONS = "community,number,status,date,headcount,note"
REGISTER = "community,session_number,participant_code,role,organisation"
COMMENTS = "community,session_number,text,theme"
KCH = "King's College Hospital NHS Foundation Trust"
PASSWORDS = {ADMIN: "admin's own long password", CONVENER: "the convener's own password"}


@functools.cache
def password_hash(email: str) -> str:
    """The hash of a test editor's own password, made once per test run (Argon2id takes ~0.1 s)."""
    return hash_password(PASSWORDS[email])


def add_editors(engine: Engine, *, passwords: bool = False) -> tuple[User, User]:
    """An administrator and a convener of Ultrasound Imaging, as stored users; with `passwords`,
    each has their own local password (PASSWORDS), so the sidebar offers local sign-in."""
    with write_transaction(engine) as conn:
        for email, role, communities in ((ADMIN, "administrator", []), (CONVENER, "convener", ["Ultrasound Imaging"])):
            save_user(conn, None, email, role, communities, password_hash(email) if passwords else None, bootstrap=True)
    with engine.connect() as conn:
        return load_user(conn, ADMIN), load_user(conn, CONVENER)


def csv(header: str, *rows: str) -> bytes:
    return ("\n".join([header, *rows]) + "\n").encode("utf-8")


def xlsx(sheets: dict[str, list[list]]) -> bytes:
    """A workbook written with openpyxl (which writes '=...' strings as real formulas)."""
    import openpyxl

    book = openpyxl.Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        ws = book.create_sheet(name)
        for row in rows:
            ws.append(row)
    buf = io.BytesIO()
    book.save(buf)
    return buf.getvalue()


def snapshot(engine: Engine) -> str:
    """SQLite: the database file's bytes (hashed), after every connection is closed.
    Other servers: every row of every table, in primary-key order."""
    if engine.dialect.name == "sqlite":
        engine.dispose()
        dispose_engines()
        path = Path(engine.url.database)
        last = sqlite3.connect(path)  # the last connection to close checkpoints and removes the WAL
        last.execute("SELECT count(*) FROM sqlite_master").fetchone()
        last.close()
        assert not Path(f"{path}-wal").exists()
        return hashlib.sha256(path.read_bytes()).hexdigest()
    return hashlib.sha256(repr(content(engine)).encode()).hexdigest()


def content(engine: Engine, skip: tuple[str, ...] = ()) -> dict[str, list]:
    """Every row of every table (bar `skip`), sorted, for comparing states of a database."""
    meta = MetaData()
    meta.reflect(engine)
    out = {}
    with engine.connect() as conn:
        for name, table in sorted(meta.tables.items()):
            if name in skip or name.endswith(("_fts", "_data", "_idx", "_docsize", "_config")):
                continue
            out[name] = sorted(map(repr, conn.execute(select(table)).all()))
    return out


def count(engine: Engine, sql: str) -> int:
    with engine.connect() as conn:
        return conn.execute(text(sql)).scalar()
