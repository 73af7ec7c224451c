"""The interviews as evidence: the questions, who was interviewed, and the answers with their codes.

Filters as in db.read.evidence: `community` a community's name, `theme` a codebook slug, `cycle` a value
cycle's slug, `convener` a convener's slug.
"""

from __future__ import annotations

import pandas as pd
from sqlalchemy import Connection, exists, func, select

from db import models as m
from db.read.evidence import codes_of, frame, interview_origin, tag_matches, with_codes

C, K, I, V, T, G = m.Community, m.Comment, m.Interview, m.Convener, m.Theme, m.EvidenceTag


def interview_questions(conn: Connection) -> pd.DataFrame:
    """The six questions, by number."""
    stmt = (
        select(I.question_number, func.min(I.question).label("question"))
        .group_by(I.question_number)
        .order_by(I.question_number)
    )
    return frame(conn, stmt)


def interviewees(conn: Connection, *, community: str | None = None) -> pd.DataFrame:
    """The conveners who were interviewed: slug, name, community."""
    stmt = (
        select(V.slug, V.name, C.name.label("community"))
        .join(C, V.community_id == C.id)
        .where(exists().where(I.convener_id == V.id))
        .order_by(C.display_order, V.id)
    )
    if community is not None:
        stmt = stmt.where(C.name == community)
    return frame(conn, stmt)


def interviews(
    conn: Connection,
    *,
    community: str | None = None,
    question_number: int | None = None,
    convener: str | None = None,
    theme: str | None = None,
    cycle: str | None = None,
) -> pd.DataFrame:
    """Interview answers with the convener (named in the report), community, date (None for the
    report's) and codes, a convener's interviews oldest first; `convener` a slug."""
    item = G.interview_id == I.id
    stmt = (
        select(
            C.name.label("community"),
            V.slug.label("convener_slug"),
            V.name.label("convener"),
            V.interview_role_details,
            I.id.label("interview_id"),
            I.interviewed_on,
            I.question_number,
            I.question,
            I.answer,
            I.source,
            interview_origin().label("origin"),
        )
        .join(V, I.convener_id == V.id)
        .join(C, I.community_id == C.id)
        .order_by(C.display_order, V.id, I.interviewed_on.is_not(None), I.interviewed_on, I.question_number)
    )
    for column, value in ((C.name, community), (I.question_number, question_number), (V.slug, convener)):
        if value is not None:
            stmt = stmt.where(column == value)
    for cond in tag_matches(theme=theme, cycle=cycle):
        stmt = stmt.where(exists().where(item, G.theme_id == T.id, cond))
    df = frame(conn, stmt)
    ids = df["interview_id"].tolist() if len(df) else []
    return with_codes(df, codes_of(conn, G.interview_id, ids=ids), ids, 9).drop(columns="interview_id")
