"""Administrators edit a programme's feedback questions. A programme without a set of its own uses the
default set (no programme); its first save gives it its own, and the default stays as it was.

A question that has answers keeps its kind and cannot be removed (its answers refer to it); its wording
may be mended. A set holds at most one rating, one role and one organisation question (a response has
one of each), and at least one text or rating question. Every save is checked whole, audited, and
written in one transaction.
"""

from __future__ import annotations

from typing import cast

from sqlalchemy import Connection, Engine, delete, func, insert, select, update

from db import models as m
from db.auth import User, require_admin
from db.engine import inserted_id, write_transaction
from db.errors import ImportRejected, Problem
from db.write import audit
from db.write.feedback_form import check_text

P, QS, Q, A, V = m.Programme, m.QuestionSet, m.Question, m.FeedbackAnswer, m.ValueCycle
WHERE = "Questions"
PROMPT_LIMIT, DEFAULT_LENGTH = 300, 2000
SINGLE = ("rating", "role", "organisation")


def _set_of(conn: Connection, programme: str) -> tuple[int, int | None, bool]:
    """(programme id, the set it uses, whether that set is its own)."""
    pid = conn.execute(select(P.id).where(P.name == programme)).scalar()
    if pid is None:
        raise ImportRejected([Problem(WHERE, None, "programme", programme, "a stored programme")])
    own = conn.execute(select(QS.id).where(QS.programme_id == pid)).scalar()
    default = conn.execute(select(func.min(QS.id)).where(QS.programme_id.is_(None))).scalar()
    return pid, own or default, own is not None


def programme_questions(conn: Connection, programme: str) -> tuple[bool, list[dict]]:
    """(whether the programme has a set of its own, its questions in order with their answer counts)."""
    _, set_id, own = _set_of(conn, programme)
    answers = select(func.count()).where(A.question_id == Q.id).scalar_subquery()
    rows = conn.execute(
        select(Q.id, Q.kind, Q.prompt, V.name, Q.required, Q.max_length, answers)
        .outerjoin(V, V.id == Q.value_cycle_id)
        .where(Q.question_set_id == set_id)
        .order_by(Q.position)
    )
    keys = ("id", "kind", "prompt", "value_cycle", "required", "max_length", "answers")
    return own, [dict(zip(keys, row)) for row in rows]


def _whole(value) -> int | None:
    """A whole number as typed, None when empty; 0 (refused) when it is not one."""
    if value in (None, ""):
        return None
    try:
        return int(value) if float(value).is_integer() else 0
    except (TypeError, ValueError):
        return 0


def _typed(conn: Connection, rows: list[dict]) -> list[dict]:
    """Rows checked one by one, then as a set; ImportRejected lists every problem."""
    cycles = dict(conn.execute(select(V.name, V.id)).all())
    out, problems = [], []
    for n, row in enumerate(rows, start=1):
        prompt, problem = check_text(f"Question {n}", row.get("prompt"), True, PROMPT_LIMIT)
        problems += [problem] if problem else []
        kind, cycle = row.get("kind"), row.get("value_cycle") or None
        if kind not in m.QUESTION_KINDS:
            problems.append(Problem(WHERE, n, "kind", kind, "one of " + ", ".join(m.QUESTION_KINDS)))
        if cycle is not None and cycle not in cycles:
            problems.append(Problem(WHERE, n, "value_cycle", cycle, "a value cycle's name, or empty"))
        length = _whole(row.get("max_length"))
        if kind == "text" and length is not None and not 1 <= length <= 5000:
            problems.append(Problem(WHERE, n, "max_length", row.get("max_length"), "a length from 1 to 5000, or empty"))
        out.append(
            {
                "id": row.get("id"),
                "position": n,
                "kind": kind,
                "prompt": prompt,
                "value_cycle_id": cycles.get(cast(str, cycle)),
                "required": bool(row.get("required")),
                "max_length": (length or DEFAULT_LENGTH) if kind == "text" else None,
            }
        )
    kinds = [r["kind"] for r in out]
    problems += [
        Problem(WHERE, None, "kind", kind, f"at most one {kind} question") for kind in SINGLE if kinds.count(kind) > 1
    ]
    if not {"text", "rating"} & set(kinds):
        problems.append(Problem(WHERE, None, "kind", None, "at least one text or rating question"))
    if problems:
        raise ImportRejected(problems)
    return out


def _keep_answered(before: list[dict], rows: list[dict]) -> None:
    """A question with answers stays, with its kind."""
    kept = {r["id"]: r for r in rows if r["id"] is not None}
    problems = [
        Problem(
            WHERE,
            None,
            "kind",
            old["prompt"],
            f"{old['kind']}: {old['answers']} answers refer to this question, so it stays and keeps its kind",
        )
        for old in before
        if old["answers"] and kept.get(old["id"], {}).get("kind") != old["kind"]
    ]
    if problems:
        raise ImportRejected(problems)


def _new_own_set(conn: Connection, user: User, pid: int, programme: str) -> int:
    """Create the programme's own question set (its first save); the set's id."""
    slug = conn.execute(select(P.slug).where(P.id == pid)).scalar_one() + "-feedback"
    return inserted_id(
        conn.execute(
            insert(QS).values(
                slug=slug,
                name=f"{programme}: feedback",
                programme_id=pid,
                source=f"Set by {user.email} in the dashboard",
            )
        )
    )


def save_questions(engine: Engine, user: User | None, programme: str, rows: list[dict]) -> None:
    """Replace the programme's questions with `rows`, in order (administrators only)."""
    user = require_admin(user)
    with write_transaction(engine) as conn:
        pid, set_id, own = _set_of(conn, programme)
        _, before = programme_questions(conn, programme)
        existing = before if own else []
        if not own:  # the first save: a set of its own; the default set is left as it was
            set_id = _new_own_set(conn, user, pid, programme)
            rows = [{**r, "id": None} for r in rows]
        typed = _typed(conn, rows)
        _keep_answered(existing, typed)
        ids = {r["id"] for r in existing}
        if unknown := [r["id"] for r in typed if r["id"] is not None and r["id"] not in ids]:
            raise ImportRejected([Problem(WHERE, None, "id", unknown[0], "a question of this programme")])
        kept = {r["id"] for r in typed}
        conn.execute(delete(Q).where(Q.question_set_id == set_id, Q.id.not_in(kept - {None})))
        conn.execute(update(Q).where(Q.question_set_id == set_id).values(position=-Q.id))  # frees positions
        for row in typed:
            values = {k: v for k, v in row.items() if k != "id"}
            if row["id"] is None:
                conn.execute(insert(Q).values(question_set_id=set_id, source=f"Set by {user.email}", **values))
            else:
                conn.execute(update(Q).where(Q.id == row["id"]).values(**values))
        audit.record(
            conn,
            user.email,
            "save_questions",
            detail={
                "programme": programme,
                "own_set_before": own,
                "before": [{k: r[k] for k in ("kind", "prompt", "required")} for r in before],
                "after": [{k: r[k] for k in ("kind", "prompt", "required")} for r in typed],
            },
        )


def value_cycle_names(conn: Connection) -> list[str]:
    return list(conn.execute(select(V.name).order_by(V.display_order)).scalars())
