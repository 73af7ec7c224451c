"""OpenID Connect sign-in (st.login) end to end: a real Chromium, `streamlit run app.py` and a real local
OpenID provider (oidc-provider-mock, in a thread of this process) that checks the client's registration,
secret, redirect URI and nonce. Signing in says who someone is; app_users says what they may do.

The server gets its own secrets file (`--secrets.files`), never the repository's .streamlit/. Without
Chromium or the provider package these tests skip on a developer's machine and fail in CI (CI=true).
"""

from __future__ import annotations

import json
import re
import secrets
import urllib.request
from pathlib import Path

import pytest
from playwright.sync_api import expect

from db.signin import OIDC
from tests.chromium import IN_CI, TIMEOUT_MS, database_copy, free_port, require_chromium, serving, settled
from tests.editors import CONVENER, add_editors

pytestmark = [
    pytest.mark.database,  # the server's own database: runs in the PostgreSQL pass too
    pytest.mark.browser,
]
OUTSIDER = "someone.else@nhs.example"  # signs in with the provider but is not in app_users
UI = "Ultrasound Imaging"  # the one community CONVENER convenes


def _require_provider() -> None:
    try:
        import oidc_provider_mock  # noqa: F401
    except ImportError:
        message = "oidc-provider-mock is missing: pip install -r requirements-dev.txt"
        if IN_CI:
            pytest.fail(message)
        pytest.skip(message)


def _post_json(url: str, body: dict) -> dict:
    request = urllib.request.Request(
        url, data=json.dumps(body).encode(), method="POST", headers={"Content-Type": "application/json"}
    )
    with urllib.request.urlopen(request, timeout=10) as resp:
        return json.loads(resp.read())


@pytest.fixture(scope="module")
def provider():
    """The OpenID provider on 127.0.0.1: only registered clients, and every request must carry a nonce."""
    require_chromium()
    _require_provider()
    from oidc_provider_mock import run_server_in_thread

    with run_server_in_thread(require_client_registration=True, require_nonce=True) as server:
        yield f"http://127.0.0.1:{server.server_port}"


def _secrets_file(folder: Path, provider: str, redirect_uri: str) -> Path:
    """An [auth] section for a client registered with the provider, as an administrator would write it."""
    client = _post_json(f"{provider}/oauth2/clients", {"redirect_uris": [redirect_uri]})
    auth = {
        "redirect_uri": redirect_uri,
        "cookie_secret": secrets.token_urlsafe(32),
        "client_id": client["client_id"],
        "client_secret": client["client_secret"],
        "server_metadata_url": f"{provider}/.well-known/openid-configuration",
    }
    path = folder / "secrets.toml"
    path.write_text("[auth]\n" + "".join(f"{k} = {json.dumps(v)}\n" for k, v in auth.items()))
    return path


@pytest.fixture(scope="module")
def server_database(request, tmp_path_factory) -> str:
    """The report's database for this module's server (its own PostgreSQL copy), in which app_users
    holds a convener of Ultrasound Imaging."""
    from db.engine import make_engine

    url = database_copy(request, tmp_path_factory.mktemp("oidc_database"), suffix="_oidc")
    engine = make_engine(url)
    add_editors(engine)
    engine.dispose()
    return url


@pytest.fixture(scope="module")
def server(server_database, tmp_path_factory, provider):
    """The dashboard with OpenID Connect sign-in (conftest's `page` opens a new profile on it per test)."""
    folder = tmp_path_factory.mktemp("oidc_server")
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    secrets_path = _secrets_file(folder, provider, f"{base}/oauth2callback")
    with serving(server_database, folder, port=port, args=[f"--secrets.files={secrets_path}"]) as served:
        yield served


def shown(text: str) -> re.Pattern:
    """`text` as the page shows it: invisible joiners (which keep an email from becoming a link) allowed
    between any two characters."""
    return re.compile("[\u200b-\u200d\u2060\ufeff]*".join(map(re.escape, text)))


def sidebar(page):
    return page.get_by_test_id("stSidebar")


def heading(page):
    return page.get_by_test_id("stMain").locator("h1").first


def nav_titles(page) -> list[str]:
    links = page.get_by_test_id("stSidebarNav").get_by_role("link")
    return [t.strip().splitlines()[-1] for t in links.all_inner_texts()]  # after the icon's name


