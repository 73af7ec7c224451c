"""Register summaries: register_participants, register_sessions, register_communities (issue 7).

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-26

Derived tables that answer "new and returning participants" without grouping every register row;
db.write.registers keeps them in step with attendances on every write. The upgrade fills them from the
registers already recorded (frozen SQL here, so later changes to db.write.registers do not change this step).
"""

from typing import Sequence, Union

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: Union[str, Sequence[str], None] = "0003"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None

FILL = (
    "INSERT INTO register_participants (community_id, participant_id, first_number, sessions) "
    "SELECT s.community_id, a.participant_id, MIN(s.number), COUNT(*) FROM attendances a "
    "JOIN sessions s ON a.session_id = s.id GROUP BY s.community_id, a.participant_id",
    "INSERT INTO register_sessions (session_id, community_id, new_participants, returning_participants) "
    "SELECT a.session_id, s.community_id, SUM(CASE WHEN s.number = r.first_number THEN 1 ELSE 0 END), "
    "SUM(CASE WHEN s.number = r.first_number THEN 0 ELSE 1 END) FROM attendances a "
    "JOIN sessions s ON a.session_id = s.id JOIN register_participants r "
    "ON r.community_id = s.community_id AND r.participant_id = a.participant_id "
    "GROUP BY a.session_id, s.community_id",
    "INSERT INTO register_communities (community_id, participants, two_or_more) "
    "SELECT community_id, COUNT(*), SUM(CASE WHEN sessions >= 2 THEN 1 ELSE 0 END) "
    "FROM register_participants GROUP BY community_id",
)


def upgrade() -> None:
    op.create_table(
        "register_participants",
        sa.Column("community_id", sa.Integer(), nullable=False),
        sa.Column("participant_id", sa.Integer(), nullable=False),
        sa.Column("first_number", sa.Integer(), nullable=False),
        sa.Column("sessions", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["community_id"],
            ["communities.id"],
            name=op.f("fk_register_participants_community_id_communities"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["participant_id"],
            ["participants.id"],
            name=op.f("fk_register_participants_participant_id_participants"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("community_id", "participant_id", name=op.f("pk_register_participants")),
    )
    op.create_index(op.f("ix_register_participants_participant_id"), "register_participants", ["participant_id"])
    op.create_table(
        "register_sessions",
        sa.Column("session_id", sa.Integer(), nullable=False),
        sa.Column("community_id", sa.Integer(), nullable=False),
        sa.Column("new_participants", sa.Integer(), nullable=False),
        sa.Column("returning_participants", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["community_id"],
            ["communities.id"],
            name=op.f("fk_register_sessions_community_id_communities"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["session_id"], ["sessions.id"], name=op.f("fk_register_sessions_session_id_sessions"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("session_id", name=op.f("pk_register_sessions")),
    )
    op.create_index(op.f("ix_register_sessions_community_id"), "register_sessions", ["community_id"])
    op.create_table(
        "register_communities",
        sa.Column("community_id", sa.Integer(), nullable=False),
        sa.Column("participants", sa.Integer(), nullable=False),
        sa.Column("two_or_more", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["community_id"],
            ["communities.id"],
            name=op.f("fk_register_communities_community_id_communities"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("community_id", name=op.f("pk_register_communities")),
    )
    for statement in FILL:
        op.execute(statement)


def downgrade() -> None:
    op.drop_table("register_communities")
    op.drop_index(op.f("ix_register_sessions_community_id"), table_name="register_sessions")
    op.drop_table("register_sessions")
    op.drop_index(op.f("ix_register_participants_participant_id"), table_name="register_participants")
    op.drop_table("register_participants")
