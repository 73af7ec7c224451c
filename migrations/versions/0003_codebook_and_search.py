"""Codebook (themes, evidence_tags) and the full-text search index (issue 4).

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-26

The codebook is curated reference data: the tables are filled from cop_data/themes.csv and
evidence_tags.csv (ids of comments, interviews and value areas are the loader's, which a database
built from cop_data/ shares). SQLite gets the FTS5 tables and triggers of db.read.search; PostgreSQL its
GIN expression indexes.
"""

from typing import Sequence, Union

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: Union[str, Sequence[str], None] = "0002"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None

SEARCHED = (("comments", "text"), ("interviews", "answer"), ("value_areas", "text"))


def upgrade() -> None:
    op.create_table(
        "themes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("slug", sa.String(length=120), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("value_cycle_id", sa.Integer(), nullable=True),
        sa.Column("display_order", sa.Integer(), nullable=False),
        sa.Column("description", sa.Text(), nullable=True),
        sa.Column("source", sa.Text(), nullable=False),
        sa.CheckConstraint("kind IN ('report-theme', 'value-cycle', 'curated')", name=op.f("ck_themes_kind_known")),
        sa.ForeignKeyConstraint(
            ["value_cycle_id"], ["value_cycles.id"], name=op.f("fk_themes_value_cycle_id_value_cycles")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_themes")),
        sa.UniqueConstraint("name", name=op.f("uq_themes_name")),
        sa.UniqueConstraint("slug", name=op.f("uq_themes_slug")),
    )
    op.create_table(
        "evidence_tags",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("theme_id", sa.Integer(), nullable=False),
        sa.Column("comment_id", sa.Integer(), nullable=True),
        sa.Column("convener_id", sa.Integer(), nullable=True),
        sa.Column("question_number", sa.Integer(), nullable=True),
        sa.Column("value_area_id", sa.Integer(), nullable=True),
        sa.Column("source", sa.Text(), nullable=False),
        sa.CheckConstraint(
            "(convener_id IS NULL) = (question_number IS NULL)", name=op.f("ck_evidence_tags_interview_whole")
        ),
        sa.CheckConstraint(
            "NOT (comment_id IS NOT NULL AND convener_id IS NOT NULL)", name=op.f("ck_evidence_tags_one_item")
        ),
        sa.CheckConstraint(
            "comment_id IS NOT NULL OR convener_id IS NOT NULL OR value_area_id IS NOT NULL",
            name=op.f("ck_evidence_tags_has_item"),
        ),
        sa.ForeignKeyConstraint(
            ["comment_id"], ["comments.id"], name=op.f("fk_evidence_tags_comment_id_comments"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["convener_id", "question_number"],
            ["interviews.convener_id", "interviews.question_number"],
            name="fk_evidence_tags_interview",
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(["convener_id"], ["conveners.id"], name=op.f("fk_evidence_tags_convener_id_conveners")),
        sa.ForeignKeyConstraint(
            ["theme_id"], ["themes.id"], name=op.f("fk_evidence_tags_theme_id_themes"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["value_area_id"],
            ["value_areas.id"],
            name=op.f("fk_evidence_tags_value_area_id_value_areas"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_evidence_tags")),
    )
    with op.batch_alter_table("evidence_tags") as batch_op:
        for column in ("comment_id", "convener_id", "theme_id", "value_area_id"):
            batch_op.create_index(batch_op.f(f"ix_evidence_tags_{column}"), [column], unique=False)
    _fill_codebook()
    _search_index()


def _fill_codebook() -> None:
    from db.admin.load import read_cop_data  # the curated CSVs as the loader reads them

    tables = read_cop_data()
    for name in ("themes", "evidence_tags"):
        if rows := tables.get(name):
            op.bulk_insert(sa.table(name, *[sa.column(c) for c in rows[0]]), rows)
        if op.get_bind().dialect.name == "postgresql":  # ids were given: move the sequence past them
            op.execute(
                f"SELECT setval(pg_get_serial_sequence('{name}', 'id'), COALESCE(MAX(id), 0) + 1, false) FROM {name}"
            )


def _search_index() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        from db.models.fulltext import ensure_index

        ensure_index(bind)
    elif bind.dialect.name == "postgresql":
        from db.models.fulltext import pg_index_sql  # the same expression the search query uses

        for table, column in SEARCHED:
            op.execute(pg_index_sql(table, column))


def downgrade() -> None:
    bind = op.get_bind()
    for table, _ in SEARCHED:
        if bind.dialect.name == "sqlite":
            for trigger in ("ai", "ad", "au"):
                op.execute(f"DROP TRIGGER IF EXISTS {table}_fts_{trigger}")
            op.execute(f"DROP TABLE IF EXISTS {table}_fts")
        else:
            op.execute(f"DROP INDEX IF EXISTS ix_{table}_{'answer' if table == 'interviews' else 'text'}_fts")
    op.drop_table("evidence_tags")
    op.drop_table("themes")
