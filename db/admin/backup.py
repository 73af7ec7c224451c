"""Backups of the SQLite database, safe while the app is running, and their restore.

    python -m db.admin.backup [--url URL] [--to FILE]       # data/backups/cop-YYYYMMDD-HHMMSS.sqlite3
    python -m db.admin.backup --restore FILE [--url URL]    # stop the app first

A backup is made with SQLite's online backup API, so it is a consistent copy even while editors are
writing (WAL readers and writers carry on). Every copy is checked with `PRAGMA integrity_check`
before it is reported as made, and a restore checks the file it is given before copying it back.
PostgreSQL databases are backed up with the server's own tools (pg_dump / pg_restore).
"""

from __future__ import annotations

import argparse
import datetime as dt
import sqlite3
import sys
from pathlib import Path

from sqlalchemy.engine import make_url

from db.engine import ROOT, database_url

BACKUP_DIR = ROOT / "data" / "backups"


class BackupError(RuntimeError):
    """A backup or restore that could not be made, in words a person can act on."""


def sqlite_path(url: str) -> Path:
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or parsed.database in (None, "", ":memory:"):
        raise BackupError(
            f"{parsed.render_as_string(hide_password=True)} is not a SQLite file: "
            "back it up with the server's own tools (pg_dump for PostgreSQL)."
        )
    return Path(parsed.database)


def check(path: Path) -> None:
    """Raise BackupError unless `path` is a SQLite database that passes its integrity check."""
    if not path.is_file():
        raise BackupError(f"There is no file at {path}.")
    conn = sqlite3.connect(path, timeout=30)
    try:
        result = conn.execute("PRAGMA integrity_check").fetchone()[0]
        conn.execute("SELECT count(*) FROM sessions").fetchone()
    except sqlite3.DatabaseError as exc:
        raise BackupError(f"{path} is not a usable CoP database ({exc}).") from None
    finally:
        conn.close()
    if result != "ok":
        raise BackupError(f"{path} failed its integrity check: {result}")


def _copy(source: Path, target: Path) -> None:
    """A copy with the backup API: one read transaction, so consistent while others write."""
    src = sqlite3.connect(source, timeout=30)
    dst = sqlite3.connect(target, timeout=30)
    try:
        src.backup(dst)  # all pages in one step: a WAL read snapshot, writers carry on
    finally:
        dst.close()
        src.close()


def backup(url: str | None = None, target: Path | None = None) -> Path:
    """A checked, consistent copy of the live database; returns where it is."""
    source = sqlite_path(url or database_url())
    if not source.exists():
        raise BackupError(f"There is no database at {source} to back up.")
    target = target or BACKUP_DIR / f"cop-{dt.datetime.now():%Y%m%d-%H%M%S}.sqlite3"
    if target.exists():
        raise BackupError(f"{target} already exists; choose another name.")
    target.parent.mkdir(parents=True, exist_ok=True)
    _copy(source, target)
    check(target)
    return target


def restore(backup_file: Path, url: str | None = None) -> Path:
    """Replace the database at `url` with a checked backup (run with the app stopped)."""
    check(backup_file)
    target = sqlite_path(url or database_url())
    target.parent.mkdir(parents=True, exist_ok=True)
    _copy(backup_file, target)  # through SQLite, so the target's WAL and locks are respected
    check(target)
    return target


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m db.admin.backup", description=__doc__.splitlines()[0])
    parser.add_argument("--url", help="database URL (default: DATABASE_URL or the SQLite file)")
    parser.add_argument("--to", type=Path, help="where to write the backup")
    parser.add_argument("--restore", type=Path, metavar="FILE", help="restore this backup instead")
    args = parser.parse_args(argv)
    try:
        if args.restore:
            print(f"Restored {restore(args.restore, args.url)} from {args.restore}")
        else:
            print(f"Backup written and checked: {backup(args.url, args.to)}")
    except BackupError as exc:
        print(f"Nothing done: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
