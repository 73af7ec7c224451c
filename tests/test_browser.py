"""A real Chromium drives `streamlit run app.py` (via scripts/serve.py): every page opens, the community filter works from the URL
and from the sidebar, the "Show data" CSV and chart images download (the chart toolbar's PNG and the
"Download PNG for slides" button), and screenshots are saved.

Debian's chromium is launched through Playwright's `executable_path` (never `playwright install`). Without
it these tests skip on a developer's machine and fail in CI (CI=true), where .ci/run installs it.
Screenshots go to $BROWSER_SCREENSHOTS when set, else to a pytest temporary folder.
"""

from __future__ import annotations

import csv
import io
import os
import re
import shutil
import socket
import struct
import subprocess
import sys
import time
import urllib.request
import warnings
from contextlib import contextmanager
from pathlib import Path

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from playwright.sync_api import expect

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run"]
TITLES = {"Overview", "Attendance", "Participation", "Value stories", "Member voice"}
TIMEOUT_MS = 30_000
IN_CI = os.environ.get("CI", "").lower() in ("true", "1", "yes")


def _require_chromium() -> None:
    if not Path(CHROMIUM).exists():
        message = f"{CHROMIUM} is missing: install Debian's chromium package (scripts/system-deps.sh)"
        if IN_CI:
            pytest.fail(message)
        pytest.skip(message)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _database_copy(request, folder: Path) -> str:
    """A fresh database for this module's server: the report, as every test starts from."""
    if os.environ.get("TEST_DATABASE_URL"):
        from tests.pgserver import fresh_copy

        return fresh_copy(request.getfixturevalue("built_server"), suffix="_browser")
    path = folder / "cop.sqlite3"
    shutil.copyfile(request.getfixturevalue("built_sqlite"), path)
    return f"sqlite:///{path}"


def _wait_healthy(proc: subprocess.Popen, base: str, log: Path) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            pytest.fail(f"streamlit exited with {proc.returncode}:\n{log.read_text()}")
        try:
            with urllib.request.urlopen(f"{base}/_stcore/health", timeout=2) as resp:
                if resp.read().decode() == "ok":
                    return
        except OSError:
            time.sleep(0.3)
    pytest.fail(f"streamlit did not answer /_stcore/health within 60 s:\n{log.read_text()}")


EDITOR, EDITOR_PASSWORD = "browser.admin@nhs.example", "browser-test-only-password"
# User text is shown inertly: an invisible word joiner (U+2060) keeps the email from becoming a link.
SIGNED_IN = re.compile(r"Signed in as browser\.admin\u2060?@nhs\.example \(administrator\)")
RELOAD_SIGNS_OUT = "Reloading or closing this tab signs you out."


def _add_editor(url: str) -> None:
    """An administrator in the server's database, who signs in with their own local password."""
    from db.auth import save_user
    from db.engine import make_engine, write_transaction
    from db.passwords import hash_password

    engine = make_engine(url)
    with write_transaction(engine) as conn:
        save_user(conn, None, EDITOR, "administrator", password_hash=hash_password(EDITOR_PASSWORD),
                  bootstrap=True)
    engine.dispose()


@contextmanager
def serving(url: str, folder: Path, *, port: int | None = None, env: dict | None = None, args=()):
    """`scripts/serve.py` (`streamlit run app.py` as `make run` starts it, without its warm start)
    on 127.0.0.1 against the database at `url`; yields the base address, stops the server after."""
    port, log = port or _free_port(), folder / "streamlit.log"
    cmd = [sys.executable, "scripts/serve.py", "--server.address=127.0.0.1", f"--server.port={port}",
           "--server.headless=true", "--browser.gatherUsageStats=false", "--server.fileWatcherType=none", *args]
    with log.open("w") as out:
        proc = subprocess.Popen(cmd, cwd=ROOT, env={**os.environ, "DATABASE_URL": url, **(env or {})},
                                stdout=out, stderr=subprocess.STDOUT)
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


