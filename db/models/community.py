"""Programmes, communities and who comes: organisations, roles, conveners, sessions, participants,
attendances and the comments members left.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    func,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from db.models.base import Base


class Programme(Base):
    __tablename__ = "programmes"
    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(80), unique=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    commissioner: Mapped[str | None] = mapped_column(String(200))
    delivered_by: Mapped[str | None] = mapped_column(String(200))
    commissioned: Mapped[str | None] = mapped_column(String(7))  # "YYYY-MM": the report gives a month
    duration_months: Mapped[int | None]
    description: Mapped[str | None] = mapped_column(Text)
    source: Mapped[str] = mapped_column(Text)
    communities: Mapped[list[Community]] = relationship(back_populates="programme")


class Community(Base):
    __tablename__ = "communities"
    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(80), unique=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    programme_id: Mapped[int] = mapped_column(ForeignKey("programmes.id"))
    display_order: Mapped[int] = mapped_column(Integer, default=0)
    description: Mapped[str | None] = mapped_column(Text)
    source: Mapped[str] = mapped_column(Text)
    programme: Mapped[Programme] = relationship(back_populates="communities")


class OrganisationType(Base):
    __tablename__ = "organisation_types"
    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(80), unique=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    display_order: Mapped[int] = mapped_column(Integer, default=0)
    source: Mapped[str] = mapped_column(Text)


class Organisation(Base):
    __tablename__ = "organisations"
    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(80), unique=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    organisation_type_id: Mapped[int] = mapped_column(ForeignKey("organisation_types.id"))
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("organisations.id"))
    source: Mapped[str] = mapped_column(Text)


class OrganisationAlias(Base):
    __tablename__ = "organisation_aliases"
    id: Mapped[int] = mapped_column(primary_key=True)
    alias: Mapped[str] = mapped_column(String(200), unique=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id", ondelete="CASCADE"))
    source: Mapped[str] = mapped_column(Text)


class ProfessionalGroup(Base):
    __tablename__ = "professional_groups"
    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(80), unique=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    is_patient_or_public: Mapped[bool] = mapped_column(Boolean, default=False)
    display_order: Mapped[int] = mapped_column(Integer, default=0)
    source: Mapped[str] = mapped_column(Text)


class Role(Base):
    __tablename__ = "roles"
    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(120), unique=True)
    title: Mapped[str] = mapped_column(String(200), unique=True)
    professional_group_id: Mapped[int] = mapped_column(ForeignKey("professional_groups.id"))
    source: Mapped[str] = mapped_column(Text)


class Convener(Base):
    __tablename__ = "conveners"
    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(80), unique=True)
    community_id: Mapped[int] = mapped_column(ForeignKey("communities.id"))
    name: Mapped[str] = mapped_column(String(200))
    as_written: Mapped[str | None] = mapped_column(Text)
    role_as_written: Mapped[str | None] = mapped_column(Text)
    organisation_as_written: Mapped[str | None] = mapped_column(Text)
    organisation_id: Mapped[int | None] = mapped_column(ForeignKey("organisations.id"))
    interview_role_details: Mapped[str | None] = mapped_column(Text)
    source: Mapped[str] = mapped_column(Text)


class Session(Base):
    """A convening of a community. Report sessions carry headcounts only; recorded ones may have a register."""

    __tablename__ = "sessions"
    __table_args__ = (
        UniqueConstraint("community_id", "number", name="uq_sessions_community_number"),
        CheckConstraint("status IN ('held', 'postponed', 'cancelled', 'planned')", name="status_known"),
        CheckConstraint("headcount IS NULL OR status = 'held'", name="headcount_only_when_held"),
        CheckConstraint("headcount IS NULL OR headcount >= 0", name="headcount_not_negative"),
        CheckConstraint("number >= 1", name="number_positive"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    community_id: Mapped[int] = mapped_column(ForeignKey("communities.id"), index=True)
    number: Mapped[int]
    status: Mapped[str] = mapped_column(String(20))
    headcount: Mapped[int | None]
    date: Mapped[dt.date | None] = mapped_column(Date)
    note: Mapped[str | None] = mapped_column(Text)
    source: Mapped[str] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, server_default=func.now())
    import_batch_id: Mapped[int | None] = mapped_column(Integer, index=True)  # see ImportBatch


class Participant(Base):
    """A pseudonymous person on a register: a code, never a name."""

    __tablename__ = "participants"
    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(80), unique=True)
    role_id: Mapped[int | None] = mapped_column(ForeignKey("roles.id"), index=True)
    organisation_id: Mapped[int | None] = mapped_column(ForeignKey("organisations.id"), index=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, server_default=func.now())
    import_batch_id: Mapped[int | None] = mapped_column(Integer, index=True)  # see ImportBatch


class Attendance(Base):
    __tablename__ = "attendances"
    session_id: Mapped[int] = mapped_column(ForeignKey("sessions.id", ondelete="CASCADE"), primary_key=True)
    participant_id: Mapped[int] = mapped_column(
        ForeignKey("participants.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    import_batch_id: Mapped[int | None] = mapped_column(Integer, index=True)  # see ImportBatch


class CommunityRole(Base):
    """A role title as listed for a community (Appendix 1), or as seen on a recorded register."""

    __tablename__ = "community_roles"
    __table_args__ = (UniqueConstraint("community_id", "position", name="uq_community_roles_position"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    community_id: Mapped[int] = mapped_column(ForeignKey("communities.id"), index=True)
    position: Mapped[int]
    title_as_written: Mapped[str] = mapped_column(Text)
    role_id: Mapped[int] = mapped_column(ForeignKey("roles.id"), index=True)
    source: Mapped[str] = mapped_column(Text)
    import_batch_id: Mapped[int | None] = mapped_column(Integer, index=True)  # see ImportBatch


class CommunityOrganisation(Base):
    """An organisation as listed for a community (Appendix 1), or as seen on a recorded register."""

    __tablename__ = "community_organisations"
    __table_args__ = (UniqueConstraint("community_id", "position", name="uq_community_organisations_position"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    community_id: Mapped[int] = mapped_column(ForeignKey("communities.id"), index=True)
    position: Mapped[int]
    name_as_written: Mapped[str] = mapped_column(Text)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"), index=True)
    source: Mapped[str] = mapped_column(Text)
    import_batch_id: Mapped[int | None] = mapped_column(Integer, index=True)  # see ImportBatch


class Comment(Base):
    __tablename__ = "comments"
    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(80), unique=True)
    text: Mapped[str] = mapped_column(Text)
    community_id: Mapped[int | None] = mapped_column(ForeignKey("communities.id"), index=True)
    session_id: Mapped[int | None] = mapped_column(ForeignKey("sessions.id", ondelete="CASCADE"))
    theme: Mapped[str | None] = mapped_column(String(200))
    see_also: Mapped[str | None] = mapped_column(Text)
    source: Mapped[str] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, server_default=func.now())
    import_batch_id: Mapped[int | None] = mapped_column(Integer, index=True)  # see ImportBatch


Index("ix_sessions_community_status", Session.community_id, Session.status)
