"""The database holds the report's figures exactly, and loading is safe and repeatable."""

from __future__ import annotations

import shutil

import pytest
from sqlalchemy import func, select, text

from db import models as m
from db.admin.load import COP_DATA, load_database
from db.admin.load_spec import DataFileError
from db.read import attendance, queries

EXPECTED_COUNTS = {
    "programmes": 1,
    "communities": 4,
    "conveners": 12,
    "sessions": 12,
    "value_cycles": 7,
    "value_areas": 24,
    "interviews": 36,
}
HEADCOUNTS = {
    "Patient Involvement": [(1, "held", 38), (2, "held", 32), (3, "held", 30)],
    "Rehabilitation and Personalised Care": [(1, "held", 36), (2, "held", 34), (3, "held", 24)],
    "Operational Teams": [(1, "held", 14), (2, "held", 10), (3, "held", 10)],
    "Ultrasound Imaging": [(1, "held", 15), (2, "held", 13), (3, "postponed", None)],
}


def count(conn, model) -> int:
    return conn.execute(select(func.count()).select_from(model)).scalar_one()


@pytest.mark.parametrize("table,expected", EXPECTED_COUNTS.items())
def test_table_holds_the_reports_rows(engine, table, expected):
    with engine.connect() as conn:
        assert conn.execute(text(f"SELECT count(*) FROM {table}")).scalar_one() == expected


def test_each_session_has_the_reports_status_and_headcount(engine):
    with engine.connect() as conn:
        df = attendance.attendance_by_session(conn)
    got = {
        c: list(rows[["number", "status", "headcount"]].itertuples(index=False, name=None))
        for c, rows in df.groupby("community", sort=False)
    }
    got = {c: [(n, s, None if h != h else int(h)) for n, s, h in v] for c, v in got.items()}
    assert got == HEADCOUNTS


def test_256_attendances_in_11_held_sessions_and_no_dates_invented(engine):
    with engine.connect() as conn:
        figures = queries.headline_figures(conn)
        dates = conn.execute(select(func.count()).where(m.Session.date.is_not(None))).scalar_one()
        note = conn.execute(select(m.Session.note).where(m.Session.status == "postponed")).scalar_one()
    assert figures["sessions_held"] == 11
    assert figures["attendances"] == 256
    assert figures["sessions_postponed"] == 1
    assert dates == 0
    assert "Covid-19" in note


def test_conveners_per_community(engine):
    with engine.connect() as conn:
        df = queries.conveners(conn)
    assert df.groupby("community").size().to_dict() == {
        "Patient Involvement": 3,
        "Rehabilitation and Personalised Care": 4,
        "Operational Teams": 2,
        "Ultrasound Imaging": 3,
    }


def test_26_member_comments_and_quotes_printed_twice_are_one_comment(engine):
    with engine.connect() as conn:
        df = queries.comments(conn)
    members = df[df["source"].str.contains("Community Member Comments")]
    assert len(members) == 26
    confidence = df[df["text"].str.startswith("I have even more confidence")]
    assert len(confidence) == 1
    assert "Overarching themes and achievements" in confidence["source"].iloc[0]
    link_up = df[df["text"].str.startswith("Opportunity to link up")]
    assert link_up["community"].tolist() == ["Ultrasound Imaging"]


def test_value_areas_per_cycle(engine):
    with engine.connect() as conn:
        df = queries.value_areas(conn).drop_duplicates("slug")
    assert df.groupby("value_cycle", sort=False).size().to_dict() == {
        "Immediate value": 5,
        "Potential value": 3,
        "Applied value": 4,
        "Realised value": 2,
        "Strategic value": 3,
        "Enabling value": 2,
        "Transformative value": 5,
    }


def test_six_interviews_of_six_answers(engine):
    with engine.connect() as conn:
        df = queries.interviews(conn)
    assert df.groupby("convener").size().tolist() == [6] * 6
    assert df.groupby("community")["convener"].nunique().to_dict() == {
        "Patient Involvement": 2,
        "Rehabilitation and Personalised Care": 1,
        "Operational Teams": 1,
        "Ultrasound Imaging": 2,
    }


def test_spelling_variants_resolve_to_one_canonical_organisation(engine):
    with engine.connect() as conn:
        aliases = queries.organisation_aliases(conn)
    kings = aliases[
        aliases["alias"].isin(["Kings College Hospital", "King's College Hospital", "Kings NHS Foundation Trust"])
    ]
    assert len(kings) == 3
    assert kings["organisation"].nunique() == 1


def test_organisation_types_appear_in_the_right_communities(engine):
    with engine.connect() as conn:
        df = queries.organisations_by_community(conn)
    where = df.groupby("organisation_type")["community"].agg(lambda s: set(s)).to_dict()
    everyone = set(HEADCOUNTS)
    assert where["Acute trust"] == everyone
    assert where["Cancer alliance or network"] == {
        "Patient Involvement",
        "Rehabilitation and Personalised Care",
        "Operational Teams",
    }
    assert where["Local authority"] == {"Patient Involvement"}
    assert where["National body"] == {"Patient Involvement"}
    assert where["University"] == {"Ultrasound Imaging"}
    assert where["Primary care"] == {"Patient Involvement", "Ultrasound Imaging"}
    assert where["Voluntary sector"] == {"Patient Involvement", "Rehabilitation and Personalised Care"}


def test_every_row_names_its_source(engine):
    with engine.connect() as conn:
        for table in m.Base.metadata.sorted_tables:
            if "source" in table.c:
                missing = conn.execute(
                    select(func.count()).select_from(table).where((table.c.source.is_(None)) | (table.c.source == ""))
                ).scalar_one()
                assert missing == 0, table.name


def test_loading_twice_gives_the_same_content(engine):
    def snapshot():
        with engine.connect() as conn:
            return {
                t.name: conn.execute(
                    select(*[c for c in t.c if c.name != "created_at"]).order_by(*t.primary_key.columns)
                ).all()
                for t in m.Base.metadata.sorted_tables
            }  # created_at is when, not what

    before = snapshot()
    load_database(engine)
    assert snapshot() == before


def test_malformed_file_names_file_line_and_column_and_leaves_database_unchanged(engine, tmp_path):
    data = tmp_path / "cop_data"
    shutil.copytree(COP_DATA, data)
    sessions = data / "sessions.csv"
    lines = sessions.read_text(encoding="utf-8").splitlines()
    lines[2] = lines[2].replace(",32,", ",thirty-two,")
    sessions.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(DataFileError) as err:
        load_database(engine, data)
    message = str(err.value)
    assert "sessions.csv, line 3, column 'headcount'" in message
    assert "'thirty-two'" in message and "a whole number" in message
    with engine.connect() as conn:
        assert count(conn, m.Session) == 12


def test_unknown_reference_is_reported_with_its_line(engine, tmp_path):
    data = tmp_path / "cop_data"
    shutil.copytree(COP_DATA, data)
    path = data / "conveners.csv"
    path.write_text(path.read_text(encoding="utf-8").replace("ultrasound-imaging", "ultrasound", 1), encoding="utf-8")
    with pytest.raises(DataFileError, match=r"conveners\.csv, line \d+, column 'community'.*communities\.csv"):
        load_database(engine, data)


def test_sqlite_connections_enforce_foreign_keys_and_use_wal(built_sqlite):
    # Its own SQLite engine, so that this check also runs when the suite targets PostgreSQL.
    from db.engine import make_engine

    engine = make_engine(f"sqlite:///{built_sqlite}")
    with engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() > 0
    engine.dispose()
