"""End-of-meeting feedback in the database: links and their tokens, the checks on every answer, the
limits, and screening with its rights and audit trail (issue 12)."""

from __future__ import annotations

import datetime as dt
import hashlib
import importlib.util
import json

import pytest
from sqlalchemy import Engine, select, text, update

from db import models as m
from db.admin.load import read_cop_data
from db.engine import write_transaction
from db.errors import ImportRejected, PermissionDenied
from db.write import feedback, feedback_form, screening
from db.write.feedback import FeedbackRefused
from db.write.feedback_form import submit
from tests.apptest import ROOT
from tests.editors import content, count

UI, OT = "Ultrasound Imaging", "Operational Teams"
NOW = dt.datetime(2026, 3, 10, 12, 0)
KCH = "King's College Hospital NHS Foundation Trust"


def _session_id(engine: Engine, community: str = UI, number: int = 1) -> int:
    with engine.connect() as conn:
        return conn.execute(
            select(m.Session.id).join(m.Community).where(m.Community.name == community, m.Session.number == number)
        ).scalar_one()


def _questions(engine: Engine) -> dict[int, feedback_form.Question]:
    with engine.connect() as conn:
        return {q.position: q for q in feedback_form.questions(conn, 1)}


def _answers(engine: Engine, **by_position) -> dict[int, object]:
    qs = _questions(engine)
    return {qs[int(k[1:])].id: v for k, v in by_position.items()}


@pytest.fixture()
def link(engine, editors):
    """An open link on Ultrasound Imaging's first session (undated: open from NOW for 14 days)."""
    admin, _ = editors
    return feedback.open_link(engine, admin, _session_id(engine), now=NOW)


def _good(engine, **extra):
    return _answers(engine, q1="Meeting the sonographers from other trusts", q3=4, **extra)


def test_open_link_gives_an_unguessable_token_and_stores_only_its_hash(engine, link):
    link_id, token = link
    assert len(token) >= 43  # 32 random bytes: 256 bits
    dump = repr(content(engine))
    assert token not in dump
    assert hashlib.sha256(token.encode()).hexdigest() in dump
    with engine.connect() as conn:
        assert feedback.find_link(conn, token).id == link_id
        assert feedback.find_link(conn, token[:-1] + ("A" if token[-1] != "A" else "B")) is None


def test_default_window_runs_from_the_sessions_date_or_now_for_fourteen_days(engine, editors):
    admin, _ = editors
    sid = _session_id(engine, UI, 2)
    with write_transaction(engine) as conn:
        conn.execute(update(m.Session).where(m.Session.id == sid).values(date=dt.date(2026, 3, 9)))
    feedback.open_link(engine, admin, sid, now=NOW)
    feedback.open_link(engine, admin, _session_id(engine, UI, 1), now=NOW)
    with engine.connect() as conn:
        rows = conn.execute(
            select(m.FeedbackLink.session_id, m.FeedbackLink.opens_at, m.FeedbackLink.closes_at).order_by(
                m.FeedbackLink.id
            )
        ).all()
    assert rows[0][1:] == (dt.datetime(2026, 3, 9), dt.datetime(2026, 3, 23))
    assert rows[1][1:] == (NOW, NOW + dt.timedelta(days=14))


def test_a_window_already_over_is_refused(engine, editors):
    admin, _ = editors
    with pytest.raises(ImportRejected, match="an end in the future"):
        feedback.open_link(
            engine, admin, _session_id(engine), NOW - dt.timedelta(days=9), NOW - dt.timedelta(days=1), now=NOW
        )
    assert count(engine, "SELECT count(*) FROM feedback_links") == 0


def test_good_submission_is_stored_as_pending(engine, link):
    _, token = link
    rid = submit(engine, token, _good(engine, q4="Sonographer", q5=KCH), "n" * 20, NOW)
    with engine.connect() as conn:
        row = conn.execute(select(m.FeedbackResponse).where(m.FeedbackResponse.id == rid)).one()
        texts = conn.execute(select(m.FeedbackAnswer.text)).scalars().all()
    assert (row.status, row.rating, row.role_id is not None, row.organisation_id is not None) == (
        "pending",
        4,
        True,
        True,
    )
    assert texts == ["Meeting the sonographers from other trusts"]


