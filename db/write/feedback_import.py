"""Feedback collected elsewhere (a form tool's export as CSV or XLSX), imported through the public form's
own checks; every response lands pending and is screened like one from the form.

A file has the columns community and session_number, then one column per question of the programme's
question set, named by its prompt or by its short key (q1, q2, ... by position; rating, role and
organisation for those kinds). The file is read by db.write.imports.upload_file (its size, archive, NUL and column
checks), checked whole, and written in one transaction under one import batch, so that the Import
page's undo removes it whole. Any problem refuses the file, naming row, column, value and expected.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections import Counter
from dataclasses import dataclass, field

from sqlalchemy import Connection, Engine, func, insert, select, update

from db import models as m
from db.auth import User, require_editor
from db.engine import inserted_id, write_transaction
from db.errors import ImportRejected, PermissionDenied, Problem
from db.write import audit, lookup
from db.write.feedback import utcnow
from db.write.feedback_form import (
    Question,
    check_answers,
    choices,
    limit_for,
    questions,
)
from db.write.imports.upload import MAX_COLUMNS, MAX_PROBLEMS, Sheet
from db.write.imports.upload_file import read_upload

FIXED = ("community", "session_number")
SINGLE_KINDS = ("rating", "role", "organisation")
KIND = "feedback"
R, A, S, C, B = m.FeedbackResponse, m.FeedbackAnswer, m.Session, m.Community, m.ImportBatch


def header_kind(where: str, header: list, row: int = 1) -> str:
    """ "feedback" for a header with community, session_number and no column twice; else ImportRejected.
    Question columns are matched later, against each row's programme. Linear in the header's length."""
    expected = "a header of community, session_number, then one column per question (download a template)"
    if len(header) > MAX_COLUMNS:
        raise ImportRejected(
            [Problem(where, row, None, f"{len(header):,} columns", f"at most {MAX_COLUMNS} columns: {expected}")]
        )
    cols = [str(h or "").strip().lower() for h in header]
    missing = [c for c in FIXED if c not in cols]
    repeated = sorted(c for c, n in Counter(cols).items() if n > 1)
    if missing or repeated:
        found = "missing " + ", ".join(missing) if missing else "repeated " + ", ".join(map(repr, repeated))
        raise ImportRejected([Problem(where, row, None, ",".join(cols)[:200], f"{expected} ({found})")])
    return KIND


def column_keys(qs: list[Question]) -> dict[str, Question]:
    """The column names a question answers to: its prompt (lower case), q<position>, and for a rating,
    role or organisation question that word."""
    keys: dict[str, Question] = {}
    for q in qs:
        keys[q.prompt.strip().lower()] = keys[f"q{q.position}"] = q
        if q.kind in SINGLE_KINDS:
            keys[q.kind] = q
    return keys


def template_header(qs: list[Question]) -> list[str]:
    """A template's columns: text questions by prompt, the others by their kind."""
    return [*FIXED, *(q.kind if q.kind in SINGLE_KINDS else q.prompt for q in qs)]


def template_columns(conn: Connection, programme: str) -> list[str]:
    """The columns of a feedback file for `programme` (its own question set, or the default)."""
    pid = conn.execute(select(m.Programme.id).where(m.Programme.name == programme)).scalar()
    return template_header(questions(conn, pid))


@dataclass
class Row:
    """One file row, checked: its session and typed answers."""

    where: str
    line: int
    session_id: int
    community: str
    typed: dict


@dataclass
class _Context:
    conn: Connection
    user: User
    sessions: dict[
        tuple[str, int], tuple[int, str, int, int | None]
    ]  # (community, number) -> id, name, programme, headcount
    lists: dict
    problems: list
    questions: dict = field(default_factory=dict)  # programme id -> its questions, read once


def _sessions(conn: Connection) -> dict:
    rows = conn.execute(select(C.name, S.number, S.id, C.programme_id, S.headcount).join(S, S.community_id == C.id))
    return {(lookup.norm(name), number): (sid, name, pid, head) for name, number, sid, pid, head in rows}


def _number(value) -> int | None:
    try:
        number = float(str(value).strip())
    except ValueError:
        return None
    return int(number) if number.is_integer() and number > 0 else None


def _cell(value):
    """A spreadsheet's whole-number float (4.0) as the int it shows."""
    return int(value) if isinstance(value, float) and value.is_integer() else value


def _session_of(ctx: _Context, where: str, line: int, cells: dict) -> tuple | None:
    """The row's stored session (id, community, programme, headcount) if the user may edit it; else None,
    its problem listed."""
    community, raw = str(cells.get("community") or "").strip(), cells.get("session_number")
    number = _number(raw)
    found = ctx.sessions.get((lookup.norm(community), number)) if number else None
    if not community:
        ctx.problems.append(Problem(where, line, "community", None, "a community's name"))
    elif found is None:
        ctx.problems.append(
            Problem(where, line, "session_number", raw, f"the number of a stored session of {community!r}")
        )
    else:
        try:
            require_editor(ctx.user, found[1])
            return found
        except PermissionDenied as exc:
            ctx.problems.append(Problem(where, line, "community", community, f"a community you edit ({exc})"))
    return None


