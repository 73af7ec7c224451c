"""Feedback imported from a file (issue 12, section 4): a response may come without a feedback link,
from an import batch that can be undone whole.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-01

On SQLite, making `link_id` nullable rebuilds feedback_responses (Alembic's batch mode). Foreign keys
are on inside the migration's transaction, so dropping the old table deletes its answers by cascade:
the answers are read first and written back after the rebuild, ids and all.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | Sequence[str] | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

ANSWERS = sa.table(
    "feedback_answers", *[sa.column(c) for c in ("id", "response_id", "question_id", "text", "redacted")]
)
FK = "fk_feedback_responses_import_batch_id_import_batches"
INDEX = "ix_feedback_responses_import_batch_id"


def _keeping_answers(alter) -> None:
    """Run `alter` (a batch alteration of feedback_responses) and keep every answer as it was."""
    bind = op.get_bind()
    saved = [dict(r._mapping) for r in bind.execute(sa.select(*ANSWERS.c))]
    alter()
    if bind.dialect.name == "sqlite" and saved:
        bind.execute(sa.delete(ANSWERS))
        bind.execute(sa.insert(ANSWERS), saved)


def upgrade() -> None:
    def alter() -> None:
        with op.batch_alter_table("feedback_responses") as batch:
            batch.alter_column("link_id", existing_type=sa.Integer(), nullable=True)
            batch.add_column(sa.Column("import_batch_id", sa.Integer(), nullable=True))
            batch.create_foreign_key(FK, "import_batches", ["import_batch_id"], ["id"])
            batch.create_index(INDEX, ["import_batch_id"])

    _keeping_answers(alter)


def downgrade() -> None:
    op.execute("DELETE FROM feedback_responses WHERE link_id IS NULL")

    def alter() -> None:
        with op.batch_alter_table("feedback_responses") as batch:
            batch.drop_index(INDEX)
            batch.drop_constraint(FK, type_="foreignkey")
            batch.drop_column("import_batch_id")
            batch.alter_column("link_id", existing_type=sa.Integer(), nullable=False)

    _keeping_answers(alter)
