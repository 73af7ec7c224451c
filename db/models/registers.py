"""Register summaries (issue 7): per participant, per session and per community, kept in step with
attendances by db.write.registers.
"""

from __future__ import annotations

from sqlalchemy import ForeignKey
from sqlalchemy.orm import Mapped, mapped_column

from db.models.base import Base

# --- Register summaries (issue 7): kept in step with attendances by db.write.registers on every write. -----
# Reading "new and returning participants" from two million register rows takes seconds; these hold
# the answer per participant, per session and per community. They are derived data: db.write.registers.rebuild
# recomputes them from attendances, and every write of attendances refreshes the rows it touches.


class RegisterParticipant(Base):
    """A participant's registers in one community: the first session (by number) and how many."""

    __tablename__ = "register_participants"
    community_id: Mapped[int] = mapped_column(ForeignKey("communities.id", ondelete="CASCADE"), primary_key=True)
    participant_id: Mapped[int] = mapped_column(
        ForeignKey("participants.id", ondelete="CASCADE"), primary_key=True, index=True
    )
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
    community_id: Mapped[int] = mapped_column(ForeignKey("communities.id", ondelete="CASCADE"), primary_key=True)
    participants: Mapped[int]
    two_or_more: Mapped[int]
