"""Reading the audit log (administrators only) and the list of imports (editors undo them from it).

Entries are written by db.write.audit, in the same transaction as the change they describe.
"""

from __future__ import annotations

import pandas as pd
from sqlalchemy import Connection, select

from db import models as m
from db.auth import User, require_admin

A = m.AuditEntry


def entries(conn: Connection, user: User | None, *, limit: int = 500) -> pd.DataFrame:
    """The latest entries, newest first (administrators only)."""
    require_admin(user)
    stmt = (
        select(A.id, A.at, A.user_email, A.action, A.community, A.import_batch_id, A.file_name, A.file_sha256, A.detail)
        .order_by(A.id.desc())
        .limit(limit)
    )
    return pd.read_sql(stmt, conn)


def import_batches(conn: Connection, user: User | None) -> pd.DataFrame:
    """Every import with its state, newest first (editors see the log of imports to undo them)."""
    if user is None:
        require_admin(user)
    B = m.ImportBatch
    stmt = select(
        B.id, B.status, B.created_at, B.user_email, B.file_name, B.summary, B.sha256, B.undone_at, B.undone_by
    ).order_by(B.id.desc())
    return pd.read_sql(stmt, conn)
