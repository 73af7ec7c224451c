"""Coding into the framework (issue 12, section 3): tags on approved feedback answers, areas of change,
themes and interviews recorded in the dashboard.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-01

`created_by` (value_areas, themes, evidence_tags) and `recorded_by` (interviews) say who added a row in
the dashboard; NULL marks the report's own rows, which stay read-only. They are plain nullable columns,
so SQLite adds them without rebuilding value_areas or interviews (a rebuild would drop the search
index's triggers). evidence_tags is rebuilt (batch mode) for its new foreign key and item checks;
nothing refers to it, so no row is lost.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | Sequence[str] | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

FK = "fk_evidence_tags_feedback_answer_id_feedback_answers"
INDEX = "ix_evidence_tags_feedback_answer_id"
ONE_ITEM = (
    "(CASE WHEN comment_id IS NULL THEN 0 ELSE 1 END) + (CASE WHEN convener_id IS NULL "
    "THEN 0 ELSE 1 END) + (CASE WHEN feedback_answer_id IS NULL THEN 0 ELSE 1 END) <= 1"
)
HAS_ITEM = (
    "comment_id IS NOT NULL OR convener_id IS NOT NULL OR feedback_answer_id IS NOT NULL OR value_area_id IS NOT NULL"
)
OLD_ONE_ITEM = "NOT (comment_id IS NOT NULL AND convener_id IS NOT NULL)"
OLD_HAS_ITEM = "comment_id IS NOT NULL OR convener_id IS NOT NULL OR value_area_id IS NOT NULL"


def _who() -> sa.Column:
    return sa.Column("created_by", sa.String(length=320), nullable=True)


def upgrade() -> None:
    op.add_column("value_areas", _who())
    op.add_column("themes", _who())
    op.add_column("interviews", sa.Column("interviewed_on", sa.Date(), nullable=True))
    op.add_column("interviews", sa.Column("recorded_by", sa.String(length=320), nullable=True))
    with op.batch_alter_table("evidence_tags", recreate="always") as batch:
        batch.add_column(sa.Column("feedback_answer_id", sa.Integer(), nullable=True))
        batch.add_column(_who())
        batch.add_column(sa.Column("created_at", sa.DateTime(), server_default=sa.func.now(), nullable=True))
        batch.create_foreign_key(op.f(FK), "feedback_answers", ["feedback_answer_id"], ["id"], ondelete="CASCADE")
        batch.create_index(op.f(INDEX), ["feedback_answer_id"])
        _checks(batch, ONE_ITEM, HAS_ITEM)


def _checks(batch, one_item: str, has_item: str) -> None:
    """Replace the item checks (named, so both SQLite's rebuild and PostgreSQL find them)."""
    for name in ("ck_evidence_tags_one_item", "ck_evidence_tags_has_item"):
        batch.drop_constraint(op.f(name), type_="check")
    batch.create_check_constraint(op.f("ck_evidence_tags_one_item"), sa.text(one_item))
    batch.create_check_constraint(op.f("ck_evidence_tags_has_item"), sa.text(has_item))


def downgrade() -> None:
    op.execute("DELETE FROM evidence_tags WHERE feedback_answer_id IS NOT NULL")
    with op.batch_alter_table("evidence_tags", recreate="always") as batch:
        _checks(batch, OLD_ONE_ITEM, OLD_HAS_ITEM)
        batch.drop_index(INDEX)
        batch.drop_constraint(FK, type_="foreignkey")
        for column in ("feedback_answer_id", "created_by", "created_at"):
            batch.drop_column(column)
    for table, column in (
        ("interviews", "recorded_by"),
        ("interviews", "interviewed_on"),
        ("themes", "created_by"),
        ("value_areas", "created_by"),
    ):
        with op.batch_alter_table(table) as batch:
            batch.drop_column(column)
    from db.models.fulltext import (
        ensure_index,  # the rebuilds above dropped the search index's triggers
    )

    ensure_index(op.get_bind())
