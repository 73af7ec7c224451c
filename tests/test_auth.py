"""Permissions: viewers cannot write through any page or function, conveners only to their own
communities; local sign-in through the sidebar needs the editor's own password (no shared one), is
throttled with a message saying when to try again, and is audited; AppTest's `user` drives OIDC."""

from __future__ import annotations

import datetime as dt
import logging
import re

import pytest
from sqlalchemy import select
from streamlit.testing.v1 import AppTest

from dashboard.widgets import sign_in as dashboard_auth
from db import models as m
from db import throttle
from db.auth import set_password
from db.errors import ImportRejected, PermissionDenied
from db.passwords import PasswordRefused, hash_password, needs_rehash, verify_password
from db.read import audit_log
from db.throttle import Wait
from db.write import reference
from db.write.imports.store import import_file, record_session
from db.write.imports.undo import undo_import
from tests.apptest import all_text, as_user, cannot_open, new_app
from tests.editors import ADMIN, CONVENER, PASSWORDS, SESSIONS, csv, snapshot

UI, OT = "Ultrasound Imaging", "Operational Teams"
PASSWORD = "correct horse battery staple"
SESSION = {"community": UI, "number": 4, "status": "held", "date": None, "headcount": 12, "note": None}
SIGN_IN = "FormSubmitter:sign_in_form-Sign in"


def test_password_hash_is_argon2id_and_verifies_only_its_password():
    stored = hash_password(PASSWORD)
    assert stored.startswith("$argon2id$") and PASSWORD not in stored and not needs_rehash(stored)
    assert verify_password(PASSWORD, stored)
    assert not verify_password(PASSWORD + "!", stored)
    assert not verify_password("", stored)
    assert hash_password(PASSWORD) != stored  # salted


def test_malformed_or_missing_hash_refuses_every_password():
    for stored in (
        None,
        "",
        "plain-text-password",
        "scrypt$1$2$3$not-base64$x",
        "$argon2id$garbage",
        "scrypt$1099511627776$8$1$MDEyMw==$MDEyMw==",
    ):
        assert not verify_password(PASSWORD, stored)


@pytest.mark.parametrize(
    "password, why",
    [
        ("short", "at least 12 characters (this one has 5)"),
        (" padded with spaces ", "may not start or end with a space"),
        ("x" * 1025, "at most 1024 characters"),
    ],
)
def test_unusable_password_cannot_be_hashed(password, why):
    with pytest.raises(PasswordRefused, match=re.escape(why)):
        hash_password(password)


WRITES = {
    "record a session": lambda e, u: record_session(e, u, dict(SESSION), [], []),
    "import a file": lambda e, u: import_file(e, u, "s.csv", csv(SESSIONS, f"{UI},4,held,,3,")),
    "undo an import": lambda e, u: undo_import(e, u, 1),
    "add an organisation": lambda e, u: reference.add_organisation(e, u, "Brand New Trust", "Acute trust"),
    "add a role": lambda e, u: reference.add_role(e, u, "Brand New Role", "Nursing"),
    "add a programme": lambda e, u: reference.add_programme(e, u, "Primary care communities"),
    "add a community": lambda e, u: reference.add_community(
        e, u, "Primary care: Bexley", "SELCA Communities of Practice programme"
    ),
}


@pytest.mark.parametrize("write", WRITES, ids=list(WRITES))
def test_viewer_cannot_write_through_any_function(engine, editors, write):
    before = snapshot(engine)
    with pytest.raises(PermissionDenied, match=r"Only signed-in editors|Only an administrator"):
        WRITES[write](engine, None)
    assert snapshot(engine) == before


def test_viewer_cannot_read_the_audit_log(engine, editors):
    with engine.connect() as conn, pytest.raises(PermissionDenied):
        audit_log.entries(conn, None)


def test_convener_cannot_record_a_session_in_another_community(engine, editors):
    _, convener = editors
    before = snapshot(engine)
    with pytest.raises(PermissionDenied, match="can edit only Ultrasound Imaging, not Operational Teams"):
        record_session(engine, convener, {**SESSION, "community": OT}, [], [])
    assert snapshot(engine) == before


def test_convener_cannot_import_rows_of_another_community(engine, editors):
    _, convener = editors
    before = snapshot(engine)
    with pytest.raises(ImportRejected, match="expected a community you can edit"):
        import_file(engine, convener, "s.csv", csv(SESSIONS, f"{UI},4,held,,3,", f"{OT},4,held,,3,"))
    assert snapshot(engine) == before


