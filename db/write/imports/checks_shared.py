"""What every check of a plan shares, inside the write transaction: the Resolved plan it builds, problems
collected (at most MAX_PROBLEMS), community names resolved to ids the user may edit, the stored sessions
the plan names, and a row's session or role/organisation name looked up. The per-table checks are in checks.
"""

from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, func, select

from db import models as m
from db.auth import User
from db.errors import Problem
from db.write import lookup
from db.write.bulk import chunks
from db.write.imports.rows import Plan
from db.write.imports.upload import MAX_PROBLEMS

Key = tuple[int, int]  # (community id, session number)


@dataclass
class Resolved:
    sessions: list[dict] = field(default_factory=list)
    register: list[tuple[Key, str, int | None, int | None, str | None, str | None]] = field(default_factory=list)
    new_participants: dict[str, tuple[int | None, int | None]] = field(default_factory=dict)
    comments: list[dict] = field(default_factory=list)
    duplicates: list[str] = field(default_factory=list)
    community_ids: set[int] = field(default_factory=set)
    stored_sessions: dict[Key, int] = field(default_factory=dict)  # the sessions the plan names
    stored_participants: dict[str, int] = field(default_factory=dict)  # code -> id, on this register

    @property
    def empty(self) -> bool:
        return not (self.sessions or self.register or self.comments)


class Checks:
    """What the checks of one plan share; problems accumulate and are raised together at the end."""

    stored: dict[Key, tuple]  # the stored sessions the plan names: (community id, number) -> their columns
    new: dict[Key, dict]  # the sessions the plan adds

    def __init__(self, conn: Connection, user: User, plan: Plan, *, form: bool):
        self.conn, self.user, self.plan, self.form = conn, user, plan, form
        self.problems: list[Problem] = []
        self.out = Resolved()
        self.comms = lookup.communities(conn)
        self._community_memo: dict[str, tuple] = {}

    def bad(self, item, column: str, value, expected: str) -> None:
        if len(self.problems) < MAX_PROBLEMS:
            self.problems.append(Problem(item.where, item.row, column, value, expected))

    def cid(self, item) -> int:
        """The id of the (resolved, editable) community a row of the plan names."""
        return self._community_memo[item.community][0]

    def community(self, item) -> int | None:
        if item.community not in self._community_memo:
            self._community_memo[item.community] = self._community(item.community)
        cid, shown, expected = self._community_memo[item.community]
        if expected:
            self.bad(item, "community", shown, expected)
        return cid

    def _community(self, text: str) -> tuple:
        hit = self.comms.get(text)
        if hit is None:
            names = ", ".join(n for _, n in self.comms.by_norm.values())
            return None, text, f"a community already in the dashboard{self.comms.hint(text)}: {names}"
        if not self.user.can_edit(hit[1]):
            return (
                None,
                hit[1],
                ("a community you can edit (" + (", ".join(sorted(self.user.communities)) or "none") + ")"),
            )
        self.out.community_ids.add(hit[0])
        return hit[0], None, None

    def _named_sessions(self) -> set[Key]:
        """(community id, number) of every session a row of the plan names."""
        named = {(self.cid(s), s.number) for s in self.plan.sessions}
        named.update((self.cid(r), r.session_number) for r in self.plan.register)
        named.update((self.cid(c), c.session_number) for c in self.plan.comments if c.session_number is not None)
        return named

    def _stored_sessions(self, named: set[Key]) -> dict[Key, tuple]:
        """The stored sessions among `named` (read by community and number, then matched exactly)."""
        S, A = m.Session, m.Attendance
        n_reg = select(func.count()).where(A.session_id == S.id).scalar_subquery()
        numbers, rows = sorted({n for _, n in named}), list[Any]()
        for part in chunks(sorted({c for c, _ in named})):
            rows += self.conn.execute(
                select(
                    S.community_id,
                    S.number,
                    S.id,
                    S.status,
                    S.date,
                    S.headcount,
                    S.note,
                    S.import_batch_id,
                    S.source,
                    n_reg,
                ).where(S.community_id.in_(part), S.number.in_(numbers))
            ).all()
        rows = [r for r in rows if (r[0], r[1]) in named]
        self.out.stored_sessions = {(r[0], r[1]): r[2] for r in rows}
        return {(r[0], r[1]): r[2:] for r in rows}

    def _next_free(self, community_id: int) -> int:
        S = m.Session
        return self.conn.execute(select(func.max(S.number)).where(S.community_id == community_id)).scalar_one() + 1

    def _target(self, item, number: int, need_held: bool) -> Key | None:
        key = (self.cid(item), number)
        if key in self.new:
            status = self.new[key]["status"]
        elif key in self.stored:
            status = self.stored[key][1]
        else:
            self.bad(
                item,
                "session_number",
                number,
                f"a session of {item.community} listed in the file's sessions or already stored",
            )
            return None
        if need_held and status != "held":
            self.bad(item, "session_number", number, f"a held session (session {number} is {status})")
            return None
        return key

    @contextmanager
    def _collecting(self):
        """Problems found inside the block go to the list it yields, not to self.problems."""
        kept, self.problems = self.problems, []
        try:
            yield self.problems
        finally:
            self.problems = kept

    def _name(self, item, column: str, text: str | None, names: lookup.Names) -> int | None:
        if text is None:
            return None
        hit = names.get(text)
        if hit is None:
            self.bad(
                item,
                column,
                text,
                f"a known {column}{names.hint(text)}; add a new one on the Record a session page first",
            )
            return None
        return hit[0]
