"""Who is using the dashboard: OpenID Connect (st.login) when secrets hold an [auth] section, else each
local editor's own password; and the sidebar's sign-in and sign-out, recorded in the audit log.

Signing in only says who someone is; the app_users table says what they may do (db.auth), and every
write function checks that itself. A local sign-in lives in this browser tab's session only: Streamlit
has no public way to set an HttpOnly cookie, and a token in the URL would leak into history and logs,
so a reload signs a local editor out, and the sidebar says so. A new password (or none) ends every tab
signed in with the old one at its next run.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import logging
import math
import os

import streamlit as st

from dashboard import data, inert
from db import signin
from db.auth import User, has_own_passwords, load_user, password_hash_of
from db.passwords import MAX_PASSWORD
from db.throttle import Wait, utcnow

SESSION_KEY = "local_editor_email"
STAMP_KEY = "local_editor_password_stamp"  # which password this tab signed in with (a digest of its hash)
AUDITED_KEY = "oidc_sign_in_audited"  # the identity token whose sign-in this session has recorded
RETIRED_ENV = "COP_EDITOR_PASSWORD_HASH"  # the shared password of old: ignored, with a warning
RELOAD_NOTE = "Reloading or closing this tab signs you out."
WRONG = "That email and password do not match an editor."
LOG = logging.getLogger(__name__)


def _secrets_section(name: str) -> dict | None:
    try:
        return dict(st.secrets[name]) if name in st.secrets else None
    except Exception:  # noqa: BLE001 (st.secrets raises several kinds) no secrets file at all: a local, viewer-only set-up
        return None


def oidc_configured() -> bool:
    return _secrets_section("auth") is not None


@functools.cache
def warn_about_retired_settings() -> bool:
    """Log once per process that a shared editor password, if still configured, is not used."""
    retired = os.environ.get(RETIRED_ENV) or (_secrets_section("editor") or {}).get("password_hash")
    if retired:
        LOG.warning(
            "%s and secrets [editor] password_hash are no longer used: there is no shared "
            "editor password. Give each editor their own: python -m db.auth set-password EMAIL",
            RETIRED_ENV,
        )
    return bool(retired)


def _signed_in_email() -> str | None:
    if oidc_configured():
        email = st.user.get("email") if st.user.get("is_logged_in") else None
        return email if isinstance(email, str) else None
    email = st.session_state.get(SESSION_KEY)
    if email and _password_stamp(email) != st.session_state.get(STAMP_KEY):
        _end_local_session(email)  # the password was changed or removed since this tab signed in
        return None
    return email


def _password_stamp(email: str) -> str | None:
    """A digest of the editor's stored password hash (not the hash): it changes whenever the password
    is set again or removed, which ends every tab signed in with the old one."""
    with data.engine().connect() as conn:
        stored = password_hash_of(conn, email)
    return hashlib.sha256(stored.encode()).hexdigest() if stored else None


def _end_local_session(email: str) -> None:
    st.session_state.pop(SESSION_KEY, None)
    st.session_state.pop(STAMP_KEY, None)
    signin.record_sign_out(data.engine(), email, signin.LOCAL, why="password changed")
    st.toast("Your password was changed, so you were signed out: sign in again.", icon=":material/logout:")


def current_user() -> User | None:
    """The signed-in editor, or None for a viewer (signed in but not in app_users counts as a viewer)."""
    email = _signed_in_email()
    if not email:
        return None
    with data.engine().connect() as conn:
        return load_user(conn, email)


def sign_in_widget(*, open_form: bool = False) -> User | None:
    """The sidebar's sign-in or signed-in box; returns the current editor (None for viewers).
    `open_form` opens the local sign-in form (on a page that needs a sign-in).

    With no sign-in configured (no [auth] secrets, no editor with a password) nothing is drawn.
    """
    warn_about_retired_settings()
    email = _signed_in_email()
    if email and oidc_configured():
        _audit_oidc_sign_in(email)
    user = current_user() if email else None
    if email:
        _signed_in_box(email, user)
    elif oidc_configured():
        if st.sidebar.container(border=True).button(
            "Editor sign-in",
            key="sign_in",
            icon=":material/login:",
            help="Sign in with your organisation's account to record sessions",
        ):
            st.login()
    elif _own_passwords():
        _local_form(st.sidebar.container(border=True), open_form)
    return user


def _signed_in_box(email: str, user: User | None) -> None:
    box = st.sidebar.container(border=True)
    if user:
        box.caption(f"Signed in as **{inert.markdown(user.email)}** ({inert.markdown(_role_words(user))})")
    else:
        box.caption(f"Signed in as {inert.markdown(email)}, who is not an editor: you can read everything.")
    if not oidc_configured():
        box.caption(RELOAD_NOTE)
    if box.button("Sign out", key="sign_out", icon=":material/logout:"):
        _sign_out(email)


def _audit_oidc_sign_in(email: str) -> None:
    """Record an OpenID Connect sign-in once per identity token, not on every rerun or reload."""
    claim = st.user.get("iat")
    issued = int(claim) if isinstance(claim, int | float) else None  # absent from AppTest's mock user
    if st.session_state.get(AUDITED_KEY) != (email, issued):
        signin.record_oidc_sign_in(data.engine(), email, issued)
        st.session_state[AUDITED_KEY] = (email, issued)


def _own_passwords() -> bool:
    """True when some editor has a local password of their own (set with python -m db.auth)."""
    with data.engine().connect() as conn:
        return has_own_passwords(conn)


def _role_words(user: User) -> str:
    if user.is_admin:
        return "administrator"
    return "convener of " + (", ".join(sorted(user.communities)) or "no community yet")


def _local_form(box, open_form: bool) -> None:
    with (
        box.expander("Editor sign-in", expanded=open_form, icon=":material/login:"),
        st.form("sign_in_form", border=False),
    ):
        email = st.text_input("Email", key="sign_in_email", autocomplete="username", max_chars=320)
        password = st.text_input(
            "Password", type="password", key="sign_in_password", autocomplete="current-password", max_chars=MAX_PASSWORD
        )
        st.caption(RELOAD_NOTE)
        if st.form_submit_button("Sign in"):
            _try_local_sign_in(email, password)


def _try_local_sign_in(typed_email: str, password: str) -> None:
    try:
        email = signin.check_email(typed_email)
    except signin.BadEmail as exc:
        st.error(str(exc))
        return
    result = signin.sign_in(data.engine(), email, password, client=_client_address())
    if result.user:
        st.session_state[SESSION_KEY] = result.user.email
        st.session_state[STAMP_KEY] = _password_stamp(result.user.email)  # after any upgrade of the hash
        st.rerun()
    elif result.outcome == "refused" and result.wait:
        st.error(wait_message(result.wait, utcnow()))
    else:
        st.error(WRONG + (" " + wait_message(result.wait, utcnow()) if result.wait else ""))


def _client_address() -> str | None:
    """The client's IP address, or None from this machine (and in AppTest, which has no connection)."""
    address = st.context.ip_address
    return address if isinstance(address, str) else None


