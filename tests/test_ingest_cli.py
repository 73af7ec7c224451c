"""`python -m db.ingest FILE --as EMAIL`: run as administrators script it, in a real subprocess, against each
test's own database (SQLite, or PostgreSQL with TEST_DATABASE_URL). `python -m db.admin.import_file` is the
same command under the module that holds it."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from sqlalchemy import text

from tests.editors import (
    ADMIN,
    CONVENER,
    KCH,
    REGISTER,
    SESSIONS,
    add_editors,
    count,
    csv,
    snapshot,
)

pytestmark = pytest.mark.slow  # each test runs the command line in a new Python process

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
UI = "Ultrasound Imaging"
GOOD = csv(SESSIONS, f"{UI},4,held,2026-01-12,,", f"{UI},5,planned,,,")
BAD = csv(SESSIONS, f"{UI},4,held,2026-01-12,,", f"{UI},three,held,,-3,")


def ingest(url: str, *args: str, module: str = "db.ingest") -> subprocess.CompletedProcess:
    env = {**os.environ, "DATABASE_URL": url}
    return subprocess.run(
        [sys.executable, "-m", module, *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.fixture()
def engine_with_editors(engine):
    add_editors(engine)
    return engine


@pytest.fixture()
def good_file(tmp_path):
    path = tmp_path / "sessions.csv"
    path.write_bytes(GOOD)
    return str(path)


def test_import_writes_rows_prints_them_and_audits_the_editor(db_url, engine_with_editors, good_file):
    before = count(engine_with_editors, "SELECT count(*) FROM sessions")
    done = ingest(db_url, good_file, "--as", ADMIN)
    assert done.returncode == 0, done.stderr
    assert "Imported sessions.csv as import #" in done.stdout
    assert "  sessions: 2" in done.stdout and "Duplicates skipped (already stored): 0" in done.stdout
    assert count(engine_with_editors, "SELECT count(*) FROM sessions") == before + 2
    with engine_with_editors.connect() as conn:
        entry = conn.execute(
            text("SELECT user_email, file_name, import_batch_id, detail FROM audit_log WHERE action = 'import'")
        ).one()
    assert (entry.user_email, entry.file_name) == (ADMIN, "sessions.csv")
    assert f"import #{entry.import_batch_id}" in done.stdout
    assert json.loads(entry.detail)["written"]["sessions"] == 2


def test_name_is_the_file_name_recorded_and_the_url_option_picks_the_database(db_url, engine_with_editors, good_file):
    done = ingest(
        "sqlite:////nonexistent/elsewhere.sqlite3",
        good_file,
        "--as",
        ADMIN,
        "--name",
        "weekly export.csv",
        "--url",
        db_url,
    )
    assert done.returncode == 0, done.stderr
    assert count(engine_with_editors, "SELECT count(*) FROM import_batches WHERE file_name = 'weekly export.csv'") == 1


def test_duplicates_are_reported_with_the_rows_written(db_url, engine_with_editors, good_file, tmp_path):
    assert ingest(db_url, good_file, "--as", ADMIN).returncode == 0
    path = tmp_path / "register.csv"
    path.write_bytes(csv(REGISTER, f"{UI},4,UI-901,Sonographer,{KCH}"))
    assert ingest(db_url, str(path), "--as", ADMIN).returncode == 0
    path.write_bytes(csv(REGISTER, f"{UI},4,UI-901,Sonographer,{KCH}", f"{UI},4,UI-902,,"))
    done = ingest(db_url, str(path), "--as", ADMIN)
    assert done.returncode == 0, done.stderr
    assert "  attendances: 1" in done.stdout
    assert "Duplicates skipped (already stored): 1" in done.stdout


def test_refused_file_lists_every_problem_and_writes_nothing(db_url, engine_with_editors, tmp_path):
    path = tmp_path / "bad.csv"
    path.write_bytes(BAD)
    before = snapshot(engine_with_editors)
    done = ingest(db_url, str(path), "--as", ADMIN)
    assert done.returncode == 1
    assert "Refused, nothing written" in done.stderr
    assert "bad.csv, row 3, column 'number': found 'three', expected a whole number" in done.stderr
    assert "bad.csv, row 3, column 'headcount': found '-3', expected a whole number" in done.stderr
    assert snapshot(engine_with_editors) == before


def test_the_command_under_its_module_name_is_the_same_command(db_url, engine_with_editors, tmp_path):
    path = tmp_path / "bad.csv"
    path.write_bytes(BAD)
    done = ingest(db_url, str(path), "--as", ADMIN, module="db.admin.import_file")
    assert done.returncode == 1
    assert "bad.csv, row 3, column 'number': found 'three', expected a whole number" in done.stderr


def test_a_damaged_workbook_is_refused_as_damaged_and_writes_nothing(db_url, engine_with_editors, tmp_path):
    from tests.hostile_workbooks import bad_deflate

    path = tmp_path / "damaged.xlsx"
    path.write_bytes(bad_deflate())
    before = snapshot(engine_with_editors)
    done = ingest(db_url, str(path), "--as", ADMIN)
    assert done.returncode == 1, done.stdout
    assert "damaged.xlsx: expected an Excel workbook (.xlsx) that opens: this file is damaged" in done.stderr
    assert "Traceback" not in done.stderr
    assert snapshot(engine_with_editors) == before


def test_dry_run_checks_and_writes_nothing_not_even_an_audit_row(db_url, engine_with_editors, good_file):
    before = snapshot(engine_with_editors)
    done = ingest(db_url, good_file, "--as", ADMIN, "--dry-run")
    assert done.returncode == 0, done.stderr
    assert "nothing was written" in done.stdout and "would write 2 sessions" in done.stdout
    assert snapshot(engine_with_editors) == before
    assert ingest(db_url, good_file, "--as", ADMIN).returncode == 0  # not taken for a repeat


def test_dry_run_of_a_bad_file_is_refused(db_url, engine_with_editors, tmp_path):
    path = tmp_path / "bad.csv"
    path.write_bytes(BAD)
    done = ingest(db_url, str(path), "--as", ADMIN, "--dry-run")
    assert done.returncode == 1 and "column 'number': found 'three'" in done.stderr


def test_someone_not_in_app_users_is_refused(db_url, engine_with_editors, good_file):
    before = snapshot(engine_with_editors)
    done = ingest(db_url, good_file, "--as", "stranger@nhs.example")
    assert done.returncode == 1
    assert "stranger@nhs.example is not an editor" in done.stderr
    assert snapshot(engine_with_editors) == before


def test_a_convener_cannot_import_another_community(db_url, engine_with_editors, tmp_path):
    path = tmp_path / "other.csv"
    path.write_bytes(csv(SESSIONS, "Operational Teams,40,planned,,,"))
    before = snapshot(engine_with_editors)
    done = ingest(db_url, str(path), "--as", CONVENER)
    assert done.returncode == 1 and "Operational Teams" in done.stderr
    assert snapshot(engine_with_editors) == before


def test_a_file_that_cannot_be_read_is_refused(db_url, engine_with_editors, tmp_path):
    done = ingest(db_url, str(tmp_path / "missing.csv"), "--as", ADMIN)
    assert done.returncode == 1 and "cannot read" in done.stderr


@pytest.mark.parametrize(
    "args",
    [[], ["--as", ADMIN], ["f.csv"], ["f.csv", "--as", ADMIN, "--colour"]],
    ids=["nothing", "no-file", "no-editor", "unknown-option"],
)
def test_usage_errors_exit_with_status_2(db_url, args):
    done = ingest(db_url, *args)
    assert done.returncode == 2 and "usage: python -m db.ingest" in done.stderr