def test_convener_cannot_undo_an_import_into_another_community(engine, editors):
    admin, convener = editors
    batch = import_file(engine, admin, "s.csv", csv(SESSIONS, f"{OT},4,held,,3,")).batch_id
    with pytest.raises(PermissionDenied, match="not Operational Teams"):
        undo_import(engine, convener, batch)


@pytest.mark.parametrize("write", ["add a programme", "add a community"])
def test_convener_cannot_add_programmes_or_communities(engine, editors, write):
    _, convener = editors
    with pytest.raises(PermissionDenied, match="Only an administrator"):
        WRITES[write](engine, convener)


def test_convener_records_in_own_community_and_it_is_audited(engine, editors):
    _, convener = editors
    outcome = record_session(
        engine, convener, {**SESSION, "headcount": None}, [{"participant_code": "UI-101"}], [{"text": "Helpful"}]
    )
    assert outcome.written == {
        "sessions": 1,
        "participants": 1,
        "attendances": 1,
        "comments": 1,
        "community_roles": 0,
        "community_organisations": 0,
    }
    with engine.connect() as conn:
        log = audit_log.entries(conn, editors[0])
    assert log.iloc[0]["action"] == "record_session" and log.iloc[0]["user_email"] == CONVENER


def test_administrator_adds_a_programme_and_community_after_close_matches(engine, editors):
    admin, _ = editors
    reference.add_programme(engine, admin, "Primary care communities of practice")
    with pytest.raises(reference.CloseMatches) as close:
        reference.add_community(engine, admin, "Ultrasound Imagings", "Primary care communities of practice")
    assert close.value.matches == [UI]
    made = reference.add_community(engine, admin, "Primary care: Lewisham", "Primary care communities of practice")
    assert made == "Primary care: Lewisham"


def test_new_organisation_close_to_an_alias_is_offered_the_match_first(engine, editors):
    _, convener = editors
    with pytest.raises(reference.CloseMatches) as close:
        reference.add_organisation(engine, convener, "Kings College Hospital Trust", "Acute trust")
    assert "King's College Hospital NHS Foundation Trust" in close.value.matches
    made = reference.add_organisation(engine, convener, "Kings College Hospital Trust", "Acute trust", confirmed=True)
    assert made == "Kings College Hospital Trust"


# --- Through the app ------------------------------------------------------------------------


EDITOR_PAGES = {"record-a-session": "Record a session", "import-files": "Import a file", "audit-trail": "Audit log"}


def _opens(at: AppTest, page: str) -> None:
    """pages/<page>.py opens for the person signed in, showing its own title."""
    at.switch_page(f"pages/{page}.py").run()
    assert not at.exception and EDITOR_PAGES[page] in [t.value for t in at.title]


def test_viewer_sees_no_editor_pages_and_cannot_open_them(db_url, editors):
    at = new_app()
    at.run()
    assert not at.exception
    for page in EDITOR_PAGES:
        cannot_open(at, page)
    admin = as_user(ADMIN)  # the same pages, which an administrator opens
    admin.run()
    for page in EDITOR_PAGES:
        _opens(admin, page)


def _sign_in(at: AppTest, email: str, password: str) -> AppTest:
    at.text_input(key="sign_in_email").input(email)
    at.text_input(key="sign_in_password").input(password)
    return at.button(key=SIGN_IN).click().run()


def _said(at: AppTest) -> str:
    """The page's text as a person reads it (invisible word joiners that keep user text inert dropped)."""
    return all_text(at).replace("\u2060", "")


def _errors(at: AppTest) -> list[str]:
    return [e.value for e in at.error]


def test_administrator_email_with_the_conveners_password_is_refused(db_url, editors_with_passwords):
    at = new_app()
    at.run()
    _sign_in(at, ADMIN, PASSWORDS[CONVENER])
    assert _errors(at) == ["That email and password do not match an editor."]
    cannot_open(at, "audit-trail")
    _sign_in(at, ADMIN, PASSWORDS[ADMIN])  # the administrator's own password opens it
    _opens(at, "audit-trail")


