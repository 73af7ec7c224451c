"""The evaluation loop (issue 12): question sets, feedback links, responses and their answers."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    DateTime,
    ForeignKey,
    String,
    Text,
    UniqueConstraint,
    func,
)
from sqlalchemy.orm import Mapped, mapped_column

from db.models.base import Base

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
        CheckConstraint("max_length IS NULL OR (max_length >= 1 AND max_length <= 5000)", name="max_length_range"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    question_set_id: Mapped[int] = mapped_column(ForeignKey("question_sets.id", ondelete="CASCADE"), index=True)
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
        ForeignKey("feedback_links.id", ondelete="CASCADE"), index=True
    )
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
    __table_args__ = (UniqueConstraint("response_id", "question_id", name="uq_feedback_answers_response_question"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    response_id: Mapped[int] = mapped_column(ForeignKey("feedback_responses.id", ondelete="CASCADE"), index=True)
    question_id: Mapped[int] = mapped_column(ForeignKey("questions.id"), index=True)
    text: Mapped[str] = mapped_column(Text)
    redacted: Mapped[bool] = mapped_column(Boolean, default=False)
