"""The schema of commit 1 (the foundation): the report's tables, before any editing features.

Revision ID: 0001
Revises:
Create Date: 2026-11-26

Generated from db/models.py as it was in commit 5aa0df9, then checked by hand. A database made at
this revision and upgraded to head keeps every row (tests/test_migrations.py).
"""

from typing import Sequence, Union

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: Union[str, Sequence[str], None] = None
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    op.create_table(
        "organisation_types",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("slug", sa.String(length=80), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("display_order", sa.Integer(), nullable=False),
        sa.Column("source", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_organisation_types")),
        sa.UniqueConstraint("name", name=op.f("uq_organisation_types_name")),
        sa.UniqueConstraint("slug", name=op.f("uq_organisation_types_slug")),
    )
    op.create_table(
        "professional_groups",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("slug", sa.String(length=80), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("is_patient_or_public", sa.Boolean(), nullable=False),
        sa.Column("display_order", sa.Integer(), nullable=False),
        sa.Column("source", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_professional_groups")),
        sa.UniqueConstraint("name", name=op.f("uq_professional_groups_name")),
        sa.UniqueConstraint("slug", name=op.f("uq_professional_groups_slug")),
    )
    op.create_table(
        "programmes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("slug", sa.String(length=80), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("commissioner", sa.String(length=200), nullable=True),
        sa.Column("delivered_by", sa.String(length=200), nullable=True),
        sa.Column("commissioned", sa.String(length=7), nullable=True),
        sa.Column("duration_months", sa.Integer(), nullable=True),
        sa.Column("description", sa.Text(), nullable=True),
        sa.Column("source", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_programmes")),
        sa.UniqueConstraint("name", name=op.f("uq_programmes_name")),
        sa.UniqueConstraint("slug", name=op.f("uq_programmes_slug")),
    )
    op.create_table(
        "value_cycles",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("slug", sa.String(length=80), nullable=False),
        sa.Column("name", sa.String(length=80), nullable=False),
        sa.Column("display_order", sa.Integer(), nullable=False),
        sa.Column("definition", sa.Text(), nullable=True),
        sa.Column("source", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_value_cycles")),
        sa.UniqueConstraint("name", name=op.f("uq_value_cycles_name")),
        sa.UniqueConstraint("slug", name=op.f("uq_value_cycles_slug")),
    )
    op.create_table(
        "communities",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("slug", sa.String(length=80), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("programme_id", sa.Integer(), nullable=False),
        sa.Column("display_order", sa.Integer(), nullable=False),
        sa.Column("description", sa.Text(), nullable=True),
        sa.Column("source", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["programme_id"], ["programmes.id"], name=op.f("fk_communities_programme_id_programmes")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_communities")),
        sa.UniqueConstraint("name", name=op.f("uq_communities_name")),
        sa.UniqueConstraint("slug", name=op.f("uq_communities_slug")),
    )
    op.create_table(
        "organisations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("slug", sa.String(length=80), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("organisation_type_id", sa.Integer(), nullable=False),
        sa.Column("parent_id", sa.Integer(), nullable=True),
        sa.Column("source", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["organisation_type_id"],
            ["organisation_types.id"],
            name=op.f("fk_organisations_organisation_type_id_organisation_types"),
        ),
        sa.ForeignKeyConstraint(
            ["parent_id"], ["organisations.id"], name=op.f("fk_organisations_parent_id_organisations")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_organisations")),
        sa.UniqueConstraint("name", name=op.f("uq_organisations_name")),
        sa.UniqueConstraint("slug", name=op.f("uq_organisations_slug")),
    )
    op.create_table(
        "roles",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("slug", sa.String(length=120), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("professional_group_id", sa.Integer(), nullable=False),
        sa.Column("source", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["professional_group_id"],
            ["professional_groups.id"],
            name=op.f("fk_roles_professional_group_id_professional_groups"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_roles")),
        sa.UniqueConstraint("slug", name=op.f("uq_roles_slug")),
        sa.UniqueConstraint("title", name=op.f("uq_roles_title")),
    )
    op.create_table(
        "value_areas",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("slug", sa.String(length=80), nullable=False),
        sa.Column("value_cycle_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("source", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["value_cycle_id"], ["value_cycles.id"], name=op.f("fk_value_areas_value_cycle_id_value_cycles")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_value_areas")),
        sa.UniqueConstraint("slug", name=op.f("uq_value_areas_slug")),
    )
    with op.batch_alter_table("value_areas", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_value_areas_value_cycle_id"), ["value_cycle_id"], unique=False)

    op.create_table(
        "community_organisations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("community_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("name_as_written", sa.Text(), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        sa.Column("source", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["community_id"], ["communities.id"], name=op.f("fk_community_organisations_community_id_communities")
        ),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisations.id"],
            name=op.f("fk_community_organisations_organisation_id_organisations"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_community_organisations")),
        sa.UniqueConstraint("community_id", "position", name="uq_community_organisations_position"),
    )
    with op.batch_alter_table("community_organisations", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_community_organisations_community_id"), ["community_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_community_organisations_organisation_id"), ["organisation_id"], unique=False
        )

    op.create_table(
        "community_roles",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("community_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("title_as_written", sa.Text(), nullable=False),
        sa.Column("role_id", sa.Integer(), nullable=False),
        sa.Column("source", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["community_id"], ["communities.id"], name=op.f("fk_community_roles_community_id_communities")
        ),
        sa.ForeignKeyConstraint(["role_id"], ["roles.id"], name=op.f("fk_community_roles_role_id_roles")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_community_roles")),
        sa.UniqueConstraint("community_id", "position", name="uq_community_roles_position"),
    )
    with op.batch_alter_table("community_roles", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_community_roles_community_id"), ["community_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_community_roles_role_id"), ["role_id"], unique=False)

    op.create_table(
        "conveners",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("slug", sa.String(length=80), nullable=False),
        sa.Column("community_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("as_written", sa.Text(), nullable=True),
        sa.Column("role_as_written", sa.Text(), nullable=True),
        sa.Column("organisation_as_written", sa.Text(), nullable=True),
        sa.Column("organisation_id", sa.Integer(), nullable=True),
        sa.Column("interview_role_details", sa.Text(), nullable=True),
        sa.Column("source", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["community_id"], ["communities.id"], name=op.f("fk_conveners_community_id_communities")
        ),
        sa.ForeignKeyConstraint(
            ["organisation_id"], ["organisations.id"], name=op.f("fk_conveners_organisation_id_organisations")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_conveners")),
        sa.UniqueConstraint("slug", name=op.f("uq_conveners_slug")),
    )
    op.create_table(
        "organisation_aliases",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("alias", sa.String(length=200), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        sa.Column("source", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisations.id"],
            name=op.f("fk_organisation_aliases_organisation_id_organisations"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_organisation_aliases")),
        sa.UniqueConstraint("alias", name=op.f("uq_organisation_aliases_alias")),
    )
    op.create_table(
        "participants",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=80), nullable=False),
        sa.Column("role_id", sa.Integer(), nullable=True),
        sa.Column("organisation_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), server_default=sa.func.now(), nullable=False),
        sa.ForeignKeyConstraint(
            ["organisation_id"], ["organisations.id"], name=op.f("fk_participants_organisation_id_organisations")
        ),
        sa.ForeignKeyConstraint(["role_id"], ["roles.id"], name=op.f("fk_participants_role_id_roles")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_participants")),
        sa.UniqueConstraint("code", name=op.f("uq_participants_code")),
    )
    with op.batch_alter_table("participants", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_participants_organisation_id"), ["organisation_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_participants_role_id"), ["role_id"], unique=False)

    op.create_table(
        "sessions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("community_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("headcount", sa.Integer(), nullable=True),
        sa.Column("date", sa.Date(), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), server_default=sa.func.now(), nullable=False),
        sa.CheckConstraint("headcount IS NULL OR status = 'held'", name=op.f("ck_sessions_headcount_only_when_held")),
        sa.CheckConstraint(
            "status IN ('held', 'postponed', 'cancelled', 'planned')", name=op.f("ck_sessions_status_known")
        ),
        sa.CheckConstraint("headcount IS NULL OR headcount >= 0", name=op.f("ck_sessions_headcount_not_negative")),
        sa.CheckConstraint("number >= 1", name=op.f("ck_sessions_number_positive")),
        sa.ForeignKeyConstraint(
            ["community_id"], ["communities.id"], name=op.f("fk_sessions_community_id_communities")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sessions")),
        sa.UniqueConstraint("community_id", "number", name="uq_sessions_community_number"),
    )
    with op.batch_alter_table("sessions", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_sessions_community_id"), ["community_id"], unique=False)
        batch_op.create_index("ix_sessions_community_status", ["community_id", "status"], unique=False)

    op.create_table(
        "value_area_communities",
        sa.Column("value_area_id", sa.Integer(), nullable=False),
        sa.Column("community_id", sa.Integer(), nullable=False),
        sa.Column("source", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["community_id"], ["communities.id"], name=op.f("fk_value_area_communities_community_id_communities")
        ),
        sa.ForeignKeyConstraint(
            ["value_area_id"],
            ["value_areas.id"],
            name=op.f("fk_value_area_communities_value_area_id_value_areas"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("value_area_id", "community_id", name=op.f("pk_value_area_communities")),
    )
    op.create_table(
        "attendances",
        sa.Column("session_id", sa.Integer(), nullable=False),
        sa.Column("participant_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["participant_id"],
            ["participants.id"],
            name=op.f("fk_attendances_participant_id_participants"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["session_id"], ["sessions.id"], name=op.f("fk_attendances_session_id_sessions"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("session_id", "participant_id", name=op.f("pk_attendances")),
    )
    with op.batch_alter_table("attendances", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_attendances_participant_id"), ["participant_id"], unique=False)

    op.create_table(
        "comments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("slug", sa.String(length=80), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("community_id", sa.Integer(), nullable=True),
        sa.Column("session_id", sa.Integer(), nullable=True),
        sa.Column("theme", sa.String(length=200), nullable=True),
        sa.Column("see_also", sa.Text(), nullable=True),
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), server_default=sa.func.now(), nullable=False),
        sa.ForeignKeyConstraint(
            ["community_id"], ["communities.id"], name=op.f("fk_comments_community_id_communities")
        ),
        sa.ForeignKeyConstraint(
            ["session_id"], ["sessions.id"], name=op.f("fk_comments_session_id_sessions"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_comments")),
        sa.UniqueConstraint("slug", name=op.f("uq_comments_slug")),
    )
    with op.batch_alter_table("comments", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_comments_community_id"), ["community_id"], unique=False)

    op.create_table(
        "interviews",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("convener_id", sa.Integer(), nullable=False),
        sa.Column("community_id", sa.Integer(), nullable=False),
        sa.Column("question_number", sa.Integer(), nullable=False),
        sa.Column("question", sa.Text(), nullable=False),
        sa.Column("answer", sa.Text(), nullable=False),
        sa.Column("source", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["community_id"], ["communities.id"], name=op.f("fk_interviews_community_id_communities")
        ),
        sa.ForeignKeyConstraint(["convener_id"], ["conveners.id"], name=op.f("fk_interviews_convener_id_conveners")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_interviews")),
        sa.UniqueConstraint("convener_id", "question_number", name="uq_interviews_convener_question"),
    )
    with op.batch_alter_table("interviews", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_interviews_community_id"), ["community_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_interviews_convener_id"), ["convener_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("interviews", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_interviews_convener_id"))
        batch_op.drop_index(batch_op.f("ix_interviews_community_id"))

    op.drop_table("interviews")
    with op.batch_alter_table("comments", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_comments_community_id"))

    op.drop_table("comments")
    with op.batch_alter_table("attendances", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_attendances_participant_id"))

    op.drop_table("attendances")
    op.drop_table("value_area_communities")
    with op.batch_alter_table("sessions", schema=None) as batch_op:
        batch_op.drop_index("ix_sessions_community_status")
        batch_op.drop_index(batch_op.f("ix_sessions_community_id"))

    op.drop_table("sessions")
    with op.batch_alter_table("participants", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_participants_role_id"))
        batch_op.drop_index(batch_op.f("ix_participants_organisation_id"))

    op.drop_table("participants")
    op.drop_table("organisation_aliases")
    op.drop_table("conveners")
    with op.batch_alter_table("community_roles", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_community_roles_role_id"))
        batch_op.drop_index(batch_op.f("ix_community_roles_community_id"))

    op.drop_table("community_roles")
    with op.batch_alter_table("community_organisations", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_community_organisations_organisation_id"))
        batch_op.drop_index(batch_op.f("ix_community_organisations_community_id"))

    op.drop_table("community_organisations")
    with op.batch_alter_table("value_areas", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_value_areas_value_cycle_id"))

    op.drop_table("value_areas")
    op.drop_table("roles")
    op.drop_table("organisations")
    op.drop_table("communities")
    op.drop_table("value_cycles")
    op.drop_table("programmes")
    op.drop_table("professional_groups")
    op.drop_table("organisation_types")
