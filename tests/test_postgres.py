"""Moving to another database server: db.admin.transfer copies every row of a SQLite database into an empty
one (PostgreSQL when TEST_DATABASE_URL names a server, else another SQLite file), and the copy works."""

from __future__ import annotations

import os
import shutil

import pytest
from sqlalchemy import insert, select

from db import models as m
from db.admin.transfer import TransferRefused, check, transfer
from db.engine import make_engine
from db.read import attendance, queries

SERVER = os.environ.get("TEST_DATABASE_URL")


@pytest.fixture()
def source(built_sqlite, tmp_path):
    path = tmp_path / "source.sqlite3"
    shutil.copyfile(built_sqlite, path)
    engine = make_engine(f"sqlite:///{path}")
    yield engine
    engine.dispose()


@pytest.fixture()
def target(tmp_path, request):
    if SERVER:
        from tests.pgserver import empty_database

        url = empty_database(request.getfixturevalue("built_server"), "_transfer")
    else:
        url = f"sqlite:///{tmp_path / 'target.sqlite3'}"
    engine = make_engine(url)
    yield engine
    engine.dispose()


def _rows(engine, table) -> list[tuple]:
    with engine.connect() as conn:
        return [tuple(r) for r in conn.execute(select(table).order_by(*table.primary_key))]


def test_transfer_copies_every_row_of_every_table(source, target):
    counts = transfer(source, target)
    assert check(target, counts) == []
    assert counts["sessions"] == 12 and counts["comments"] > 0
    for table in m.Base.metadata.sorted_tables:
        assert _rows(target, table) == _rows(source, table), table.name


def test_the_copy_shows_the_same_figures_and_takes_new_rows(source, target):
    transfer(source, target)
    with source.connect() as a, target.connect() as b:
        assert queries.headline_figures(b) == queries.headline_figures(a)
        assert attendance.attendance_by_session(b).equals(attendance.attendance_by_session(a))
    with target.begin() as conn:  # the id sequences continue after the copied rows
        conn.execute(insert(m.Session).values(community_id=1, number=9, status="planned", source="test"))
    assert len(_rows(target, m.Session.__table__)) == 13


def test_transfer_refuses_a_target_that_holds_tables(source, target):
    transfer(source, target)
    with pytest.raises(TransferRefused, match="already holds tables"):
        transfer(source, target)
