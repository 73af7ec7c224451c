"""A plan checked against what is stored, table by table, inside the write transaction: sessions that
must not clash, register lines (participants, roles, organisations, the sessions they attend, headcounts)
and comments; duplicates are skipped and reported, conflicts refused. What the checks share is in checks_shared.
"""

from __future__ import annotations

from collections import Counter

from sqlalchemy import select

from db import models as m
from db.errors import ImportRejected
from db.write import lookup
from db.write.bulk import chunks, marks
from db.write.imports.checks_shared import Checks, Key, Resolved


class Checker(Checks):
    """Resolves one plan; problems accumulate and are raised together at the end."""

    def run(self) -> Resolved:
        items = self.plan.rows()
        for text in {i.community for i in items}:  # each community named, resolved once
            self._community_memo[text] = self._community(text)
        if any(expected for *_, expected in self._community_memo.values()):
            for item in items:  # then every row naming a wrong one is listed, in file order
                self.community(item)
            raise ImportRejected(self.problems)
        self.stored = self._stored_sessions(self._named_sessions())
        self._sessions()
        self.new = {s["key"]: s for s in self.out.sessions}
        self._register()
        self._comments()
        if self.problems:
            raise ImportRejected(self.problems)
        return self.out

    def _sessions(self) -> None:
        for s in self.plan.sessions:
            key = (self.cid(s), s.number)
            if key not in self.stored:
                self.out.sessions.append(
                    {
                        "key": key,
                        "community_id": key[0],
                        "number": s.number,
                        "status": s.status,
                        "date": s.date,
                        "headcount": s.headcount,
                        "note": s.note,
                    }
                )
                continue
            _, status, date, headcount, note, *_ = self.stored[key]
            same = (status, date, note) == (s.status, s.date, s.note) and (
                s.headcount is None or s.headcount == headcount
            )
            if same and not self.form:
                self.out.duplicates.append(
                    f"{s.where}, row {s.row}: session {s.number} of {s.community} is already stored (skipped)"
                )
            else:
                shown = (
                    f"{status}"
                    + (f" on {date}" if date else ", undated")
                    + (f", {headcount} attending" if headcount is not None else "")
                )
                self.bad(
                    s,
                    "number",
                    s.number,
                    f"a session number not already used in {s.community} "
                    f"(session {s.number} is stored as {shown}; next free is "
                    f"{self._next_free(key[0])})",
                )

    def _register(self) -> None:
        if not self.plan.register:
            return self._headcounts(Counter())
        names = self._name_lists()
        stored = self._participants([r.code for r in self.plan.register])
        attended = self._attended({pid for pid, *_ in stored.values()})
        checked: dict[tuple, tuple] = {}
        new, lines = self.out.new_participants, self.out.register
        for r in self.plan.register:
            same = (r.community, r.session_number, r.role, r.organisation)
            if (hit := checked.get(same)) is None:
                hit = checked[same] = self._register_line(r, *names)
            found, key, wanted = hit
            for problem in found:
                self.bad(r, problem.column, problem.value, problem.expected)
            if key is None:
                continue
            # the usual row, a new participant seen with one role and organisation, told inline
            if (r.code not in stored and new.setdefault(r.code, wanted) == wanted) or self._participant(
                r, key, wanted, stored, attended
            ):
                lines.append((key, r.code, *wanted, r.role, r.organisation))
        self._headcounts(Counter(line[0] for line in self.out.register))

    def _name_lists(self) -> tuple[lookup.Names, lookup.Names]:
        """Roles and organisations, each read only when a register row names one."""
        rows = self.plan.register
        roles = lookup.roles(self.conn) if any(r.role for r in rows) else lookup.Names({})
        orgs = lookup.organisations(self.conn) if any(r.organisation for r in rows) else lookup.Names({})
        return roles, orgs

    def _register_line(self, r, roles: lookup.Names, orgs: lookup.Names) -> tuple:
        """(problems, session key or None to skip the row, (role id, organisation id)): the checks
        of a register line that depend only on its community, session, role and organisation."""
        with self._collecting() as found:
            key = self._target(r, r.session_number, need_held=True)
            role_id = self._name(r, "role", r.role, roles)
            org_id = self._name(r, "organisation", r.organisation, orgs)
            if key is not None and self._report_session(r, key):
                key = None
        return found, key, (role_id, org_id)

    def _participant(self, r, key: Key, wanted: tuple, stored: dict, attended: set) -> bool:
        """Whether the row's participant goes on the register: a new code keeps one role and
        organisation; a stored one keeps its own and is not put twice on a session."""
        if r.code not in stored:
            if self.out.new_participants.setdefault(r.code, wanted) == wanted:
                return True
            self.bad(r, "participant_code", r.code, "the same role and organisation on every row of one participant")
            return False
        pid, *known = stored[r.code]
        if (r.role or r.organisation) and tuple(known) != wanted:
            self.bad(
                r,
                "participant_code",
                r.code,
                "the role and organisation this participant "
                "is already stored with (leave role and organisation empty to keep them)",
            )
            return False
        self.out.stored_participants[r.code] = pid
        if (self.out.stored_sessions.get(key), pid) in attended:
            self.out.duplicates.append(
                f"{r.where}, row {r.row}: {r.code} is already on the register of session {r.session_number} (skipped)"
            )
            return False
        return True

    def _report_session(self, r, key: Key) -> bool:
        """True (and a problem) when a register would overwrite a headcount taken from the report."""
        if key not in self.stored:
            return False
        _, _, _, headcount, _, batch, source, n_reg = self.stored[key]
        if n_reg or batch is not None or source.startswith("Recorded in dashboard") or headcount is None:
            return False
        self.bad(
            r,
            "session_number",
            r.session_number,
            f"a session without a headcount from the "
            f"report (session {r.session_number} has {headcount} attending, from: {source})",
        )
        return True

    def _participants(self, codes: list[str]) -> dict[str, tuple[int, int | None, int | None]]:
        """Stored participants among `codes`: plain DB-API IN lists, which compile far faster for
        100,000 codes than SQLAlchemy's expanding parameters (values are still bound, never inlined)."""
        P, out = m.Participant, {}
        for part in chunks(list(set(codes))):
            if (placeholders := marks(self.conn, len(part))) is None:
                rows = self.conn.execute(select(P.code, P.id, P.role_id, P.organisation_id).where(P.code.in_(part)))
            else:
                rows = self.conn.exec_driver_sql(
                    f"SELECT code, id, role_id, organisation_id FROM participants WHERE code IN ({placeholders})",
                    tuple(part),
                )
            out.update({code: (pid, role, org) for code, pid, role, org in rows})
        return out

    def _attended(self, participant_ids: set[int]) -> set[tuple[int, int]]:
        """(session id, participant id) of every stored register line of these participants."""
        A, out = m.Attendance, set[tuple[int, int]]()
        for part in chunks(sorted(participant_ids)):
            out.update(
                self.conn.execute(select(A.session_id, A.participant_id).where(A.participant_id.in_(part))).all()
            )
        return out

    def _headcounts(self, sizes: Counter) -> None:
        """A new held session's headcount and register must agree; with neither it stays unknown."""
        given = {(self.cid(s), s.number): s for s in self.plan.sessions}
        for s in self.out.sessions:
            item, n = given[s["key"]], sizes.get(s["key"], 0)
            if s["status"] == "held" and n and s["headcount"] is not None and s["headcount"] != n:
                self.bad(
                    item,
                    "headcount",
                    s["headcount"],
                    f"{n}, the number of participants on its "
                    "register (or leave headcount empty to use the register's size)",
                )
            s["headcount"] = n or s["headcount"]

    def _stored_comments(self) -> set[tuple]:
        """(community id, session id, text) of stored comments with a text the plan's comments have."""
        K, out = m.Comment, set[tuple]()
        for part in chunks(sorted({c.text for c in self.plan.comments}), 500):
            out.update(
                self.conn.execute(
                    select(K.community_id, K.session_id, K.text).where(
                        K.community_id.in_(self.out.community_ids), K.text.in_(part)
                    )
                )
            )
        return out

    def _comments(self) -> None:
        stored = self._stored_comments()
        for c in self.plan.comments:
            key = None if c.session_number is None else self._target(c, c.session_number, False)
            if c.session_number is not None and key is None:
                continue
            cid = self.cid(c)
            if (cid, None if key is None else self.out.stored_sessions.get(key), c.text) in stored:
                self.out.duplicates.append(f"{c.where}, row {c.row}: this comment is already stored (skipped)")
                continue
            self.out.comments.append({"key": key, "community_id": cid, "text": c.text, "theme": c.theme})
