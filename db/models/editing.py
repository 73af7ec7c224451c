"""Editing (issue 6): editors and their communities, import batches, the audit log and sign-in attempts."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    CheckConstraint,
    DateTime,
    ForeignKey,
    String,
    Text,
    func,
)
from sqlalchemy.orm import Mapped, mapped_column

from db.models.base import Base

# --- Editing (issue 6): who may write, what was imported, and a log of every write. ---------------
# `import_batch_id` above has no foreign key on purpose: on SQLite a plain nullable column is added
# by ALTER TABLE without rebuilding the table (a rebuild would drop triggers other features keep).

USER_ROLES = ("administrator", "convener")


class AppUser(Base):
    """An editor: an administrator edits everything, a convener only their own communities."""

    __tablename__ = "app_users"
    __table_args__ = (CheckConstraint("role IN ('administrator', 'convener')", name="role_known"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(320), unique=True)  # stored lower-case
    name: Mapped[str | None] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(20))
    password_hash: Mapped[str | None] = mapped_column(String(300))  # own local password, optional
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, server_default=func.now())
    created_by: Mapped[str | None] = mapped_column(String(320))


class AppUserCommunity(Base):
    __tablename__ = "app_user_communities"
    user_id: Mapped[int] = mapped_column(ForeignKey("app_users.id", ondelete="CASCADE"), primary_key=True)
    community_id: Mapped[int] = mapped_column(
        ForeignKey("communities.id", ondelete="CASCADE"), primary_key=True, index=True
    )


class ImportBatch(Base):
    """One imported file: rows written under it carry its id, so the import can be undone whole."""

    __tablename__ = "import_batches"
    __table_args__ = (CheckConstraint("status IN ('imported', 'undone')", name="status_known"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    file_name: Mapped[str] = mapped_column(String(300))
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    user_email: Mapped[str] = mapped_column(String(320))
    summary: Mapped[str | None] = mapped_column(Text)  # JSON: rows written per table
    status: Mapped[str] = mapped_column(String(20), default="imported")
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, server_default=func.now())
    undone_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    undone_by: Mapped[str | None] = mapped_column(String(320))


class AuditEntry(Base):
    """One write: who, when, what, and for imports the file and its hash."""

    __tablename__ = "audit_log"
    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime, server_default=func.now(), index=True)
    user_email: Mapped[str] = mapped_column(String(320))
    action: Mapped[str] = mapped_column(String(40))
    community: Mapped[str | None] = mapped_column(String(200))
    import_batch_id: Mapped[int | None] = mapped_column(ForeignKey("import_batches.id"))
    file_name: Mapped[str | None] = mapped_column(String(300))
    file_sha256: Mapped[str | None] = mapped_column(String(64))
    detail: Mapped[str | None] = mapped_column(Text)  # JSON


class SignInAttempt(Base):
    """One local sign-in try, kept so that throttling holds across restarts and server processes.

    `outcome` is "failed" from the moment a try is let through until its password is found right
    ("succeeded"); a try turned away during a wait, its password unchecked, is "refused"."""

    __tablename__ = "sign_in_attempts"
    __table_args__ = (CheckConstraint("outcome IN ('succeeded', 'failed', 'refused')", name="outcome_known"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime, server_default=func.now(), index=True)  # UTC
    account: Mapped[str] = mapped_column(String(320), index=True)  # the email typed, lower-case
    client: Mapped[str | None] = mapped_column(String(100), index=True)  # the client's address, when known
    outcome: Mapped[str] = mapped_column(String(10))
