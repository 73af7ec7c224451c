"""The editors' pages through AppTest: upload and import, undo, record, add a community, audit log."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from tests.apptest import signed_in
from tests.editors import ADMIN, SESSIONS, add_editors, content, count, csv

UI = "Ultrasound Imaging"


def _upload(at: AppTest, name: str, data: bytes) -> AppTest:
    at.file_uploader(key="import_upload").set_value((name, data, "text/csv"))
    at.run()
    at.button(key="import_go").click().run()
    assert not at.exception
    return at


def test_bad_upload_lists_every_problem_as_text_and_saves_nothing(engine, db_url):
    add_editors(engine)
    at = signed_in("import-files")
    before = content(engine)  # after signing in: the sign-in itself is in the audit log
    _upload(at, "bad.csv", csv(SESSIONS, f"{UI},4,held,,-3,<b>bold</b>", f"{UI},x,held,,3,"))
    assert [e.value for e in at.error] == ["Nothing was saved: 3 problems to fix."]
    listing = at.code[0].value
    assert "bad.csv, row 2, column 'headcount': found '-3', expected a whole number from 0 to 1000" in listing
    assert "found '<b>bold</b>', expected plain text without HTML markup" in listing
    assert "bad.csv, row 3, column 'number': found 'x'" in listing
    assert content(engine) == before


def test_good_upload_is_imported_then_undone_only_when_confirmed(engine, db_url):
    add_editors(engine)
    at = signed_in("import-files")
    _upload(at, "good.csv", csv(SESSIONS, f"{UI},4,held,2026-01-12,14,"))
    assert [s.value for s in at.success] == ["Imported as import #1: 1 sessions."]
    assert count(engine, "SELECT count(*) FROM sessions") == 13
    at.file_uploader(key="import_upload").set_value(None)
    at.run()
    at.button(key="FormSubmitter:undo_form-Undo import").click().run()
    assert "Tick the box to confirm the undo." in [w.value for w in at.warning]
    assert count(engine, "SELECT count(*) FROM sessions") == 13
    at.checkbox(key="undo_sure").check()
    at.button(key="FormSubmitter:undo_form-Undo import").click().run()
    assert any(s.value.startswith("Import #1 undone: removed 1 sessions") for s in at.success)
    assert count(engine, "SELECT count(*) FROM sessions") == 12


def test_record_form_with_markup_in_the_note_saves_nothing(engine, db_url):
    add_editors(engine)
    at = signed_in("record-a-session")
    before = content(engine)  # after signing in: the sign-in itself is in the audit log
    at.selectbox(key="record_community").set_value(UI).run()
    at.text_area(key="record_note").input("<script>alert(1)</script>")
    at.number_input(key="record_headcount").set_value(5)
    at.button(key="FormSubmitter:record_form-Save session").click().run()
    assert [e.value for e in at.error] == ["Nothing was saved: 1 problem to fix."]
    assert "Session, column 'note': found '<script>alert(1)</script>'" in at.code[0].value
    assert content(engine) == before


def test_administrator_adds_a_community_after_seeing_its_close_match(engine, db_url):
    add_editors(engine)
    at = signed_in("record-a-session")
    form = "FormSubmitter:new_community-Add community"
    at.text_input(key="new_community_name").input("Ultrasound imaging.")
    at.button(key=form).click().run()
    assert any("looks like “Ultrasound Imaging”" in w.value for w in at.warning)
    assert count(engine, "SELECT count(*) FROM communities") == 4
    at.text_input(key="new_community_name").input("Primary care: Greenwich")
    at.button(key=form).click().run()
    assert "Added community “Primary care\\: Greenwich”." in [s.value for s in at.success]
    assert (
        count(
            engine,
            "SELECT count(*) FROM communities WHERE source LIKE 'Recorded in dashboard by admin@nhs.example on %'",
        )
        == 1
    )


def test_audit_log_page_lists_the_writes_newest_first(engine, db_url):
    add_editors(engine)
    at = signed_in("import-files")
    _upload(at, "good.csv", csv(SESSIONS, f"{UI},4,held,2026-01-12,14,"))
    at.switch_page("pages/audit-trail.py").run()
    log = at.dataframe[0].value
    assert list(log["action"]) == ["import", "sign_in", "save_user", "save_user"]
    assert log.iloc[0]["file_name"] == "good.csv" and log.iloc[0]["user_email"] == ADMIN