@pytest.mark.parametrize(
    "token, when, closed, message",
    [
        ("forged-token-that-is-long-enough-to-look-real", NOW, False, "is not valid"),
        (None, NOW, True, "is closed"),
        (None, NOW - dt.timedelta(hours=1), False, r"is not open until 10 March 2026, 12:00 \(UTC\)"),
        (None, NOW + dt.timedelta(days=14), False, "has expired"),
    ],
)
def test_a_link_that_cannot_take_answers_says_why_and_stores_nothing(
    engine, editors, link, token, when, closed, message
):
    link_id, real = link
    if closed:
        feedback.close_link(engine, editors[0], link_id)
    with pytest.raises(FeedbackRefused, match=message):
        submit(engine, token or real, _good(engine), "n" * 20, when)
    assert count(engine, "SELECT count(*) FROM feedback_responses") == 0


@pytest.mark.parametrize(
    "answers, expected",
    [
        ({"q1": "   "}, "What was most valuable about today?: expected an answer"),
        ({"q1": "x" * 2001}, "found '2001 characters', expected at most 2000 characters"),
        ({"q1": "<script>alert(1)</script>"}, "expected plain text without HTML markup"),
        ({"q1": '=HYPERLINK("http://x")'}, "not a spreadsheet formula"),
        ({"q1": "ok\x00"}, "without control characters (found U+0000)"),
        ({"q1": "ok", "q3": 7}, "found 7, expected a whole number from 1 to 5"),
        ({"q1": "ok", "q3": "4.5"}, "expected a whole number from 1 to 5"),
        ({"q1": "ok", "q4": "Astronaut"}, "found 'Astronaut', expected one of the listed roles"),
        ({"q1": "ok", "q5": "Acme Ltd"}, "expected one of the listed organisations"),
    ],
)
def test_bad_answers_are_refused_with_a_message_naming_the_question(engine, link, answers, expected):
    with pytest.raises(ImportRejected) as caught:
        submit(engine, link[1], _answers(engine, **answers), "n" * 20, NOW)
    assert expected in "\n".join(map(str, caught.value.problems))
    assert count(engine, "SELECT count(*) FROM feedback_responses") == 0


def test_the_same_form_view_cannot_submit_twice(engine, link):
    submit(engine, link[1], _good(engine), "n" * 20, NOW)
    with pytest.raises(FeedbackRefused, match="already been received"):
        submit(engine, link[1], _good(engine), "n" * 20, NOW + dt.timedelta(minutes=5))
    assert count(engine, "SELECT count(*) FROM feedback_responses") == 1


def test_a_flood_is_limited_per_minute_and_in_all(engine, link):
    sid = _session_id(engine)
    with write_transaction(engine) as conn:  # headcount 3: the link takes 6 answers in all
        conn.execute(update(m.Session).where(m.Session.id == sid).values(headcount=3))
    for i in range(feedback_form.PER_MINUTE):
        submit(engine, link[1], _good(engine), f"minute-one-{i:08d}", NOW + dt.timedelta(seconds=i))
    with pytest.raises(FeedbackRefused, match="wait a minute"):
        submit(engine, link[1], _good(engine), "minute-one-flood-x", NOW + dt.timedelta(seconds=30))
    later = NOW + dt.timedelta(minutes=2)
    submit(engine, link[1], _good(engine), "minute-three-00001", later)
    with pytest.raises(FeedbackRefused, match="taken all the answers it can"):
        submit(engine, link[1], _good(engine), "minute-three-00002", later + dt.timedelta(minutes=2))
    assert count(engine, "SELECT count(*) FROM feedback_responses") == 6


