"""Writing new data: record a session from the form, import a CSV/XLSX file (undoing one is db.write.imports.undo).

The rows themselves are written by store_rows.

Every function checks the user's right to write itself (hiding a page is not protection), checks
the whole input first, and writes in one transaction (on SQLite one that takes the write lock at its
start), with an audit-log entry in the same transaction. A rejected input writes nothing.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass, field
from types import SimpleNamespace

from sqlalchemy import Connection, Engine, insert, select, update

from db import models as m
from db.auth import User, require_editor
from db.engine import inserted_id, is_sqlite, write_transaction
from db.errors import ImportRejected, Problem
from db.write import audit, lookup
from db.write.bulk import chunks, collector_paused
from db.write.imports.checks import Checker
from db.write.imports.checks_shared import Resolved
from db.write.imports.rows import (
    Cells,
    Plan,
    comment_row,
    plan_from_sheets,
    register_row,
    session_row,
)
from db.write.imports.store_rows import write
from db.write.imports.upload import MAX_PROBLEMS
from db.write.imports.upload_file import read_upload

__all__ = ["Outcome", "import_file", "record_session"]


@dataclass
class Outcome:
    """What a write did: rows written per table, duplicates skipped, the import batch (if any)."""

    written: dict[str, int]
    duplicates: list[str] = field(default_factory=list)
    batch_id: int | None = None


def _today() -> str:
    return dt.date.today().isoformat()


def _new_batch(conn: Connection, user: User, file_name: str, sha: str) -> int:
    """Record the import batch the file's rows will belong to; its id."""
    return inserted_id(
        conn.execute(
            insert(m.ImportBatch).values(file_name=file_name, sha256=sha, user_email=user.email, status="imported")
        )
    )


@collector_paused()
def import_file(engine: Engine, user: User | None, file_name: str, data: bytes) -> Outcome:
    """Check a whole uploaded file, then write it in one transaction; ImportRejected if anything is wrong."""
    user = require_editor(user)
    sha = hashlib.sha256(data).hexdigest()
    sheets = read_upload(file_name, data)
    try:
        plan = plan_from_sheets(sheets)
    except ImportRejected as exc:  # add what the stored data says about the rows
        raise ImportRejected(_with_stored_problems(engine, user, sheets, exc)) from None
    source = f"Imported from {file_name} (sha256 {sha[:16]}) by {user.email} on {_today()}"
    with write_transaction(engine) as conn:
        _lock(conn, plan)
        _refuse_repeat(conn, file_name, sha)
        resolved = Checker(conn, user, plan, form=False).run()
        if resolved.empty:
            raise ImportRejected(
                [Problem(file_name, None, None, f"{len(plan)} rows", "something new: every row is already stored")]
            )
        batch_id = _new_batch(conn, user, file_name, sha)
        before = _headcounts(conn, resolved)
        written = write(conn, resolved, source, batch_id)
        conn.execute(
            update(m.ImportBatch)
            .where(m.ImportBatch.id == batch_id)
            .values(summary=json.dumps({**written, "headcounts_before": before}))
        )
        audit.record(
            conn,
            user.email,
            "import",
            community=_names(conn, resolved),
            import_batch_id=batch_id,
            file_name=file_name,
            file_sha256=sha,
            detail={"written": written, "duplicates_skipped": len(resolved.duplicates)},
        )
    return Outcome(written, resolved.duplicates, batch_id)


def _with_community_problems(engine: Engine, user: User, sheets, problems: list[Problem]) -> list[Problem]:
    """Cell problems plus every unknown or not-editable community, in file order."""
    with engine.connect() as conn:
        checker = Checker(conn, user, Plan(), form=False)
        for sheet in sheets:
            for row, text in zip(sheet.lines, sheet.column("community")):
                if isinstance(text, str) and text.strip():
                    item = SimpleNamespace(community=text.strip(), where=sheet.where, row=row)
                    checker.community(item)
    found = sorted(problems + checker.problems, key=lambda p: (p.where, p.row or 0))
    return found[:MAX_PROBLEMS]


