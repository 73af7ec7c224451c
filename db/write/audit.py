"""The audit log: every write says who made it, when, what it was and, for imports, which file.

Writes go in the same transaction as the change they describe, so a rolled-back change leaves no entry.
Each entry is stamped in UTC by the database's clock, whatever the connection's time zone.
Reading the log (administrators only) is db.read.audit_log.
"""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import Connection, DateTime, insert
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.expression import FunctionElement

from db import models as m

A = m.AuditEntry
COMMUNITY_LENGTH = m.length_of(A.__table__.c.community)


class UtcNow(FunctionElement):
    """The database's current time in UTC, without a zone (as the log's `at` column holds it).

    The column's default, now(), is UTC on SQLite but the session's local time on PostgreSQL (its
    TimeZone setting: the server's, a role's, or PGTZ), so every entry sets `at` to this instead."""

    type = DateTime()
    inherit_cache = True


@compiles(UtcNow)
def _utc_now(element, compiler, **kw) -> str:
    return "CURRENT_TIMESTAMP"  # SQLite: always UTC


@compiles(UtcNow, "postgresql")
def _utc_now_postgresql(element, compiler, **kw) -> str:
    return "(CURRENT_TIMESTAMP AT TIME ZONE 'UTC')"


def record(
    conn: Connection,
    user_email: str,
    action: str,
    *,
    community: str | None = None,
    import_batch_id: int | None = None,
    file_name: str | None = None,
    file_sha256: str | None = None,
    detail: dict[str, Any] | None = None,
) -> None:
    """Add one entry to the log, inside the caller's transaction. A list of communities longer than
    the column (an import across many) is cut short there and kept whole in the detail."""
    if community is not None and len(community) > COMMUNITY_LENGTH:
        detail = {**(detail or {}), "communities": community}
        community = community[: COMMUNITY_LENGTH - 1] + "…"
    conn.execute(
        insert(A).values(
            at=UtcNow(),
            user_email=user_email,
            action=action,
            community=community,
            import_batch_id=import_batch_id,
            file_name=file_name,
            file_sha256=file_sha256,
            detail=json.dumps(detail, ensure_ascii=False, sort_keys=True, default=str) if detail else None,
        )
    )