@contextmanager
def launched_chromium():
    """Debian's Chromium through Playwright (never `playwright install`)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def server(request, tmp_path_factory):
    """`streamlit run app.py` on 127.0.0.1 and a free port, against its own copy of the report database."""
    _require_chromium()
    folder = tmp_path_factory.mktemp("server")
    url = _database_copy(request, folder)
    _add_editor(url)
    with serving(url, folder) as base:
        yield base


@pytest.fixture(scope="module")
def browser(server):
    with launched_chromium() as chromium:
        yield chromium


@pytest.fixture(scope="module")
def shots(tmp_path_factory) -> Path:
    folder = os.environ.get("BROWSER_SCREENSHOTS")
    path = Path(folder) if folder else tmp_path_factory.mktemp("screenshots")
    path.mkdir(parents=True, exist_ok=True)
    return path


@pytest.fixture()
def page(browser, server):
    context = browser.new_context(accept_downloads=True, viewport={"width": 1400, "height": 1000},
                                  base_url=server)
    context.set_default_timeout(TIMEOUT_MS)
    tab = context.new_page()
    yield tab
    context.close()


def settled(page) -> None:
    """Wait until the script run has finished and the page shows no error."""
    expect(page.get_by_test_id("stApp")).to_have_attribute("data-test-script-state", "notRunning",
                                                                  timeout=TIMEOUT_MS)
    page.get_by_test_id("stMain").locator("h1").first.wait_for()
    assert page.get_by_test_id("stException").count() == 0
    main = page.get_by_test_id("stMain").inner_text()
    assert "This app has encountered an error" not in main, main[:2000]
    dialogs = " ".join(page.get_by_test_id("stDialog").all_inner_texts())
    assert "Page not found" not in dialogs, dialogs


def download_from(page, button, *, first_wait_ms: int = 15_000, timeout_ms: int = TIMEOUT_MS):
    """Click a download button and return the download it gives.

    Streamlit's deferred download asks the server for the file over the websocket, then clicks a
    link. Once in CI (never locally, in some 60 tries) a click gave neither a file nor an error
    message; a person would click again, and so does this, once, with a warning that says what the
    page showed. An error message under the button, or a second silent click, fails the test.
    """
    expect(button).to_be_visible()
    expect(button).to_be_enabled()
    try:
        with page.expect_download(timeout=first_wait_ms) as info:
            button.click()
        return info.value
    except PlaywrightTimeout:
        errors = page.get_by_test_id("stDownloadButtonError").all_inner_texts()
        assert not errors, f"the download button showed an error: {errors}"
        warnings.warn(f"no download {first_wait_ms} ms after a click on {button}; the button was "
                      f"{'enabled' if button.is_enabled() else 'still waiting'}; clicking again")
    expect(button).to_be_enabled(timeout=timeout_ms)
    with page.expect_download(timeout=timeout_ms) as info:
        button.click()
    return info.value


def snap(page, shots: Path, name: str) -> Path:
    path = shots / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    return path


def metric(page, label: str) -> str:
    return page.get_by_test_id("stMetric").filter(has_text=label).first.inner_text()


def test_a_deep_link_opens_its_page_on_a_freshly_started_server(page, shots):
    # First in this module, so its request is the server process's first (a bookmark after a restart).
    page.goto("/attendance-trends?community=Ultrasound+Imaging")
    settled(page)
    expect(page.get_by_test_id("stMain").locator("h1").first).to_contain_text("Attendance")
    expect(page.get_by_role("combobox", name="Community")).to_have_value("Ultrasound Imaging")
    snap(page, shots, "deep-link-attendance-ultrasound")


def test_every_page_in_the_sidebar_opens_without_an_error(page, shots):
    page.goto("/")
    settled(page)
    links = page.get_by_test_id("stSidebarNav").get_by_role("link")
    titles = [t.strip().splitlines()[-1] for t in links.all_inner_texts()]  # after the icon's name
    assert TITLES <= set(titles), titles
    hrefs = [links.nth(i).get_attribute("href") for i in range(len(titles))]
    for i, (title, href) in enumerate(zip(titles, hrefs)):
        page.goto(href)  # each page's own address, as a bookmark or a shared link opens it
        settled(page)
        current = page.get_by_test_id("stSidebarNav").locator("a[aria-current='page']")
        assert title in current.inner_text()
        snap(page, shots, f"page-{i}-{title.lower().replace(' ', '-')}")


WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
AXE_VIEWS = ["/", "/attendance-trends", "/organisations-and-roles", "/value-framework", "/comments-and-quotes",
             "/build-a-deck", "/attendance-trends?community=Ultrasound+Imaging&publication=true",
             "/comments-and-quotes?community=Patient+Involvement"]


def axe_violations(page) -> list[dict]:
    """axe-core's WCAG 2.2 AA violations on the page as shown. Waits first for app.py's stylesheet
    (dashboard/accessibility.css), which Streamlit's lazily loaded html element can add up to ~3 s
    after the run ends: until then captions keep Streamlit's own 4.0:1 grey."""
    from axe_playwright_python.sync_playwright import Axe

    page.wait_for_function("[...document.querySelectorAll('style')].some(s => s.textContent.includes"
                           "('data-testid=\"stCaptionContainer\"'))")
    return Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}}).response["violations"]


def described(found: list[dict]) -> str:
    return "\n".join(f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes'][:3]]}"
                     for v in found)


@pytest.mark.parametrize("view", AXE_VIEWS)
def test_every_page_passes_the_axe_core_wcag_2_2_aa_checks(page, view):
    """axe-core (the engine behind most accessibility checkers) on the rendered page: contrast of
    every text, labels, names, roles, keyboard access to scrolling regions."""
    page.goto(view)
    settled(page)
    page.wait_for_timeout(1_000)  # charts drawn
    found = axe_violations(page)
    assert not found, described(found)



