"""The declarative base with named constraints (Alembic's batch mode needs names), shared by every model.

Table names are a public contract (issue 2): keep them. Every constraint is named so that
Alembic's batch mode can alter SQLite tables.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import MetaData
from sqlalchemy.orm import DeclarativeBase

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

SESSION_STATUSES = ("held", "postponed", "cancelled", "planned")


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


def length_of(column: Any) -> int:
    """The declared length of a String column: what a stored value must fit in."""
    return int(column.type.length)
