"""SQLAlchemy 2 typed models: the schema that the dashboard and outside tools read.

Table names are a public contract (issue 2): keep them. Every constraint is named so that
Alembic's batch mode can alter SQLite tables.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    ForeignKey,
    ForeignKeyConstraint,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
    func,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

SESSION_STATUSES = ("held", "postponed", "cancelled", "planned")


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


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
        CheckConstraint(
            "status IN ('held', 'postponed', 'cancelled', 'planned')", name="status_known"
        ),
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
    session_id: Mapped[int] = mapped_column(
        ForeignKey("sessions.id", ondelete="CASCADE"), primary_key=True
    )
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
    __table_args__ = (
        UniqueConstraint("community_id", "position", name="uq_community_organisations_position"),
    )
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


class ValueCycle(Base):
    __tablename__ = "value_cycles"
    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(80), unique=True)
    name: Mapped[str] = mapped_column(String(80), unique=True)
    display_order: Mapped[int]
    definition: Mapped[str | None] = mapped_column(Text)
    source: Mapped[str] = mapped_column(Text)


class ValueArea(Base):
    """An area of change under one value cycle."""

    __tablename__ = "value_areas"
    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(80), unique=True)
    value_cycle_id: Mapped[int] = mapped_column(ForeignKey("value_cycles.id"), index=True)
    position: Mapped[int]
    text: Mapped[str] = mapped_column(Text)
    source: Mapped[str] = mapped_column(Text)
    created_by: Mapped[str | None] = mapped_column(String(320))  # None: the report's own area (read-only)


class ValueAreaCommunity(Base):
    __tablename__ = "value_area_communities"
    value_area_id: Mapped[int] = mapped_column(
        ForeignKey("value_areas.id", ondelete="CASCADE"), primary_key=True
    )
    community_id: Mapped[int] = mapped_column(ForeignKey("communities.id"), primary_key=True)
    source: Mapped[str] = mapped_column(Text)


class Interview(Base):
    """One answer of a convener interview (a "value story")."""

    __tablename__ = "interviews"
    __table_args__ = (
        UniqueConstraint("convener_id", "question_number", name="uq_interviews_convener_question"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    convener_id: Mapped[int] = mapped_column(ForeignKey("conveners.id"), index=True)
    community_id: Mapped[int] = mapped_column(ForeignKey("communities.id"), index=True)
    question_number: Mapped[int]
    question: Mapped[str] = mapped_column(Text)
    answer: Mapped[str] = mapped_column(Text)
    source: Mapped[str] = mapped_column(Text)
    interviewed_on: Mapped[dt.date | None] = mapped_column(Date)  # None for the report's (undated) interviews
    recorded_by: Mapped[str | None] = mapped_column(String(320))  # None: the report's own answer (read-only)


THEME_KINDS = ("report-theme", "value-cycle", "curated")


class Theme(Base):
    """A code of the codebook: a report theme heading, a value cycle, or a curated code of ours."""

    __tablename__ = "themes"
    __table_args__ = (CheckConstraint(
        "kind IN ('report-theme', 'value-cycle', 'curated')", name="kind_known"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(120), unique=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    kind: Mapped[str] = mapped_column(String(20))
    value_cycle_id: Mapped[int | None] = mapped_column(ForeignKey("value_cycles.id"))
    display_order: Mapped[int]
    description: Mapped[str | None] = mapped_column(Text)
    source: Mapped[str] = mapped_column(Text)
    created_by: Mapped[str | None] = mapped_column(String(320))  # None: the codebook of cop_data/


class EvidenceTag(Base):
    """One code applied to one item: a comment, an interview answer, an approved feedback answer or
    an area of change.

    With a comment or an answer *and* an area of change, the item is evidence for that area. A tag
    with `created_by` was made in the dashboard (db.coding); one without is cop_data's (read-only).
    """

    __tablename__ = "evidence_tags"
    __table_args__ = (
        ForeignKeyConstraint(["convener_id", "question_number"],
                             ["interviews.convener_id", "interviews.question_number"],
                             name="fk_evidence_tags_interview", ondelete="CASCADE"),
        CheckConstraint("(convener_id IS NULL) = (question_number IS NULL)", name="interview_whole"),
        CheckConstraint("(CASE WHEN comment_id IS NULL THEN 0 ELSE 1 END) + (CASE WHEN convener_id IS NULL "
                        "THEN 0 ELSE 1 END) + (CASE WHEN feedback_answer_id IS NULL THEN 0 ELSE 1 END) <= 1",
                        name="one_item"),
        CheckConstraint("comment_id IS NOT NULL OR convener_id IS NOT NULL OR feedback_answer_id IS NOT NULL "
                        "OR value_area_id IS NOT NULL", name="has_item"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    theme_id: Mapped[int] = mapped_column(ForeignKey("themes.id", ondelete="CASCADE"), index=True)
    comment_id: Mapped[int | None] = mapped_column(
        ForeignKey("comments.id", ondelete="CASCADE"), index=True)
    convener_id: Mapped[int | None] = mapped_column(ForeignKey("conveners.id"), index=True)
    question_number: Mapped[int | None]
    value_area_id: Mapped[int | None] = mapped_column(
        ForeignKey("value_areas.id", ondelete="CASCADE"), index=True)
    source: Mapped[str] = mapped_column(Text)
    feedback_answer_id: Mapped[int | None] = mapped_column(
        ForeignKey("feedback_answers.id", ondelete="CASCADE"), index=True)
    created_by: Mapped[str | None] = mapped_column(String(320))
    created_at: Mapped[dt.datetime | None] = mapped_column(DateTime, server_default=func.now())


Index("ix_sessions_community_status", Session.community_id, Session.status)


# --- Register summaries (issue 7): kept in step with attendances by db.summary on every write. -----
# Reading "new and returning participants" from two million register rows takes seconds; these hold
# the answer per participant, per session and per community. They are derived data: db.summary.rebuild
# recomputes them from attendances, and every write of attendances refreshes the rows it touches.


class RegisterParticipant(Base):
    """A participant's registers in one community: the first session (by number) and how many."""

    __tablename__ = "register_participants"
    community_id: Mapped[int] = mapped_column(
        ForeignKey("communities.id", ondelete="CASCADE"), primary_key=True)
    participant_id: Mapped[int] = mapped_column(
        ForeignKey("participants.id", ondelete="CASCADE"), primary_key=True, index=True)
    first_number: Mapped[int]
    sessions: Mapped[int]