def _with_stored_problems(engine: Engine, user: User, sheets, exc: ImportRejected) -> list[Problem]:
    """Cell problems, and what the stored data says about the rows that read cleanly (a session
    neither in the file nor stored, a session number already used, an unknown community), so that
    one upload lists everything to mend. A problem that only follows from a row already listed (a
    register line naming a session whose own row is wrong) is left out."""
    problems = _with_community_problems(engine, user, sheets, exc.problems)
    partial = exc.plan
    if partial is None or not len(partial) or len(problems) > len(exc.problems) or len(problems) >= MAX_PROBLEMS:
        return problems  # communities are wrong (everything else would follow), or the list is full
    flagged = {(p.where, p.row) for p in exc.problems}
    broken = {
        (lookup.norm(str(cells.get("community") or "")), _number(cells.get("number")))
        for sheet in sheets
        if sheet.kind == "sessions"
        for row, cells in sheet.rows
        if (sheet.where, row) in flagged
    }
    items = {(i.where, i.row): i for i in partial.rows()}
    with engine.connect() as conn:
        try:
            Checker(conn, user, partial, form=False).run()
            more = []
        except ImportRejected as found:
            more = found.problems
        conn.rollback()

    def follows(p: Problem) -> bool:
        item = items.get((p.where, p.row))
        return (
            p.column == "session_number"
            and item is not None
            and (lookup.norm(item.community), _number(p.value)) in broken
        )

    more = [p for p in more if (p.where, p.row) not in flagged and not follows(p)]
    return sorted(problems + more, key=lambda p: (p.where, p.row or 0))[:MAX_PROBLEMS]


def _number(value) -> str:
    """A session number as a cell may hold it (3, 3.0, " 3 ") in one form, to compare."""
    text = str(value if value is not None else "").strip()
    try:
        return str(int(float(text)))
    except ValueError:
        return text


def _headcounts(conn: Connection, r: Resolved) -> dict[str, int | None]:
    """Headcounts of stored sessions a register will change, so that an undo can put them back."""
    keys = {line[0] for line in r.register}
    ids = sorted(r.stored_sessions[key] for key in keys if key in r.stored_sessions)
    S, out = m.Session, {}
    for part in chunks(ids):
        out.update({str(i): h for i, h in conn.execute(select(S.id, S.headcount).where(S.id.in_(part)))})
    return out


def _refuse_repeat(conn: Connection, file_name: str, sha: str) -> None:
    B = m.ImportBatch
    prior = conn.execute(
        select(B.id, B.created_at, B.user_email, B.file_name).where(B.sha256 == sha, B.status == "imported")
    ).first()
    if prior:
        raise ImportRejected(
            [
                Problem(
                    file_name,
                    None,
                    None,
                    f"sha256 {sha[:16]}…",
                    f"a file not imported before: the same file ({prior.file_name}) "
                    f"is import #{prior.id}, made by {prior.user_email} on "
                    f"{prior.created_at:%Y-%m-%d %H:%M}; undo it first to import again",
                )
            ]
        )


def _lock(conn: Connection, plan: Plan) -> None:
    """Serialise writers to the same communities. SQLite's BEGIN IMMEDIATE already holds the one write
    lock; other servers lock the communities' rows, and later statements see what earlier writers
    committed (READ COMMITTED), so a repeated file or session is caught, not doubled."""
    if is_sqlite(conn.engine):
        return
    names = lookup.communities(conn)
    found = {names.get(i.community) for i in plan.rows()}
    if ids := sorted(c[0] for c in found if c):
        conn.execute(select(m.Community.id).where(m.Community.id.in_(ids)).with_for_update())


def _names(conn: Connection, resolved: Resolved) -> str:
    rows = conn.execute(select(m.Community.name).where(m.Community.id.in_(resolved.community_ids)))
    return ", ".join(sorted(rows.scalars()))


def record_session(
    engine: Engine, user: User | None, session: dict, register: list[dict], comments: list[dict]
) -> Outcome:
    """Record one session from the form, with its register and comments (cells as typed)."""
    user = require_editor(user, session.get("community") or None)
    plan = _form_plan(session, register, comments)
    s = plan.sessions[0]
    with write_transaction(engine) as conn:
        _lock(conn, plan)
        resolved = Checker(conn, user, plan, form=True).run()
        written = write(conn, resolved, f"Recorded in dashboard by {user.email} on {_today()}", None)
        audit.record(
            conn,
            user.email,
            "record_session",
            community=s.community,
            detail={"session": s.number, "status": s.status, "written": written},
        )
    return Outcome(written, resolved.duplicates)


def _form_plan(session: dict, register: list[dict], comments: list[dict]) -> Plan:
    """The form's cells as a plan of one session, or ImportRejected listing every cell problem."""
    problems: list[Problem] = []
    plan = Plan()
    if (s := session_row(Cells("Session", None, session, problems))) is not None:
        plan.sessions.append(s)
    named = {"community": session.get("community"), "session_number": session.get("number")}
    for i, cells in enumerate(register, start=1):
        if r := register_row(Cells("Register", i, {**cells, **named}, problems)):
            plan.register.append(r)
    for i, cells in enumerate(comments, start=1):
        if c := comment_row(Cells("Comment", i, {**cells, **named}, problems)):
            plan.comments.append(c)
    if problems:
        raise ImportRejected(problems)
    return plan