def _check_row(ctx: _Context, sheet: Sheet, line: int, cells: dict) -> Row | None:
    where = sheet.where
    if (found := _session_of(ctx, where, line, cells)) is None:
        return None
    sid, name, programme, _ = found
    if programme not in ctx.questions:
        ctx.questions[programme] = questions(ctx.conn, programme)
    qs = ctx.questions[programme]
    keys = column_keys(qs)
    unknown = [c for c in sheet.header if c not in FIXED and c not in keys and cells.get(c) not in (None, "")]
    ctx.problems += [
        Problem(
            where,
            line,
            column,
            cells[column],
            "a column named by a question's prompt or key (" + ", ".join(template_header(qs)[2:]) + ")",
        )
        for column in unknown
    ]
    by_prompt = {q.prompt: c for c, q in keys.items() if c in sheet.header}
    try:
        typed = check_answers(qs, {keys[c].id: _cell(v) for c, v in cells.items() if c in keys}, ctx.lists)
    except ImportRejected as exc:
        ctx.problems += [Problem(where, line, by_prompt.get(p.where), p.value, p.expected) for p in exc.problems]
        return None
    return None if unknown else Row(where, line, sid, name, typed)


def check_file(conn: Connection, user: User, sheets: list[Sheet]) -> list[Row]:
    """Every row checked against the stored sessions, questions and lists; ImportRejected listing
    every problem (at most MAX_PROBLEMS)."""
    ctx = _Context(conn, user, _sessions(conn), choices(conn), [])
    rows = [
        row
        for sheet in sheets
        for line, cells in sheet.rows
        if (row := _check_row(ctx, sheet, line, cells)) is not None
    ]
    if not ctx.problems and not rows:
        ctx.problems.append(Problem(sheets[0].where, None, None, None, "at least one row of answers"))
    ctx.problems += _over_limit(conn, rows, ctx.sessions)
    if ctx.problems:
        raise ImportRejected(ctx.problems[:MAX_PROBLEMS])
    return rows


def _over_limit(conn: Connection, rows: list[Row], sessions: dict) -> list[Problem]:
    """A session takes as many responses in all (form and files) as its link would: twice its headcount."""
    new = Counter(row.session_id for row in rows)
    stored = dict(
        conn.execute(select(R.session_id, func.count()).where(R.session_id.in_(new)).group_by(R.session_id)).all()
    )
    heads = {sid: (name, head) for sid, name, _, head in sessions.values()}
    first = {row.session_id: row for row in reversed(rows)}
    return [
        Problem(
            first[sid].where,
            first[sid].line,
            "session_number",
            f"{n + stored.get(sid, 0)} responses",
            f"at most {limit_for(heads[sid][1])} for this session of {heads[sid][0]} (twice its "
            "headcount, or 20 without one)",
        )
        for sid, n in new.items()
        if n + stored.get(sid, 0) > limit_for(heads[sid][1])
    ]


def import_feedback(engine: Engine, user: User | None, file_name: str, data: bytes) -> tuple[int, dict]:
    """Check a whole feedback file, then store its responses as pending under a new import batch:
    (the batch's id, rows written per table). ImportRejected if anything is wrong; nothing written."""
    user = require_editor(user)
    sha = hashlib.sha256(data).hexdigest()
    sheets = read_upload(file_name, data, header_kind)
    with write_transaction(engine) as conn:
        _refuse_repeat(conn, file_name, sha)
        rows = check_file(conn, user, sheets)
        batch_id = inserted_id(
            conn.execute(insert(B).values(file_name=file_name, sha256=sha, user_email=user.email, status="imported"))
        )
        written = _write(conn, rows, batch_id)
        conn.execute(update(B).where(B.id == batch_id).values(summary=json.dumps(written)))
        audit.record(
            conn,
            user.email,
            "import_feedback",
            community=", ".join(sorted({r.community for r in rows})),
            import_batch_id=batch_id,
            file_name=file_name,
            file_sha256=sha,
            detail={"written": written},
        )
    return batch_id, written


def _refuse_repeat(conn: Connection, file_name: str, sha: str) -> None:
    prior = conn.execute(select(B.id).where(B.sha256 == sha, B.status == "imported")).scalar()
    if prior:
        raise ImportRejected(
            [
                Problem(
                    file_name,
                    None,
                    None,
                    f"sha256 {sha[:16]}…",
                    f"a file not imported before (it is import #{prior}; undo that to import it again)",
                )
            ]
        )


def _write(conn: Connection, rows: list[Row], batch_id: int) -> dict[str, int]:
    now: dt.datetime = utcnow()
    answers = 0
    for n, row in enumerate(rows, start=1):
        typed = row.typed
        rid = inserted_id(
            conn.execute(
                insert(R).values(
                    link_id=None,
                    import_batch_id=batch_id,
                    session_id=row.session_id,
                    nonce=f"import-{batch_id}-{n}",
                    submitted_at=now,
                    status="pending",
                    rating=typed["rating"],
                    role_id=typed["role_id"],
                    organisation_id=typed["organisation_id"],
                )
            )
        )
        if typed["text"]:
            conn.execute(
                insert(A),
                [
                    {"response_id": rid, "question_id": q, "text": t, "redacted": False}
                    for q, t in typed["text"].items()
                ],
            )
            answers += len(typed["text"])
    return {"feedback_responses": len(rows), "feedback_answers": answers}
