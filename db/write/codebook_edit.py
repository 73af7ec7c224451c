"""Editing the framework's vocabulary: editors add areas of change for their communities (and remove
the ones added in the dashboard); administrators add themes, describe them, and describe the value
cycles. The report's areas and cycle names, and the codebook's own theme names, stay as they are.

Every write checks rights itself, runs in one transaction and is audited.
"""

from __future__ import annotations

import datetime as dt
import re

from sqlalchemy import Connection, Engine, delete, func, insert, select, update

from db import models as m
from db.auth import User, require_admin, require_editor
from db.engine import write_transaction
from db.write import audit
from db.write.coding import refuse

A, L, C, Y, T = m.ValueArea, m.ValueAreaCommunity, m.Community, m.ValueCycle, m.Theme
TEXT_MAX = 2000
NAME_MAX = 200


def _text(value: str | None, field: str, limit: int) -> str:
    said = (value or "").strip()
    if not said:
        raise refuse(field, None, f"some text (at most {limit} characters)")
    if len(said) > limit or any(ord(ch) < 32 and ch not in "\n\t" for ch in said):
        raise refuse(field, said[:80], f"plain text of at most {limit} characters")
    return said


def _community_ids(conn: Connection, user: User, communities: list[str]) -> dict[str, int]:
    """The communities an area names, each one the user may edit; none only for an administrator."""
    if not communities and not user.is_admin:
        raise refuse(
            "communities", None, "at least one of your communities (only administrators add programme-wide areas)"
        )
    ids = dict(conn.execute(select(C.name, C.id).where(C.name.in_(communities))).all())
    for name in communities:
        if name not in ids:
            raise refuse("communities", name, "a community the dashboard knows")
        require_editor(user, name)
    return ids


def add_area(engine: Engine, user: User | None, cycle: str, text: str, communities: list[str]) -> str:
    """Add an area of change under value cycle `cycle` (a slug) naming `communities`; its slug."""
    user = require_editor(user)
    wording = _text(text, "area of change", TEXT_MAX)
    with write_transaction(engine) as conn:
        cycle_id = conn.execute(select(Y.id).where(Y.slug == cycle)).scalar()
        if cycle_id is None:
            raise refuse("value cycle", cycle, "a value cycle of the framework")
        ids = _community_ids(conn, user, list(dict.fromkeys(communities)))
        position = (conn.execute(select(func.max(A.position)).where(A.value_cycle_id == cycle_id)).scalar() or 0) + 1
        slug = _free_slug(conn, f"{cycle}-{position}")
        source = f"Added in the dashboard on {dt.date.today():%Y-%m-%d}"  # who: created_by
        area_id = conn.execute(
            insert(A)
            .values(
                slug=slug,
                value_cycle_id=cycle_id,
                position=position,
                text=wording,
                source=source,
                created_by=user.email,
            )
            .returning(A.id)
        ).scalar_one()
        for community_id in ids.values():
            conn.execute(insert(L).values(value_area_id=area_id, community_id=community_id, source=source))
        audit.record(
            conn,
            user.email,
            "add_value_area",
            community=", ".join(ids) or None,
            detail={"area": slug, "cycle": cycle, "text": wording},
        )
        return slug


def _free_slug(conn: Connection, slug: str) -> str:
    taken = set(conn.execute(select(A.slug).where(A.slug.like(f"{slug}%"))).scalars())
    n, out = 1, slug
    while out in taken:
        n += 1
        out = f"{slug}-{n}"
    return out


def remove_area(engine: Engine, user: User | None, slug: str) -> None:
    """Remove an area added in the dashboard, with the tags that link evidence to it."""
    user = require_editor(user)
    with write_transaction(engine) as conn:
        row = conn.execute(select(A.id, A.created_by, A.text).where(A.slug == slug)).first()
        if row is None:
            raise refuse("area of change", slug, "a stored area of change")
        if row.created_by is None:
            raise refuse("area of change", slug, "an area added in the dashboard (the report's are read-only)")
        named = list(
            conn.execute(select(C.name).join(L, L.community_id == C.id).where(L.value_area_id == row.id)).scalars()
        )
        _community_ids(conn, user, named)
        conn.execute(delete(m.EvidenceTag).where(m.EvidenceTag.value_area_id == row.id))
        conn.execute(delete(L).where(L.value_area_id == row.id))
        conn.execute(delete(A).where(A.id == row.id))
        audit.record(
            conn,
            user.email,
            "remove_value_area",
            community=", ".join(named) or None,
            detail={"area": slug, "text": row.text},
        )


def _theme_slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")[:100] or "theme"


def add_theme(engine: Engine, user: User | None, name: str, description: str | None = None) -> str:
    """Add a code of our own to the codebook (administrators); its slug."""
    user = require_admin(user)
    name = _text(name, "theme", NAME_MAX)
    said = _text(description, "description", TEXT_MAX) if (description or "").strip() else None
    with write_transaction(engine) as conn:
        if conn.execute(select(T.id).where(func.lower(T.name) == name.lower())).first():
            raise refuse("theme", name, "a name no code of the codebook has yet")
        slug = _theme_slug(name)
        if conn.execute(select(T.id).where(T.slug == slug)).first():
            slug = f"{slug}-{conn.execute(select(func.count(T.id))).scalar_one() + 1}"
        order = (conn.execute(select(func.max(T.display_order))).scalar() or 0) + 1
        conn.execute(
            insert(T).values(
                slug=slug,
                name=name,
                kind="curated",
                display_order=order,
                description=said,
                source="Added in the dashboard",
                created_by=user.email,
            )
        )
        audit.record(conn, user.email, "add_theme", detail={"theme": slug, "name": name})
        return slug


def describe_theme(engine: Engine, user: User | None, slug: str, description: str) -> None:
    """Change a code's description (administrators); the names of the report's codes stay."""
    _describe(engine, user, T, slug, description, "describe_theme")


def describe_cycle(engine: Engine, user: User | None, slug: str, definition: str) -> None:
    """Change a value cycle's definition (administrators); the report's cycle names stay."""
    _describe(engine, user, Y, slug, definition, "describe_value_cycle", column="definition")


def _describe(
    engine: Engine, user: User | None, table, slug: str, text: str, action: str, column: str = "description"
) -> None:
    user = require_admin(user)
    said = _text(text, column, TEXT_MAX)
    with write_transaction(engine) as conn:
        before = conn.execute(select(getattr(table, column)).where(table.slug == slug)).first()
        if before is None:
            raise refuse(column, slug, "a stored code or value cycle")
        conn.execute(update(table).where(table.slug == slug).values({column: said}))
        audit.record(conn, user.email, action, detail={"slug": slug, "before": before[0], "after": said})
