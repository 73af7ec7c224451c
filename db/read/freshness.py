"""When the data last changed: the date a page credits its figures to, and the version that caches are
checked against. Account actions (sign-ins, passwords) neither date the data nor version caches.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    Connection,
    DateTime,
    Integer,
    String,
    column,
    func,
    inspect,
    select,
    table,
)

from db import models as m

# Audit-log actions about people's accounts, not the data: they neither date the data nor version caches.
ACCOUNT_ACTIONS = ("sign_in", "sign_in_failed", "sign_in_refused", "sign_out", "set_password", "password_upgraded")


def last_recorded(conn: Connection) -> dt.datetime | None:
    """When an editor last changed the data (the audit log's newest entry), or None.

    None means the database holds only what the loader took from the report (or predates the
    audit log), so figures can be credited to the report itself.
    """
    if not inspect(conn).has_table("audit_log"):
        return None
    log = table("audit_log", column("at", DateTime()), column("action", String()))
    return conn.execute(select(func.max(log.c.at)).where(log.c.action.notin_(ACCOUNT_ACTIONS))).scalar()


def data_version(conn: Connection) -> tuple:
    """What changes whenever the dashboard writes: the newest audit-log entry and the number of
    sessions (a rebuild from cop_data/ empties the log). Two indexed lookups, for cache checks."""
    log = table("audit_log", column("id", Integer()), column("action", String()))
    newest = (
        conn.execute(  # walks back from the newest entry past any sign-ins
            select(log.c.id).where(log.c.action.notin_(ACCOUNT_ACTIONS)).order_by(log.c.id.desc()).limit(1)
        ).scalar()
        if inspect(conn).has_table("audit_log")
        else None
    )
    return newest, conn.execute(select(func.max(m.Session.id))).scalar()
