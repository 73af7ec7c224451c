"""Pure read functions: each takes a connection and keyword filters and returns a DataFrame.

Filters are bound parameters; `community` is a community's name (as in the URL), None for all.
Sessions and registers (attendance) are read by db.read.attendance.
"""

from __future__ import annotations

import pandas as pd
from sqlalchemy import Connection, Select, and_, distinct, func, literal, select

from db import models as m
from db.read.frames import read_frame

C, S = m.Community, m.Session


def _df(conn: Connection, stmt: Select) -> pd.DataFrame:
    return read_frame(conn, stmt)


def where_community(stmt: Select, community: str | None, column=None) -> Select:
    if community is None:
        return stmt
    return stmt.where((column if column is not None else C.name) == community)


def programmes(conn: Connection) -> pd.DataFrame:
    P = m.Programme
    return _df(
        conn,
        select(
            P.slug, P.name, P.commissioner, P.delivered_by, P.commissioned, P.duration_months, P.description, P.source
        ).order_by(P.id),
    )


def communities(conn: Connection) -> pd.DataFrame:
    """Every community with its programme, in display order."""
    stmt = (
        select(C.id, C.slug, C.name, C.description, m.Programme.name.label("programme"))
        .join(m.Programme)
        .order_by(m.Programme.id, C.display_order, C.name)
    )
    return _df(conn, stmt)


def community_names(conn: Connection) -> list[str]:
    return communities(conn)["name"].tolist()


def conveners(conn: Connection, *, community: str | None = None) -> pd.DataFrame:
    V, O = m.Convener, m.Organisation
    stmt = (
        select(
            C.name.label("community"),
            V.name,
            V.role_as_written,
            V.organisation_as_written,
            O.name.label("organisation"),
            V.as_written,
            V.source,
        )
        .join(C, V.community_id == C.id)
        .outerjoin(O, V.organisation_id == O.id)
        .order_by(C.display_order, V.id)
    )
    return _df(conn, where_community(stmt, community))


def organisations_by_community(conn: Connection, *, community: str | None = None) -> pd.DataFrame:
    """Each organisation as listed for each community, with its canonical name and type."""
    CO, O, T = m.CommunityOrganisation, m.Organisation, m.OrganisationType
    Parent = select(O.id, O.name).subquery("parent")
    stmt = (
        select(
            C.name.label("community"),
            CO.position,
            CO.name_as_written,
            O.name.label("organisation"),
            T.name.label("organisation_type"),
            Parent.c.name.label("part_of"),
            CO.source,
        )
        .join(C, CO.community_id == C.id)
        .join(O, CO.organisation_id == O.id)
        .join(T, O.organisation_type_id == T.id)
        .outerjoin(Parent, O.parent_id == Parent.c.id)
        .order_by(C.display_order, CO.position)
    )
    return _df(conn, where_community(stmt, community))


def organisation_aliases(conn: Connection) -> pd.DataFrame:
    A, O = m.OrganisationAlias, m.Organisation
    stmt = select(O.name.label("organisation"), A.alias, A.source).join(O).order_by(O.name, A.alias)
    return _df(conn, stmt)


def organisation_types(conn: Connection) -> pd.DataFrame:
    T = m.OrganisationType
    return _df(conn, select(T.slug, T.name, T.display_order).order_by(T.display_order))


def roles_by_community(conn: Connection, *, community: str | None = None) -> pd.DataFrame:
    """Each role title as listed for each community, with its cleaned title and professional group."""
    CR, R, G = m.CommunityRole, m.Role, m.ProfessionalGroup
    stmt = (
        select(
            C.name.label("community"),
            CR.position,
            CR.title_as_written,
            R.title.label("role"),
            G.name.label("professional_group"),
            G.is_patient_or_public,
            CR.source,
        )
        .join(C, CR.community_id == C.id)
        .join(R, CR.role_id == R.id)
        .join(G, R.professional_group_id == G.id)
        .order_by(C.display_order, CR.position)
    )
    return _df(conn, where_community(stmt, community))


def professional_groups(conn: Connection) -> pd.DataFrame:
    G = m.ProfessionalGroup
    return _df(conn, select(G.slug, G.name, G.is_patient_or_public, G.display_order).order_by(G.display_order))


def comments(conn: Connection, *, community: str | None = None) -> pd.DataFrame:
    """Every comment with the community the report attributes it to (None when it names none); their
    codes and paging are db.read.evidence_comments.coded_comments."""
    K = m.Comment
    stmt = (
        select(K.id, K.slug, K.text, C.name.label("community"), K.theme, K.see_also, K.source)
        .outerjoin(C, K.community_id == C.id)
        .order_by(K.id)
    )
    return _df(conn, where_community(stmt, community))


def value_areas(conn: Connection, *, community: str | None = None) -> pd.DataFrame:
    """One row per area of change and community it names (community None when it names none)."""
    A, V, L = m.ValueArea, m.ValueCycle, m.ValueAreaCommunity
    stmt = (
        select(
            V.name.label("value_cycle"),
            V.display_order.label("cycle_order"),
            A.slug,
            A.position,
            A.text,
            C.name.label("community"),
            A.source,
        )
        .join(V, A.value_cycle_id == V.id)
        .outerjoin(L, L.value_area_id == A.id)
        .outerjoin(C, L.community_id == C.id)
        .order_by(V.display_order, A.position, C.display_order)
    )
    return _df(conn, where_community(stmt, community))


