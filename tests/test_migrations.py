"""Migrations: a database made at the first revision, with data in it, upgrades to the latest and keeps
every row; a fresh build is already at the latest; db.admin.load will not wipe recorded data by accident."""

from __future__ import annotations

import subprocess
import sys

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Engine, MetaData, insert, inspect, select, text

from db import migrate
from db import models as m
from db.admin import load
from db.auth import save_user
from db.engine import write_transaction
from db.models import fulltext
from db.read import attendance, search
from db.write.imports.store import import_file
from tests.editors import SESSIONS, add_editors, count, csv

ROOT = migrate.ROOT
CODEBOOK = ("themes", "evidence_tags")  # added by a later revision, filled from cop_data/ there


def _empty(engine: Engine) -> None:
    with write_transaction(engine) as conn:
        m.Base.metadata.drop_all(conn)
        conn.execute(text("DROP TABLE IF EXISTS alembic_version"))
    assert inspect(engine).get_table_names() == []


def _at_first_revision_with_data(engine: Engine) -> dict[str, list]:
    """A database at revision 0001 holding the report plus a register recorded back then."""
    _empty(engine)
    with write_transaction(engine) as conn:
        command.upgrade(migrate.alembic_config(conn), migrate.FIRST)
    old = MetaData()
    old.reflect(engine)
    rows = load.read_cop_data()
    with write_transaction(engine) as conn:
        for table in old.sorted_tables:
            if table.name in rows and table.name not in CODEBOOK:
                conn.execute(insert(table), rows[table.name])
        conn.execute(insert(old.tables["participants"]), [{"id": 1, "code": "OLD-001"}])
        conn.execute(insert(old.tables["attendances"]), [{"session_id": 1, "participant_id": 1}])
        if conn.dialect.name == "postgresql":  # as the loader does: sequences past the given ids
            for table in old.sorted_tables:
                if "id" in table.c:
                    conn.execute(
                        text(
                            f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "
                            f"COALESCE(MAX(id), 0) + 1, false) FROM {table.name}"
                        )
                    )
    return _rows(engine, old)


def _rows(engine: Engine, meta: MetaData) -> dict[str, list]:
    with engine.connect() as conn:
        return {
            name: sorted(map(repr, conn.execute(select(*t.c)).all()))
            for name, t in meta.tables.items()
            if name != "alembic_version"
        }


def _schema_differences(engine: Engine) -> list:
    skip = fulltext.search_tables() | {"alembic_version"}

    def include(name, kind, _parent) -> bool:  # FTS tables and PostgreSQL's expression indexes:
        return not (
            (kind == "table" and name in skip)  # Alembic cannot compare them; the
            or (kind == "index" and name and name.endswith("_fts"))
        )  # search tests do

    with engine.connect() as conn:
        ctx = MigrationContext.configure(conn, opts={"compare_type": True, "include_name": include})
        return compare_metadata(ctx, m.Base.metadata)


@pytest.mark.slow  # every migration from the first
def test_database_at_first_revision_upgrades_to_head_keeping_every_row(engine):
    before = _at_first_revision_with_data(engine)
    assert sum(len(v) for v in before.values()) > 400
    old = MetaData()
    old.reflect(engine)
    migrate.upgrade(engine)
    after = _rows(engine, old)  # the old columns of the old tables, read again
    assert after == before
    with engine.connect() as conn:
        assert migrate.current(conn) == migrate.head()
    assert _schema_differences(engine) == []


def test_upgraded_database_takes_imports_and_search_like_a_fresh_build(engine):
    _at_first_revision_with_data(engine)
    migrate.upgrade(engine)
    admin, _ = add_editors(engine)
    import_file(engine, admin, "s.csv", csv(SESSIONS, "Ultrasound Imaging,4,held,2026-01-12,7,"))
    assert count(engine, "SELECT count(*) FROM evidence_tags") == len(load.read_cop_data()["evidence_tags"])
    with engine.connect() as conn:
        found = search.search(conn, query="trust")
    assert len(found) > 0


def test_upgrade_fills_the_register_summaries_from_registers_recorded_before(engine):
    _at_first_revision_with_data(engine)  # one participant on session 1's register
    migrate.upgrade(engine)
    with engine.connect() as conn:
        register = attendance.register_by_session(conn)
        repeat = attendance.repeat_attenders(conn)
    assert register[["number", "new_participants", "returning_participants"]].values.tolist() == [[1, 1, 0]]
    assert repeat[["participants", "two_or_more"]].values.tolist() == [[1, 0]]


def test_fresh_build_is_stamped_at_the_latest_revision(engine):
    with engine.connect() as conn:
        assert migrate.current(conn) == migrate.head() == "0009"
    assert _schema_differences(engine) == []


