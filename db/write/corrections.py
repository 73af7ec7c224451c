"""Correcting a session recorded in the dashboard: its status, date, headcount or note, or removing it
with its register and comments.

Only sessions recorded through the dashboard's form can be corrected here. The report's sessions are
the ground truth and never change; an imported session is put right by undoing its import (the Import
page) and importing the mended file. Each function checks that the user may edit the session's
community, writes in one transaction, and leaves an audit-log entry with what was there before.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, cast

from sqlalchemy import Connection, Engine, delete, func, select, update

from db import models as m
from db.auth import User, require_editor
from db.engine import write_transaction
from db.errors import ImportRejected, Problem
from db.write import audit, registers
from db.write.bulk import chunks
from db.write.imports.rows import Cells, SessionIn, session_row

RECORDED = "Recorded in dashboard"  # how the form's sessions begin their `source`
WHERE = "Correction"
S, A, K, C, P = m.Session, m.Attendance, m.Comment, m.Community, m.Participant


@dataclass(frozen=True)
class RecordedSession:
    """A session recorded through the form, as the correction form shows it."""

    number: int
    status: str
    date: dt.date | None
    headcount: int | None
    note: str | None
    register: int  # register lines
    comments: int


def recorded_sessions(conn: Connection, community: str) -> list[RecordedSession]:
    """The sessions of `community` recorded through the form, newest number first, with their
    register size and comment count: what can be corrected or removed here."""
    n_reg = select(func.count()).where(A.session_id == S.id).scalar_subquery()
    n_com = select(func.count()).where(K.session_id == S.id).scalar_subquery()
    rows = conn.execute(
        select(S.number, S.status, S.date, S.headcount, S.note, n_reg, n_com)
        .join(C, C.id == S.community_id)
        .where(C.name == community, S.import_batch_id.is_(None), S.source.like(f"{RECORDED}%"))
        .order_by(S.number.desc())
    ).all()
    return [RecordedSession(*r) for r in rows]


def _recorded(conn: Connection, community: str, number: int):
    """The stored session, or ImportRejected saying why it cannot be corrected here."""
    row = conn.execute(
        select(S.id, S.community_id, S.status, S.date, S.headcount, S.note, S.source, S.import_batch_id)
        .join(C, C.id == S.community_id)
        .where(C.name == community, S.number == number)
    ).first()
    if row is None:
        raise ImportRejected([Problem(WHERE, None, "number", number, f"a session of {community} that is stored")])
    if row.import_batch_id is not None:
        raise ImportRejected(
            [
                Problem(
                    WHERE,
                    None,
                    "number",
                    number,
                    (
                        f"a session recorded in the dashboard (session {number} came from import "
                        f"#{row.import_batch_id}: undo that import on the Import page and import the mended file)"
                    ),
                )
            ]
        )
    if not (row.source or "").startswith(RECORDED):
        raise ImportRejected(
            [
                Problem(
                    WHERE,
                    None,
                    "number",
                    number,
                    (
                        f"a session recorded in the dashboard (session {number} is from {row.source}, "
                        "which is not changed here)"
                    ),
                )
            ]
        )
    return row


def _imported_lines(conn: Connection, session_id: int) -> int:
    """Register lines and comments that later imports added to the session."""
    return sum(
        conn.execute(
            select(func.count())
            .select_from(model)
            .where(model.session_id == session_id, model.import_batch_id.isnot(None))
        ).scalar_one()
        for model in (A, K)
    )


def _register_size(conn: Connection, session_id: int, number: int, typed: SessionIn) -> int | None:
    """The size of the session's register, or ImportRejected when the typed status or headcount
    disagrees with a register (a session with one stays held, its headcount the register's size)."""
    problems: list[Problem] = []
    size = conn.execute(select(func.count()).select_from(A).where(A.session_id == session_id)).scalar()
    if size and typed.status != "held":
        problems.append(
            Problem(
                WHERE,
                None,
                "status",
                typed.status,
                (f"held: session {number} has {size} on its register (remove the session to start again)"),
            )
        )
    if size and typed.headcount not in (None, size):
        problems.append(
            Problem(WHERE, None, "headcount", typed.headcount, (f"{size}, the number on its register, or empty"))
        )
    if problems:
        raise ImportRejected(problems)
    return size


def correct_session(engine: Engine, user: User | None, community: str, number: int, changes: dict) -> dict:
    """Set a recorded session's status, date, headcount and note (cells as typed, as on the form).

    A session with a register stays held and its headcount stays the register's size. Returns the
    values before and after; ImportRejected naming each bad field writes nothing."""
    user = require_editor(user, community)
    problems: list[Problem] = []
    cells = {
        "community": community,
        "number": number,
        **{k: changes.get(k) for k in ("status", "date", "headcount", "note")},
    }
    typed = cast(SessionIn, session_row(Cells(WHERE, None, cells, problems)))  # None only with problems
    if problems:
        raise ImportRejected(problems)
    with write_transaction(engine) as conn:
        row = _recorded(conn, community, number)
        size = _register_size(conn, row.id, number, typed)
        after = {"status": typed.status, "date": typed.date, "headcount": size or typed.headcount, "note": typed.note}
        before = {"status": row.status, "date": row.date, "headcount": row.headcount, "note": row.note}
        if after == before:
            raise ImportRejected([Problem(WHERE, None, None, None, "a change: every field is as stored")])
        conn.execute(update(S).where(S.id == row.id).values(**after))
        audit.record(
            conn,
            user.email,
            "correct_session",
            community=community,
            detail={"session": number, "before": before, "after": after},
        )
    return {"before": before, "after": after}


def _refuse_if_imported(conn: Connection, session_id: int, number: int) -> None:
    """ImportRejected when an import has added register lines or comments to the session."""
    if later := _imported_lines(conn, session_id):
        raise ImportRejected(
            [
                Problem(
                    WHERE,
                    None,
                    "number",
                    number,
                    (
                        f"a session no import has added to ({later} register lines or comments came from an "
                        "import: undo that import first)"
                    ),
                )
            ]
        )


def remove_session(engine: Engine, user: User | None, community: str, number: int) -> dict[str, int]:
    """Remove a recorded session with its register and comments. Participants who came to no other
    session go too; so do the register summaries' rows, which are brought back in step."""
    user = require_editor(user, community)
    with write_transaction(engine) as conn:
        row = _recorded(conn, community, number)
        _refuse_if_imported(conn, row.id, number)
        people = list(conn.execute(select(A.participant_id).where(A.session_id == row.id)).scalars())
        touched = registers.touched(conn, [row.id], people)
        removed: dict[str, int] = {
            "register lines": len(people),
            "comments": conn.execute(select(func.count()).select_from(K).where(K.session_id == row.id)).scalar_one(),
        }
        conn.execute(delete(S).where(S.id == row.id))  # register and comments cascade
        alone = [
            p for p in people if not conn.execute(select(A.session_id).where(A.participant_id == p).limit(1)).first()
        ]
        for part in chunks(alone):
            conn.execute(delete(P).where(P.id.in_(part), P.import_batch_id.is_(None)))
        removed["participants"] = len(alone)
        removed["list entries"] = _unlist(conn, row.community_id)
        registers.refresh(conn, touched)
        audit.record(
            conn,
            user.email,
            "remove_session",
            community=community,
            detail={
                "session": number,
                "was": {"status": row.status, "date": row.date, "headcount": row.headcount, "note": row.note},
                "removed": removed,
            },
        )
    return removed


def _unlist(conn: Connection, community_id: int) -> int:
    """Drop the community's roles and organisations that a register recorded here put on its lists
    and that no register of the community shows any more."""
    gone = 0
    pairs: tuple[tuple[Any, Any], ...] = ((m.CommunityRole, P.role_id), (m.CommunityOrganisation, P.organisation_id))
    for model, column in pairs:
        seen = (
            select(column)
            .join(A, A.participant_id == P.id)
            .join(S, S.id == A.session_id)
            .where(S.community_id == community_id, column.isnot(None))
        )
        listed = model.role_id if model is m.CommunityRole else model.organisation_id
        gone += conn.execute(
            delete(model).where(
                model.community_id == community_id,
                model.import_batch_id.is_(None),
                model.source.like(f"{RECORDED}%"),
                listed.not_in(seen),
            )
        ).rowcount
    return gone