def sign_in_with_provider(page, provider: str, base: str, email: str) -> None:
    """The viewer's "Editor sign-in" button, then the provider's own form (the mock's user is its `sub`,
    and its email claim is the same), then back to the dashboard."""
    page.goto("/")
    settled(page)
    assert "Signed in as" not in sidebar(page).inner_text()
    sidebar(page).get_by_role("button", name="Editor sign-in").click()
    page.wait_for_url(f"{provider}/oauth2/authorize?**")
    page.get_by_placeholder("sub").fill(email)
    page.get_by_role("button", name="Authorize").click()
    page.wait_for_url(f"{base}/**")
    settled(page)


def sign_out_with_provider(page, provider: str) -> None:
    """The sidebar's "Sign out", then the provider's end-session page, then back to the dashboard."""
    sidebar(page).get_by_role("button", name="Sign out").click()
    page.wait_for_url(f"{provider}/oauth2/end_session?**")
    page.get_by_role("button", name="End session").click()
    settled(page)


def expect_viewer(page, base: str) -> None:
    """No editor's page in the menu, and the editor page's own address says it is for editors, showing
    nothing of the page (the frame registers editors' pages only for editors)."""
    assert "Record a session" not in nav_titles(page)
    page.goto(f"{base}/record-a-session")
    expect(page.get_by_test_id("stMain")).to_contain_text("This page is for editors", timeout=TIMEOUT_MS)
    settled(page)
    assert page.get_by_role("button", name="Save session").count() == 0
    assert page.get_by_test_id("stMain").get_by_role("combobox").count() == 0


def test_a_convener_signs_in_with_the_provider_records_for_their_community_only_and_signs_out(
    page, server, server_database, provider
):
    base, url = server, server_database
    sign_in_with_provider(page, provider, base, CONVENER)
    expect(sidebar(page)).to_contain_text(shown(f"Signed in as {CONVENER} (convener of {UI})"), timeout=TIMEOUT_MS)
    assert "Record a session" in nav_titles(page) and "Audit log" not in nav_titles(page)

    page.goto("/record-a-session")  # a reload keeps the provider's sign-in (Streamlit's signed cookie)
    settled(page)
    expect(heading(page)).to_contain_text("Record a session", timeout=TIMEOUT_MS)
    main = page.get_by_test_id("stMain")
    main.get_by_role("combobox", name="Community").click()
    assert [o.strip() for o in page.get_by_role("option").all_inner_texts()] == [UI]
    page.keyboard.press("Escape")
    main.get_by_label("Headcount (leave empty").fill("9")
    main.get_by_role("button", name="Save session").click()
    expect(main.get_by_test_id("stAlertContentSuccess")).to_contain_text(
        shown(f"Saved session 4 of {UI}"), timeout=TIMEOUT_MS
    )
    [(source,)] = _query(
        url,
        "SELECT s.source FROM sessions s JOIN communities c ON c.id = s.community_id "
        "WHERE c.name = :c AND s.number = 4",
        c=UI,
    )
    assert source.startswith(f"Recorded in dashboard by {CONVENER} on ")

    sign_out_with_provider(page, provider)
    expect(sidebar(page).get_by_role("button", name="Editor sign-in")).to_be_visible(timeout=TIMEOUT_MS)
    expect_viewer(page, base)
    assert "Signed in as" not in sidebar(page).inner_text()
    assert not [c["name"] for c in page.context.cookies() if c["name"].startswith("_streamlit_user")]
    audit = _query(url, "SELECT action, detail FROM audit_log WHERE user_email = :e ORDER BY id", e=CONVENER)
    signs = [(action, json.loads(detail)["how"]) for action, detail in audit if action.startswith("sign_")]
    assert signs == [("sign_in", OIDC), ("sign_out", OIDC)]  # once each: the reload is no new sign-in


def test_a_provider_user_who_is_not_in_app_users_is_a_viewer(page, server, provider):
    base = server
    sign_in_with_provider(page, provider, base, OUTSIDER)
    not_an_editor = shown(f"Signed in as {OUTSIDER}, who is not an editor")
    expect(sidebar(page)).to_contain_text(not_an_editor, timeout=TIMEOUT_MS)
    expect_viewer(page, base)
    expect(sidebar(page)).to_contain_text(not_an_editor, timeout=TIMEOUT_MS)


def _query(url: str, sql: str, **params) -> list[tuple]:
    """Rows from the server's database, read from outside the server."""
    from sqlalchemy import text

    from db.engine import make_engine

    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            return [tuple(row) for row in conn.execute(text(sql), params)]
    finally:
        engine.dispose()
