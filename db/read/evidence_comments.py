"""The comments as evidence: one page of coded comments, their counts, and comments per theme.

Filters as in db.read.evidence: `community` a community's name, `theme` a codebook slug, `cycle` a value
cycle's slug; `programme_wide=True` gives the comments that name no community instead.
"""

from __future__ import annotations

import pandas as pd
from sqlalchemy import Connection, Select, func, literal, select

from db import models as m
from db.read.evidence import NO_COMMUNITY, codes_of, frame, tag_matches, with_codes

C, K, I, V, T, G = m.Community, m.Comment, m.Interview, m.Convener, m.Theme, m.EvidenceTag


def _comments_where(
    stmt: Select, *, community: str | None, theme: str | None, cycle: str | None, programme_wide: bool
) -> Select:
    """`stmt` (over comments) narrowed to the comments the filters choose."""
    if programme_wide:
        stmt = stmt.where(K.community_id.is_(None))
    elif community is not None:
        stmt = stmt.where(K.community_id == select(C.id).where(C.name == community).scalar_subquery())
    for cond in tag_matches(theme=theme, cycle=cycle):
        stmt = stmt.where(K.id.in_(select(G.comment_id).join(T, G.theme_id == T.id).where(cond)))
    return stmt


def coded_comments(
    conn: Connection,
    *,
    community: str | None = None,
    theme: str | None = None,
    cycle: str | None = None,
    programme_wide: bool = False,
    limit: int | None = None,
    offset: int = 0,
) -> pd.DataFrame:
    """Comments with their attribution (the community the report names, else None) and their codes,
    in report order; `limit` and `offset` give one page of them (the codes read are that page's)."""
    stmt = (
        select(K.id, K.slug, K.text, C.name.label("community"), K.theme.label("report_theme"), K.see_also, K.source)
        .select_from(K)
        .outerjoin(C, K.community_id == C.id)
        .order_by(K.id)
    )
    stmt = _comments_where(stmt, community=community, theme=theme, cycle=cycle, programme_wide=programme_wide)
    if limit is not None:
        stmt = stmt.limit(limit).offset(offset)
    df = frame(conn, stmt)
    ids = df["id"].tolist() if len(df) else []
    return with_codes(df, codes_of(conn, G.comment_id, ids=ids), ids, 5)


def comment_counts(
    conn: Connection,
    *,
    community: str | None = None,
    theme: str | None = None,
    cycle: str | None = None,
    programme_wide: bool = False,
) -> dict[str, int]:
    """How many comments the filters choose ("comments"), and how many of them the report attributes
    to a community ("attributed"), counted in the database."""
    stmt = select(func.count().label("comments"), func.count(K.community_id).label("attributed")).select_from(K)
    stmt = _comments_where(stmt, community=community, theme=theme, cycle=cycle, programme_wide=programme_wide)
    row = conn.execute(stmt).one()
    return {"comments": int(row.comments), "attributed": int(row.attributed)}


def comments_per_theme(
    conn: Connection, *, community: str | None = None, theme: str | None = None, cycle: str | None = None
) -> pd.DataFrame:
    """Comments per theme code (report themes and curated codes) and attribution, zero rows omitted,
    over the comments the filters choose (with `theme`, that theme's row alone).

    A comment tagged with two themes counts under both. Columns: theme, theme_order, community, comments.
    """
    attribution = func.coalesce(C.name, literal(NO_COMMUNITY))
    stmt = (
        select(
            T.name.label("theme"),
            T.display_order.label("theme_order"),
            attribution.label("community"),
            func.count(func.distinct(K.id)).label("comments"),
        )
        .select_from(G)
        .join(T, G.theme_id == T.id)
        .join(K, G.comment_id == K.id)
        .outerjoin(C, K.community_id == C.id)
        .where(T.kind != "value-cycle")
        .group_by(T.name, T.display_order, attribution)
        .order_by(T.display_order, attribution)
    )
    if community is not None or theme is not None or cycle is not None:
        chosen = _comments_where(select(K.id), community=community, theme=theme, cycle=cycle, programme_wide=False)
        stmt = stmt.where(K.id.in_(chosen))
    if theme is not None:
        stmt = stmt.where(T.slug == theme)
    df = frame(conn, stmt)
    return df.astype({"comments": int, "theme_order": int}) if len(df) else df
