"""The import's checks give the same row, column, value and expected text however they are computed
(once per distinct value, on whole columns): every row still gets its own message, in file order, and
the limits on how many problems are listed hold."""

from __future__ import annotations

import pytest

from db.errors import ImportRejected
from db.write.imports.store import import_file
from db.write.imports.upload import MAX_PROBLEMS
from tests.editors import COMMENTS, KCH, REGISTER, SESSIONS, add_editors, count, csv, snapshot, xlsx

UI = "Ultrasound Imaging"
BARTS = "Barts Health NHS Trust"
SESSIONS_4_5_6 = csv(SESSIONS, f"{UI},4,held,2026-01-12,,", f"{UI},5,planned,,,", f"{UI},6,held,2026-02-09,,")
STORED_REGISTER = csv(REGISTER, f"{UI},4,UI-001,Sonographer,{KCH}", f"{UI},4,UI-002,,")


@pytest.fixture()
def convener(engine):
    _, user = add_editors(engine)
    import_file(engine, user, "sessions.csv", SESSIONS_4_5_6)
    return user


def _problems(engine, user, name: str, data: bytes) -> list:
    before = snapshot(engine)
    with pytest.raises(ImportRejected) as err:
        import_file(engine, user, name, data)
    assert snapshot(engine) == before
    return err.value.problems


def test_every_row_with_the_same_unknown_organisation_gets_its_own_message_up_to_the_limit(engine, convener):
    rows = [f"{UI},4,UI-{i:03d},,Kings Colege Hospital" for i in range(1, 251)]
    problems = _problems(engine, convener, "r.csv", csv(REGISTER, *rows))
    assert len(problems) == MAX_PROBLEMS
    assert [p.row for p in problems] == list(range(2, 2 + MAX_PROBLEMS))
    assert {(p.column, p.value, p.expected) for p in problems} == {
        (
            "organisation",
            "Kings Colege Hospital",
            f"a known organisation (did you mean {KCH!r}?); add a new one on the Record a session page first",
        )
    }


def test_cell_problems_stop_being_collected_after_the_row_that_reaches_the_limit(engine, convener):
    rows = [f"{UI},x,John Smith {i},=SUM(A1:A9)," for i in range(1, 101)]
    problems = _problems(engine, convener, "r.csv", csv(REGISTER, *rows))
    assert len(problems) == MAX_PROBLEMS  # three a row: row 68, the 67th, takes the list past 200
    assert (problems[-1].row, problems[-1].column) == (68, "participant_code")
    assert [(p.row, p.column, p.value) for p in problems[:3]] == [
        (2, "session_number", "x"),
        (2, "participant_code", "John Smith 1"),
        (2, "role", "=SUM(A1:A9)"),
    ]
    assert problems[0].expected == "a whole number from 1 to 999"
    assert problems[2].expected == "plain text, not a spreadsheet formula (remove the leading '=')"


def test_register_checks_against_stored_data_are_listed_row_by_row_in_file_order(engine, convener):
    import_file(engine, convener, "register.csv", STORED_REGISTER)
    data = csv(
        REGISTER,
        f"{UI},9,UI-010,,",  # row 2: no such session
        "ultrasound imaging,5,UI-011,,",  # row 3: planned, as typed
        f"{UI},1,UI-012,,",  # row 4: headcount from the report
        f"{UI},4,UI-001,Lead Sonographer,",  # row 5: stored with another role
        f"{UI},4,UI-020,,{KCH}",  # row 6: fine on its own
        f"{UI},6,UI-020,,{BARTS}",  # row 7: another organisation
        f"{UI},4,UI-002,,",  # row 8: already stored: skipped
        f"{UI},6,UI-030,Chief Wizard,Kings Colege Hospital",  # row 9: two unknown names
        f"{UI},3,UI-031,,",
    )  # row 10: postponed
    found = [(p.row, p.column, p.value) for p in _problems(engine, convener, "r.csv", data)]
    assert found == [
        (2, "session_number", 9),
        (3, "session_number", 5),
        (4, "session_number", 1),
        (5, "participant_code", "UI-001"),
        (7, "participant_code", "UI-020"),
        (9, "role", "Chief Wizard"),
        (9, "organisation", "Kings Colege Hospital"),
        (10, "session_number", 3),
    ]


def test_register_messages_name_the_community_as_typed_and_the_stored_session(engine, convener):
    data = csv(REGISTER, "ultrasound imaging,9,UI-010,,", f"{UI},5,UI-011,,", f"{UI},1,UI-012,,")
    texts = [str(p) for p in _problems(engine, convener, "r.csv", data)]
    assert texts[0] == (
        "r.csv, row 2, column 'session_number': found 9, expected a session of ultrasound "
        "imaging listed in the file's sessions or already stored"
    )
    assert texts[1] == (
        "r.csv, row 3, column 'session_number': found 5, expected a held session (session 5 is planned)"
    )
    assert texts[2].startswith(
        "r.csv, row 4, column 'session_number': found 1, expected a session without "
        "a headcount from the report (session 1 has 15 attending, from: Appendix 1"
    )


