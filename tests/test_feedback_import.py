"""Feedback collected elsewhere, imported from CSV or XLSX: a good file lands pending under one import
batch, a bad one is refused whole naming row, column, value and expected, and the Import page's undo
removes it whole (issue 12, section 4)."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from db import models as m
from db.errors import ImportRejected, PermissionDenied
from db.write import coding, screening
from db.write.feedback_import import import_feedback
from db.write.imports import undo
from tests.editors import KCH, count, csv, xlsx

UI, OT = "Ultrasound Imaging", "Operational Teams"
MOST, BACK = "What was most valuable about today?", "What will you take back or do differently?"
HEADER = f"community,session_number,{MOST},q2,rating,role,organisation"


def _responses(engine) -> list[tuple]:
    R = m.FeedbackResponse
    with engine.connect() as conn:
        return conn.execute(select(R.status, R.link_id, R.rating, R.import_batch_id).order_by(R.id)).all()


def test_a_good_csv_lands_pending_under_one_import_batch(engine, editors):
    admin, _ = editors
    data = csv(
        HEADER, f'{UI},1,"Hearing how other trusts run lists",Try their booking,4,,"{KCH}"', f"{OT},2,Peer support,,5,,"
    )
    batch, written = import_feedback(engine, admin, "form-tool.csv", data)
    assert written == {"feedback_responses": 2, "feedback_answers": 3}
    assert _responses(engine) == [("pending", None, 4, batch), ("pending", None, 5, batch)]
    with engine.connect() as conn:
        pending = screening.pending_for(conn, admin)
    assert [a.text for a in pending[0].answers] == ["Hearing how other trusts run lists", "Try their booking"]
    assert pending[0].organisation == KCH


def test_a_good_xlsx_with_whole_number_ratings_lands_pending(engine, editors):
    admin, _ = editors
    data = xlsx(
        {"Form responses": [["Community", "Session_number", MOST, "Rating"], [UI, 1.0, "The case reviews", 3.0]]}
    )
    import_feedback(engine, admin, "form-tool.xlsx", data)
    assert [r[:3] for r in _responses(engine)] == [("pending", None, 3)]


@pytest.mark.parametrize(
    "row, column, value, expected",
    [
        (f"{UI},1,Useful,,9,,", "rating", "9", "a whole number from 1 to 5"),
        (f"{UI},99,Useful,,,,", "session_number", "99", "a stored session"),
        (f"{UI},1,<b>Useful</b>,,,,", MOST.lower(), "<b>Useful</b>", "without HTML markup"),
        (f"{UI},1,=1+1,,,,", MOST.lower(), "=1+1", "not a spreadsheet formula"),
        (f"{UI},1,Useful,,,Chief of Everything,", "role", "Chief of Everything", "one of the listed roles"),
        (f"{UI},1,,Only the optional one,,,", MOST.lower(), None, "must be answered"),
        ("Atlantis,1,Useful,,,,", "session_number", "1", "a stored session of 'Atlantis'"),
    ],
)
def test_a_bad_row_refuses_the_file_naming_row_column_value_and_expected(engine, editors, row, column, value, expected):
    admin, _ = editors
    with pytest.raises(ImportRejected) as refused:
        import_feedback(engine, admin, "bad.csv", csv(HEADER, f"{UI},1,Fine,,4,,", row))
    problem = refused.value.problems[0]
    assert (problem.row, problem.column) == (3, column)
    assert problem.value == value and expected in problem.expected
    assert (
        count(engine, "SELECT count(*) FROM feedback_responses") == 0
        and count(engine, "SELECT count(*) FROM import_batches") == 0
    )


def test_an_unknown_column_or_a_missing_session_number_is_refused(engine, editors):
    admin, _ = editors
    with pytest.raises(ImportRejected) as refused:
        import_feedback(engine, admin, "bad.csv", csv("community,session_number,favourite colour", f"{UI},1,blue"))
    assert refused.value.problems[0].column == "favourite colour"
    with pytest.raises(ImportRejected) as refused:
        import_feedback(engine, admin, "bad.csv", csv(f"community,{MOST}", f"{UI},Useful"))
    assert "missing session_number" in refused.value.problems[0].expected
    assert count(engine, "SELECT count(*) FROM feedback_responses") == 0


def test_a_convener_imports_only_for_their_own_community(engine, editors):
    _, convener = editors
    with pytest.raises(ImportRejected) as refused:
        import_feedback(engine, convener, "ot.csv", csv(HEADER, f"{OT},1,Useful,,,,"))
    assert refused.value.problems[0].column == "community"
    with pytest.raises(PermissionDenied):
        import_feedback(engine, None, "ot.csv", csv(HEADER, f"{UI},1,Useful,,,,"))
    assert count(engine, "SELECT count(*) FROM feedback_responses") == 0


def test_a_file_over_the_sessions_limit_is_refused(engine, editors):
    admin, _ = editors
    with engine.begin() as conn:
        sid = conn.execute(
            select(m.Session.id).join(m.Community).where(m.Community.name == UI, m.Session.number == 1)
        ).scalar()
        conn.execute(m.Session.__table__.update().where(m.Session.id == sid).values(headcount=1))
    with pytest.raises(ImportRejected) as refused:
        import_feedback(engine, admin, "many.csv", csv(HEADER, *[f"{UI},1,Useful {i},,,," for i in range(3)]))
    assert "at most 2" in refused.value.problems[0].expected


def test_an_imported_file_is_undone_whole_and_audited(engine, editors):
    admin, _ = editors
    data = csv(HEADER, f"{UI},1,Useful,,4,,", f"{UI},2,Also useful,,5,,")
    batch, _ = import_feedback(engine, admin, "form-tool.csv", data)
    with pytest.raises(ImportRejected):  # the same file twice
        import_feedback(engine, admin, "again.csv", data)
    removed = undo.undo_import(engine, admin, batch)
    assert removed["feedback_responses"] == 2
    assert (
        count(engine, "SELECT count(*) FROM feedback_responses") == 0
        and count(engine, "SELECT count(*) FROM feedback_answers") == 0
    )
    with engine.connect() as conn:
        actions = (
            conn.execute(
                select(m.AuditEntry.action).where(m.AuditEntry.import_batch_id == batch).order_by(m.AuditEntry.id)
            )
            .scalars()
            .all()
        )
    assert actions == ["import_feedback", "undo_import"]
    import_feedback(engine, admin, "again.csv", data)  # once undone, it may come in again


def test_the_import_page_offers_a_template_and_imports_a_feedback_file(engine, db_url, editors):
    from tests.apptest import signed_in

    at = signed_in("import-files")
    assert at.selectbox(key="feedback_programme").value
    at.file_uploader(key="feedback_upload").set_value(("form.csv", csv(HEADER, f"{UI},1,Useful,,4,,"), "text/csv"))
    at.run()
    at.button(key="feedback_go").click().run()
    assert not at.exception
    assert "1 responses, waiting for screening" in " ".join(s.value for s in at.success)
    assert _responses(engine)[0][0] == "pending"


def test_the_template_is_read_back_as_a_feedback_file(engine, editors):
    from dashboard.widgets import feedback_import as feedback_files

    programme = feedback_files.programmes()[0]
    header = feedback_files.template_csv(programme).decode("utf-8-sig").strip()
    assert header.startswith(f"community,session_number,{MOST},{BACK}")
    import_feedback(engine, editors[0], "t.csv", (header + f"\r\n{UI},1,Useful,,4,,\r\n").encode())
    assert count(engine, "SELECT count(*) FROM feedback_responses") == 1


def test_an_import_whose_answers_are_coded_is_not_undone_until_the_tags_are_removed(engine, editors):
    admin, _ = editors
    batch, _ = import_feedback(engine, admin, "coded.csv", csv(HEADER, f"{UI},1,Useful,,4,,"))
    with engine.connect() as conn:
        response_id, answer_id = conn.execute(select(m.FeedbackAnswer.response_id, m.FeedbackAnswer.id)).one()
    screening.approve(engine, admin, response_id)
    tag_id = coding.tag(engine, admin, "answer", answer_id, theme="facilitation-methods")
    with pytest.raises(ImportRejected) as refused:
        undo.undo_import(engine, admin, batch)
    assert "remove those tags on Code evidence first" in str(refused.value)
    assert count(engine, "SELECT count(*) FROM evidence_tags WHERE feedback_answer_id IS NOT NULL") == 1
    coding.untag(engine, admin, tag_id)
    assert undo.undo_import(engine, admin, batch)["feedback_responses"] == 1
