"""Shared fixtures: each test gets its own copy of a database built once from cop_data/; editors in it;
the dashboard served to a real Chromium for the browser tests (helpers in tests/chromium.py, AppTest
helpers in tests/apptest.py, editing helpers in tests/editors.py)."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import pytest
import streamlit as st
from sqlalchemy import Engine

from db.admin.load import load_database
from db.engine import dispose_engines, make_engine
from tests import chromium
from tests.editors import add_editors

ROOT = Path(__file__).resolve().parent.parent
TEST_DATABASE_URL = os.environ.get("TEST_DATABASE_URL")  # e.g. a PostgreSQL server in CI
DATABASE_FIXTURES = {"db_url", "engine", "built_sqlite", "built_server"}


def pytest_collection_modifyitems(config, items):
    """Against a server (TEST_DATABASE_URL), run only the tests that touch a database: the rest ran
    in the SQLite pass already. A test touches one when it asks for a database fixture or is marked
    `database` (browser tests, which copy a database for their server inside a module fixture)."""
    if not TEST_DATABASE_URL:
        return
    keep, drop = [], []
    for item in items:
        uses = DATABASE_FIXTURES & set(getattr(item, "fixturenames", ()))
        (keep if uses or item.get_closest_marker("database") else drop).append(item)
    if drop:
        config.hook.pytest_deselected(items=drop)
        items[:] = keep


def pytest_sessionfinish(session, exitstatus):
    """In CI a skipped test tests nothing: the run fails, naming the skips (a developer's machine may skip)."""
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    skipped = reporter.stats.get("skipped", []) if reporter else []
    if os.environ.get("CI", "").lower() in ("true", "1", "yes") and skipped and exitstatus == 0:
        reporter.write_line(f"CI: {len(skipped)} test(s) skipped; every test must run in CI", red=True)
        session.exitstatus = 1


@pytest.fixture(scope="session")
def built_sqlite(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("built") / "cop.sqlite3"
    engine = make_engine(f"sqlite:///{path}")
    load_database(engine)
    engine.dispose()
    return path


@pytest.fixture(scope="session")
def built_server() -> str:
    """The report loaded once into TEST_DATABASE_URL, the template of each test's database; under
    pytest-xdist each worker loads its own (`<database>_gw0`, ...), so copies never collide."""
    from tests.pgserver import build_template, empty_database

    worker = os.environ.get("PYTEST_XDIST_WORKER")
    url = empty_database(TEST_DATABASE_URL, f"_{worker}") if worker else TEST_DATABASE_URL
    build_template(url)
    return url


@pytest.fixture()
def db_url(built_sqlite, tmp_path, monkeypatch, request) -> str:
    """A fresh database holding the report's data, and DATABASE_URL pointing at it."""
    if TEST_DATABASE_URL:
        from tests.pgserver import fresh_copy  # a new database per test, copied from the loaded one

        url = fresh_copy(request.getfixturevalue("built_server"))
    else:
        path = tmp_path / "cop.sqlite3"
        shutil.copyfile(built_sqlite, path)
        url = f"sqlite:///{path}"
    monkeypatch.setenv("DATABASE_URL", url)
    return url


@pytest.fixture()
def engine(db_url) -> Engine:
    eng = make_engine(db_url)
    yield eng
    eng.dispose()


@pytest.fixture(autouse=True)
def _fresh_caches():
    """Streamlit caches live in the test process: clear them so no test sees another's data."""
    st.cache_data.clear()
    st.cache_resource.clear()
    dispose_engines()
    main = sys.modules.get("__main__")  # AppTest leaves app.py there, which "spawn" children would re-run
    yield
    sys.modules["__main__"] = main
    st.cache_data.clear()
    st.cache_resource.clear()
    dispose_engines()


# --- Editors -------------------------------------------------------------------------------------


@pytest.fixture()
def editors(engine):
    """An administrator and a convener of Ultrasound Imaging (tests/editors.py), as stored users."""
    return add_editors(engine)


@pytest.fixture()
def editors_with_passwords(engine):
    """The same two editors, each with their own local password (editors.PASSWORDS)."""
    return add_editors(engine, passwords=True)


# --- The browser tests: one server and one Chromium per module ---------------------------------------


@pytest.fixture(scope="module")
def server(request, tmp_path_factory):
    """`streamlit run app.py` (scripts/serve.py) on 127.0.0.1 and a free port, against its own copy of
    the report database holding one administrator (chromium.EDITOR, with a local password). A module
    that needs other content or settings defines its own `server`."""
    chromium.require_chromium()
    folder = tmp_path_factory.mktemp("server")
    url = chromium.database_copy(request, folder)
    chromium.add_local_editor(url, chromium.EDITOR, chromium.EDITOR_PASSWORD)
    with chromium.serving(url, folder) as base:
        yield base


@pytest.fixture(scope="module")
def browser():
    with chromium.launched_chromium() as launched:
        yield launched


@pytest.fixture()
def page(browser, server):
    """A tab of a new browser profile on the module's server (relative addresses open there)."""
    tab = chromium.new_tab(browser, server)
    yield tab
    tab.context.close()


@pytest.fixture(scope="module")
def shots(tmp_path_factory) -> Path:
    """Where screenshots go: $BROWSER_SCREENSHOTS when set, else a temporary folder."""
    folder = os.environ.get("BROWSER_SCREENSHOTS")
    path = Path(folder) if folder else tmp_path_factory.mktemp("screenshots")
    path.mkdir(parents=True, exist_ok=True)
    return path