def test_stored_participants_and_repeats_are_skipped_and_reported_while_new_rows_are_written(engine, convener):
    import_file(engine, convener, "register.csv", STORED_REGISTER)
    data = csv(
        REGISTER,
        f"{UI},4,UI-001,,",
        f"{UI},6,UI-001,Sonographer,{KCH}",
        f"{UI},4,UI-002,,",
        f"{UI},6,UI-002,,",
        f"{UI},6,UI-040,Sonographer,{BARTS}",
    )
    outcome = import_file(engine, convener, "register-2.csv", data)
    assert outcome.duplicates == [
        "register-2.csv, row 2: UI-001 is already on the register of session 4 (skipped)",
        "register-2.csv, row 4: UI-002 is already on the register of session 4 (skipped)",
    ]
    assert (outcome.written["attendances"], outcome.written["participants"]) == (3, 1)
    assert count(engine, "SELECT headcount FROM sessions WHERE number = 6 AND source LIKE 'Imported%'") == 3
    assert count(engine, "SELECT count(*) FROM participants WHERE code = 'UI-001'") == 1


def test_stored_comment_is_skipped_and_a_comment_for_a_missing_session_is_refused(engine, convener):
    import_file(engine, convener, "c.csv", csv(COMMENTS, f"{UI},4,Useful session,", f"{UI},,General remark,"))
    outcome = import_file(
        engine,
        convener,
        "c2.csv",
        csv(COMMENTS, f"{UI},4,Useful session,", f"{UI},,General remark,", f"{UI},6,Useful session,"),
    )
    assert outcome.written["comments"] == 1
    assert outcome.duplicates == [
        "c2.csv, row 2: this comment is already stored (skipped)",
        "c2.csv, row 3: this comment is already stored (skipped)",
    ]
    found = _problems(engine, convener, "c3.csv", csv(COMMENTS, f"{UI},9,Another,"))
    assert [(p.row, p.column, p.value) for p in found] == [(2, "session_number", 9)]


def test_a_stored_session_number_in_the_file_names_the_next_free_number(engine, convener):
    found = _problems(engine, convener, "s.csv", csv(SESSIONS, f"{UI},5,held,2026-01-12,,", f"{UI},7,planned,,,"))
    assert [str(p) for p in found] == [
        "s.csv, row 2, column 'number': found 5, expected a session number not already used in "
        "Ultrasound Imaging (session 5 is stored as planned, undated; next free is 7)"
    ]


def test_workbook_numbers_and_text_in_one_column_are_each_checked_as_written(engine, convener):
    book = xlsx(
        {
            "register": [
                REGISTER.split(","),
                [UI, 4, "UI-050", None, None],
                [UI, 4.0, "UI-051", None, None],
                [UI, "4", "UI-052", None, None],
                [UI, 4.5, "UI-053", None, None],
                [UI, 1, "UI-054", None, None],
                [UI, True, "UI-055", None, None],
            ]
        }
    )
    problems = _problems(engine, convener, "r.xlsx", book)
    found = [(p.row, p.column, p.value) for p in problems]
    # 1 is session 1 (whose headcount the report gives, so no register may replace it); True is not
    assert found == [(5, "session_number", 4.5), (6, "session_number", 1), (7, "session_number", True)]
    assert "a session without a headcount from the report" in problems[1].expected


def test_many_rows_of_an_unknown_community_each_get_a_message(engine, convener):
    rows = [f"Ultrasound Imagine,4,UI-{i:03d},," for i in range(1, 11)]
    found = _problems(engine, convener, "r.csv", csv(REGISTER, *rows))
    assert [(p.row, p.column) for p in found] == [(r, "community") for r in range(2, 12)]
    assert all("did you mean 'Ultrasound Imaging'" in p.expected for p in found)


def test_an_import_leaves_the_garbage_collector_as_it_found_it_even_when_refused(engine, convener):
    import gc

    import_file(engine, convener, "r.csv", csv(REGISTER, f"{UI},4,UI-001,,"))
    assert gc.isenabled()
    with pytest.raises(ImportRejected):
        import_file(engine, convener, "bad.csv", csv(REGISTER, f"{UI},9,UI-002,,"))
    assert gc.isenabled()
    gc.disable()
    try:
        import_file(engine, convener, "r2.csv", csv(REGISTER, f"{UI},6,UI-003,,"))
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_a_file_is_read_checked_and_written_with_the_collector_paused(engine, convener, monkeypatch):
    import gc

    from db.write.imports import store

    seen = []
    for name in ("read_upload", "plan_from_sheets", "write"):
        real = getattr(store, name)

        def watched(*args, _real=real, **kwargs):
            seen.append(gc.isenabled())
            return _real(*args, **kwargs)

        monkeypatch.setattr(store, name, watched)
    outcome = import_file(engine, convener, "r.csv", csv(REGISTER, f"{UI},4,UI-001,,"))
    assert outcome.written["attendances"] == 1
    assert seen == [False, False, False]
    assert gc.isenabled()