def test_retired_shared_password_signs_nobody_in_and_is_warned_about_once(
    db_url, editors_with_passwords, monkeypatch, caplog
):
    """Issue 11: the shared password in COP_EDITOR_PASSWORD_HASH let anyone sign in as the administrator."""
    monkeypatch.setenv("COP_EDITOR_PASSWORD_HASH", hash_password(PASSWORD))
    dashboard_auth.warn_about_retired_settings.cache_clear()
    with caplog.at_level(logging.WARNING, logger="dashboard.widgets.sign_in"):
        at = new_app()
        at.run()
        _sign_in(at, ADMIN, PASSWORD)
    assert not at.exception and _errors(at) == ["That email and password do not match an editor."]
    warnings = [r.getMessage() for r in caplog.records if "COP_EDITOR_PASSWORD_HASH" in r.getMessage()]
    assert len(warnings) == 1 and "no longer used" in warnings[0]
    dashboard_auth.warn_about_retired_settings.cache_clear()


def test_wrong_password_is_refused(db_url, editors_with_passwords):
    at = new_app()
    at.run()
    _sign_in(at, ADMIN, PASSWORDS[ADMIN] + "x")
    assert _errors(at) == ["That email and password do not match an editor."]
    cannot_open(at, "record-a-session")
    _sign_in(at, ADMIN, PASSWORDS[ADMIN])
    _opens(at, "record-a-session")


def test_right_password_of_an_unknown_email_is_refused(db_url, editors_with_passwords):
    at = new_app()
    at.run()
    _sign_in(at, "stranger@example.com", PASSWORDS[ADMIN])
    assert _errors(at) == ["That email and password do not match an editor."]


@pytest.mark.parametrize("typed", ["", "not an email", "a\x00b@nhs.example", "x" * 400 + "@nhs.example"])
def test_text_that_cannot_be_an_email_gets_a_clear_message(db_url, editors_with_passwords, typed):
    at = new_app()
    at.run()
    at.text_input(key="sign_in_email").set_value(typed)  # set_value: past the field's max_chars
    at.text_input(key="sign_in_password").input(PASSWORDS[ADMIN])
    at.button(key=SIGN_IN).click().run()
    assert not at.exception
    assert _errors(at) == ["Type the email address you sign in with, such as name@nhs.net."]


def test_own_password_signs_a_convener_in_to_the_editor_pages_and_out_again(db_url, editors_with_passwords, engine):
    at = new_app()
    at.run()
    _sign_in(at, CONVENER.upper(), PASSWORDS[CONVENER])
    assert f"Signed in as **{CONVENER}** (convener of Ultrasound Imaging)" in _said(at)
    at.switch_page("pages/record-a-session.py").run()
    assert not at.exception and at.selectbox(key="record_community").options == [UI]
    cannot_open(at, "audit-trail")  # the audit log is for administrators
    at.button(key="sign_out").click().run()
    assert at.text_input(key="sign_in_email") is not None
    with engine.connect() as conn:
        log = conn.execute(select(m.AuditEntry.user_email, m.AuditEntry.action).order_by(m.AuditEntry.id)).all()
    assert log[-2:] == [(CONVENER, "sign_in"), (CONVENER, "sign_out")]


def test_a_new_password_signs_out_a_tab_signed_in_with_the_old_one(db_url, editors_with_passwords, engine):
    """A password set again (a leaked one replaced) ends the sessions it opened at their next run, and
    the audit log says why; signing in with the new password works."""
    at = new_app()
    at.run()
    _sign_in(at, CONVENER, PASSWORDS[CONVENER])
    at.switch_page("pages/record-a-session.py").run()
    assert not at.exception and at.selectbox(key="record_community").options == [UI]
    with engine.begin() as conn:
        set_password(conn, None, CONVENER, hash_password("a brand new passphrase 42"), bootstrap=True)
    at.run()
    assert any("Your password was changed, so you were signed out" in t.value for t in at.toast)
    assert at.text_input(key="sign_in_email") is not None and "Signed in as" not in _said(at)
    cannot_open(at, "record-a-session")
    with engine.connect() as conn:
        last = conn.execute(select(m.AuditEntry.action, m.AuditEntry.detail).order_by(m.AuditEntry.id.desc())).first()
    assert last[0] == "sign_out" and "password changed" in str(last[1])
    _sign_in(at, CONVENER, "a brand new passphrase 42")
    assert f"Signed in as **{CONVENER}**" in _said(at)


def test_the_form_and_the_signed_in_box_say_that_a_reload_signs_out(db_url, editors_with_passwords):
    at = new_app()
    at.run()
    assert "Reloading or closing this tab signs you out." in _said(at)
    _sign_in(at, ADMIN, PASSWORDS[ADMIN])
    assert f"Signed in as **{ADMIN}** (administrator)" in _said(at)
    assert "Reloading or closing this tab signs you out." in _said(at)


