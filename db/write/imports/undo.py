"""Undoing a whole import: every row it wrote removed and headcounts put back, in one transaction; refused
while later data builds on it (an import of the same sessions since, or coding on its comments or answers).
"""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import Connection, Engine, delete, func, select, update

from db import models as m
from db.auth import User, require_editor
from db.engine import write_transaction
from db.errors import ImportRejected, Problem
from db.write import audit, registers


def undo_import(engine: Engine, user: User | None, batch_id: int) -> dict[str, int]:
    """Remove every row an import wrote and put headcounts back; refused if later data builds on it."""
    user = require_editor(user)
    B, S = m.ImportBatch, m.Session
    with write_transaction(engine) as conn:
        batch = conn.execute(select(B.status, B.file_name, B.sha256, B.summary).where(B.id == batch_id)).first()
        if batch is None or batch.status != "imported":
            raise ImportRejected(
                [Problem(f"import #{batch_id}", None, None, None, "an import that exists and is not already undone")]
            )
        for name in _touched(conn, batch_id):
            require_editor(user, name)
        _refuse_if_built_on(conn, batch_id)
        _refuse_if_coded(conn, batch_id)
        touched = registers.touched_by_batch(conn, batch_id)
        removed = _remove(conn, batch_id)
        registers.refresh(conn, touched)
        removed.pop("_sessions")
        for sid, headcount in json.loads(batch.summary or "{}").get("headcounts_before", {}).items():
            conn.execute(update(S).where(S.id == int(sid)).values(headcount=headcount))
        conn.execute(
            update(B).where(B.id == batch_id).values(status="undone", undone_at=func.now(), undone_by=user.email)
        )
        audit.record(
            conn,
            user.email,
            "undo_import",
            import_batch_id=batch_id,
            file_name=batch.file_name,
            file_sha256=batch.sha256,
            detail={"removed": removed},
        )
    return removed


def _refuse_if_built_on(conn: Connection, batch_id: int) -> None:
    """ImportRejected when register lines, comments or feedback not from this import were added
    later to its sessions."""
    S, A, K, F = m.Session, m.Attendance, m.Comment, m.FeedbackResponse
    own = select(S.id).where(S.import_batch_id == batch_id)
    later = conn.execute(
        select(func.count())
        .select_from(A)
        .where(A.session_id.in_(own), (A.import_batch_id != batch_id) | A.import_batch_id.is_(None))
    ).scalar_one()
    later += conn.execute(
        select(func.count())
        .select_from(K)
        .where(K.session_id.in_(own), (K.import_batch_id != batch_id) | K.import_batch_id.is_(None))
    ).scalar_one()
    later += conn.execute(
        select(func.count())
        .select_from(F)
        .where(F.session_id.in_(own), (F.import_batch_id != batch_id) | F.import_batch_id.is_(None))
    ).scalar_one()
    if later:
        raise ImportRejected(
            [
                Problem(
                    f"import #{batch_id}",
                    None,
                    None,
                    f"{later} later rows",
                    "no register lines, comments or feedback added later to its sessions: undo the later import first",
                )
            ]
        )


def _refuse_if_coded(conn: Connection, batch_id: int) -> None:
    """ImportRejected when an editor has coded the import's comments or feedback answers: undoing
    would delete that coding with them (ON DELETE CASCADE), unseen."""
    T, K, F, R = m.EvidenceTag, m.Comment, m.FeedbackAnswer, m.FeedbackResponse
    answers = select(F.id).join(R, F.response_id == R.id).where(R.import_batch_id == batch_id)
    comments = select(K.id).where(K.import_batch_id == batch_id)
    coded = conn.execute(
        select(func.count()).select_from(T).where(T.feedback_answer_id.in_(answers) | T.comment_id.in_(comments))
    ).scalar()
    if coded:
        raise ImportRejected(
            [
                Problem(
                    f"import #{batch_id}",
                    None,
                    None,
                    f"{coded} evidence tags",
                    "no coding on its comments or feedback answers: remove those tags on Code evidence first",
                )
            ]
        )


def _touched(conn: Connection, batch_id: int) -> list[str]:
    C, out = m.Community, set[str]()
    models: tuple[Any, ...] = (m.Session, m.Comment, m.CommunityRole, m.CommunityOrganisation)
    for model in models:
        out.update(
            conn.execute(
                select(C.name).join(model, model.community_id == C.id).where(model.import_batch_id == batch_id)
            ).scalars()
        )
    for model in (m.Attendance, m.FeedbackResponse):
        out.update(
            conn.execute(
                select(C.name)
                .join(m.Session, m.Session.community_id == C.id)
                .join(model)
                .where(model.import_batch_id == batch_id)
            ).scalars()
        )
    return sorted(out)


def _remove(conn: Connection, batch_id: int) -> dict[str, Any]:
    out: dict[str, Any] = {
        "_sessions": list(conn.execute(select(m.Session.id).where(m.Session.import_batch_id == batch_id)).scalars())
    }
    for model in (
        m.FeedbackResponse,
        m.Comment,
        m.Attendance,
        m.Session,
        m.CommunityRole,
        m.CommunityOrganisation,
    ):  # a response's answers go with it (ON DELETE CASCADE)
        out[model.__tablename__] = conn.execute(delete(model).where(model.import_batch_id == batch_id)).rowcount
    P, A = m.Participant, m.Attendance
    out["participants"] = conn.execute(
        delete(P).where(P.import_batch_id == batch_id, ~select(A.session_id).where(A.participant_id == P.id).exists())
    ).rowcount
    return out