def wait_message(wait: Wait, now: dt.datetime) -> str:
    """'Too many tries for this account: try again after 09:41:07 UTC (in 2 minutes).'"""
    what = "for this account" if wait.by == "account" else "from this address"
    return f"Too many tries {what}: try again after {wait.until:%H:%M:%S} UTC (in {_duration(wait.until - now)})."


def _duration(delta: dt.timedelta) -> str:
    seconds = max(1, math.ceil(delta.total_seconds()))
    if seconds < 90:
        return f"{seconds} second{'s' if seconds != 1 else ''}"
    return f"{math.ceil(seconds / 60)} minutes"


def _sign_out(email: str) -> None:
    signin.record_sign_out(data.engine(), email, signin.OIDC if oidc_configured() else signin.LOCAL)
    st.session_state.pop(SESSION_KEY, None)
    st.session_state.pop(STAMP_KEY, None)
    st.session_state.pop(AUDITED_KEY, None)
    if oidc_configured():
        st.logout()  # sends the browser to /auth/logout, which deletes the identity cookie
        st.stop()  # not st.rerun(): a new run empties the message queue and can drop that redirect
    st.rerun()


def page_user(*, admin: bool = False) -> User:
    """The editor for an editor's page, or stop the page with a message (defence in depth)."""
    user = current_user()
    if user is None or (admin and not user.is_admin):
        st.warning("This page is for " + ("administrators." if admin else "signed-in editors."), icon=":material/lock:")
        st.stop()
    return user


def locked_notice(title: str, *, admin: bool) -> None:
    """In place of a page this person may not open (a bookmark, a shared link): what it needs and where
    to sign in; nothing of the page itself."""
    st.title(title)
    email, who = _signed_in_email(), "administrators" if admin else "editors"
    if email is None and (oidc_configured() or _own_passwords()):
        st.info(
            f"This page is for {who}. Sign in with **Editor sign-in** in the sidebar and it opens here.",
            icon=":material/lock:",
        )
    elif email is None:
        st.info(f"This page is for {who}, and no editor can sign in here yet.", icon=":material/lock:")
    else:
        st.info(f"This page is for {who}; you are signed in as {inert.markdown(email)}.", icon=":material/lock:")
