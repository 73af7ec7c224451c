"""Schema migrations with Alembic, driven from Python so they use the app's own database URL.

    python -m db.migrate upgrade [--url URL] [--revision head]
    python -m db.migrate current [--url URL]

`upgrade` on a database without tables builds it from cop_data/ (already at the latest revision).
A database made before migrations existed (tables but no alembic_version) is taken as revision 0001.
"""

from __future__ import annotations

import argparse
import sys

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, inspect

from db.engine import ROOT, get_engine, is_built, write_transaction

FIRST = "0001"


def alembic_config(connection: Connection | None = None) -> Config:
    """Alembic's configuration for this project, optionally bound to an open connection."""
    cfg = Config(str(ROOT / "alembic.ini"))
    cfg.set_main_option("script_location", str(ROOT / "migrations"))
    if connection is not None:
        cfg.attributes["connection"] = connection
    return cfg


def head() -> str:
    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def current(conn: Connection) -> str | None:
    """The revision a database is at (None when it has never been stamped)."""
    return MigrationContext.configure(conn).get_current_revision()


def stamp_head(conn: Connection) -> None:
    """Mark a database just built from the models as being at the latest revision (same transaction)."""
    command.stamp(alembic_config(conn), "head", purge=True)


def upgrade(engine: Engine, revision: str = "head") -> tuple[str | None, str | None]:
    """Upgrade `engine`'s database to `revision` in one transaction; returns (before, after)."""
    with write_transaction(engine) as conn:
        before = current(conn)
        if before is None and inspect(conn).has_table("sessions"):
            command.stamp(alembic_config(conn), FIRST)  # built before migrations existed
        command.upgrade(alembic_config(conn), revision)
        return before, current(conn)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m db.migrate", description=__doc__.splitlines()[0])
    parser.add_argument("action", choices=["upgrade", "current"])
    parser.add_argument("--url", help="database URL (default: DATABASE_URL or the SQLite file)")
    parser.add_argument("--revision", default="head")
    args = parser.parse_args(argv)
    engine = get_engine(args.url, build=False)
    shown = engine.url.render_as_string(hide_password=True)
    if args.action == "current":
        with engine.connect() as conn:
            print(f"{shown}: revision {current(conn) or 'none'} (latest is {head()})")
        return 0
    if not is_built(engine):
        get_engine(args.url, build=True)
        print(f"{shown}: built from cop_data/ at revision {head()}")
        return 0
    before, after = upgrade(engine, args.revision)
    print(f"{shown}: revision {before or 'none (taken as ' + FIRST + ')'} -> {after}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