def test_opening_a_new_link_closes_the_old_one_and_reopening_closes_the_new(engine, editors, link):
    admin, _ = editors
    _new_id, new_token = feedback.open_link(engine, admin, _session_id(engine), now=NOW)
    with pytest.raises(FeedbackRefused, match="is closed"):
        submit(engine, link[1], _good(engine), "n" * 20, NOW)
    feedback.reopen_link(engine, admin, link[0], now=NOW)
    with pytest.raises(FeedbackRefused, match="is closed"):
        submit(engine, new_token, _good(engine), "n" * 20, NOW)
    submit(engine, link[1], _good(engine), "n" * 20, NOW)


def test_reopening_an_expired_link_gives_it_fourteen_more_days(engine, editors, link):
    later = NOW + dt.timedelta(days=20)
    assert feedback.reopen_link(engine, editors[0], link[0], now=later) == later + dt.timedelta(days=14)
    submit(engine, link[1], _good(engine), "n" * 20, later)


def test_a_convener_of_another_community_is_refused_inside_every_write(engine, editors, link):
    _, ui_convener = editors
    ot_session = _session_id(engine, OT)
    admin = editors[0]
    ot_link, ot_token = feedback.open_link(engine, admin, ot_session, now=NOW)
    rid = submit(engine, ot_token, _good(engine), "n" * 20, NOW)
    before = count(engine, "SELECT count(*) FROM audit_log")
    for write in (
        lambda: feedback.open_link(engine, ui_convener, ot_session, now=NOW),
        lambda: feedback.close_link(engine, ui_convener, ot_link),
        lambda: feedback.reopen_link(engine, ui_convener, ot_link, now=NOW),
        lambda: screening.approve(engine, ui_convener, rid),
        lambda: screening.reject(engine, ui_convener, rid),
        lambda: feedback.open_link(engine, None, ot_session, now=NOW),
    ):
        with pytest.raises(PermissionDenied):
            write()
    assert count(engine, "SELECT count(*) FROM audit_log") == before
    with engine.connect() as conn:
        assert screening.pending_for(conn, ui_convener) == []
        assert [r.id for r in screening.pending_for(conn, admin)] == [rid]
        with pytest.raises(PermissionDenied):
            screening.pending_for(conn, None)
    feedback.close_link(engine, ui_convener, link[0])  # their own community's link


def _audit(engine) -> list[tuple[str, dict]]:
    with engine.connect() as conn:
        return [
            (a, json.loads(d or "{}"))
            for a, d in conn.execute(text("SELECT action, detail FROM audit_log ORDER BY id"))
        ]


def test_screening_is_audited_and_a_redactions_original_is_kept_only_in_the_audit_log(engine, editors, link):
    _, convener = editors
    secret = "Ask jo.bloggs@nhs.net about the rota"
    rid = submit(engine, link[1], _answers(engine, q1=secret, q2="Try the checklist"), "n" * 20, NOW)
    with engine.connect() as conn:
        (pending,) = screening.pending_for(conn, convener)
    first = pending.answers[0]
    assert (first.prompt, first.text) == ("What was most valuable about today?", secret)
    screening.approve(engine, convener, rid, {first.id: "Ask [name removed] about the rota"})
    tables = content(engine, skip=("audit_log",))
    assert secret not in repr(tables)
    with engine.connect() as conn:
        stored = conn.execute(
            select(m.FeedbackAnswer.text, m.FeedbackAnswer.redacted).order_by(m.FeedbackAnswer.id)
        ).all()
    assert [tuple(r) for r in stored] == [("Ask [name removed] about the rota", True), ("Try the checklist", False)]
    action, detail = _audit(engine)[-1]
    assert action == "approve_feedback"
    assert detail["redacted"] == {str(first.id): {"original": secret, "kept": "Ask [name removed] about the rota"}}
    screening.undo_screening(engine, convener, rid)
    screening.reject(engine, convener, rid)
    with pytest.raises(ImportRejected, match="a pending response"):
        screening.approve(engine, convener, rid)
    assert [a for a, _ in _audit(engine)] == [
        "save_user",
        "save_user",
        "open_feedback_link",
        "feedback_received",
        "approve_feedback",
        "undo_feedback_screening",
        "reject_feedback",
    ]