def value_cycles(conn: Connection) -> pd.DataFrame:
    V = m.ValueCycle
    return _df(conn, select(V.slug, V.name, V.display_order, V.definition).order_by(V.display_order))


def interviews(conn: Connection, *, community: str | None = None) -> pd.DataFrame:
    I, V = m.Interview, m.Convener
    stmt = (
        select(
            C.name.label("community"),
            V.name.label("convener"),
            V.interview_role_details,
            I.question_number,
            I.question,
            I.answer,
            I.source,
        )
        .join(V, I.convener_id == V.id)
        .join(C, I.community_id == C.id)
        .order_by(C.display_order, V.id, I.question_number)
    )
    return _df(conn, where_community(stmt, community))


def _community_only(community: str | None):
    """A filter maker: `only(col)` keeps rows whose community column is the named community's
    id, or every row when no community is named."""
    comm = select(C.id)
    if community is not None:
        comm = comm.where(C.name == community)
    ids = comm.scalar_subquery() if community is not None else None

    def only(col):
        return col == ids if ids is not None else literal(True)

    return only


def headline_figures(conn: Connection, *, community: str | None = None) -> dict[str, int]:
    """The Overview's tiles, computed in the database."""

    def scalar(stmt: Select) -> int:
        return int(conn.execute(stmt).scalar() or 0)

    only = _community_only(community)
    held = and_(S.status == "held", only(S.community_id))
    return {
        "communities": scalar(select(func.count()).select_from(C).where(only(C.id))),
        "sessions_held": scalar(select(func.count()).select_from(S).where(held)),
        "sessions_postponed": scalar(
            select(func.count()).select_from(S).where(S.status == "postponed", only(S.community_id))
        ),
        "attendances": scalar(select(func.sum(S.headcount)).where(held)),
        "organisations": scalar(
            select(func.count(distinct(m.CommunityOrganisation.organisation_id))).where(
                only(m.CommunityOrganisation.community_id)
            )
        ),
        "roles": scalar(
            select(func.count(distinct(m.CommunityRole.role_id))).where(only(m.CommunityRole.community_id))
        ),
        "comments": scalar(select(func.count()).select_from(m.Comment).where(only(m.Comment.community_id))),
        "value_areas": scalar(
            select(func.count(distinct(m.ValueAreaCommunity.value_area_id))).where(
                only(m.ValueAreaCommunity.community_id)
            )
        )
        if community is not None
        else scalar(select(func.count()).select_from(m.ValueArea)),
        "interview_answers": scalar(
            select(func.count()).select_from(m.Interview).where(only(m.Interview.community_id))
        ),
    }


def organisation_type_counts(conn: Connection, *, community: str | None = None) -> pd.DataFrame:
    """Distinct canonical organisations of each type taking part in each community."""
    CO, O, T = m.CommunityOrganisation, m.Organisation, m.OrganisationType
    stmt = (
        select(
            C.name.label("community"),
            T.name.label("organisation_type"),
            func.count(distinct(O.id)).label("organisations"),
        )
        .select_from(CO)
        .join(C, CO.community_id == C.id)
        .join(O, CO.organisation_id == O.id)
        .join(T, O.organisation_type_id == T.id)
        .group_by(C.name, C.display_order, T.name, T.display_order)
        .order_by(C.display_order, T.display_order)
    )
    return _df(conn, where_community(stmt, community))


def organisation_reach(conn: Connection, *, community: str | None = None) -> pd.DataFrame:
    """One row per canonical organisation and community it takes part in (distinct pairs)."""
    CO, O, T = m.CommunityOrganisation, m.Organisation, m.OrganisationType
    stmt = (
        select(
            O.name.label("organisation"),
            T.name.label("organisation_type"),
            C.name.label("community"),
            func.count().label("listings"),
        )
        .select_from(CO)
        .join(C, CO.community_id == C.id)
        .join(O, CO.organisation_id == O.id)
        .join(T, O.organisation_type_id == T.id)
        .group_by(O.name, T.name, T.display_order, C.name, C.display_order)
        .order_by(T.display_order, O.name, C.display_order)
    )
    return _df(conn, where_community(stmt, community))


def professional_group_counts(conn: Connection, *, community: str | None = None) -> pd.DataFrame:
    """Distinct roles listed in each professional group for each community."""
    CR, R, G = m.CommunityRole, m.Role, m.ProfessionalGroup
    stmt = (
        select(
            C.name.label("community"),
            G.name.label("professional_group"),
            G.is_patient_or_public,
            func.count(distinct(R.id)).label("roles"),
        )
        .select_from(CR)
        .join(C, CR.community_id == C.id)
        .join(R, CR.role_id == R.id)
        .join(G, R.professional_group_id == G.id)
        .group_by(C.name, C.display_order, G.name, G.display_order, G.is_patient_or_public)
        .order_by(C.display_order, G.display_order)
    )
    return _df(conn, where_community(stmt, community))