def test_upgrading_twice_changes_nothing(engine):
    add_editors(engine)
    before = _rows(engine, m.Base.metadata)
    assert migrate.upgrade(engine) == ("0009", "0009")
    assert _rows(engine, m.Base.metadata) == before


@pytest.mark.slow  # every migration from the first
def test_database_built_before_migrations_existed_is_taken_as_the_first_revision(engine):
    before = _at_first_revision_with_data(engine)
    with write_transaction(engine) as conn:
        conn.execute(text("DROP TABLE alembic_version"))
    old = MetaData()
    old.reflect(engine)
    assert migrate.upgrade(engine) == (None, migrate.head())
    assert _rows(engine, old) == before


@pytest.mark.slow  # runs `python -m db.migrate` in a new process
def test_make_upgrade_command_upgrades_and_says_so(engine, db_url):
    _at_first_revision_with_data(engine)
    engine.dispose()
    done = subprocess.run(
        [sys.executable, "-m", "db.admin.schema", "upgrade", "--url", db_url],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    assert "revision 0001 -> 0009" in done.stdout


def test_db_load_refuses_to_wipe_recorded_data_without_force(engine, db_url, capsys):
    admin, _ = add_editors(engine)
    import_file(engine, admin, "s.csv", csv(SESSIONS, "Ultrasound Imaging,4,held,2026-01-12,7,"))
    assert load.main(["--url", db_url]) == 2
    err = capsys.readouterr().err
    assert "2 editor accounts" in err and "1 imports" in err and "make backup" in err
    assert count(engine, "SELECT count(*) FROM sessions") == 13
    assert load.main(["--url", db_url, "--force"]) == 0
    assert count(engine, "SELECT count(*) FROM sessions") == 12


def test_db_load_rebuilds_a_database_holding_only_the_report(engine, db_url):
    assert load.main(["--url", db_url]) == 0


@pytest.mark.slow  # runs `python -m db.auth` in a new process
def test_command_line_adds_an_editor(engine, db_url):
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "db.auth",
            "--url",
            db_url,
            "add-user",
            "New.Convener@nhs.example",
            "--role",
            "convener",
            "--community",
            "Operational Teams",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    assert count(engine, "SELECT count(*) FROM app_users WHERE email = 'new.convener@nhs.example'") == 1
    with write_transaction(engine) as conn:  # and an unknown community is refused by name
        try:
            save_user(conn, None, "x@nhs.example", "convener", ["Atlantis"], bootstrap=True)
        except ValueError as exc:
            assert "unknown community 'Atlantis'" in str(exc)
        else:
            raise AssertionError("an unknown community was accepted")


def _feedback_at_0006(engine: Engine) -> None:
    """A fresh database taken back to 0006, holding one response (through a link) with one answer."""
    with write_transaction(engine) as conn:
        command.downgrade(migrate.alembic_config(conn), "0006")
        session_id = conn.execute(select(m.Session.id).limit(1)).scalar()
        question_id = conn.execute(select(m.Question.id).where(m.Question.kind == "text").limit(1)).scalar()
        conn.execute(
            text(
                "INSERT INTO feedback_links (id, session_id, token_sha256, opens_at, closes_at, closed, "
                "created_by) VALUES (1, :s, :t, '2026-01-01', '2026-01-15', false, 'a@nhs.net')"
            ),
            {"s": session_id, "t": "0" * 64},
        )
        conn.execute(
            text(
                "INSERT INTO feedback_responses (id, link_id, session_id, nonce, status) "
                "VALUES (1, 1, :s, 'nonce-of-sixteen', 'approved')"
            ),
            {"s": session_id},
        )
        conn.execute(
            text(
                "INSERT INTO feedback_answers (id, response_id, question_id, text, redacted) "
                "VALUES (1, 1, :q, 'Kept through the rebuild', false)"
            ),
            {"q": question_id},
        )


def test_feedback_import_revision_keeps_every_response_and_answer(engine):
    _feedback_at_0006(engine)
    assert migrate.upgrade(engine) == ("0006", migrate.head())
    with engine.connect() as conn:
        assert conn.execute(select(m.FeedbackAnswer.text)).scalars().all() == ["Kept through the rebuild"]
        assert conn.execute(select(m.FeedbackResponse.link_id, m.FeedbackResponse.import_batch_id)).all() == [(1, None)]
    assert _schema_differences(engine) == []


def _tags(engine: Engine) -> list[tuple]:
    with engine.connect() as conn:
        return conn.execute(
            text("SELECT id, theme_id, comment_id, value_area_id, source FROM evidence_tags ORDER BY id")
        ).all()


def _interview_at_0008(engine: Engine) -> tuple[int, int]:
    """A fresh database taken back to 0008, holding an interview recorded in the dashboard with a tag
    on one of its answers (besides the report's tags): (the convener's id, the tag's id)."""
    with write_transaction(engine) as conn:
        command.downgrade(migrate.alembic_config(conn), "0008")
        convener, community = conn.execute(text("SELECT id, community_id FROM conveners ORDER BY id LIMIT 1")).one()
        conn.execute(
            text(
                "INSERT INTO conveners (id, slug, community_id, name, source) "
                "VALUES (900, 'new-convener', :c, 'New Convener', 'test')"
            ),
            {"c": community},
        )
        conn.execute(
            text(
                "INSERT INTO interviews (id, convener_id, community_id, question_number, question, answer, source, "
                "interviewed_on, recorded_by) VALUES (9001, 900, :c, 4, 'Q4', 'Kept through 0009', 'x', "
                "'2026-11-20', 'a@nhs.net')"
            ),
            {"c": community},
        )
        conn.execute(
            text(
                "INSERT INTO evidence_tags (id, theme_id, convener_id, question_number, source, created_by) "
                "VALUES (9001, 1, 900, 4, 'tagged before 0009', 'a@nhs.net')"
            )
        )
    return convener, 9001


def test_interviews_again_revision_keeps_every_interview_and_tag(engine):
    """0008 -> 0009: every interview answer and every tag is kept, each tag on the answer it named."""
    from db.read import evidence_interviews

    before_tags = _tags(engine)
    with engine.connect() as conn:
        before_answers = conn.execute(text("SELECT id, convener_id, question_number, answer FROM interviews")).all()
        named = conn.execute(
            select(m.EvidenceTag.id, m.Interview.convener_id, m.Interview.question_number)
            .join(m.Interview, m.Interview.id == m.EvidenceTag.interview_id)
            .order_by(m.EvidenceTag.id)
        ).all()
    assert named  # the report's tags on interview answers
    _interview_at_0008(engine)
    assert migrate.upgrade(engine) == ("0008", migrate.head())
    assert _tags(engine) == sorted([*before_tags, (9001, 1, None, None, "tagged before 0009")])
    with engine.connect() as conn:
        after = conn.execute(text("SELECT id, convener_id, question_number, answer FROM interviews")).all()
        assert sorted(after) == sorted([*before_answers, (9001, 900, 4, "Kept through 0009")])
        resolved = conn.execute(
            select(m.EvidenceTag.id, m.Interview.convener_id, m.Interview.question_number)
            .join(m.Interview, m.Interview.id == m.EvidenceTag.interview_id)
            .order_by(m.EvidenceTag.id)
        ).all()
        assert resolved == [*named, (9001, 900, 4)]
        assert len(search.search(conn, query="Kept through", kinds=("interview answer",))) == 1
        coded = evidence_interviews.interviews(conn, convener="new-convener")
        assert coded["codes"].notna().all()
    with write_transaction(engine) as conn:  # the search index still follows interviews written after
        conn.execute(
            text(
                "INSERT INTO interviews (convener_id, community_id, question_number, question, answer, source, "
                "interviewed_on, recorded_by) SELECT 900, community_id, 4, question, 'Zebrafish again', source, "
                "'2026-11-27', recorded_by FROM interviews WHERE id = 9001"
            )
        )
    with engine.connect() as conn:
        assert len(search.search(conn, query="zebrafish", kinds=("interview answer",))) == 1
    assert _schema_differences(engine) == []


def test_interviews_again_revision_goes_back_while_each_convener_has_one_interview(engine):
    _interview_at_0008(engine)
    migrate.upgrade(engine)
    with write_transaction(engine) as conn:
        command.downgrade(migrate.alembic_config(conn), "0008")
    with engine.connect() as conn:  # the tag names its answer by convener and question again
        assert conn.execute(text("SELECT convener_id, question_number FROM evidence_tags WHERE id = 9001")).one() == (
            900,
            4,
        )
    migrate.upgrade(engine)
    with write_transaction(engine) as conn:  # a second interview of that convener: no way back
        conn.execute(
            text(
                "INSERT INTO interviews (convener_id, community_id, question_number, question, answer, source, "
                "interviewed_on, recorded_by) SELECT convener_id, community_id, 4, question, 'Again', source, "
                "'2026-11-27', recorded_by FROM interviews WHERE id = 9001"
            )
        )
    with pytest.raises(RuntimeError, match="several interviews"), write_transaction(engine) as conn:
        command.downgrade(migrate.alembic_config(conn), "0008")
    assert count(engine, "SELECT count(*) FROM interviews WHERE convener_id = 900") == 2