def test_a_bad_redaction_is_refused_and_changes_nothing(engine, editors, link):
    rid = submit(engine, link[1], _good(engine), "n" * 20, NOW)
    with engine.connect() as conn:
        (pending,) = screening.pending_for(conn, editors[0])
    with pytest.raises(ImportRejected, match="HTML markup"):
        screening.approve(engine, editors[0], rid, {pending.answers[0].id: "<b>hi</b>"})
    with engine.connect() as conn:
        assert [r.id for r in screening.pending_for(conn, editors[0])] == [rid]


def test_the_migration_writes_the_same_default_questions_as_cop_data():
    path = ROOT / "migrations" / "versions" / "0006_feedback.py"
    spec = importlib.util.spec_from_file_location("m0006", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    data = read_cop_data()
    cycles = {row["id"]: row["slug"] for row in data["value_cycles"]}
    from_csv = [
        (q["position"], q["kind"], q["prompt"], cycles.get(q["value_cycle_id"]), q["required"], q["max_length"])
        for q in data["questions"]
    ]
    assert from_csv == module.QUESTIONS
    (qs,) = data["question_sets"]
    assert {k: qs[k] for k in ("slug", "name", "source")} == {
        k: module.QUESTION_SET[k] for k in ("slug", "name", "source")
    }


def test_approved_answers_name_their_source_and_leave_out_everything_unscreened(engine, editors, link):
    from db.read.feedback_queries import approved_answers

    sid = _session_id(engine)
    with write_transaction(engine) as conn:
        conn.execute(update(m.Session).where(m.Session.id == sid).values(date=dt.date(2026, 3, 10)))
    kept = submit(engine, link[1], _good(engine, q4="Sonographer"), "a" * 20, NOW)
    submit(engine, link[1], _answers(engine, q1="Not screened yet"), "b" * 20, NOW)
    gone = submit(engine, link[1], _answers(engine, q1="Rejected"), "c" * 20, NOW)
    screening.approve(engine, editors[0], kept)
    screening.reject(engine, editors[0], gone)
    with engine.connect() as conn:
        df = approved_answers(conn, community=UI)
        assert approved_answers(conn, community=OT).empty
    assert df[["text", "source", "value_cycle"]].values.tolist() == [
        ["Meeting the sonographers from other trusts", "feedback form, session 1 (2026-03-10)", "Immediate value"]
    ]
    assert "role" not in df.columns and "rating" not in df.columns


def test_only_the_feedback_modules_read_answers_so_nothing_unscreened_reaches_a_view():
    """A tripwire for the privacy rule: answers are read by the form, screening and question editing,
    and for the views only through db.read.feedback_queries (approved answers). A new reader must be
    reviewed and added here."""
    readers = {
        str(path.relative_to(ROOT))
        for folder in ("db", "dashboard", "pages")
        for path in (ROOT / folder).rglob("*.py")
        if any(
            name in path.read_text(encoding="utf-8")
            for name in ("FeedbackAnswer", "feedback_answers", "FeedbackResponse", "feedback_responses")
        )
    }
    assert readers == {
        "db/models/__init__.py",
        "db/models/feedback.py",
        "db/models/value.py",  # the schema: an evidence tag may point at an answer
        "db/write/feedback.py",
        "db/write/feedback_links.py",  # answers counted by status for their editors, never their text
        "db/write/feedback_form.py",
        "db/write/screening.py",
        "db/write/question_sets.py",
        "db/read/feedback_queries.py",
        "db/read/evidence.py",  # the codebook counts tags on approved answers, never reads one
        "db/write/feedback_import.py",
        "db/write/imports/undo.py",  # a file's responses, imported and undone
        "db/read/feedback_figures.py",
    }  # approved responses counted per session, never read
