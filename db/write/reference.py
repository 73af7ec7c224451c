"""New reference rows made by editors: organisations and roles (any editor, after close matches were
offered), communities and programmes (administrators). Each write is audited.
"""

from __future__ import annotations

import datetime as dt
from typing import cast

from sqlalchemy import Connection, Engine, insert, select

from db import models as m
from db.auth import User, require_admin, require_editor
from db.engine import write_transaction
from db.errors import ImportRejected, Problem
from db.write import lookup
from db.write.audit import record
from db.write.imports.rows import _text


class CloseMatches(ValueError):
    """A new name is close to stored ones: the caller shows `matches` and asks to confirm."""

    def __init__(self, name: str, matches: list[str]):
        self.name, self.matches = name, matches
        super().__init__(f"{name!r} is close to {', '.join(repr(x) for x in matches)}")


def _source(user: User) -> str:
    return f"Recorded in dashboard by {user.email} on {dt.date.today().isoformat()}"


def _clean(field: str, value: str | None, required: bool = True) -> str | None:
    text, shown, expected = _text((value or "").strip(), required, 200)
    if expected:
        raise ImportRejected([Problem("form", None, field, shown, expected)])
    return text


def _new_name(conn: Connection, names: lookup.Names, field: str, value: str, confirmed: bool) -> str:
    name = cast(str, _clean(field, value))  # required: _clean refuses an empty one
    if (hit := names.get(name)) is not None:
        raise ImportRejected(
            [
                Problem(
                    "form", None, field, name, f"a new {field}: {hit[1]!r} is already stored, choose it from the list"
                )
            ]
        )
    if not confirmed and (close := names.close(name)):
        raise CloseMatches(name, close)
    return name


def _id_of(conn: Connection, model, column, value: str, field: str) -> int:
    found = conn.execute(select(model.id).where(column == value)).scalar()
    if found is None:
        raise ImportRejected([Problem("form", None, field, value, f"a known {field}")])
    return found


def _slug(conn: Connection, model, name: str) -> str:
    return lookup.slugify(name, set(conn.execute(select(model.slug)).scalars()))


def add_organisation(
    engine: Engine, user: User | None, name: str, organisation_type: str, *, confirmed: bool = False
) -> str:
    """A new canonical organisation; CloseMatches first if it resembles a stored name or alias."""
    user = require_editor(user)
    with write_transaction(engine) as conn:
        name = _new_name(conn, lookup.organisations(conn), "organisation", name, confirmed)
        type_id = _id_of(conn, m.OrganisationType, m.OrganisationType.name, organisation_type, "organisation type")
        conn.execute(
            insert(m.Organisation).values(
                slug=_slug(conn, m.Organisation, name), name=name, organisation_type_id=type_id, source=_source(user)
            )
        )
        record(conn, user.email, "add_organisation", detail={"name": name, "type": organisation_type})
    return name


def add_role(engine: Engine, user: User | None, title: str, professional_group: str, *, confirmed: bool = False) -> str:
    """A new role title; CloseMatches first if it resembles a stored one."""
    user = require_editor(user)
    with write_transaction(engine) as conn:
        title = _new_name(conn, lookup.roles(conn), "role", title, confirmed)
        group_id = _id_of(conn, m.ProfessionalGroup, m.ProfessionalGroup.name, professional_group, "professional group")
        conn.execute(
            insert(m.Role).values(
                slug=_slug(conn, m.Role, title), title=title, professional_group_id=group_id, source=_source(user)
            )
        )
        record(conn, user.email, "add_role", detail={"title": title, "group": professional_group})
    return title


def add_programme(
    engine: Engine,
    user: User | None,
    name: str,
    *,
    commissioner: str | None = None,
    delivered_by: str | None = None,
    description: str | None = None,
    confirmed: bool = False,
) -> str:
    """A new programme, such as the primary-care communities (administrators only)."""
    user = require_admin(user)
    with write_transaction(engine) as conn:
        name = _new_name(conn, lookup.programmes(conn), "programme", name, confirmed)
        conn.execute(
            insert(m.Programme).values(
                slug=_slug(conn, m.Programme, name),
                name=name,
                commissioner=_clean("commissioner", commissioner, False),
                delivered_by=_clean("delivered_by", delivered_by, False),
                description=_clean("description", description, False),
                source=_source(user),
            )
        )
        record(conn, user.email, "add_programme", detail={"name": name})
    return name


def add_community(
    engine: Engine,
    user: User | None,
    name: str,
    programme: str,
    *,
    description: str | None = None,
    confirmed: bool = False,
) -> str:
    """A new community in a programme (administrators only); it is listed after the others."""
    user = require_admin(user)
    with write_transaction(engine) as conn:
        name = _new_name(conn, lookup.communities(conn), "community", name, confirmed)
        programme_id = _id_of(conn, m.Programme, m.Programme.name, programme, "programme")
        order = (
            conn.execute(select(m.Community.display_order).order_by(m.Community.display_order.desc()).limit(1)).scalar()
            or 0
        )
        conn.execute(
            insert(m.Community).values(
                slug=_slug(conn, m.Community, name),
                name=name,
                programme_id=programme_id,
                display_order=order + 1,
                description=_clean("description", description, False),
                source=_source(user),
            )
        )
        record(conn, user.email, "add_community", community=name, detail={"programme": programme})
    return name
