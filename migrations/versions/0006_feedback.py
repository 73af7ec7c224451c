"""End-of-meeting feedback: question sets, feedback links, responses and answers (issue 12).

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-01

The default question set is written here as frozen rows (the same as cop_data/question_sets.csv and
questions.csv at this revision), so an existing database gets the form without a rebuild. Value
cycles are found by slug; a database without them gets questions that feed no cycle.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | Sequence[str] | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

SOURCE = "dashboard default question set"
QUESTION_SET = {
    "slug": "end-of-meeting-feedback",
    "name": "End-of-meeting feedback",
    "programme_id": None,
    "source": SOURCE,
}
# position, kind, prompt, value cycle slug, required, max_length
QUESTIONS = [
    (1, "text", "What was most valuable about today?", "immediate", True, 2000),
    (2, "text", "What will you take back or do differently?", "potential", False, 2000),
    (3, "rating", "How useful was today? (1 = not at all useful, 5 = very useful)", "immediate", False, None),
    (4, "role", "Your role (optional)", None, False, None),
    (5, "organisation", "Your organisation (optional)", None, False, None),
]


def _id(name: str) -> sa.Column:
    return sa.Column(name, sa.Integer(), nullable=False)


def upgrade() -> None:
    op.create_table(
        "question_sets",
        _id("id"),
        sa.Column("slug", sa.String(length=80), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("programme_id", sa.Integer(), nullable=True),
        sa.Column("source", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["programme_id"], ["programmes.id"], name=op.f("fk_question_sets_programme_id_programmes")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_question_sets")),
        sa.UniqueConstraint("programme_id", name=op.f("uq_question_sets_programme_id")),
        sa.UniqueConstraint("slug", name=op.f("uq_question_sets_slug")),
    )
    op.create_table(
        "questions",
        _id("id"),
        _id("question_set_id"),
        _id("position"),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("prompt", sa.Text(), nullable=False),
        sa.Column("value_cycle_id", sa.Integer(), nullable=True),
        sa.Column("required", sa.Boolean(), nullable=False),
        sa.Column("max_length", sa.Integer(), nullable=True),
        sa.Column("source", sa.Text(), nullable=False),
        sa.CheckConstraint("kind IN ('text', 'rating', 'role', 'organisation')", name=op.f("ck_questions_kind_known")),
        sa.CheckConstraint(
            "max_length IS NULL OR (max_length >= 1 AND max_length <= 5000)", name=op.f("ck_questions_max_length_range")
        ),
        sa.ForeignKeyConstraint(
            ["question_set_id"],
            ["question_sets.id"],
            name=op.f("fk_questions_question_set_id_question_sets"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["value_cycle_id"], ["value_cycles.id"], name=op.f("fk_questions_value_cycle_id_value_cycles")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_questions")),
        sa.UniqueConstraint("question_set_id", "position", name="uq_questions_set_position"),
    )
    op.create_table(
        "feedback_links",
        _id("id"),
        _id("session_id"),
        sa.Column("token_sha256", sa.String(length=64), nullable=False),
        sa.Column("opens_at", sa.DateTime(), nullable=False),
        sa.Column("closes_at", sa.DateTime(), nullable=False),
        sa.Column("closed", sa.Boolean(), nullable=False),
        sa.Column("created_by", sa.String(length=320), nullable=False),
        sa.Column("created_at", sa.DateTime(), server_default=sa.func.now(), nullable=False),
        sa.CheckConstraint("closes_at > opens_at", name=op.f("ck_feedback_links_window_order")),
        sa.ForeignKeyConstraint(
            ["session_id"], ["sessions.id"], name=op.f("fk_feedback_links_session_id_sessions"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_feedback_links")),
        sa.UniqueConstraint("token_sha256", name=op.f("uq_feedback_links_token_sha256")),
    )
    op.create_table(
        "feedback_responses",
        _id("id"),
        _id("link_id"),
        _id("session_id"),
        sa.Column("nonce", sa.String(length=64), nullable=False),
        sa.Column("submitted_at", sa.DateTime(), server_default=sa.func.now(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("rating", sa.Integer(), nullable=True),
        sa.Column("role_id", sa.Integer(), nullable=True),
        sa.Column("organisation_id", sa.Integer(), nullable=True),
        sa.Column("screened_by", sa.String(length=320), nullable=True),
        sa.Column("screened_at", sa.DateTime(), nullable=True),
        sa.CheckConstraint(
            "status IN ('pending', 'approved', 'rejected')", name=op.f("ck_feedback_responses_status_known")
        ),
        sa.CheckConstraint(
            "rating IS NULL OR (rating >= 1 AND rating <= 5)", name=op.f("ck_feedback_responses_rating_range")
        ),
        sa.ForeignKeyConstraint(
            ["link_id"],
            ["feedback_links.id"],
            name=op.f("fk_feedback_responses_link_id_feedback_links"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["session_id"], ["sessions.id"], name=op.f("fk_feedback_responses_session_id_sessions"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(["role_id"], ["roles.id"], name=op.f("fk_feedback_responses_role_id_roles")),
        sa.ForeignKeyConstraint(
            ["organisation_id"], ["organisations.id"], name=op.f("fk_feedback_responses_organisation_id_organisations")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_feedback_responses")),
        sa.UniqueConstraint("nonce", name=op.f("uq_feedback_responses_nonce")),
    )
    op.create_table(
        "feedback_answers",
        _id("id"),
        _id("response_id"),
        _id("question_id"),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("redacted", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["response_id"],
            ["feedback_responses.id"],
            name=op.f("fk_feedback_answers_response_id_feedback_responses"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["question_id"], ["questions.id"], name=op.f("fk_feedback_answers_question_id_questions")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_feedback_answers")),
        sa.UniqueConstraint("response_id", "question_id", name="uq_feedback_answers_response_question"),
    )
    for table, column in (
        ("questions", "question_set_id"),
        ("feedback_links", "session_id"),
        ("feedback_responses", "link_id"),
        ("feedback_responses", "session_id"),
        ("feedback_responses", "status"),
        ("feedback_answers", "response_id"),
        ("feedback_answers", "question_id"),
    ):
        op.create_index(op.f(f"ix_{table}_{column}"), table, [column])
    _fill_question_set()


def _fill_question_set() -> None:
    bind = op.get_bind()
    sets = sa.table("question_sets", sa.column("id"), *[sa.column(c) for c in QUESTION_SET])
    set_id = bind.execute(sa.insert(sets).values(QUESTION_SET).returning(sets.c.id)).scalar_one()
    cycles = sa.table("value_cycles", sa.column("id"), sa.column("slug"))
    ids = dict(bind.execute(sa.select(cycles.c.slug, cycles.c.id)).all())
    rows = [
        {
            "question_set_id": set_id,
            "position": pos,
            "kind": kind,
            "prompt": prompt,
            "value_cycle_id": ids.get(cycle),
            "required": required,
            "max_length": length,
            "source": SOURCE,
        }
        for pos, kind, prompt, cycle, required, length in QUESTIONS
    ]
    op.bulk_insert(sa.table("questions", *[sa.column(c) for c in rows[0]]), rows)


def downgrade() -> None:
    for table in ("feedback_answers", "feedback_responses", "feedback_links", "questions", "question_sets"):
        op.drop_table(table)
