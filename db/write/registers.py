"""Register summaries kept in step with the attendances table (issue 7).

Three derived tables answer "who was new, who came back" without grouping every register row:
register_participants (a participant's first session and number of sessions in a community),
register_sessions (new and returning participants per session) and register_communities (registered
participants and those at two or more sessions, per community).

`rebuild(conn)` recomputes them all from the registers (the loader, the benchmark generator, the
migration that adds them). Every write of attendances brings them in step in its own transaction:
after writing lines, `registers_written(...)` (new participants and sessions counted from the lines
themselves); before removing lines, collect `touched_by_batch(...)` (or `touched(...)`), then call
`refresh(conn, touched)`. A tool that writes attendances itself (outside db.write.imports.store) runs
`python -m db.write.registers` afterwards to rebuild them.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable, Set
from dataclasses import dataclass

from sqlalchemy import Connection, Select, bindparam, case, delete, func, insert, select, update

from db import models as m
from db.engine import get_engine, write_transaction
from db.write.bulk import bulk_insert, chunks

A, S = m.Attendance, m.Session
RP, RS, RC = m.RegisterParticipant, m.RegisterSession, m.RegisterCommunity


@dataclass(frozen=True)
class Touched:
    """The registers a write changes: their communities, participants and sessions (the sessions may
    be gone by the time of the refresh, after an undo)."""

    community_ids: tuple[int, ...]
    participant_ids: tuple[int, ...]
    session_ids: tuple[int, ...]


def _chunks(ids: Iterable[int]):
    return chunks(sorted(set(ids)))


def touched(conn: Connection, session_ids: Iterable[int], participant_ids: Iterable[int]) -> Touched:
    """What writing register lines of these participants at these sessions touches."""
    session_ids, communities = set(session_ids), set[int]()
    for part in _chunks(session_ids):
        communities.update(conn.execute(select(S.community_id).where(S.id.in_(part)).distinct()).scalars())
    return Touched(tuple(sorted(communities)), tuple(sorted(set(participant_ids))), tuple(sorted(session_ids)))


def touched_by_batch(conn: Connection, batch_id: int) -> Touched:
    """What removing an import's register lines touches: read it before the rows go."""
    rows = conn.execute(select(A.session_id, A.participant_id).where(A.import_batch_id == batch_id)).all()
    return touched(conn, (s for s, _ in rows), (p for _, p in rows))


def _participant_rows(where) -> Select:
    return (
        select(S.community_id, A.participant_id, func.min(S.number), func.count())
        .join(S, A.session_id == S.id)
        .where(*where)
        .group_by(S.community_id, A.participant_id)
    )


def _session_rows(where) -> object:
    is_new = case((S.number == RP.first_number, 1), else_=0)
    return (
        select(A.session_id, S.community_id, func.sum(is_new), func.sum(1 - is_new))
        .join(S, A.session_id == S.id)
        .join(RP, (RP.community_id == S.community_id) & (RP.participant_id == A.participant_id))
        .where(*where)
        .group_by(A.session_id, S.community_id)
    )


def _community_rows(where) -> object:
    return (
        select(RP.community_id, func.count(), func.sum(case((RP.sessions >= 2, 1), else_=0)))
        .where(*where)
        .group_by(RP.community_id)
    )


def _fill(conn: Connection, table, columns: list[str], rows) -> None:
    conn.execute(insert(table).from_select(columns, rows))


PARTICIPANT_COLUMNS = ["community_id", "participant_id", "first_number", "sessions"]
SESSION_COLUMNS = ["session_id", "community_id", "new_participants", "returning_participants"]
COMMUNITY_COLUMNS = ["community_id", "participants", "two_or_more"]


def rebuild(conn: Connection) -> None:
    """Recompute every summary row from the registers."""
    for table in (RS, RC, RP):
        conn.execute(delete(table))
    _fill(conn, RP, PARTICIPANT_COLUMNS, _participant_rows([]))
    _fill(conn, RS, SESSION_COLUMNS, _session_rows([]))
    _fill(conn, RC, COMMUNITY_COLUMNS, _community_rows([]))


def first_registers(lines: Iterable[tuple[int, int, int]]) -> dict[tuple[int, int], tuple[int, int]]:
    """From register lines (community id, session number, participant id): each participant's first
    session number and number of sessions in each community."""
    out: dict[tuple[int, int], tuple[int, int]] = {}
    for community, number, participant in lines:
        key = (community, participant)
        had = out.get(key)
        out[key] = (number, 1) if had is None else (min(had[0], number), had[1] + 1)
    return out


def unregistered(conn: Connection, session_ids: Iterable[int]) -> set[int]:
    """The sessions among these that have no register line yet (read before writing one)."""
    ids, had = set(session_ids), set[int]()
    for part in _chunks(ids):
        had.update(conn.execute(select(A.session_id).where(A.session_id.in_(part)).distinct()).scalars())
    return ids - had


