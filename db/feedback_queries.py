"""Reading approved feedback for the views: only answers an editor has approved ever leave db.screening.

Each answer carries its source, "feedback form, session N (date)", and never the role, organisation or
rating given with it (beside a quote they could point at one person in a small community).
"""

from __future__ import annotations

import pandas as pd
from sqlalchemy import Connection, select

from db import models as m
from db.frames import read_frame

R, A, Q, S, C, V = (m.FeedbackResponse, m.FeedbackAnswer, m.Question, m.Session, m.Community,
                    m.ValueCycle)


def source_of(number: int, date) -> str:
    """Where an approved answer came from, as the views cite it."""
    dated = date is not None and not pd.isna(date)
    return f"feedback form, session {number}" + (f" ({pd.Timestamp(date):%Y-%m-%d})" if dated else "")


def approved_answers(conn: Connection, *, community: str | None = None) -> pd.DataFrame:
    """Approved text answers, newest session first: community, session, date, question, the value
    cycle it feeds, text, redacted and source."""
    stmt = (select(C.name.label("community"), S.number.label("session"), S.date, Q.prompt.label("question"),
                   V.name.label("value_cycle"), A.text, A.redacted)
            .join(R, R.id == A.response_id).join(Q, Q.id == A.question_id)
            .join(S, S.id == R.session_id).join(C, C.id == S.community_id)
            .outerjoin(V, V.id == Q.value_cycle_id)
            .where(R.status == "approved")
            .order_by(C.display_order, S.number.desc(), R.id, Q.position))
    if community is not None:
        stmt = stmt.where(C.name == community)
    df = read_frame(conn, stmt)
    df["source"] = [source_of(n, d) for n, d in zip(df["session"], df["date"])]
    return df
