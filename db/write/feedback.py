"""Feedback links: an editor opens one for a session; members reach the form through its token.

A token is `secrets.token_urlsafe(32)` (256 bits) and only its SHA-256 is stored, so the link can be
shown only when it is made: an editor who has lost it opens a new one, which closes the old. A session
has at most one live link (the last opened or reopened). Every write checks that the user may edit
the session's community, is audited, and runs in one transaction. Times are UTC.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import secrets
from dataclasses import dataclass

from sqlalchemy import Connection, Engine, insert, select, update

from db import models as m
from db.auth import User, require_editor
from db.engine import inserted_id, write_transaction
from db.errors import ImportRejected, Problem
from db.write import audit

L, S, C, R = m.FeedbackLink, m.Session, m.Community, m.FeedbackResponse
WINDOW = dt.timedelta(days=14)
TOKEN_RE = re.compile(r"[A-Za-z0-9_-]{20,100}")
WHERE = "Feedback link"


class FeedbackRefused(ValueError):
    """The link cannot take answers (not valid, closed, not open yet, expired, or full); nothing was stored."""


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class LinkView:
    """A link with its session, as the public form and the editors' page see it."""

    id: int
    session_id: int
    community: str
    programme_id: int
    number: int
    date: dt.date | None
    headcount: int | None
    opens_at: dt.datetime
    closes_at: dt.datetime
    closed: bool

    def state(self, now: dt.datetime) -> str:
        """open, closed, not yet open, or expired."""
        if self.closed:
            return "closed"
        if now < self.opens_at:
            return "not yet open"
        return "expired" if now >= self.closes_at else "open"

    def refusal(self, now: dt.datetime) -> str | None:
        """Why the link takes no answers now, in words for the member; None when it is open."""
        state = self.state(now)
        if state == "closed":
            return "This feedback link is closed."
        if state == "not yet open":
            return f"This feedback link is not open until {self.opens_at:%d %B %Y, %H:%M} (UTC)."
        return "This feedback link has expired." if state == "expired" else None


NOT_VALID = (
    "This feedback link is not valid. Check that the whole address was copied, "
    "or ask the meeting's convener for the link."
)


def view_query():
    return (
        select(
            L.id, L.session_id, C.name, C.programme_id, S.number, S.date, S.headcount, L.opens_at, L.closes_at, L.closed
        )
        .join(S, S.id == L.session_id)
        .join(C, C.id == S.community_id)
    )


def find_link(conn: Connection, token: str | None) -> LinkView | None:
    """The link whose token this is, or None (a malformed token is never looked up)."""
    if not token or not TOKEN_RE.fullmatch(token):
        return None
    row = conn.execute(view_query().where(L.token_sha256 == token_hash(token))).first()
    return LinkView(*row) if row else None


def default_window(date: dt.date | None, now: dt.datetime) -> tuple[dt.datetime, dt.datetime]:
    """From the session's date (midnight UTC), or now when it is undated, to 14 days later."""
    start = dt.datetime.combine(date, dt.time.min) if date else now.replace(microsecond=0)
    return start, start + WINDOW


def session_row(conn: Connection, session_id: int):
    row = conn.execute(
        select(S.id, S.number, S.date, C.name).join(C, C.id == S.community_id).where(S.id == session_id)
    ).first()
    if row is None:
        raise ImportRejected([Problem(WHERE, None, "session", session_id, "a stored session")])
    return row


def _close_live(conn: Connection, session_id: int, now: dt.datetime, keep: int | None = None) -> list[int]:
    """Close the session's links that are still live (bar `keep`); their ids."""
    live = list(
        conn.execute(
            select(L.id).where(L.session_id == session_id, L.closed.is_(False), L.closes_at > now, L.id != (keep or 0))
        ).scalars()
    )
    if live:
        conn.execute(update(L).where(L.id.in_(live)).values(closed=True))
    return live


def open_link(
    engine: Engine,
    user: User | None,
    session_id: int,
    opens_at: dt.datetime | None = None,
    closes_at: dt.datetime | None = None,
    *,
    now: dt.datetime | None = None,
) -> tuple[int, str]:
    """A new link for the session: (link id, token). The token is returned once and never stored."""
    user = require_editor(user)
    now = now or utcnow()
    token = secrets.token_urlsafe(32)
    with write_transaction(engine) as conn:
        session = session_row(conn, session_id)
        require_editor(user, session.name)
        start, end = default_window(session.date, now)
        start, end = opens_at or start, closes_at or end
        _check_window(start, end, now)
        replaced = _close_live(conn, session_id, now)
        link_id = _insert_link(conn, user, session_id, token, start, end, now)
        audit.record(
            conn,
            user.email,
            "open_feedback_link",
            community=session.name,
            detail={
                "session": session.number,
                "link": link_id,
                "opens_at": start,
                "closes_at": end,
                "closed_links": replaced,
            },
        )
    return link_id, token


def _insert_link(
    conn: Connection,
    user: User,
    session_id: int,
    token: str,
    start: dt.datetime,
    end: dt.datetime,
    now: dt.datetime,
) -> int:
    """Store the new link (only the token's hash is kept); its id."""
    return inserted_id(
        conn.execute(
            insert(L).values(
                session_id=session_id,
                token_sha256=token_hash(token),
                opens_at=start,
                closes_at=end,
                closed=False,
                created_by=user.email,
                created_at=now,
            )
        )
    )


def _check_window(start: dt.datetime, end: dt.datetime, now: dt.datetime) -> None:
    if end <= start:
        raise ImportRejected([Problem(WHERE, None, "closes", end, f"an end after the start ({start:%Y-%m-%d %H:%M})")])
    if end <= now:
        raise ImportRejected([Problem(WHERE, None, "closes", end, "an end in the future")])


def _link_for_write(conn: Connection, user: User, link_id: int) -> LinkView:
    row = conn.execute(view_query().where(L.id == link_id)).first()
    if row is None:
        raise ImportRejected([Problem(WHERE, None, "link", link_id, "a stored feedback link")])
    link = LinkView(*row)
    require_editor(user, link.community)
    return link


def close_link(engine: Engine, user: User | None, link_id: int) -> None:
    """Close a link: it takes no more answers until reopened."""
    user = require_editor(user)
    with write_transaction(engine) as conn:
        link = _link_for_write(conn, user, link_id)
        conn.execute(update(L).where(L.id == link_id).values(closed=True))
        audit.record(
            conn,
            user.email,
            "close_feedback_link",
            community=link.community,
            detail={"session": link.number, "link": link_id},
        )


def reopen_link(
    engine: Engine,
    user: User | None,
    link_id: int,
    closes_at: dt.datetime | None = None,
    *,
    now: dt.datetime | None = None,
) -> dt.datetime:
    """Reopen a link (closing the session's other live link). An expired one gets a new end:
    `closes_at`, or 14 days from now. Returns the end."""
    user = require_editor(user)
    now = now or utcnow()
    with write_transaction(engine) as conn:
        link = _link_for_write(conn, user, link_id)
        end = closes_at or (link.closes_at if link.closes_at > now else now.replace(microsecond=0) + WINDOW)
        _check_window(link.opens_at, end, now)
        replaced = _close_live(conn, link.session_id, now, keep=link_id)
        conn.execute(update(L).where(L.id == link_id).values(closed=False, closes_at=end))
        audit.record(
            conn,
            user.email,
            "reopen_feedback_link",
            community=link.community,
            detail={"session": link.number, "link": link_id, "closes_at": end, "closed_links": replaced},
        )
    return end