class RegisterSession(Base):
    """A session's register split into participants new to its community and returning ones."""

    __tablename__ = "register_sessions"
    session_id: Mapped[int] = mapped_column(ForeignKey("sessions.id", ondelete="CASCADE"), primary_key=True)
    community_id: Mapped[int] = mapped_column(ForeignKey("communities.id", ondelete="CASCADE"), index=True)
    new_participants: Mapped[int]
    returning_participants: Mapped[int]


class RegisterCommunity(Base):
    """A community's registered participants, and how many came to two or more of its sessions."""

    __tablename__ = "register_communities"
    community_id: Mapped[int] = mapped_column(
        ForeignKey("communities.id", ondelete="CASCADE"), primary_key=True)
    participants: Mapped[int]
    two_or_more: Mapped[int]

from db import search as _search  # noqa: E402,F401  (registers the full-text index on these tables)


# --- Editing (issue 6): who may write, what was imported, and a log of every write. ---------------
# `import_batch_id` above has no foreign key on purpose: on SQLite a plain nullable column is added
# by ALTER TABLE without rebuilding the table (a rebuild would drop triggers other features keep).

USER_ROLES = ("administrator", "convener")


class AppUser(Base):
    """An editor: an administrator edits everything, a convener only their own communities."""

    __tablename__ = "app_users"
    __table_args__ = (
        CheckConstraint("role IN ('administrator', 'convener')", name="role_known"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(320), unique=True)  # stored lower-case
    name: Mapped[str | None] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(20))
    password_hash: Mapped[str | None] = mapped_column(String(300))  # own local password, optional
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, server_default=func.now())
    created_by: Mapped[str | None] = mapped_column(String(320))


class AppUserCommunity(Base):
    __tablename__ = "app_user_communities"
    user_id: Mapped[int] = mapped_column(
        ForeignKey("app_users.id", ondelete="CASCADE"), primary_key=True
    )
    community_id: Mapped[int] = mapped_column(
        ForeignKey("communities.id", ondelete="CASCADE"), primary_key=True, index=True
    )


