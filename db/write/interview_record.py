"""Convener interviews recorded in the dashboard: an editor records a convener's answers to the
interview questions (the report's six are the first set), dated, for a community they may edit.

A convener new to the dashboard is added with the interview. Conveners are interviewed again as the
programme goes on: a convener may have several interviews, one per date (the report's undated one
stays as it is); each answer is checked like a feedback answer, and the whole interview is written in
one transaction and audited.
"""

from __future__ import annotations

import datetime as dt
import re
import uuid

import pandas as pd
from sqlalchemy import Connection, Engine, exists, func, insert, select

from db import models as m
from db.auth import User, require_editor
from db.engine import write_transaction
from db.errors import ImportRejected
from db.write import audit
from db.write.coding import refuse
from db.write.feedback_form import check_text

I, V, C = m.Interview, m.Convener, m.Community
EARLIEST = dt.date(2019, 1, 1)  # the programme's start, as for session dates
ANSWER_MAX = 5000
NAME_MAX = 200


def question_set(conn: Connection) -> pd.DataFrame:
    """The interview questions, by number: the report's six."""
    stmt = (
        select(I.question_number, func.min(I.question).label("question"))
        .where(I.recorded_by.is_(None))
        .group_by(I.question_number)
        .order_by(I.question_number)
    )
    return pd.DataFrame(conn.execute(stmt).all(), columns=["question_number", "question"])


def _convener(conn: Connection, community_id: int, name: str, when: dt.date) -> int:
    """The convener `name` of the community (added when new), who must not have an interview on `when` yet."""
    found = conn.execute(select(V.id).where(V.community_id == community_id, func.lower(V.name) == name.lower())).first()
    if found is not None:
        if conn.execute(select(exists().where(I.convener_id == found.id, I.interviewed_on == when))).scalar():
            raise refuse("date", when, "a date this convener has no interview on yet (one interview per day)")
        return found.id
    slug = (re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")[:60] or "convener") + "-" + uuid.uuid4().hex[:6]
    return conn.execute(
        insert(V)
        .values(
            slug=slug, community_id=community_id, name=name, source="Added with an interview recorded in the dashboard"
        )
        .returning(V.id)
    ).scalar_one()


def _answers(questions: pd.DataFrame, answers: dict[int, str]) -> dict[int, str]:
    """The non-empty answers, each checked; ImportRejected listing every problem."""
    prompts = dict(zip(questions["question_number"], questions["question"]))
    kept, problems = {}, []
    for number, text in answers.items():
        if number not in prompts:
            problems.append(refuse("question", number, "a question of the interview set").problems[0])
            continue
        said, problem = check_text(f"Q{number}. {prompts[number]}", text, False, ANSWER_MAX)
        problems += [problem] if problem else []
        if said:
            kept[number] = said
    if problems:
        raise ImportRejected(problems)
    if not kept:
        raise refuse("answers", None, "at least one answered question")
    return kept


def _date(value: dt.date | None) -> dt.date:
    if not isinstance(value, dt.date) or not EARLIEST <= value <= dt.date.today():
        raise refuse("date", value, f"the interview's date, from {EARLIEST:%Y-%m-%d} to today")
    return value


def _insert_answers(
    conn: Connection,
    user: User,
    community_id: int,
    convener_id: int,
    when: dt.date,
    kept: dict[int, str],
) -> None:
    """Insert the kept answers, each with its question's prompt from the question set."""
    prompts = dict(question_set(conn).itertuples(index=False))
    source = f"interview ({when:%Y-%m-%d}), recorded in the dashboard"  # who: recorded_by
    conn.execute(
        insert(I),
        [
            {
                "convener_id": convener_id,
                "community_id": community_id,
                "question_number": n,
                "question": prompts[n],
                "answer": text,
                "source": source,
                "interviewed_on": when,
                "recorded_by": user.email,
            }
            for n, text in kept.items()
        ],
    )


def record_interview(
    engine: Engine, user: User | None, community: str, convener: str, interviewed_on: dt.date, answers: dict[int, str]
) -> int:
    """Record a convener's interview (answers by question number; empty ones left out); the number
    of answers written."""
    user = require_editor(user, community)
    name = (convener or "").strip()
    if not name or len(name) > NAME_MAX:
        raise refuse("convener", name or None, f"the convener's name (at most {NAME_MAX} characters)")
    when = _date(interviewed_on)
    with write_transaction(engine) as conn:
        community_id = conn.execute(select(C.id).where(C.name == community)).scalar()
        if community_id is None:
            raise refuse("community", community, "a community the dashboard knows")
        kept = _answers(question_set(conn), answers)
        convener_id = _convener(conn, community_id, name, when)
        _insert_answers(conn, user, community_id, convener_id, when, kept)
        audit.record(
            conn,
            user.email,
            "record_interview",
            community=community,
            detail={"convener": name, "date": when, "answers": sorted(kept)},
        )
        return len(kept)


def recorded_answers(conn: Connection, communities: list[str] | None) -> pd.DataFrame:
    """Interview answers recorded in the dashboard (all communities when None): id, community,
    convener, date, question number, question, answer."""
    stmt = (
        select(
            I.id,
            C.name.label("community"),
            V.name.label("convener"),
            I.interviewed_on,
            I.question_number,
            I.question,
            I.answer,
        )
        .join(V, V.id == I.convener_id)
        .join(C, C.id == I.community_id)
        .where(I.recorded_by.is_not(None))
        .order_by(I.interviewed_on.desc(), V.name, I.question_number)
    )
    if communities is not None:
        stmt = stmt.where(C.name.in_(communities))
    return pd.DataFrame(
        conn.execute(stmt).all(),
        columns=["id", "community", "convener", "interviewed_on", "question_number", "question", "answer"],
    )
