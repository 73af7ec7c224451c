"""What the coding pages list: the items an editor may code and the tags made in the dashboard.
Feedback answers are read through db.read.feedback_queries (approved ones only); this module reads none.
"""

from __future__ import annotations

import pandas as pd
from sqlalchemy import Connection, case, select

from db import models as m
from db.read.feedback_queries import approved_answers

G, T, A, C, K, I, V = (m.EvidenceTag, m.Theme, m.ValueArea, m.Community, m.Comment, m.Interview, m.Convener)


def _frame(conn: Connection, stmt) -> pd.DataFrame:
    result = conn.execute(stmt)
    return pd.DataFrame(result.all(), columns=list(result.keys()))


def codable_items(conn: Connection, communities: list[str] | None) -> pd.DataFrame:
    """Approved feedback answers, comments recorded in the dashboard and recorded interview answers of
    `communities` (all when None): kind, id, community, text, source. The report's own are not listed."""
    answers = approved_answers(conn)
    parts = [
        pd.DataFrame(
            {
                "kind": "answer",
                "id": answers["id"],
                "community": answers["community"],
                "text": answers["text"],
                "source": answers["source"],
            }
        )
    ]
    com = (
        select(K.id, C.name.label("community"), K.text, K.source)
        .outerjoin(C, C.id == K.community_id)
        .where(K.slug.like("recorded-%"))
        .order_by(K.id.desc())
    )
    parts.append(_frame(conn, com).assign(kind="comment"))
    ans = (
        select(I.id, C.name.label("community"), (V.name + ": " + I.answer).label("text"), I.source)
        .join(V, V.id == I.convener_id)
        .join(C, C.id == I.community_id)
        .where(I.recorded_by.is_not(None))
        .order_by(I.id.desc())
    )
    parts.append(_frame(conn, ans).assign(kind="interview"))
    items = pd.concat([p for p in parts if len(p)] or [parts[0]], ignore_index=True)
    if communities is not None:
        items = items[items["community"].isin(communities)]
    return items[["kind", "id", "community", "text", "source"]].reset_index(drop=True)


def tags_made_here(conn: Connection) -> pd.DataFrame:
    """Tags made in the dashboard, newest first: id, kind, item id, code, area, rationale, by, at."""
    kind = case(
        (G.feedback_answer_id.is_not(None), "answer"), (G.comment_id.is_not(None), "comment"), else_="interview"
    )
    item = case(
        (G.feedback_answer_id.is_not(None), G.feedback_answer_id),
        (G.comment_id.is_not(None), G.comment_id),
        else_=G.interview_id,
    )
    stmt = (
        select(
            G.id,
            kind.label("kind"),
            item.label("item_id"),
            T.name.label("code"),
            A.slug.label("area"),
            G.source.label("rationale"),
            G.created_by,
            G.created_at,
        )
        .join(T, T.id == G.theme_id)
        .outerjoin(A, A.id == G.value_area_id)
        .where(G.created_by.is_not(None))
        .order_by(G.id.desc())
    )
    return _frame(conn, stmt)


def added_area_slugs(conn: Connection) -> list[str]:
    """Slugs of the areas of change added in the dashboard (the report's are read-only)."""
    return list(conn.execute(select(A.slug).where(A.created_by.is_not(None)).order_by(A.id)).scalars())
