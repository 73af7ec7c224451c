"""Correcting or removing a session recorded on the form: who may, what may change, what stays (the
report's sessions, imported ones), and that the register summaries and audit log follow."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from sqlalchemy import select

from db import models as m
from db.engine import write_transaction
from db.errors import ImportRejected, PermissionDenied
from db.write import registers
from db.write.corrections import correct_session, recorded_sessions, remove_session
from db.write.imports.store import import_file, record_session
from tests.apptest import signed_in
from tests.editors import REGISTER, SESSIONS, count, csv, snapshot

UI, OT = "Ultrasound Imaging", "Operational Teams"


def _record(engine, user, number=4, codes=("UI-001", "UI-002"), comments=("Useful morning",)):
    return record_session(
        engine,
        user,
        {
            "community": UI,
            "number": str(number),
            "status": "held",
            "date": "2026-02-10",
            "note": "first after the pause",
        },
        [{"participant_code": c} for c in codes],
        [{"text": t} for t in comments],
    )


def _stored(engine, number=4) -> tuple:
    with engine.connect() as conn:
        return conn.execute(
            select(m.Session.status, m.Session.date, m.Session.headcount, m.Session.note)
            .join(m.Community)
            .where(m.Community.name == UI, m.Session.number == number)
        ).one()


def _recorded_numbers(engine) -> list[int]:
    with engine.connect() as conn:
        return [s.number for s in recorded_sessions(conn, UI)]


def _last_audit(engine) -> tuple[str, dict]:
    with engine.connect() as conn:
        action, detail = conn.execute(
            select(m.AuditEntry.action, m.AuditEntry.detail).order_by(m.AuditEntry.id.desc()).limit(1)
        ).one()
    return action, json.loads(detail)


def _summaries_agree_with_a_rebuild(engine) -> None:
    tables = (m.RegisterParticipant, m.RegisterSession, m.RegisterCommunity)
    with engine.connect() as conn:
        kept = {t.__tablename__: sorted(map(tuple, conn.execute(select(*t.__table__.c)))) for t in tables}
    with write_transaction(engine) as conn:
        registers.rebuild(conn)
        assert {t.__tablename__: sorted(map(tuple, conn.execute(select(*t.__table__.c)))) for t in tables} == kept


def test_a_convener_corrects_the_date_and_note_of_a_session_they_recorded(engine, editors):
    _, convener = editors
    record_session(
        engine,
        convener,
        {"community": UI, "number": "4", "status": "held", "date": "2026-02-10", "headcount": "23"},
        [],
        [],
    )
    out = correct_session(
        engine,
        convener,
        UI,
        4,
        {"status": "held", "date": dt.date(2026, 2, 11), "headcount": 32, "note": "typo in the headcount"},
    )
    assert _stored(engine) == ("held", dt.date(2026, 2, 11), 32, "typo in the headcount")
    assert out["before"]["headcount"] == 23 and out["after"]["headcount"] == 32
    action, detail = _last_audit(engine)
    assert action == "correct_session" and detail["before"]["headcount"] == 23 and detail["session"] == 4


def test_a_planned_session_is_marked_held_once_it_has_happened(engine, editors):
    _, convener = editors
    record_session(engine, convener, {"community": UI, "number": "4", "status": "planned"}, [], [])
    correct_session(engine, convener, UI, 4, {"status": "held", "date": "2026-03-02", "headcount": "17"})
    assert _stored(engine)[:3] == ("held", dt.date(2026, 3, 2), 17)


def test_a_bad_value_is_named_and_nothing_changes(engine, editors):
    _, convener = editors
    _record(engine, convener)
    before = snapshot(engine)
    soon = (dt.date.today() + dt.timedelta(days=30)).isoformat()  # 2099 is past the five years allowed
    with pytest.raises(ImportRejected) as err:
        correct_session(engine, convener, UI, 4, {"status": "held", "date": soon})
    assert f"column 'date': found '{soon}', expected a date not in the future for a held session" in str(
        err.value.problems[0]
    )
    with pytest.raises(ImportRejected) as err:
        correct_session(engine, convener, UI, 4, {"status": "maybe", "date": "2026-02-10"})
    assert "column 'status': found 'maybe', expected one of" in str(err.value.problems[0])
    assert snapshot(engine) == before


def test_a_session_with_a_register_stays_held_and_keeps_the_registers_size(engine, editors):
    _, convener = editors
    _record(engine, convener)
    with pytest.raises(ImportRejected) as err:
        correct_session(engine, convener, UI, 4, {"status": "postponed"})
    assert "expected held: session 4 has 2 on its register" in str(err.value.problems[0])
    with pytest.raises(ImportRejected) as err:
        correct_session(engine, convener, UI, 4, {"status": "held", "date": "2026-02-10", "headcount": 30})
    assert "column 'headcount': found 30, expected 2, the number on its register, or empty" in str(
        err.value.problems[0]
    )
    correct_session(engine, convener, UI, 4, {"status": "held", "date": "2026-02-10", "note": "mended"})
    assert _stored(engine) == ("held", dt.date(2026, 2, 10), 2, "mended")


def test_the_reports_sessions_and_imported_ones_are_not_changed_here(engine, editors):
    admin, _ = editors
    with pytest.raises(ImportRejected) as err:
        correct_session(engine, admin, UI, 3, {"status": "held", "date": "2020-05-01", "headcount": 12})
    assert "session 3 is from" in str(err.value.problems[0]) and "which is not changed here" in str(
        err.value.problems[0]
    )
    assert _stored(engine, 3)[0] == "postponed"  # the report's postponed session stays postponed
    import_file(engine, admin, "s.csv", csv(SESSIONS, f"{UI},5,held,2026-01-12,14,"))
    with pytest.raises(ImportRejected) as err:
        remove_session(engine, admin, UI, 5)
    assert "session 5 came from import #1: undo that import on the Import page" in str(err.value.problems[0])
    assert _recorded_numbers(engine) == []


def test_only_an_editor_of_the_community_may_correct_or_remove(engine, editors):
    admin, convener = editors
    record_session(
        engine,
        admin,
        {"community": OT, "number": "4", "status": "held", "date": "2026-02-10", "headcount": "9"},
        [],
        [],
    )
    with pytest.raises(PermissionDenied):
        correct_session(engine, convener, OT, 4, {"status": "held", "headcount": 10})
    with pytest.raises(PermissionDenied):
        remove_session(engine, convener, OT, 4)
    with pytest.raises(PermissionDenied):
        remove_session(engine, None, OT, 4)
    assert count(engine, "SELECT count(*) FROM sessions WHERE headcount = 9") == 1


def test_removing_a_session_takes_its_register_comments_and_lone_participants(engine, editors):
    _, convener = editors
    _record(engine, convener, 4, ("UI-001", "UI-002"))
    _record(engine, convener, 5, ("UI-002", "UI-003"), ("Second one",))
    removed = remove_session(engine, convener, UI, 5)
    assert removed == {
        "register lines": 2,
        "comments": 1,
        "participants": 1,  # UI-002 came to session 4 too
        "list entries": 0,
    }
    assert count(engine, "SELECT count(*) FROM participants WHERE code IN ('UI-001', 'UI-002', 'UI-003')") == 2
    assert count(engine, "SELECT count(*) FROM comments WHERE text = 'Second one'") == 0
    assert _recorded_numbers(engine) == [4]
    _summaries_agree_with_a_rebuild(engine)
    action, detail = _last_audit(engine)
    assert action == "remove_session" and detail["was"]["headcount"] == 2 and detail["session"] == 5


def test_a_session_an_import_added_to_is_removed_only_after_that_import_is_undone(engine, editors):
    _, convener = editors
    _record(engine, convener)
    import_file(engine, convener, "r.csv", csv(REGISTER, f"{UI},4,UI-009,,"))
    with pytest.raises(ImportRejected) as err:
        remove_session(engine, convener, UI, 4)
    assert "1 register lines or comments came from an import: undo that import first" in str(err.value.problems[0])


def test_the_record_page_corrects_and_removes_a_recorded_session(engine, db_url, editors):
    admin, _ = editors
    record_session(
        engine,
        admin,
        {"community": UI, "number": "4", "status": "held", "date": "2026-02-10", "headcount": "23"},
        [],
        [],
    )
    at = signed_in("record-a-session")
    at.selectbox(key="record_community").set_value(UI).run()
    assert at.selectbox(key="correct_number").value == 4
    assert "Session 4: held on 2026-02-10, 23 attending" in at.selectbox(key="correct_number").options
    at.number_input(key="correct_headcount_4").set_value(32)
    at.button(key="FormSubmitter:correct_form_4-Save corrections").click().run()
    assert not at.exception
    assert [s.value for s in at.success] == [
        "Corrected Ultrasound Imaging. Session 4: held on 2026-02-10, 32 attending."
    ]
    assert _stored(engine)[2] == 32
    assert at.button(key="remove_4").disabled  # nothing is removed until the box is ticked
    at.checkbox(key="remove_sure_4").check().run()
    at.button(key="remove_4").click().run()
    assert [s.value for s in at.success] == [
        "Removed session 4 of Ultrasound Imaging: 0 register lines and 0 comments."
    ]
    assert count(engine, "SELECT count(*) FROM sessions") == 12
    assert "No session of Ultrasound Imaging has been recorded here yet." in " ".join(c.value for c in at.caption)


def test_a_role_and_organisation_first_listed_by_a_removed_register_leave_the_lists(engine, editors):
    _, convener = editors
    listed = (
        "SELECT count(*) FROM community_roles cr JOIN communities c ON c.id = cr.community_id "
        "JOIN roles r ON r.id = cr.role_id WHERE c.name = 'Ultrasound Imaging' AND r.title = 'ASD Outreach Worker'"
    )
    record_session(
        engine,
        convener,
        {"community": UI, "number": "4", "status": "held", "date": "2026-02-10"},
        [{"participant_code": "UI-001", "role": "ASD Outreach Worker", "organisation": "Barts Health NHS Trust"}],
        [],
    )
    assert count(engine, listed) == 1
    removed = remove_session(engine, convener, UI, 4)
    assert removed["list entries"] == 2 and count(engine, listed) == 0
    assert count(engine, "SELECT count(*) FROM community_organisations WHERE source LIKE 'Recorded%'") == 0
    assert count(engine, "SELECT count(*) FROM community_roles") > 0  # the report's own lists stay