def test_the_sign_in_form_and_the_editor_pages_pass_the_axe_core_checks(page, shots):
    page.goto("/")
    settled(page)
    page.get_by_text("Editor sign-in").click()
    page.get_by_label("Email").fill(EDITOR)
    page.get_by_role("textbox", name="Password").fill(EDITOR_PASSWORD)
    found = axe_violations(page)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_test_id("stSidebar")).to_contain_text(SIGNED_IN)
    for title in ("Record a session", "Import", "Audit log"):  # in-app links: a page load would sign out
        page.get_by_test_id("stSidebarNav").get_by_role("link", name=title).click()
        expect(page.get_by_test_id("stMain").locator("h1").first).to_contain_text(title.split()[0])
        settled(page)
        found += axe_violations(page)
        snap(page, shots, f"editor-{title.lower().replace(' ', '-')}")
    assert not found, described(found)

def test_a_reload_signs_a_local_editor_out_as_the_sidebar_says(page):
    page.goto("/")
    settled(page)
    sidebar = page.get_by_test_id("stSidebar")
    sidebar.get_by_text("Editor sign-in").click()
    expect(sidebar).to_contain_text(RELOAD_SIGNS_OUT)
    page.get_by_label("Email").fill(EDITOR)
    page.get_by_role("textbox", name="Password").fill(EDITOR_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(sidebar).to_contain_text(SIGNED_IN)
    expect(sidebar).to_contain_text(RELOAD_SIGNS_OUT)
    page.reload()
    settled(page)
    expect(sidebar.get_by_text("Editor sign-in")).to_be_visible()
    expect(sidebar).not_to_contain_text("Signed in as")


def test_community_in_the_url_filters_the_overview(page, shots):
    page.goto("/?community=Operational+Teams")
    settled(page)
    assert "34" in metric(page, "Total attendances")
    expect(page.get_by_role("combobox", name="Community")).to_have_value("Operational Teams")
    snap(page, shots, "overview-operational-teams-from-url")


def test_community_chosen_in_the_sidebar_goes_into_the_url_and_every_figure(page, shots):
    page.goto("/")
    settled(page)
    assert "256" in metric(page, "Total attendances")
    page.get_by_role("combobox", name="Community").click()
    page.get_by_role("option", name="Operational Teams").click()
    page.wait_for_url("**community=Operational*Teams*")
    page.get_by_test_id("stMetric").filter(has_text="34").first.wait_for()
    settled(page)
    assert "34" in metric(page, "Total attendances")
    page.get_by_test_id("stSidebarNav").get_by_role("link", name="Attendance").click()
    page.wait_for_url("**/attendance-trends?community=Operational*Teams*")
    expect(page.get_by_test_id("stMain").locator("h1").first).to_contain_text("Attendance")
    settled(page)
    expect(page.get_by_role("combobox", name="Community")).to_have_value("Operational Teams")
    snap(page, shots, "attendance-operational-teams-from-sidebar")


def test_show_data_downloads_the_filtered_rows_as_csv(page, tmp_path):
    page.goto("/attendance-trends?community=Ultrasound+Imaging")
    settled(page)
    page.get_by_test_id("stExpander").filter(has_text="Show data").first.get_by_text("Show data").click()
    download = download_from(page, page.get_by_role("button", name="Download CSV").first)
    path = tmp_path / download.suggested_filename
    download.save_as(path)
    rows = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8-sig"))))
    community = next(name for name in rows[0] if name.lower() == "community")
    assert {r[community] for r in rows} == {"Ultrasound Imaging"} and len(rows) == 3
    cells = [[v.lower() for v in r.values()] for r in rows]
    assert "15" in cells[0] and "13" in cells[1]
    assert "postponed" in cells[2] and "0" not in cells[2]  # postponed, never zero


def test_chart_downloads_as_a_png_image(page, tmp_path):
    page.goto("/attendance-trends")
    settled(page)
    chart = page.locator(".js-plotly-plot").first
    chart.hover()
    with page.expect_download() as info:
        chart.locator('.modebar-btn[data-title^="Download plot"]').click()
    path = tmp_path / info.value.suggested_filename
    info.value.save_as(path)
    data = path.read_bytes()
    assert path.suffix == ".png" and data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])  # the IHDR chunk
    assert (width, height) == (1920, 1080)


def test_download_png_for_slides_gives_a_slide_size_image(page, tmp_path, shots):
    page.goto("/attendance-trends?community=Ultrasound+Imaging")
    settled(page)
    button = page.get_by_role("button", name="Download PNG for slides").first
    # The image is drawn by kaleido on click: its browser's start is in the first wait.
    download = download_from(page, button, first_wait_ms=60_000, timeout_ms=90_000)
    path = tmp_path / download.suggested_filename
    download.save_as(path)
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert struct.unpack(">II", data[16:24]) == (1920, 1080)
    shutil.copyfile(path, shots / "attendance-png-for-slides.png")
