"""The audit log: every write says who made it, when, what it was and, for imports, which file.

Writes go in the same transaction as the change they describe, so a rolled-back change leaves no entry.
Reading the log (administrators only) is db.read.audit_log.
"""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import Connection, insert

from db import models as m

A = m.AuditEntry
COMMUNITY_LENGTH = m.length_of(A.__table__.c.community)


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
            user_email=user_email,
            action=action,
            community=community,
            import_batch_id=import_batch_id,
            file_name=file_name,
            file_sha256=file_sha256,
            detail=json.dumps(detail, ensure_ascii=False, sort_keys=True, default=str) if detail else None,
        )
    )
