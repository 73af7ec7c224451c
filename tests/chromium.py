"""Helpers for the browser tests: the dashboard served as `make run` serves it, Debian's Chromium through
Playwright (never `playwright install`), and what a person does and sees in it. conftest.py builds the
`server`, `browser`, `page` and `shots` fixtures from these; a module that needs its own server (its own
database content, settings or secrets) defines its own `server` fixture with `serving()`.

Without /usr/bin/chromium the browser tests skip on a developer's machine and fail in CI (CI=true).
"""

from __future__ import annotations

import os
import shutil
import socket
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
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
TIMEOUT_MS = 30_000
IN_CI = os.environ.get("CI", "").lower() in ("true", "1", "yes")
# expect() waits 5 s unless told: on a loaded 2-core machine a server's first charts can take longer
expect.set_options(timeout=TIMEOUT_MS)
# The administrator in the shared `server` fixture's database, who signs in with a local password.
EDITOR, EDITOR_PASSWORD = "browser.admin@nhs.example", "browser-test-only-password"


def require_chromium() -> None:
    if not Path(CHROMIUM).exists():
        message = f"{CHROMIUM} is missing: install Debian's chromium package (scripts/system-deps.sh)"
        if IN_CI:
            pytest.fail(message)
        pytest.skip(message)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def database_copy(request, folder: Path, suffix: str = "_browser") -> str:
    """A fresh database for a server: the report, as every test starts from (on PostgreSQL, a copy
    named with `suffix`, which must differ between modules that run at once)."""
    if os.environ.get("TEST_DATABASE_URL"):
        from tests.pgserver import fresh_copy

        return fresh_copy(request.getfixturevalue("built_server"), suffix=suffix)
    path = folder / "cop.sqlite3"
    shutil.copyfile(request.getfixturevalue("built_sqlite"), path)
    return f"sqlite:///{path}"


def add_local_editor(url: str, email: str, password: str) -> None:
    """An administrator in the server's database, who signs in with their own local password."""
    from db.auth import save_user
    from db.engine import make_engine, write_transaction
    from db.passwords import hash_password

    engine = make_engine(url)
    with write_transaction(engine) as conn:
        save_user(conn, None, email, "administrator", password_hash=hash_password(password), bootstrap=True)
    engine.dispose()


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


@contextmanager
def serving(url: str, folder: Path, *, port: int | None = None, env: dict | None = None, args=()):
    """`scripts/serve.py` (`streamlit run app.py` as `make run` starts it, without its warm start)
    on 127.0.0.1 against the database at `url`; yields the base address, stops the server after."""
    port, log = port or free_port(), folder / "streamlit.log"
    cmd = [
        sys.executable,
        "scripts/serve.py",
        "--server.address=127.0.0.1",
        f"--server.port={port}",
        "--server.headless=true",
        "--browser.gatherUsageStats=false",
        "--server.fileWatcherType=none",
        *args,
    ]
    with log.open("w") as out:
        proc = subprocess.Popen(
            cmd, cwd=ROOT, env={**os.environ, "DATABASE_URL": url, **(env or {})}, stdout=out, stderr=subprocess.STDOUT
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


@contextmanager
def launched_chromium():
    """Debian's Chromium through Playwright (never `playwright install`)."""
    from playwright.sync_api import sync_playwright

    require_chromium()
    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


def new_tab(browser, base: str, *, width: int = 1400, height: int = 1000):
    """A tab in a new browser profile (no cookies), downloads accepted; `tab.dialogs` lists every alert(),
    confirm() or prompt() a page opened (each is dismissed)."""
    context = browser.new_context(accept_downloads=True, viewport={"width": width, "height": height}, base_url=base)
    context.set_default_timeout(TIMEOUT_MS)
    tab = context.new_page()
    tab.dialogs = []
    tab.on("dialog", lambda d: (tab.dialogs.append(d.message), d.dismiss()))
    return tab


def settled(page) -> None:
    """Wait until the script run has finished and the page shows no error."""
    expect(page.get_by_test_id("stApp")).to_have_attribute("data-test-script-state", "notRunning", timeout=TIMEOUT_MS)
    page.get_by_test_id("stMain").locator("h1").first.wait_for()
    assert page.get_by_test_id("stException").count() == 0
    main = page.get_by_test_id("stMain").inner_text()
    assert "This app has encountered an error" not in main, main[:2000]
    dialogs = " ".join(page.get_by_test_id("stDialog").all_inner_texts())
    assert "Page not found" not in dialogs, dialogs


def sign_in(page, email: str, password: str) -> None:
    """Sign in with a local password in the sidebar's open "Editor sign-in" form."""
    page.get_by_label("Email").fill(email)
    page.get_by_role("textbox", name="Password").fill(password)
    page.get_by_role("button", name="Sign in").click()


def sign_in_as_editor(page, email: str, password: str, signed_in) -> None:
    """From a viewer's page, open the sidebar's "Editor sign-in" form, sign in, and wait for `signed_in` (a
    locator only an editor sees). A click on the form's expander that lands while the page is being drawn
    again can be undone by that redraw (the expander comes back closed; seen in CI twice, in the fixture of
    a test of something else): the expander is clicked again until its form shows, and a sign-in whose
    form is still there afterwards, with no refusal shown, is tried once more."""
    form = page.get_by_label("Email")
    for _ in range(2):
        for _ in range(3):
            settled(page)
            if form.is_visible():
                break
            page.get_by_text("Editor sign-in").click()
            try:
                expect(form).to_be_visible(timeout=5_000)
            except AssertionError:
                continue
        sign_in(page, email, password)
        try:
            expect(signed_in).to_be_visible(timeout=15_000)
            return
        except AssertionError:
            if page.get_by_test_id("stAlertContentError").count():
                break  # refused: the message says why, and trying again would only count as a guess
    expect(signed_in).to_be_visible()


def open_show_data(page):
    """Open the page's first "Show data", as a person clicks it, and return it once its table is shown:
    a "Show data" is built on opening (the click reruns the page), so its table and download buttons
    arrive after the click, not with it."""
    box = page.get_by_test_id("stExpander").filter(has_text="Show data").first
    box.get_by_text("Show data").click()
    expect(box.get_by_test_id("stDataFrame")).to_be_visible()
    return box


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
        warnings.warn(
            f"no download {first_wait_ms} ms after a click on {button}; the button was "
            f"{'enabled' if button.is_enabled() else 'still waiting'}; clicking again",
            stacklevel=2,
        )
    expect(button).to_be_enabled(timeout=timeout_ms)
    with page.expect_download(timeout=timeout_ms) as info:
        button.click()
    return info.value


def snap(page, shots: Path, name: str) -> Path:
    path = shots / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    return path


WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def axe_violations(page) -> list[dict]:
    """axe-core's WCAG 2.2 AA violations on the page as shown. Waits first for app.py's stylesheet
    (dashboard/accessibility.css), which Streamlit's lazily loaded html element can add up to ~3 s
    after the run ends: until then captions keep Streamlit's own 4.0:1 grey."""
    from axe_playwright_python.sync_playwright import Axe

    page.wait_for_function(
        "[...document.querySelectorAll('style')].some(s => s.textContent.includes"
        "('data-testid=\"stCaptionContainer\"'))"
    )
    return Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}}).response["violations"]


def described(found: list[dict]) -> str:
    return "\n".join(
        f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes'][:3]]}" for v in found
    )
