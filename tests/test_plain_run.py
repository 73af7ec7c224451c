"""Plain `streamlit run app.py`, as Streamlit Community Cloud, Posit Connect and container images start
an app: each test starts a new server process that way (not scripts/serve.py, no warm start) and makes
the first page request that process ever serves, in a real Chromium.

On such a first request Streamlit still treats the app as a legacy `pages/` app (app.py's docstring says
why and how the page files make that harmless): a bookmarked deep link must open its page in the frame,
with the community from the address, our page titles in the sidebar and no "Page not found".
"""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from contextlib import contextmanager
from pathlib import Path

import pytest
from playwright.sync_api import expect

from dashboard import frame
from dashboard.widgets import feedback_pages as feedback
from tests.chromium import (
    TIMEOUT_MS,
    _wait_healthy,
    database_copy,
    free_port,
    launched_chromium,
    require_chromium,
    settled,
)

pytestmark = [pytest.mark.database, pytest.mark.browser]  # the server's own database: runs in the PostgreSQL pass too

ROOT = Path(__file__).resolve().parent.parent
VIEWER_TITLES = ["Overview", "Attendance", "Participation", "Value stories", "Member voice", "Compare", "Slide deck"]


@contextmanager
def fresh_server(url: str, folder: Path):
    """A new `python -m streamlit run app.py` process against the database at `url`; yields its address.
    Only /_stcore/health is asked before the test's page request (it runs no script)."""
    port = free_port()
    log = folder / f"streamlit-{port}.log"
    cmd = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        "app.py",
        "--server.headless",
        "true",
        "--server.port",
        str(port),
        "--server.address",
        "127.0.0.1",
        "--browser.gatherUsageStats",
        "false",
        "--server.fileWatcherType",
        "none",
    ]
    with log.open("w") as out:
        proc = subprocess.Popen(
            cmd, cwd=ROOT, env={**os.environ, "DATABASE_URL": url}, stdout=out, stderr=subprocess.STDOUT
        )
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_healthy(proc, base, log)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
    assert "Traceback" not in log.read_text(), log.read_text()[-3000:]


@pytest.fixture(scope="module")
def database(request, tmp_path_factory) -> tuple[str, Path]:
    require_chromium()
    folder = tmp_path_factory.mktemp("plain-run")
    return database_copy(request, folder), folder


@pytest.fixture(scope="module")
def browser(database):
    with launched_chromium() as chromium:
        yield chromium


@contextmanager
def first_visit(browser, database, address: str):
    """A fresh server, and a new tab whose first request to it is `address`."""
    url, folder = database
    with fresh_server(url, folder) as base:
        context = browser.new_context(viewport={"width": 1400, "height": 1000}, base_url=base)
        context.set_default_timeout(TIMEOUT_MS)
        tab = context.new_page()
        tab.goto(address)
        try:
            yield tab
        finally:
            context.close()


def nav_titles(page) -> list[str]:
    links = page.get_by_test_id("stSidebarNav").get_by_role("link")
    return [t.strip().splitlines()[-1] for t in links.all_inner_texts()]  # after the icon's name


def current_page(page) -> str:
    return page.get_by_test_id("stSidebarNav").locator("a[aria-current='page']").inner_text().splitlines()[-1]


def test_a_deep_link_is_the_first_request_of_a_plain_streamlit_run(browser, database):
    with first_visit(browser, database, "/attendance-trends?community=Ultrasound+Imaging") as page:
        settled(page)  # no error, no "Page not found"
        headings = page.get_by_test_id("stMain").locator("h1")
        expect(headings.first).to_contain_text("Attendance: Ultrasound Imaging")
        assert headings.count() == 1  # the page drawn once, not once more by the legacy run
        expect(page.get_by_role("combobox", name="Community")).to_have_value("Ultrasound Imaging")
        assert nav_titles(page) == VIEWER_TITLES  # our titles, not the files' names
        assert current_page(page) == "Attendance"
        assert page.url.endswith("/attendance-trends?community=Ultrasound+Imaging")
        # The first run's widgets are those of every later run: a change in the sidebar takes at once.
        page.get_by_role("combobox", name="Community").click()
        page.get_by_role("option", name="Operational Teams").click()
        settled(page)
        expect(headings.first).to_contain_text("Attendance: Operational Teams")
        page.wait_for_url("**/attendance-trends?community=Operational*Teams*")


def test_the_home_address_is_the_first_request_of_a_plain_streamlit_run(browser, database):
    with first_visit(browser, database, "/") as page:
        settled(page)
        assert nav_titles(page) == VIEWER_TITLES
        assert current_page(page) == "Overview"
        expect(page.get_by_test_id("stMetric").first).to_be_visible()  # the Overview's figures
        expect(page.get_by_role("combobox", name="Community")).to_have_value("All communities")
        page.get_by_test_id("stSidebarNav").get_by_role("link", name="Member voice").click()
        settled(page)
        expect(page.get_by_test_id("stMain").locator("h1").first).to_contain_text("Member voice")
        page.wait_for_url("**/comments-and-quotes")


def test_an_editors_page_as_a_signed_out_first_request_says_it_needs_an_editor(browser, database):
    """A viewer's first request for an editor's address: the frame's notice that the page is for editors
    (here no editor has a password yet), as on any later request; the editor's page is never drawn."""
    with first_visit(browser, database, "/record-a-session") as page:
        settled(page)  # no error, no "Page not found"
        main = page.get_by_test_id("stMain")
        expect(main).to_contain_text("This page is for editors, and no editor can sign in here yet.")
        assert nav_titles(page) == VIEWER_TITLES  # the editors' pages are not listed
        assert page.get_by_role("button", name="Save session").count() == 0
        assert main.get_by_role("combobox").count() == 0
        assert "This page is for signed-in editors" not in main.inner_text()  # the page file's own check never ran


def test_the_public_feedback_form_is_the_first_request_of_a_plain_streamlit_run(browser, database):
    """A feedback link (here a wrong token) on a fresh server: the form's page alone, no menu."""
    with first_visit(browser, database, "/feedback?token=not-a-real-token") as page:
        settled(page)
        main = page.get_by_test_id("stMain")
        expect(main.locator("h1").first).to_contain_text("Tell us what you got from today")
        expect(main).to_contain_text("This feedback link is not valid.")
        assert page.get_by_test_id("stSidebarNav").count() == 0
        assert page.get_by_role("combobox", name="Community").count() == 0


def _first_statement(path: Path) -> ast.stmt:
    """The first statement of a page file after its docstring and imports."""
    body = ast.parse(path.read_text()).body
    return next(s for s in body[1:] if not isinstance(s, (ast.Import, ast.ImportFrom)))


def test_every_page_file_is_named_by_its_address_and_enters_the_frame_first():
    """What the design rests on: Streamlit's legacy first run finds the file the address names, and the
    file draws nothing before `enter()` has put the frame around it."""
    addresses = {
        address
        for table in (frame.VIEWER_PAGES, frame.EDITOR_PAGES, frame.ADMIN_PAGES)
        for address, _title, _icon in table
    }
    files = sorted((ROOT / "pages").glob("*.py"))
    assert {f.stem for f in files} == addresses | {feedback.FORM_PATH}
    for path in files:
        first = _first_statement(path)
        assert ast.unparse(first) == "enter()", (path.name, ast.unparse(first))
        assert "from dashboard.frame import enter" in path.read_text(), path.name
