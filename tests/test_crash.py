"""A process killed in the middle of an import leaves the database exactly as it was before."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from db.write.imports.store import import_file
from tests.editors import SESSIONS, add_editors, content, count, csv, snapshot

pytestmark = pytest.mark.slow  # imports killed in separate processes

ROOT = Path(__file__).resolve().parent.parent
NEW_SESSIONS = csv(SESSIONS, *[f"Ultrasound Imaging,{n},held,2026-01-05,," for n in range(4, 14)])

# The child imports a large register and, inside the transaction (after participants and
# attendances are written and headcounts recounted, before the commit), says so and waits to be killed.
CHILD = """
import pathlib, sys, time
import db.write.imports.store as ingest
import db.write.imports.store_rows as store_rows
from db.auth import load_user
from db.engine import make_engine
from tests.editors import ADMIN, REGISTER, csv

url, flag = sys.argv[1], pathlib.Path(sys.argv[2])
real_recount = store_rows.recount
def recount_then_hang(conn, ids):
    real_recount(conn, ids)
    flag.write_text("inside the transaction")
    time.sleep(600)
store_rows.recount = recount_then_hang
engine = make_engine(url)
with engine.connect() as conn:
    admin = load_user(conn, ADMIN)
rows = [f"Ultrasound Imaging,{4 + i // 500},UI-{i:05d},,King's College Hospital" for i in range(5000)]
ingest.import_file(engine, admin, "big-register.csv", csv(REGISTER, *rows))
"""


def _run_child_and_kill(db_url: str, tmp_path: Path) -> None:
    flag = tmp_path / "inside"
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, db_url, str(flag)],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    deadline = time.time() + 300
    while not flag.exists():
        assert child.poll() is None, child.stderr.read().decode()
        assert time.time() < deadline, "the child never reached the middle of its import"
        time.sleep(0.05)
    child.send_signal(signal.SIGKILL)
    child.wait(timeout=60)
    assert child.returncode == -signal.SIGKILL


def _with_new_sessions(engine) -> None:
    admin, _ = add_editors(engine)
    import_file(engine, admin, "sessions.csv", NEW_SESSIONS)


def test_killed_import_leaves_every_row_as_before_and_the_database_intact(engine, db_url, tmp_path):
    _with_new_sessions(engine)
    before = content(engine)
    _run_child_and_kill(db_url, tmp_path)
    assert content(engine) == before
    assert count(engine, "SELECT count(*) FROM attendances") == 0
    assert (
        count(engine, "SELECT count(*) FROM sessions WHERE number >= 4 AND headcount IS NOT NULL AND community_id = 4")
        == 0
    )
    if engine.dialect.name == "sqlite":  # SQLite's own check of every page and index
        snapshot(engine)  # closes every connection first
        conn = sqlite3.connect(engine.url.database)
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        conn.close()


def test_killed_import_changes_not_a_byte_of_the_sqlite_file(engine, db_url, tmp_path):
    _with_new_sessions(engine)
    before = snapshot(engine)  # SQLite: the file's bytes; other servers: every row
    _run_child_and_kill(db_url, tmp_path)
    assert snapshot(engine) == before
    admin = add_editors(engine)[0]  # and the same import, run to its end, still works
    assert (
        import_file(
            engine,
            admin,
            "r.csv",
            csv("community,session_number,participant_code,role,organisation", "Ultrasound Imaging,4,UI-00001,,"),
        ).written["attendances"]
        == 1
    )
