"""Helpers for the coding tests: answers sent through a real feedback link, then screened."""

from __future__ import annotations

import datetime as dt
import itertools

from sqlalchemy import Engine, select, update

from db import models as m
from db.auth import User
from db.engine import write_transaction
from db.write import feedback, feedback_form, screening

NOW = dt.datetime(2026, 3, 10, 12, 0)
_nonces = itertools.count(1)


def session_id(engine: Engine, community: str = "Ultrasound Imaging", number: int = 1) -> int:
    with engine.connect() as conn:
        return conn.execute(
            select(m.Session.id).join(m.Community).where(m.Community.name == community, m.Session.number == number)
        ).scalar_one()


def answer(
    engine: Engine,
    admin: User,
    *,
    community: str = "Ultrasound Imaging",
    valuable: str | None = None,
    take_back: str | None = None,
    status: str = "approved",
    date: dt.date | None = dt.date(2026, 3, 10),
) -> dict[int, int]:
    """One response to session 1 of `community` (dated `date`), screened to `status`:
    {question position: answer id} of its text answers."""
    sid = session_id(engine, community)
    with write_transaction(engine) as conn:
        conn.execute(update(m.Session).where(m.Session.id == sid).values(date=date))
    _, token = feedback.open_link(engine, admin, sid, now=NOW)
    with engine.connect() as conn:
        qs = {q.position: q.id for q in feedback_form.questions(conn, 1)}
    given = {qs[1]: valuable or "Meeting the other sonographers", qs[2]: take_back}
    rid = feedback_form.submit(engine, token, {k: v for k, v in given.items() if v}, f"nonce-{next(_nonces):012d}", NOW)
    if status == "approved":
        screening.approve(engine, admin, rid)
    elif status == "rejected":
        screening.reject(engine, admin, rid)
    with engine.connect() as conn:
        rows = conn.execute(
            select(m.Question.position, m.FeedbackAnswer.id)
            .join(m.Question, m.Question.id == m.FeedbackAnswer.question_id)
            .where(m.FeedbackAnswer.response_id == rid)
        ).all()
    return dict(rows)
