"""The register summaries stay in step with the registers through every write: imports in any order of
session numbers, the session form, and undo. Each state is checked against what a user reads (new and
returning participants per session, repeat attenders) and against a full rebuild."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from db import models as m
from db.engine import write_transaction
from db.read import attendance
from db.write import registers
from db.write.imports.store import import_file, record_session
from db.write.imports.undo import undo_import
from tests.editors import REGISTER, SESSIONS, add_editors, csv

UI = "Ultrasound Imaging"
TABLES = (m.RegisterParticipant, m.RegisterSession, m.RegisterCommunity)


@pytest.fixture
def admin(engine):
    return add_editors(engine)[0]


def _summary_rows(conn) -> dict[str, list]:
    return {t.__tablename__: sorted(map(tuple, conn.execute(select(*t.__table__.c)).all())) for t in TABLES}


def _read(engine) -> tuple[list, list]:
    """What the Attendance page shows: (number, new, returning) per session; (participants, 2+)."""
    with engine.connect() as conn:
        by_session = attendance.register_by_session(conn, community=UI)
        repeat = attendance.repeat_attenders(conn, community=UI)
        kept = _summary_rows(conn)
    with write_transaction(engine) as conn:  # a rebuild from the registers must agree, row for row
        registers.rebuild(conn)
        assert _summary_rows(conn) == kept
    return (
        by_session[["number", "new_participants", "returning_participants"]].values.tolist(),
        repeat[["participants", "two_or_more"]].values.tolist(),
    )


def _register(*lines: str) -> bytes:
    return csv(REGISTER, *(f"{UI},{line},," for line in lines))


def test_a_register_for_an_earlier_session_added_later_moves_who_counts_as_new(engine, admin):
    import_file(engine, admin, "s.csv", csv(SESSIONS, f"{UI},4,held,2026-01-12,,", f"{UI},5,held,2026-04-12,,"))
    import_file(engine, admin, "r5.csv", _register("5,UI-001", "5,UI-002"))
    assert _read(engine) == ([[5, 2, 0]], [[2, 0]])
    later = import_file(engine, admin, "r4.csv", _register("4,UI-001", "4,UI-003"))
    assert _read(engine) == ([[4, 2, 0], [5, 1, 1]], [[3, 1]])
    undo_import(engine, admin, later.batch_id)
    assert _read(engine) == ([[5, 2, 0]], [[2, 0]])


def test_a_session_recorded_on_the_form_counts_returning_participants(engine, admin):
    import_file(engine, admin, "s.csv", csv(SESSIONS, f"{UI},4,held,2026-01-12,,"))
    import_file(engine, admin, "r4.csv", _register("4,UI-001", "4,UI-002"))
    record_session(
        engine,
        admin,
        {"community": UI, "number": "5", "status": "held", "date": "2026-04-12"},
        [{"participant_code": "UI-002"}, {"participant_code": "UI-009"}],
        [],
    )
    assert _read(engine) == ([[4, 2, 0], [5, 1, 1]], [[3, 1]])


def test_undoing_the_sessions_import_leaves_no_summary_behind(engine, admin):
    sessions = import_file(engine, admin, "s.csv", csv(SESSIONS, f"{UI},4,held,2026-01-12,,"))
    register = import_file(engine, admin, "r4.csv", _register("4,UI-001"))
    undo_import(engine, admin, register.batch_id)
    undo_import(engine, admin, sessions.batch_id)
    with engine.connect() as conn:
        assert _summary_rows(conn) == {t.__tablename__: [] for t in TABLES}


def test_a_register_written_outside_the_dashboard_shows_after_the_rebuild_command(engine, db_url, capsys):
    with engine.begin() as conn:  # as an outside tool would: straight into the tables
        ui = conn.execute(select(m.Community.id).where(m.Community.name == UI)).scalar_one()
        sid = conn.execute(
            m.Session.__table__.insert().values(
                community_id=ui, number=4, status="held", headcount=2, source="Outside tool"
            )
        ).inserted_primary_key[0]
        conn.execute(m.Participant.__table__.insert(), [{"id": 901, "code": "X-1"}, {"id": 902, "code": "X-2"}])
        conn.execute(m.Attendance.__table__.insert(), [{"session_id": sid, "participant_id": p} for p in (901, 902)])
    with engine.connect() as conn:  # not yet summarised: the page would show no register
        assert attendance.register_by_session(conn, community=UI).empty
    assert registers.main(["--url", db_url]) == 0
    assert "1 sessions with a register" in capsys.readouterr().out
    assert _read(engine) == ([[4, 2, 0]], [[2, 0]])


def test_a_new_participant_at_two_sessions_of_one_import_is_new_then_returning(engine, admin):
    import_file(engine, admin, "s.csv", csv(SESSIONS, f"{UI},4,held,2026-01-12,,", f"{UI},5,held,2026-04-12,,"))
    import_file(engine, admin, "r.csv", _register("5,UI-010", "4,UI-010", "4,UI-011"))
    assert _read(engine) == ([[4, 2, 0], [5, 0, 1]], [[2, 1]])


def test_more_lines_for_a_session_that_already_has_a_register_are_counted_with_it(engine, admin):
    import_file(engine, admin, "s.csv", csv(SESSIONS, f"{UI},4,held,2026-01-12,,", f"{UI},5,held,2026-04-12,,"))
    import_file(engine, admin, "r4.csv", _register("4,UI-001"))
    import_file(engine, admin, "r5.csv", _register("5,UI-001", "5,UI-002"))
    import_file(engine, admin, "more.csv", _register("4,UI-003", "5,UI-004"))
    assert _read(engine) == ([[4, 2, 0], [5, 2, 1]], [[4, 1]])
