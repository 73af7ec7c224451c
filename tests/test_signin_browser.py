"""Local sign-in in a real Chromium: an editor's address opened signed out (a bookmark, a shared link)
says it needs an editor's sign-in, opens the sign-in form and shows nothing of the page; signing in there
opens the page at the same address; a reload signs out, as the page says; the sixth wrong try says when
to try again; the client address comes from a proxy header only as README says."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from db import models as m
from db.engine import make_engine
from tests.chromium import (
    TIMEOUT_MS,
    axe_violations,
    database_copy,
    described,
    require_chromium,
    serving,
    settled,
    sign_in,
)
from tests.editors import ADMIN, CONVENER, PASSWORDS, add_editors

pytestmark = [pytest.mark.database, pytest.mark.browser]  # the server's own database: runs in the PostgreSQL pass too

LOCKED = "This page is for editors. Sign in with Editor sign-in in the sidebar and it opens here."


def _with_editors(request, folder, suffix: str) -> str:
    """A copy of the report for a server, with an administrator and a convener of Ultrasound Imaging who
    each have their own password (tests/editors.py), so that the sidebar offers local sign-in."""
    url = database_copy(request, folder, suffix=suffix)
    engine = make_engine(url)
    add_editors(engine, passwords=True)
    engine.dispose()
    return url


@pytest.fixture(scope="module")
def server(request, tmp_path_factory):
    require_chromium()
    folder = tmp_path_factory.mktemp("signin")
    url = _with_editors(request, folder, "_signin_browser")
    with serving(url, folder) as base:
        yield base


def main(page):
    return page.get_by_test_id("stMain")


def test_an_editors_address_signed_out_offers_sign_in_and_opens_there(page):
    page.goto("/record-a-session")
    expect(main(page)).to_contain_text(LOCKED, timeout=TIMEOUT_MS)
    settled(page)  # no "Page not found", no error
    assert page.get_by_role("button", name="Save session").count() == 0
    assert main(page).get_by_role("combobox").count() == 0  # nothing of the page's form
    expect(page.get_by_label("Email")).to_be_visible()  # the sidebar's sign-in form is open
    expect(page.get_by_test_id("stSidebar")).to_contain_text("Reloading or closing this tab signs you out.")
    found = axe_violations(page)  # WCAG 2.2 AA, as every page
    assert not found, described(found)
    sign_in(page, CONVENER, PASSWORDS[CONVENER])
    expect(page.get_by_role("button", name="Save session")).to_be_visible(timeout=TIMEOUT_MS)
    assert page.url.endswith("/record-a-session")
    page.reload()  # as the sidebar said: a reload signs a local editor out
    expect(main(page)).to_contain_text(LOCKED, timeout=TIMEOUT_MS)
    assert page.get_by_role("button", name="Save session").count() == 0


def test_a_convener_on_the_audit_logs_address_is_told_it_is_for_administrators(page):
    page.goto("/audit-trail")
    expect(main(page)).to_contain_text("This page is for administrators.", timeout=TIMEOUT_MS)
    sign_in(page, CONVENER, PASSWORDS[CONVENER])
    expect(main(page)).to_contain_text("This page is for administrators; you are signed in as", timeout=TIMEOUT_MS)
    assert CONVENER in main(page).inner_text().replace("\u2060", "")  # word joiners keep an email inert
    assert page.get_by_test_id("stDataFrame").count() == 0


def test_sixth_wrong_try_in_a_row_says_when_to_try_again(page):
    page.goto("/audit-trail")
    expect(main(page)).to_contain_text("This page is for administrators.", timeout=TIMEOUT_MS)
    for _ in range(6):
        sign_in(page, ADMIN, "not the administrator's password")
        expect(page.get_by_test_id("stSidebar").get_by_test_id("stAlertContentError")).to_be_visible()
    expect(page.get_by_test_id("stSidebar")).to_contain_text("Too many tries for this account: try again after ")
    expect(page.get_by_test_id("stSidebar")).to_contain_text(" UTC (in ")


def _attempt_clients(url: str) -> list[str | None]:
    engine = make_engine(url)
    with engine.connect() as conn:
        clients = list(conn.execute(select(m.SignInAttempt.client).order_by(m.SignInAttempt.id)).scalars())
    engine.dispose()
    return clients


def test_the_client_address_is_taken_from_a_proxy_header_only_as_the_readme_says(browser, request, tmp_path):
    """README "Throttling": Streamlit's server (uvicorn) takes a connection's X-Forwarded-For only from the
    addresses in FORWARDED_ALLOW_IPS (default: this machine's), and from none when that is empty."""
    url = _with_editors(request, tmp_path, "_signin_proxy")
    for trusted, expected in (("127.0.0.1", "198.51.100.7"), ("", None)):
        with serving(url, tmp_path, env={"FORWARDED_ALLOW_IPS": trusted}) as base:
            context = browser.new_context(base_url=base, extra_http_headers={"X-Forwarded-For": "198.51.100.7"})
            tab = context.new_page()
            tab.goto("/record-a-session")
            sign_in(tab, "someone@nhs.example", "a guess at a password")
            expect(tab.get_by_test_id("stSidebar")).to_contain_text("That email and password do not match an editor.")
            context.close()
        assert _attempt_clients(url)[-1] == expected