class ImportBatch(Base):
    """One imported file: rows written under it carry its id, so the import can be undone whole."""

    __tablename__ = "import_batches"
    __table_args__ = (
        CheckConstraint("status IN ('imported', 'undone')", name="status_known"),
    )
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
    __table_args__ = (
        CheckConstraint("outcome IN ('succeeded', 'failed', 'refused')", name="outcome_known"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime, server_default=func.now(), index=True)  # UTC
    account: Mapped[str] = mapped_column(String(320), index=True)  # the email typed, lower-case
    client: Mapped[str | None] = mapped_column(String(100), index=True)  # the client's address, when known
    outcome: Mapped[str] = mapped_column(String(10))


# --- The evaluation loop (issue 12): end-of-meeting feedback, screened before anyone else sees it. ----
# Question sets are data (cop_data/question_sets.csv and questions.csv). A feedback link's token is
# never stored, only its SHA-256. Answers arrive pending; only an editor of the session's community
# approves or rejects them, and nothing outside the screening page reads a pending one.

QUESTION_KINDS = ("text", "rating", "role", "organisation")
RESPONSE_STATUSES = ("pending", "approved", "rejected")


class QuestionSet(Base):
    """The questions of a feedback form: one per programme; a set with no programme is the default."""

    __tablename__ = "question_sets"
    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(80), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    programme_id: Mapped[int | None] = mapped_column(ForeignKey("programmes.id"), unique=True)
    source: Mapped[str] = mapped_column(Text)


class Question(Base):
    """One question of a set: free text, a 1-5 rating, or a pick from the stored roles or organisations."""

    __tablename__ = "questions"
    __table_args__ = (
        UniqueConstraint("question_set_id", "position", name="uq_questions_set_position"),
        CheckConstraint("kind IN ('text', 'rating', 'role', 'organisation')", name="kind_known"),
        CheckConstraint("max_length IS NULL OR (max_length >= 1 AND max_length <= 5000)",
                        name="max_length_range"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    question_set_id: Mapped[int] = mapped_column(
        ForeignKey("question_sets.id", ondelete="CASCADE"), index=True)
    position: Mapped[int]
    kind: Mapped[str] = mapped_column(String(20))
    prompt: Mapped[str] = mapped_column(Text)
    value_cycle_id: Mapped[int | None] = mapped_column(ForeignKey("value_cycles.id"))  # the cycle it feeds
    required: Mapped[bool] = mapped_column(Boolean, default=False)
    max_length: Mapped[int | None]  # for text answers
    source: Mapped[str] = mapped_column(Text)


class FeedbackLink(Base):
    """A session's feedback link: open from `opens_at` until `closes_at` unless `closed`."""

    __tablename__ = "feedback_links"
    __table_args__ = (CheckConstraint("closes_at > opens_at", name="window_order"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("sessions.id", ondelete="CASCADE"), index=True)
    token_sha256: Mapped[str] = mapped_column(String(64), unique=True)
    opens_at: Mapped[dt.datetime] = mapped_column(DateTime)  # UTC
    closes_at: Mapped[dt.datetime] = mapped_column(DateTime)  # UTC
    closed: Mapped[bool] = mapped_column(Boolean, default=False)
    created_by: Mapped[str] = mapped_column(String(320))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, server_default=func.now())


class FeedbackResponse(Base):
    """One submitted form. `nonce` is the form view's own id: the same view cannot submit twice."""

    __tablename__ = "feedback_responses"
    __table_args__ = (
        CheckConstraint("status IN ('pending', 'approved', 'rejected')", name="status_known"),
        CheckConstraint("rating IS NULL OR (rating >= 1 AND rating <= 5)", name="rating_range"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    link_id: Mapped[int | None] = mapped_column(  # None: imported from a file (import_batch_id)
        ForeignKey("feedback_links.id", ondelete="CASCADE"), index=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("sessions.id", ondelete="CASCADE"), index=True)
    nonce: Mapped[str] = mapped_column(String(64), unique=True)
    submitted_at: Mapped[dt.datetime] = mapped_column(DateTime, server_default=func.now())  # UTC
    status: Mapped[str] = mapped_column(String(20), default="pending", index=True)
    rating: Mapped[int | None]
    role_id: Mapped[int | None] = mapped_column(ForeignKey("roles.id"))
    organisation_id: Mapped[int | None] = mapped_column(ForeignKey("organisations.id"))
    screened_by: Mapped[str | None] = mapped_column(String(320))
    screened_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    import_batch_id: Mapped[int | None] = mapped_column(ForeignKey("import_batches.id"), index=True)


class FeedbackAnswer(Base):
    """A text answer; after a redaction `text` is the editor's version (the original is in the audit log)."""

    __tablename__ = "feedback_answers"
    __table_args__ = (
        UniqueConstraint("response_id", "question_id", name="uq_feedback_answers_response_question"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    response_id: Mapped[int] = mapped_column(
        ForeignKey("feedback_responses.id", ondelete="CASCADE"), index=True)
    question_id: Mapped[int] = mapped_column(ForeignKey("questions.id"), index=True)
    text: Mapped[str] = mapped_column(Text)
    redacted: Mapped[bool] = mapped_column(Boolean, default=False)
