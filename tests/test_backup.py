"""Backups: a consistent, checked copy of a live SQLite database, and a restore that checks first.

SQLite-only by design (the backup API is SQLite's): these tests use their own SQLite file even when
the rest of the suite runs against TEST_DATABASE_URL.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import threading

import pytest

from db.admin import backup
from db.engine import make_engine
from db.write.imports.store import import_file
from tests.editors import SESSIONS, add_editors, content, csv


@pytest.fixture()
def sqlite_url(built_sqlite, tmp_path) -> str:
    path = tmp_path / "live.sqlite3"
    shutil.copyfile(built_sqlite, path)
    return f"sqlite:///{path}"


@pytest.fixture()
def live(sqlite_url):
    engine = make_engine(sqlite_url)
    admin, _ = add_editors(engine)
    yield engine, admin
    engine.dispose()


def _import(engine, admin, start: int, n: int = 5) -> None:
    rows = [f"Operational Teams,{k},held,2026-01-05,{k}," for k in range(start, start + n)]
    import_file(engine, admin, f"s{start}.csv", csv(SESSIONS, *rows))


def test_backup_taken_while_imports_run_is_consistent_and_intact(live, sqlite_url, tmp_path):
    engine, admin = live
    stop = threading.Event()

    def keep_importing():
        start = 100
        while not stop.is_set():
            _import(engine, admin, start)
            start += 5

    worker = threading.Thread(target=keep_importing)
    worker.start()
    try:
        copies = [backup.backup(sqlite_url, tmp_path / f"copy{i}.sqlite3") for i in range(3)]
    finally:
        stop.set()
        worker.join()
    for copy in copies:
        backup.check(copy)  # integrity_check ok
        rows = content(make_engine(f"sqlite:///{copy}"))
        batches, sessions = len(rows["import_batches"]), len(rows["sessions"])
        assert sessions == 12 + 5 * batches  # every import wholly in or wholly out


def test_restore_brings_back_the_state_of_the_backup(live, sqlite_url, tmp_path):
    engine, admin = live
    _import(engine, admin, 4)
    saved = content(engine)
    copy = backup.backup(sqlite_url, tmp_path / "saved.sqlite3")
    _import(engine, admin, 20)
    assert content(engine) != saved
    engine.dispose()
    backup.restore(copy, sqlite_url)
    assert content(make_engine(sqlite_url)) == saved


def test_restore_refuses_a_damaged_file_and_keeps_the_database(live, sqlite_url, tmp_path):
    engine, _ = live
    before = content(engine)
    damaged = tmp_path / "damaged.sqlite3"
    damaged.write_bytes(b"SQLite format 3\x00" + b"\xff" * 5000)
    with pytest.raises(backup.BackupError, match="is not a usable CoP database"):
        backup.restore(damaged, sqlite_url)
    assert content(engine) == before


def test_backup_of_a_server_database_points_to_its_own_tools():
    with pytest.raises(backup.BackupError, match="pg_dump"):
        backup.backup("postgresql+psycopg://u:secret@localhost/cop")


@pytest.mark.slow  # runs `python -m db.admin.backup` twice in new processes
def test_backup_command_writes_a_checked_copy_and_never_overwrites(sqlite_url, tmp_path):
    target = tmp_path / "cli.sqlite3"
    cmd = [sys.executable, "-m", "db.admin.backup", "--url", sqlite_url, "--to", str(target)]
    done = subprocess.run(cmd, cwd=backup.ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert f"Backup written and checked: {target}" in done.stdout
    again = subprocess.run(cmd, cwd=backup.ROOT, capture_output=True, text=True, timeout=120)
    assert again.returncode == 1 and "already exists" in again.stderr
