"""Attendance: the sessions with their headcounts, and the registers' new and returning participants.

Pure read functions like db.read.queries: a connection and keyword filters in, a DataFrame out;
`community` is a community's name, None for all.
"""

from __future__ import annotations

import pandas as pd
from sqlalchemy import Connection, Select, select

from db import models as m
from db.read.frames import read_frame
from db.read.queries import where_community

C, S = m.Community, m.Session


def _sessions() -> Select:
    return (
        select(C.name.label("community"), S.number, S.status, S.headcount, S.date, S.note, S.source)
        .join(C, S.community_id == C.id)
        .order_by(C.display_order, C.name, S.number)
    )


def attendance_by_session(conn: Connection, *, community: str | None = None) -> pd.DataFrame:
    """One row per session: community, number, status, headcount (None unless held), date, note.

    A session with a register has its headcount kept equal to the register's size by every write,
    so this never reads the attendances table.
    """
    return read_frame(conn, where_community(_sessions(), community))


def register_by_session(conn: Connection, *, community: str | None = None) -> pd.DataFrame:
    """For sessions with a register: participants new to the community versus returning.

    A participant is new at the first session of that community they attended (by session number,
    since report sessions have no dates) and returning at every later one. Read from the summary
    that db.write.registers keeps in step with the registers.
    """
    R = m.RegisterSession
    stmt = (
        select(C.name.label("community"), S.number, S.date, R.new_participants, R.returning_participants)
        .select_from(R)
        .join(S, R.session_id == S.id)
        .join(C, R.community_id == C.id)
        .order_by(C.display_order, C.name, S.number)
    )
    return read_frame(conn, where_community(stmt, community))


def repeat_attenders(conn: Connection, *, community: str | None = None) -> pd.DataFrame:
    """Per community: registered participants, and how many came to two or more sessions."""
    R = m.RegisterCommunity
    stmt = (
        select(C.name.label("community"), R.participants, R.two_or_more)
        .select_from(R)
        .join(C, R.community_id == C.id)
        .order_by(C.display_order, C.name)
    )
    return read_frame(conn, where_community(stmt, community))


def session_headcounts(conn: Connection, *, communities: list[str] | None = None) -> pd.DataFrame:
    """attendance_by_session for a list of communities (None for all), in one query (the deck)."""
    stmt = _sessions()
    if communities is not None:
        stmt = stmt.where(C.name.in_(communities))
    return read_frame(conn, stmt)
