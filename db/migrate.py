"""Schema migrations with Alembic, driven from Python so they use the app's own database URL.

A database made before migrations existed (tables but no alembic_version) is taken as revision 0001.
The command line is db.admin.schema (`python -m db.admin.schema upgrade`).
"""

from __future__ import annotations

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, inspect

from db.engine import ROOT, write_transaction

FIRST = "0001"


def alembic_config(connection: Connection | None = None) -> Config:
    """Alembic's configuration for this project, optionally bound to an open connection."""
    cfg = Config(str(ROOT / "alembic.ini"))
    cfg.set_main_option("script_location", str(ROOT / "migrations"))
    if connection is not None:
        cfg.attributes["connection"] = connection
    return cfg


def head() -> str | None:
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
