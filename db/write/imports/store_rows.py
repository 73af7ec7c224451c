"""Writing a checked plan's rows in bulk: sessions, participants, register lines (headcounts follow
them), the roles and organisations a register names, comments. Called by store inside its transaction.
"""

from __future__ import annotations

import uuid
from itertools import repeat
from typing import Any

from sqlalchemy import Connection, func, insert, select, update

from db import models as m
from db.engine import is_sqlite
from db.write import registers
from db.write.bulk import bulk_insert, chunks
from db.write.imports.checks_shared import Key, Resolved


def write(conn: Connection, r: Resolved, source: str, batch_id: int | None) -> dict[str, int]:
    """Insert a resolved plan in bulk; headcounts follow the registers in the same transaction."""
    base = {"source": source, "import_batch_id": batch_id}
    if r.sessions:
        conn.execute(insert(m.Session), [{k: v for k, v in s.items() if k != "key"} | base for s in r.sessions])
    ids = _session_ids(conn, r)
    pids = _insert_participants(conn, r, batch_id)
    if r.register:
        sessions, people = [ids[line[0]] for line in r.register], [pids[line[1]] for line in r.register]
        unregistered = registers.unregistered(conn, sessions)  # before the lines go in
        bulk_insert(
            conn,
            m.Attendance.__table__,
            list(zip(sessions, people, repeat(batch_id))),
            ["session_id", "participant_id", "import_batch_id"],
        )
        recount(conn, sorted(set(sessions)))
        registers.registers_written(
            conn,
            [(s, line[0][0], line[0][1], p) for s, line, p in zip(sessions, r.register, people)],
            {pids[code] for code in r.new_participants},
            unregistered,
            batch_id,
        )
    listed = _list_names(conn, r, base)
    _insert_comments(conn, r, ids, base)
    return {
        "sessions": len(r.sessions),
        "participants": len(r.new_participants),
        "attendances": len(r.register),
        "comments": len(r.comments),
        **listed,
    }


def _insert_comments(conn: Connection, r: Resolved, ids: dict[Key, int], base: dict) -> None:
    """Insert the new comments, each with a fresh slug and its session's id (if it names one)."""
    if r.comments:
        conn.execute(
            insert(m.Comment),
            [
                {
                    "slug": f"recorded-{uuid.uuid4().hex[:20]}",
                    "text": c["text"],
                    "theme": c["theme"],
                    "community_id": c["community_id"],
                    "session_id": ids[c["key"]] if c["key"] else None,
                }
                | base
                for c in r.comments
            ],
        )


def _session_ids(conn: Connection, r: Resolved) -> dict[Key, int]:
    """Ids of the sessions the plan names: the stored ones from the checks, the new ones read back."""
    S, out = m.Session, dict(r.stored_sessions)
    new = {s["key"] for s in r.sessions}
    numbers = sorted({n for _, n in new})
    for part in chunks(sorted({c for c, _ in new})):
        rows = conn.execute(
            select(S.community_id, S.number, S.id).where(S.community_id.in_(part), S.number.in_(numbers))
        )
        out.update(((c, n), i) for c, n, i in rows if (c, n) in new)
    return out


def _insert_participants(conn: Connection, r: Resolved, batch_id: int | None) -> dict[str, int]:
    """Insert the new participants; returns the id of everyone on the register (code -> id).

    On SQLite this transaction holds the only write lock (BEGIN IMMEDIATE), so new ids are given
    from MAX(id) on and need no reading back; other servers' sequences give them and they are read."""
    P, out = m.Participant, dict(r.stored_participants)
    new, columns = r.new_participants, ["code", "role_id", "organisation_id", "import_batch_id"]
    rows: list[tuple[Any, ...]] = [(code, role, org, batch_id) for code, (role, org) in new.items()]
    if is_sqlite(conn.engine) and rows:
        first = (conn.execute(select(func.max(P.id))).scalar() or 0) + 1
        ids = range(first, first + len(rows))
        out.update(zip(new, ids))
        rows, columns = [(i, *row) for i, row in zip(ids, rows)], ["id", *columns]
    bulk_insert(conn, P.__table__, rows, columns)
    if new and not is_sqlite(conn.engine):
        for part in chunks(sorted(new)):
            out.update(conn.execute(select(P.code, P.id).where(P.code.in_(part))).all())
    return out


def recount(conn: Connection, session_ids: list[int]) -> None:
    """Set each session's headcount to the size of its register (sessions.headcount stays in step)."""
    A, S = m.Attendance, m.Session
    size = select(func.count()).where(A.session_id == S.id).scalar_subquery()
    for part in chunks(session_ids, 500):
        conn.execute(update(S).where(S.id.in_(part), S.status == "held").values(headcount=size))


def _listed(conn: Connection, model, id_col: str, ids: list[int]) -> tuple[set[Any], dict[int, int]]:
    """What the communities' list already holds: its (community id, ref) pairs, and each community's
    last position."""
    have = (
        set(conn.execute(select(model.community_id, getattr(model, id_col)).where(model.community_id.in_(ids))))
        if ids
        else set()
    )
    top: dict[int, int] = (
        dict(
            conn.execute(
                select(model.community_id, func.max(model.position))
                .where(model.community_id.in_(ids))
                .group_by(model.community_id)
            ).all()
        )
        if ids
        else {}
    )
    return have, top


def _list_names(conn: Connection, r: Resolved, base: dict) -> dict[str, int]:
    """Roles and organisations seen on a register join their community's lists when new there."""
    counts = {}
    for model, id_col, text_col, pick in (
        (m.CommunityRole, "role_id", "title_as_written", (2, 4)),
        (m.CommunityOrganisation, "organisation_id", "name_as_written", (3, 5)),
    ):
        ref_at, text_at = pick
        seen = {
            (x[0][0], x[ref_at]): x[text_at]
            for x in reversed(r.register)  # first spelling wins
            if x[ref_at] is not None
        }
        ids = sorted({c for c, _ in seen})  # only communities whose register names one
        have, top = _listed(conn, model, id_col, ids)
        rows = []
        for (community_id, ref), text in seen.items():
            if (community_id, ref) not in have:
                top[community_id] = top.get(community_id, 0) + 1
                rows.append(
                    {"community_id": community_id, "position": top[community_id], id_col: ref, text_col: text} | base
                )
        if rows:
            conn.execute(insert(model), rows)
        counts[model.__tablename__] = len(rows)
    return counts
