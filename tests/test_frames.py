"""db.read.frames.read_frame gives the frame pd.read_sql gives (values and dtypes), on SQLite and PostgreSQL:
dates stored as text come back as dates, missing ones as None, booleans as booleans, IN lists bound."""

from __future__ import annotations

import datetime as dt

import pandas as pd
from sqlalchemy import insert, select

from db import models as m
from db.read.frames import read_frame

S, C, G = m.Session, m.Community, m.ProfessionalGroup


def _same(conn, stmt) -> pd.DataFrame:
    fast, slow = read_frame(conn, stmt), pd.read_sql(stmt, conn)
    pd.testing.assert_frame_equal(fast, slow)
    return fast


def test_dates_missing_values_and_in_lists_read_as_read_sql_reads_them(engine):
    with engine.begin() as conn:
        ops = conn.execute(select(C.id).where(C.name == "Operational Teams")).scalar_one()
        conn.execute(
            insert(S).values(
                community_id=ops,
                number=4,
                status="held",
                headcount=9,
                date=dt.date(2026, 1, 12),
                source="Recorded in a test",
            )
        )
    stmt = (
        select(C.name, S.number, S.headcount, S.date, S.note)
        .join(C)
        .where(C.name.in_(["Operational Teams", "Ultrasound Imaging"]))
        .order_by(C.name, S.number)
    )
    with engine.connect() as conn:
        frame = _same(conn, stmt)
    assert frame["date"].tolist()[:4] == [None, None, None, dt.date(2026, 1, 12)]
    assert frame["headcount"].isna().sum() == 1  # Ultrasound Imaging's postponed third session


def test_booleans_read_as_booleans(engine):
    with engine.connect() as conn:
        frame = _same(conn, select(G.name, G.is_patient_or_public).order_by(G.display_order))
    assert frame["is_patient_or_public"].dtype == bool and frame["is_patient_or_public"].any()


def test_an_empty_result_keeps_its_columns(engine):
    with engine.connect() as conn:
        frame = read_frame(conn, select(S.number, S.date).where(S.number > 999))
    assert list(frame.columns) == ["number", "date"] and frame.empty
