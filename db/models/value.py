"""The value framework: value cycles, areas of change, convener interviews, themes and the evidence tags
that code comments and answers into it.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    CheckConstraint,
    Date,
    DateTime,
    ForeignKey,
    String,
    Text,
    UniqueConstraint,
    func,
)
from sqlalchemy.orm import Mapped, mapped_column

from db.models.base import Base


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
    value_area_id: Mapped[int] = mapped_column(ForeignKey("value_areas.id", ondelete="CASCADE"), primary_key=True)
    community_id: Mapped[int] = mapped_column(ForeignKey("communities.id"), primary_key=True)
    source: Mapped[str] = mapped_column(Text)


class Interview(Base):
    """One answer of a convener interview (a "value story"). A convener's interviews are told apart by
    their date (the report's are undated, one per convener)."""

    __tablename__ = "interviews"
    __table_args__ = (  # a convener may be interviewed again later: one answer per question and date
        UniqueConstraint(
            "convener_id", "interviewed_on", "question_number", name="uq_interviews_convener_date_question"
        ),
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
    __table_args__ = (CheckConstraint("kind IN ('report-theme', 'value-cycle', 'curated')", name="kind_known"),)
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
    with `created_by` was made in the dashboard (db.write.coding); one without is cop_data's (read-only).
    """

    __tablename__ = "evidence_tags"
    __table_args__ = (
        CheckConstraint(
            "(CASE WHEN comment_id IS NULL THEN 0 ELSE 1 END) + (CASE WHEN interview_id IS NULL "
            "THEN 0 ELSE 1 END) + (CASE WHEN feedback_answer_id IS NULL THEN 0 ELSE 1 END) <= 1",
            name="one_item",
        ),
        CheckConstraint(
            "comment_id IS NOT NULL OR interview_id IS NOT NULL OR feedback_answer_id IS NOT NULL "
            "OR value_area_id IS NOT NULL",
            name="has_item",
        ),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    theme_id: Mapped[int] = mapped_column(ForeignKey("themes.id", ondelete="CASCADE"), index=True)
    comment_id: Mapped[int | None] = mapped_column(ForeignKey("comments.id", ondelete="CASCADE"), index=True)
    interview_id: Mapped[int | None] = mapped_column(ForeignKey("interviews.id", ondelete="CASCADE"), index=True)
    value_area_id: Mapped[int | None] = mapped_column(ForeignKey("value_areas.id", ondelete="CASCADE"), index=True)
    source: Mapped[str] = mapped_column(Text)
    feedback_answer_id: Mapped[int | None] = mapped_column(
        ForeignKey("feedback_answers.id", ondelete="CASCADE"), index=True
    )
    created_by: Mapped[str | None] = mapped_column(String(320))
    created_at: Mapped[dt.datetime | None] = mapped_column(DateTime, server_default=func.now())
