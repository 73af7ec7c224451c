"""Screening feedback: an editor approves (after redaction, if need be) or rejects each pending answer.

Only editors of the session's community see or screen its answers, and each function checks that
itself. A redaction keeps the editor's text; the original goes only into the audit-log entry, which
administrators alone read. Undoing a screening puts the response back to pending; a redaction stays.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import Connection, Engine, delete, select, update

from db import models as m
from db.auth import User, require_editor
from db.engine import write_transaction
from db.errors import ImportRejected, Problem
from db.write import audit
from db.write.feedback import utcnow
from db.write.feedback_form import check_text

R, A, Q, S, C = m.FeedbackResponse, m.FeedbackAnswer, m.Question, m.Session, m.Community
WHERE = "Screening"


@dataclass(frozen=True)
class Answer:
    id: int
    prompt: str
    text: str
    max_length: int | None


@dataclass(frozen=True)
class Response:
    """One submitted form waiting for screening, with its text answers."""

    id: int
    community: str
    number: int
    date: dt.date | None
    submitted_at: dt.datetime
    rating: int | None
    role: str | None
    organisation: str | None
    answers: tuple[Answer, ...]


def pending_for(conn: Connection, user: User | None) -> list[Response]:
    """Pending responses of the communities `user` may edit, oldest first."""
    return responses_for(conn, user, "pending")


def responses_for(conn: Connection, user: User | None, status: str, limit: int | None = None) -> list[Response]:
    """Responses with `status` of the communities `user` may edit: pending ones oldest first,
    screened ones most recently screened first."""
    user = require_editor(user)
    order = (R.submitted_at, R.id) if status == "pending" else (R.screened_at.desc(), R.id.desc())
    stmt = (
        select(R.id, C.name, S.number, S.date, R.submitted_at, R.rating, m.Role.title, m.Organisation.name)
        .join(S, S.id == R.session_id)
        .join(C, C.id == S.community_id)
        .outerjoin(m.Role, m.Role.id == R.role_id)
        .outerjoin(m.Organisation, m.Organisation.id == R.organisation_id)
        .where(R.status == status)
        .order_by(*order)
        .limit(limit)
    )
    if not user.is_admin:
        stmt = stmt.where(C.name.in_(sorted(user.communities)))
    rows = conn.execute(stmt).all()
    answers: dict[int, list[Answer]] = {}
    answer_rows = conn.execute(
        select(A.response_id, A.id, Q.prompt, A.text, Q.max_length)
        .join(Q, Q.id == A.question_id)
        .where(A.response_id.in_([r[0] for r in rows]))
        .order_by(Q.position)
    )
    for rid, answer_id, prompt, text, max_length in answer_rows:
        answers.setdefault(rid, []).append(Answer(answer_id, prompt, text, max_length))
    return [Response(*row, tuple(answers.get(row[0], []))) for row in rows]


def _response(conn: Connection, user: User, response_id: int, status: str | tuple[str, ...]):
    """The response's row with its community, after checking the user's right and its status."""
    row = conn.execute(
        select(R.id, R.status, C.name, S.number)
        .join(S, S.id == R.session_id)
        .join(C, C.id == S.community_id)
        .where(R.id == response_id)
    ).first()
    if row is None:
        raise ImportRejected([Problem(WHERE, None, "response", response_id, "a stored feedback response")])
    require_editor(user, row.name)
    wanted = (status,) if isinstance(status, str) else status
    if row.status not in wanted:
        raise ImportRejected(
            [
                Problem(
                    WHERE, None, "response", response_id, f"a {' or '.join(wanted)} response (this one is {row.status})"
                )
            ]
        )
    return row


def _redact(conn: Connection, response_id: int, redactions: dict[int, str]) -> dict[int, dict]:
    """Write the editor's versions; {answer id: {"original", "kept"}} for the audit log. An empty
    version removes the answer."""
    stored = {
        a.id: a
        for a in conn.execute(
            select(A.id, A.text, Q.prompt, Q.max_length)
            .join(Q, Q.id == A.question_id)
            .where(A.response_id == response_id)
        )
    }
    changed, problems = {}, []
    for answer_id, new in redactions.items():
        if answer_id not in stored:
            problems.append(Problem(WHERE, None, "answer", answer_id, f"an answer of response {response_id}"))
            continue
        old = stored[answer_id]
        text, problem = check_text(old.prompt, new, False, old.max_length or 2000)
        problems += [problem] if problem else []
        if not problem and text != old.text:
            changed[answer_id] = {"original": old.text, "kept": text}
    if problems:
        raise ImportRejected(problems)
    for answer_id, change in changed.items():
        if change["kept"] is None:
            conn.execute(delete(A).where(A.id == answer_id))
        else:
            conn.execute(update(A).where(A.id == answer_id).values(text=change["kept"], redacted=True))
    return changed


def _screen(
    engine: Engine,
    user: User | None,
    response_id: int,
    action: str,
    status: str,
    redactions: dict[int, str] | None = None,
) -> None:
    user = require_editor(user)
    with write_transaction(engine) as conn:
        row = _response(conn, user, response_id, "pending" if status != "pending" else ("approved", "rejected"))
        detail = {"session": row.number, "response": response_id, "was": row.status}
        if redactions and (changed := _redact(conn, response_id, redactions)):
            detail["redacted"] = changed  # the only place the original text is kept
        screened = (
            {"screened_by": None, "screened_at": None}
            if status == "pending"
            else {"screened_by": user.email, "screened_at": utcnow()}
        )
        conn.execute(update(R).where(R.id == response_id).values(status=status, **screened))
        audit.record(conn, user.email, action, community=row.name, detail=detail)


def approve(engine: Engine, user: User | None, response_id: int, redactions: dict[int, str] | None = None) -> None:
    """Approve a pending response, first replacing the answers in `redactions` {answer id: text}."""
    _screen(engine, user, response_id, "approve_feedback", "approved", redactions)


def reject(engine: Engine, user: User | None, response_id: int) -> None:
    """Reject a pending response: it is kept, and shown nowhere."""
    _screen(engine, user, response_id, "reject_feedback", "rejected")


def undo_screening(engine: Engine, user: User | None, response_id: int) -> None:
    """Put an approved or rejected response back to pending (a redaction stays as made)."""
    _screen(engine, user, response_id, "undo_feedback_screening", "pending")
