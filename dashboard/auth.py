"""Who is using the dashboard: OpenID Connect (st.login) when secrets hold an [auth] section, else a
local editor password; and the sidebar's sign-in and sign-out.

Signing in only says who someone is; the app_users table says what they may do (db.auth), and every
write function checks that itself.
"""

from __future__ import annotations

import os
import time

import streamlit as st

from dashboard import data
from dashboard.components import escape_markdown
from db.auth import User, has_own_passwords, load_user, password_hash_of, verify_password

SESSION_KEY = "local_editor_email"
ENV_HASH = "COP_EDITOR_PASSWORD_HASH"


def _secrets_section(name: str) -> dict | None:
    try:
        return dict(st.secrets[name]) if name in st.secrets else None
    except Exception:  # no secrets file at all: a local, viewer-only set-up
        return None


def oidc_configured() -> bool:
    return _secrets_section("auth") is not None


def shared_password_hash() -> str | None:
    """The local editor password's hash: env COP_EDITOR_PASSWORD_HASH, else secrets [editor]."""
    return os.environ.get(ENV_HASH) or (_secrets_section("editor") or {}).get("password_hash")


def _signed_in_email() -> str | None:
    if oidc_configured():
        return st.user.get("email") if st.user.get("is_logged_in") else None
    return st.session_state.get(SESSION_KEY)


def current_user() -> User | None:
    """The signed-in editor, or None for a viewer (signed in but not in app_users counts as a viewer)."""
    email = _signed_in_email()
    if not email:
        return None
    with data.engine().connect() as conn:
        return load_user(conn, email)


def check_local_password(email: str, password: str) -> User | None:
    """The editor when `password` is theirs (own hash) or the shared editor password; else None."""
    with data.engine().connect() as conn:
        user = load_user(conn, email)
        own = password_hash_of(conn, email) if user else None
    ok = verify_password(password, own or shared_password_hash())  # runs even for unknown emails
    return user if ok and user else None


def sign_in_widget() -> User | None:
    """The sidebar's sign-in or signed-in box; returns the current editor (None for viewers).

    With no sign-in configured (no [auth] secrets, no editor password) nothing is drawn.
    """
    user = current_user()
    if user:
        box = st.sidebar.container(border=True)
        box.caption(f"Signed in as **{escape_markdown(user.email)}** "
                    f"({escape_markdown(_role_words(user))})")
        if box.button("Sign out", key="sign_out", icon=":material/logout:"):
            _sign_out()
        return user
    if _signed_in_email():
        box = st.sidebar.container(border=True)
        box.caption(f"Signed in as {escape_markdown(_signed_in_email())}, who is not an editor: "
                    "you can read everything.")
        if box.button("Sign out", key="sign_out"):
            _sign_out()
        return None
    if oidc_configured():
        if st.sidebar.container(border=True).button(
                "Editor sign-in", key="sign_in", icon=":material/login:",
                help="Sign in with your organisation's account to record sessions"):
            st.login()
    elif shared_password_hash() or _own_passwords():
        _local_form(st.sidebar.container(border=True))
    return None


def _own_passwords() -> bool:
    """True when some editor has a local password of their own (set with python -m db.auth)."""
    with data.engine().connect() as conn:
        return has_own_passwords(conn)


def _role_words(user: User) -> str:
    if user.is_admin:
        return "administrator"
    return "convener of " + (", ".join(sorted(user.communities)) or "no community yet")


def _local_form(box) -> None:
    with box.expander("Editor sign-in", icon=":material/login:"):
        with st.form("sign_in_form", border=False):
            email = st.text_input("Email", key="sign_in_email", autocomplete="username")
            password = st.text_input("Password", type="password", key="sign_in_password",
                                     autocomplete="current-password")
            if st.form_submit_button("Sign in"):
                user = check_local_password(email, password)
                if user is None:
                    time.sleep(0.5)  # slows guessing; the message does not say which part was wrong
                    st.error("That email and password do not match an editor.")
                else:
                    st.session_state[SESSION_KEY] = user.email
                    st.rerun()


def _sign_out() -> None:
    st.session_state.pop(SESSION_KEY, None)
    if oidc_configured():
        st.logout()
    st.rerun()


def page_user(*, admin: bool = False) -> User:
    """The editor for an editor's page, or stop the page with a message (defence in depth)."""
    user = current_user()
    if user is None or (admin and not user.is_admin):
        st.warning("This page is for " + ("administrators." if admin else "signed-in editors."),
                   icon=":material/lock:")
        st.stop()
    return user
