"""Sign-in attempts: local sign-in throttling kept in the database (issue 11).

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-01
"""

from typing import Sequence, Union

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: Union[str, Sequence[str], None] = "0004"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    op.create_table(
        "sign_in_attempts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(), server_default=sa.func.now(), nullable=False),
        sa.Column("account", sa.String(length=320), nullable=False),
        sa.Column("client", sa.String(length=100), nullable=True),
        sa.Column("outcome", sa.String(length=10), nullable=False),
        sa.CheckConstraint(
            "outcome IN ('succeeded', 'failed', 'refused')", name=op.f("ck_sign_in_attempts_outcome_known")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sign_in_attempts")),
    )
    for column in ("at", "account", "client"):
        op.create_index(op.f(f"ix_sign_in_attempts_{column}"), "sign_in_attempts", [column])


def downgrade() -> None:
    for column in ("client", "account", "at"):
        op.drop_index(op.f(f"ix_sign_in_attempts_{column}"), table_name="sign_in_attempts")
    op.drop_table("sign_in_attempts")
