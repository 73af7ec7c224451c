"""Per-session feedback figures for the views: approved responses, their ratings, approved answers.

Only approved responses are counted, so the figures say "approved responses": nothing from the form
shows anywhere until an editor has screened it, not even as a count. Never the text, role or
organisation; the rating only as counts per session (the views apply publication mode to them).
"""

from __future__ import annotations

import pandas as pd
from sqlalchemy import Connection, case, func, select

from db import models as m
from db.read.frames import read_frame

R, A, S, C = m.FeedbackResponse, m.FeedbackAnswer, m.Session, m.Community
RATINGS = (1, 2, 3, 4, 5)


def feedback_by_session(conn: Connection, *, community: str | None = None) -> pd.DataFrame:
    """One row per session with at least one approved response, in community then session order:
    community, number, date, headcount, responses, answers (approved text answers), and rated_1 to
    rated_5 (how many gave each rating)."""
    answers = select(A.response_id, func.count().label("n")).group_by(A.response_id).subquery()
    stmt = (
        select(
            C.name.label("community"),
            S.number,
            S.date,
            S.headcount,
            func.count(R.id).label("responses"),
            func.sum(func.coalesce(answers.c.n, 0)).label("answers"),
            *[func.sum(case((R.rating == k, 1), else_=0)).label(f"rated_{k}") for k in RATINGS],
        )
        .select_from(R)
        .outerjoin(answers, answers.c.response_id == R.id)
        .join(S, S.id == R.session_id)
        .join(C, C.id == S.community_id)
        .where(R.status == "approved")
        .group_by(C.display_order, C.name, S.number, S.date, S.headcount)
        .order_by(C.display_order, C.name, S.number)
    )
    if community is not None:
        stmt = stmt.where(C.name == community)
    df = read_frame(conn, stmt)
    counts = ["responses", "answers", *[f"rated_{k}" for k in RATINGS]]
    df[counts] = df[counts].fillna(0).astype("int64")
    return df