def registers_written(
    conn: Connection,
    lines: list[tuple[int, int, int, int]],
    fresh_people: set[int],
    fresh_sessions: set[int],
    batch_id: int | None = None,
) -> None:
    """Bring the summaries in step after writing register `lines` (session id, community id, session
    number, participant id). Participants created by this write (`fresh_people`, all of them written
    with `batch_id` when it is given) have no other register: their rows come from the lines and raise
    their communities' totals by what they add; so do the counts of sessions that had no register before
    (`fresh_sessions`). Everything else is recomputed in the database by `refresh`."""
    new = first_registers((c, n, p) for _, c, n, p in lines if p in fresh_people)
    stored = {p for _, _, _, p in lines if p not in fresh_people}
    _insert_new(conn, new, batch_id)
    t = Touched((), tuple(sorted(stored)), tuple(sorted({s for s, *_ in lines} - fresh_sessions)))
    recounted = refresh(conn, t, skip_sessions=fresh_sessions)
    _raise_totals(conn, new, recounted)
    firsts = _firsts(conn, stored)
    counts: dict[tuple[int, int], list[int]] = {}
    for session, community, number, person in lines:
        if session in fresh_sessions:
            tally = counts.setdefault((session, community), [0, 0])
            first = new.get((community, person))
            tally[number != (firsts[(community, person)] if first is None else first[0])] += 1
    bulk_insert(conn, RS.__table__, [(s, c, new_n, back) for (s, c), (new_n, back) in counts.items()], SESSION_COLUMNS)


def _insert_new(conn: Connection, new: dict[tuple[int, int], tuple[int, int]], batch_id: int | None) -> None:
    """The summary rows of participants created by this write (`first_registers` of their lines), in
    key order (each insert lands next to the last one). An import's are grouped from its lines inside
    the database (participants and lines carry its batch id), which costs about half of sending them."""
    if batch_id is None:
        rows = [(c, p, first, n) for (c, p), (first, n) in sorted(new.items())]
        bulk_insert(conn, RP.__table__, rows, PARTICIPANT_COLUMNS)
        return
    P = m.Participant
    grouped = (
        _participant_rows([A.import_batch_id == batch_id, P.import_batch_id == batch_id])
        .join(P, P.id == A.participant_id)
        .order_by(S.community_id, A.participant_id)
    )
    _fill(conn, RP, PARTICIPANT_COLUMNS, grouped)


def _raise_totals(conn: Connection, new: dict[tuple[int, int], tuple[int, int]], recounted: Set[int]) -> None:
    """Add new participants' rows to their communities' totals (those not `recounted` already): one
    more participant each, and one more at two or more sessions for those with two or more."""
    delta: dict[int, list[int]] = {}
    for (community, _), (_, n) in new.items():
        if community not in recounted:
            added = delta.setdefault(community, [0, 0])
            added[0] += 1
            added[1] += n >= 2
    have = set[int]()
    for part in _chunks(delta):
        have.update(conn.execute(select(RC.community_id).where(RC.community_id.in_(part))).scalars())
    if have:
        conn.execute(
            update(RC)
            .where(RC.community_id == bindparam("c"))
            .values(participants=RC.participants + bindparam("n"), two_or_more=RC.two_or_more + bindparam("two")),
            [{"c": c, "n": delta[c][0], "two": delta[c][1]} for c in sorted(have)],
        )
    rows = [(c, n, two) for c, (n, two) in sorted(delta.items()) if c not in have]
    bulk_insert(conn, RC.__table__, rows, COMMUNITY_COLUMNS)


def _firsts(conn: Connection, people: set[int]) -> dict[tuple[int, int], int]:
    out: dict[tuple[int, int], int] = {}
    for part in _chunks(people):
        out.update(
            ((c, p), n)
            for c, p, n in conn.execute(
                select(RP.community_id, RP.participant_id, RP.first_number).where(RP.participant_id.in_(part))
            )
        )
    return out


def refresh(conn: Connection, t: Touched, skip_sessions: Set[int] = frozenset()) -> set[int]:
    """Recompute the summary rows a write could have changed: every row of the touched participants
    (found through the attendances' participant index, in whichever communities), every session they
    attended, the touched sessions, and the totals of every community among those; the communities
    whose totals were recomputed. The counts of `skip_sessions` are left to the caller
    (`registers_written`)."""
    sessions, communities = set(t.session_ids), set(t.community_ids)
    for part in _chunks(t.participant_ids):
        conn.execute(delete(RP).where(RP.participant_id.in_(part)))
        _fill(conn, RP, PARTICIPANT_COLUMNS, _participant_rows([A.participant_id.in_(part)]))
        for session_id, community_id in conn.execute(
            select(A.session_id, S.community_id)
            .join(S, A.session_id == S.id)
            .where(A.participant_id.in_(part))
            .distinct()
        ):
            sessions.add(session_id)
            communities.add(community_id)
    for part in _chunks(sessions - set(skip_sessions)):
        conn.execute(delete(RS).where(RS.session_id.in_(part)))
        _fill(conn, RS, SESSION_COLUMNS, _session_rows([A.session_id.in_(part)]))
    for part in _chunks(communities):
        conn.execute(delete(RC).where(RC.community_id.in_(part)))
        _fill(conn, RC, COMMUNITY_COLUMNS, _community_rows([RP.community_id.in_(part)]))
    return communities


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m db.write.registers", description="Rebuild the register summaries from the registers."
    )
    parser.add_argument("--url", help="database URL (default: DATABASE_URL or the SQLite file)")
    args = parser.parse_args(argv)
    engine = get_engine(args.url)
    with write_transaction(engine) as conn:
        rebuild(conn)
        sessions = conn.execute(select(func.count()).select_from(RS)).scalar()
    print(f"Register summaries rebuilt: {sessions} sessions with a register.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
