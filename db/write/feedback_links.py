"""What the Feedback links page lists for an editor: the sessions they may open links for, and each
session's links with their answers counted by status (reads; each checks the editor itself)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import Connection, func, select

from db import models as m
from db.auth import User, require_editor
from db.write.feedback import LinkView, session_row, view_query

L, S, C, R = m.FeedbackLink, m.Session, m.Community, m.FeedbackResponse


@dataclass(frozen=True)
class FeedbackSession:
    """A session an editor may open feedback links for."""

    id: int
    community: str
    number: int
    status: str
    date: dt.date | None
    headcount: int | None


@dataclass(frozen=True)
class LinkRow:
    """One of a session's feedback links, with who opened it and its answers counted by status."""

    link: LinkView
    created_by: str
    created_at: dt.datetime
    pending: int
    approved: int
    rejected: int


def sessions_for(conn: Connection, user: User | None) -> list[FeedbackSession]:
    """The sessions of the communities `user` may edit, by community then newest number first."""
    user = require_editor(user)
    stmt = (
        select(S.id, C.name, S.number, S.status, S.date, S.headcount)
        .join(C, C.id == S.community_id)
        .order_by(C.display_order, C.name, S.number.desc())
    )
    if not user.is_admin:
        stmt = stmt.where(C.name.in_(sorted(user.communities)))
    return [FeedbackSession(*row) for row in conn.execute(stmt)]


def links_for(conn: Connection, user: User | None, session_id: int) -> list[LinkRow]:
    """The session's links, newest first, each with its answers counted by status."""
    user = require_editor(user)
    require_editor(user, session_row(conn, session_id).name)
    counts = {
        (link, status): n
        for link, status, n in conn.execute(
            select(R.link_id, R.status, func.count())
            .join(L, L.id == R.link_id)
            .where(L.session_id == session_id)
            .group_by(R.link_id, R.status)
        )
    }
    rows = conn.execute(
        view_query().add_columns(L.created_by, L.created_at).where(L.session_id == session_id).order_by(L.id.desc())
    ).all()
    return [
        LinkRow(
            LinkView(*row[:10]),
            row[10],
            row[11],
            **{status: counts.get((row[0], status), 0) for status in m.RESPONSE_STATUSES},
        )
        for row in rows
    ]
