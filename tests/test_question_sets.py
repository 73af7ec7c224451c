"""Administrators edit a programme's feedback questions; the default set and answered questions stay."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from db import models as m
from db.errors import ImportRejected, PermissionDenied
from db.write import feedback, feedback_form
from db.write.question_sets import programme_questions, save_questions
from tests.editors import add_editors, count

SELCA = "SELCA Communities of Practice programme"
NOW = dt.datetime(2026, 3, 10, 12, 0)


def _questions(engine) -> tuple[bool, list[dict]]:
    with engine.connect() as conn:
        return programme_questions(conn, SELCA)


def _edited(rows: list[dict], **changes) -> list[dict]:
    return [{**r, **changes.get(f"q{i}", {})} for i, r in enumerate(rows, start=1) if changes.get(f"q{i}") != "drop"]


def test_the_first_save_gives_the_programme_its_own_set_and_leaves_the_default(engine):
    admin, _ = add_editors(engine)
    own, rows = _questions(engine)
    assert not own and [r["kind"] for r in rows] == ["text", "text", "rating", "role", "organisation"]
    save_questions(engine, admin, SELCA, _edited(rows, q2="drop", q1={"prompt": "What helped you most today?"}))
    own, after = _questions(engine)
    assert own and [r["prompt"] for r in after] == [
        "What helped you most today?",
        "How useful was today? (1 = not at all useful, 5 = very useful)",
        "Your role (optional)",
        "Your organisation (optional)",
    ]
    assert count(engine, "SELECT count(*) FROM questions") == 9  # the default's 5 are still there
    with engine.connect() as conn:
        assert feedback_form.questions(conn, 1)[0].prompt == "What helped you most today?"


def test_only_an_administrator_may_edit_questions(engine):
    _, convener = add_editors(engine)
    with pytest.raises(PermissionDenied):
        save_questions(engine, convener, SELCA, _questions(engine)[1])
    assert count(engine, "SELECT count(*) FROM question_sets") == 1


@pytest.mark.parametrize(
    "changes, expected",
    [
        ({"q1": {"prompt": "<b>Bold</b> question"}}, "plain text without HTML markup"),
        ({"q1": {"prompt": "  "}}, "Question 1: expected an answer"),
        ({"q1": {"kind": "rating"}}, "at most one rating question"),
        ({"q1": {"kind": "essay"}}, "expected one of text, rating, role, organisation"),
        ({"q1": {"max_length": 9000}}, "a length from 1 to 5000"),
        ({"q2": {"value_cycle": "Cosmic value"}}, "a value cycle's name"),
        ({"q1": "drop", "q2": "drop", "q3": "drop"}, "at least one text or rating question"),
    ],
)
def test_a_bad_set_of_questions_is_refused_whole(engine, changes, expected):
    admin, _ = add_editors(engine)
    with pytest.raises(ImportRejected) as caught:
        save_questions(engine, admin, SELCA, _edited(_questions(engine)[1], **changes))
    assert expected in "\n".join(map(str, caught.value.problems))
    assert count(engine, "SELECT count(*) FROM question_sets") == 1


def test_an_answered_question_keeps_its_kind_and_stays(engine):
    admin, _ = add_editors(engine)
    save_questions(engine, admin, SELCA, _questions(engine)[1])  # the programme's own copy
    rows = _questions(engine)[1]
    with engine.connect() as conn:
        sid = conn.execute(select(m.Session.id).where(m.Session.number == 1).limit(1)).scalar()
    token = feedback.open_link(engine, admin, sid, now=NOW)[1]
    feedback_form.submit(engine, token, {rows[0]["id"]: "Useful"}, "n" * 20, NOW)
    for changes in ({"q1": "drop"}, {"q1": {"kind": "rating"}, "q3": "drop"}):
        with pytest.raises(ImportRejected, match="1 answers refer to this question"):
            save_questions(engine, admin, SELCA, _edited(_questions(engine)[1], **changes))
    save_questions(engine, admin, SELCA, _edited(_questions(engine)[1], q1={"prompt": "What was best today?"}))
    assert _questions(engine)[1][0] | {"prompt": None} == rows[0] | {"prompt": None, "answers": 1}
