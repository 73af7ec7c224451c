"""Conveners are interviewed again as the programme goes on: several dated interviews per convener.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-01

interviews' unique constraint becomes (convener, date, question) instead of (convener, question), and
an evidence tag names the interview answer it codes by its id (`interview_id`) instead of by
(convener_id, question_number), which no longer pick out one answer. Existing tags are given the id
of the answer they named.

On SQLite both tables are rebuilt (Alembic's batch mode). Foreign keys are on inside the migration's
transaction, so dropping the old interviews table deletes the tags on its answers by cascade: the tags
are read first and written back after the rebuilds, ids and all; the rebuild of interviews drops the
search index's triggers, which are made again.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009"
down_revision: str | Sequence[str] | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

COLUMNS = ("id", "theme_id", "comment_id", "value_area_id", "source", "feedback_answer_id", "created_by", "created_at")
OLD_UQ, NEW_UQ = "uq_interviews_convener_question", "uq_interviews_convener_date_question"
FK = "fk_evidence_tags_interview_id_interviews"
INDEX = "ix_evidence_tags_interview_id"
ITEM = "(CASE WHEN comment_id IS NULL THEN 0 ELSE 1 END) + (CASE WHEN {} IS NULL THEN 0 ELSE 1 END)"
ONE_ITEM = ITEM + " + (CASE WHEN feedback_answer_id IS NULL THEN 0 ELSE 1 END) <= 1"
HAS_ITEM = "comment_id IS NOT NULL OR {} IS NOT NULL OR feedback_answer_id IS NOT NULL OR value_area_id IS NOT NULL"


def _tags(*extra: str) -> sa.TableClause:
    return sa.table("evidence_tags", *[sa.column(c) for c in (*COLUMNS, *extra)])


def _checks(batch, item: str) -> None:
    for name in ("ck_evidence_tags_one_item", "ck_evidence_tags_has_item"):
        batch.drop_constraint(op.f(name), type_="check")
    batch.create_check_constraint(op.f("ck_evidence_tags_one_item"), sa.text(ONE_ITEM.format(item)))
    batch.create_check_constraint(op.f("ck_evidence_tags_has_item"), sa.text(HAS_ITEM.format(item)))


def _keeping_tags(alter, read: tuple[str, ...], write: tuple[str, ...]) -> None:
    """Run `alter` (batch alterations of evidence_tags and interviews) and keep every tag: read with
    the columns `read` beside COLUMNS before, written back with `write` after (SQLite only)."""
    bind = op.get_bind()
    saved = [dict(r._mapping) for r in bind.execute(sa.select(*_tags(*read).c))]
    alter()
    if bind.dialect.name == "sqlite":
        bind.execute(sa.delete(_tags()))
        if saved:
            bind.execute(sa.insert(_tags(*write)), [{c: r[c] for c in (*COLUMNS, *write)} for r in saved])
        from db.models.fulltext import ensure_index  # the rebuild of interviews dropped its triggers

        ensure_index(bind)


def upgrade() -> None:
    op.add_column("evidence_tags", sa.Column("interview_id", sa.Integer(), nullable=True))
    op.execute(
        "UPDATE evidence_tags SET interview_id = (SELECT i.id FROM interviews i WHERE i.convener_id = "
        "evidence_tags.convener_id AND i.question_number = evidence_tags.question_number) "
        "WHERE convener_id IS NOT NULL"
    )

    def alter() -> None:
        with op.batch_alter_table("evidence_tags") as batch:
            batch.drop_constraint("fk_evidence_tags_interview", type_="foreignkey")
            batch.drop_constraint(op.f("fk_evidence_tags_convener_id_conveners"), type_="foreignkey")
            batch.drop_constraint(op.f("ck_evidence_tags_interview_whole"), type_="check")
            batch.drop_index(op.f("ix_evidence_tags_convener_id"))
            _checks(batch, "interview_id")
            batch.drop_column("convener_id")
            batch.drop_column("question_number")
            batch.create_foreign_key(FK, "interviews", ["interview_id"], ["id"], ondelete="CASCADE")
            batch.create_index(INDEX, ["interview_id"])
        with op.batch_alter_table("interviews") as batch:
            batch.drop_constraint(OLD_UQ, type_="unique")
            batch.create_unique_constraint(NEW_UQ, ["convener_id", "interviewed_on", "question_number"])

    _keeping_tags(alter, ("interview_id",), ("interview_id",))


def downgrade() -> None:
    """Back to one interview per convener: refused while a convener has more than one."""
    bind = op.get_bind()
    twice = bind.execute(
        sa.text("SELECT convener_id FROM interviews GROUP BY convener_id HAVING count(DISTINCT interviewed_on) > 1")
    ).first()
    if twice is not None:
        raise RuntimeError("a convener has several interviews: revision 0008 holds one per convener")
    op.add_column("evidence_tags", sa.Column("convener_id", sa.Integer(), nullable=True))
    op.add_column("evidence_tags", sa.Column("question_number", sa.Integer(), nullable=True))
    op.execute(
        "UPDATE evidence_tags SET convener_id = (SELECT i.convener_id FROM interviews i WHERE i.id = "
        "evidence_tags.interview_id), question_number = (SELECT i.question_number FROM interviews i "
        "WHERE i.id = evidence_tags.interview_id)"
    )

    def alter() -> None:
        with op.batch_alter_table("interviews") as batch:
            batch.drop_constraint(NEW_UQ, type_="unique")
            batch.create_unique_constraint(OLD_UQ, ["convener_id", "question_number"])
        with op.batch_alter_table("evidence_tags") as batch:
            batch.drop_index(INDEX)
            batch.drop_constraint(FK, type_="foreignkey")
            _checks(batch, "convener_id")
            batch.create_check_constraint(
                op.f("ck_evidence_tags_interview_whole"), sa.text("(convener_id IS NULL) = (question_number IS NULL)")
            )
            batch.create_foreign_key(
                "fk_evidence_tags_interview",
                "interviews",
                ["convener_id", "question_number"],
                ["convener_id", "question_number"],
                ondelete="CASCADE",
            )
            batch.create_foreign_key(
                op.f("fk_evidence_tags_convener_id_conveners"), "conveners", ["convener_id"], ["id"]
            )
            batch.create_index(op.f("ix_evidence_tags_convener_id"), ["convener_id"])
            batch.drop_column("interview_id")

    _keeping_tags(alter, ("convener_id", "question_number"), ("convener_id", "question_number"))
