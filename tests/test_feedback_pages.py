"""The feedback pages through AppTest: the public form (no account, nothing else of the dashboard),
the editors' links page and screening (issue 12)."""

from __future__ import annotations

import json

from sqlalchemy import select, text
from streamlit.testing.v1 import AppTest

from db import models as m
from db.write import feedback
from db.write.feedback_form import questions, submit
from tests.apptest import all_text, new_app, signed_in
from tests.editors import add_editors, count

UI = "Ultrasound Imaging"
SEND = "FormSubmitter:feedback_form-Send my answers"


def _public(token: str) -> AppTest:
    at = new_app()
    at.query_params["token"] = token
    at.run()
    assert not at.exception
    return at


def _open_link(engine) -> str:
    admin, _ = add_editors(engine)
    with engine.connect() as conn:
        sid = conn.execute(
            select(m.Session.id).join(m.Community).where(m.Community.name == UI, m.Session.number == 1)
        ).scalar_one()
    return feedback.open_link(engine, admin, sid)[1]


def _question_keys(at: AppTest) -> list[str]:
    return [w.key for w in at.text_area]


def _rating_key(engine) -> str:
    """The form's key of the default questions' 1-to-5 rating (pages/feedback_form.py keys each q<id>)."""
    with engine.connect() as conn:
        return next(f"q{q.id}" for q in questions(conn, 1) if q.kind == "rating")


def test_a_forged_token_says_the_link_is_not_valid_and_shows_no_form_and_nothing_else(engine, db_url):
    at = _public("forged-token-that-is-long-enough-to-look-real")
    assert [e.value for e in at.error] == [feedback.NOT_VALID]
    assert not at.text_area and not at.button
    assert not at.sidebar.children  # no community filter, no sign-in, no navigation entries


def test_a_member_answers_and_the_answers_land_as_pending(engine, db_url):
    token = _open_link(engine)
    at = _public(token)
    assert "**Ultrasound Imaging**, session 1" in all_text(at)
    assert not at.sidebar.children
    first, _second = _question_keys(at)
    at.text_area(key=first).input("Hearing how <b>other</b> trusts book scans")
    at.button(key=SEND).click().run()
    assert "Nothing was sent. Please check these answers:" in [e.value for e in at.error]
    assert "expected plain text without HTML markup" in all_text(at)
    assert count(engine, "SELECT count(*) FROM feedback_responses") == 0
    at.text_area(key=first).input("Hearing how other trusts book scans")
    at.radio(key=_rating_key(engine)).set_value(4)
    at.button(key=SEND).click().run()
    assert not at.exception
    assert next(s.value for s in at.success).startswith("Thank you")
    assert not at.text_area
    assert count(engine, "SELECT count(*) FROM feedback_responses WHERE status = 'pending' AND rating = 4") == 1
    at.run()  # a reload of the same form view shows the thanks again, never a second form
    assert not at.text_area


def test_an_editor_opens_a_link_and_sees_its_url_and_qr_code(engine, db_url):
    add_editors(engine)
    at = signed_in("feedback-links")
    form = at.button(key="FormSubmitter:open_link_form-Open a new link")
    form.click().run()
    assert not at.exception
    url = at.code[0].value
    assert url.startswith("http://localhost:8501/feedback?token=")
    assert len(at.get("image")) == 1
    with engine.connect() as conn:
        link = feedback.find_link(conn, url.split("token=")[1])
    assert link is not None
    assert at.button(key=f"link_{link.id}").label == "Close link"
    at.button(key=f"link_{link.id}").click().run()
    assert count(engine, "SELECT count(*) FROM feedback_links WHERE closed") == 1


def test_screening_flags_personal_data_and_approves_the_editors_redaction(engine, db_url):
    token = _open_link(engine)
    with engine.connect() as conn:
        first = questions(conn, 1)[0]
    sent = submit(engine, token, {first.id: "Ask jo.bloggs@nhs.net for the slides"}, "n" * 20)
    at = signed_in("screen-feedback")
    assert "Looks like personal data: e-mail address: jo.bloggs@nhs.net" in all_text(at).replace("\u2060", "")
    answer = next(w for w in at.text_area if w.key.startswith("answer_"))
    answer.input("Ask [the convener] for the slides")
    at.button(key=f"FormSubmitter:screen_{sent}-Approve (with my edits)").click().run()
    assert not at.exception
    assert "Approved the answers of response #1." in [s.value for s in at.success]
    with engine.connect() as conn:
        assert conn.execute(select(m.FeedbackAnswer.text)).scalar_one() == "Ask [the convener] for the slides"
        detail = conn.execute(text("SELECT detail FROM audit_log WHERE action = 'approve_feedback'")).scalar_one()
    assert "jo.bloggs@nhs.net" in json.loads(detail)["redacted"]["1"]["original"]


def test_member_voice_shows_approved_answers_with_their_source_and_nothing_unscreened(engine, db_url):
    from db.write import screening

    token = _open_link(engine)
    admin = add_editors(engine)[0]
    with engine.connect() as conn:
        first = questions(conn, 1)[0]
    sent = {
        text: submit(engine, token, {first.id: text}, f"{text[:6]}-nonce-0000000")
        for text in ("Approved words", "Rejected words", "Pending words")
    }
    screening.approve(engine, admin, sent["Approved words"])
    screening.reject(engine, admin, sent["Rejected words"])
    at = new_app()
    at.query_params["community"] = UI
    at.run()
    at.switch_page("pages/comments-and-quotes.py").run()
    assert not at.exception
    shown = all_text(at).replace("\u2060", "")
    assert "“Approved words”" in shown
    assert "Ultrasound Imaging, feedback form, session 1: “What was most valuable about today?”" in shown
    assert "Rejected words" not in shown and "Pending words" not in shown


def test_an_administrator_gives_the_programme_its_own_questions(engine, db_url):
    add_editors(engine)
    at = signed_in("feedback-questions")
    assert "uses the default questions" in all_text(at)
    at.button(key="save_questions").click().run()
    assert not at.exception
    assert any(s.value.startswith("Saved the questions of SELCA") for s in at.success)
    assert count(engine, "SELECT count(*) FROM question_sets WHERE programme_id IS NOT NULL") == 1
    assert count(engine, "SELECT count(*) FROM questions") == 10