@pytest.mark.slow  # six sign-ins through the app, each an Argon2id verification
def test_sixth_try_is_refused_with_the_time_to_try_again(db_url, editors_with_passwords, monkeypatch):
    # The throttle's clock stands still: the one-second wait after the fifth failure must not run out
    # while a loaded machine verifies the sixth try's password.
    frozen = throttle.utcnow()
    monkeypatch.setattr(throttle, "utcnow", lambda: frozen)
    at = new_app()
    at.run()
    for _ in range(4):
        _sign_in(at, ADMIN, "a wrong guess, again")
    _sign_in(at, ADMIN, "a wrong guess, again")
    assert _errors(at)[0].startswith(
        "That email and password do not match an editor. Too many tries for this account: try again after "
    )
    _sign_in(at, ADMIN, PASSWORDS[ADMIN])  # the right password, during the wait
    assert len(_errors(at)) == 1 and _errors(at)[0].startswith("Too many tries for this account: try again after")
    assert "Signed in as" not in _said(at)


def test_wait_message_names_the_time_in_utc_and_how_long():
    now = dt.datetime(2026, 12, 1, 9, 39, 0)
    wait = Wait(now, now + dt.timedelta(minutes=2, seconds=7), "account")
    assert dashboard_auth.wait_message(wait, now) == (
        "Too many tries for this account: try again after 09:41:07 UTC (in 3 minutes)."
    )
    assert dashboard_auth.wait_message(Wait(now, now + dt.timedelta(seconds=1), "client"), now) == (
        "Too many tries from this address: try again after 09:39:01 UTC (in 1 second)."
    )


def test_oidc_administrator_reaches_every_editor_page(db_url, editors):
    at = as_user(ADMIN, name="Test")
    at.run()
    assert f"Signed in as **{ADMIN}** (administrator)" in _said(at)
    for page, title in (
        ("record-a-session", "Record a session"),
        ("import-files", "Import a file"),
        ("audit-trail", "Audit log"),
    ):
        at.switch_page(f"pages/{page}.py").run()
        assert not at.exception and title in [t.value for t in at.title]


def test_oidc_user_not_in_app_users_is_a_viewer(db_url, editors):
    at = as_user("someone.else@nhs.example", name="Test")
    at.run()
    assert "who is not an editor" in _said(at)
    cannot_open(at, "import-files")
    at.user = {"is_logged_in": True, "email": CONVENER, "name": "Test"}  # an editor in app_users opens it
    at.run()
    _opens(at, "import-files")


def test_oidc_signed_out_user_gets_the_sign_in_button(db_url, editors):
    at = new_app()
    at.secrets["auth"] = {"redirect_uri": "http://localhost:8501/oauth2callback", "cookie_secret": "t"}
    at.user = {"is_logged_in": False}
    at.run()
    assert "Editor sign-in" in [b.label for b in at.button]


def test_record_page_saves_a_session_through_the_form(db_url, editors, engine):
    at = as_user(CONVENER, name="Test")
    at.run()
    at.switch_page("pages/record-a-session.py").run()
    at.number_input(key="record_headcount").set_value(9)
    at.button(key="FormSubmitter:record_form-Save session").click().run()
    assert not at.exception
    assert any("Saved session 4 of Ultrasound Imaging" in s.value for s in at.success)
    with engine.connect() as conn:
        from sqlalchemy import text

        row = conn.execute(text("SELECT headcount, source FROM sessions WHERE number = 4")).one()
    assert row[0] == 9 and row[1].startswith(f"Recorded in dashboard by {CONVENER} on ")


def test_oidc_sign_in_is_audited_once_across_reruns(db_url, editors, engine):
    at = as_user(ADMIN, name="Test")
    at.user = {"is_logged_in": True, "email": ADMIN, "name": "Test", "iat": 1_764_579_600}
    at.run()
    at.run()
    at.switch_page("pages/audit-trail.py").run()
    with engine.connect() as conn:
        actions = conn.execute(select(m.AuditEntry.action).where(m.AuditEntry.user_email == ADMIN)).scalars()
        assert list(actions) == ["sign_in"]


def test_without_oidc_or_any_own_password_there_is_no_sign_in_form(db_url, editors, monkeypatch):
    monkeypatch.setenv("COP_EDITOR_PASSWORD_HASH", hash_password(PASSWORD))  # retired: offers nothing
    at = new_app()
    at.run()
    assert not at.exception
    assert [t for t in at.text_input if t.key in ("sign_in_email", "sign_in_password")] == []
