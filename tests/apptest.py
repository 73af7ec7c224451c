"""Helpers for driving the app with Streamlit's AppTest: the app, a page of it (with URL parameters), an
editor signed in through the OpenID provider, and what the page shows."""

from __future__ import annotations

import base64
import json
import re
from pathlib import Path

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

from dashboard.widgets.blocks import OPEN_PREFIX
from tests.editors import ADMIN

ROOT = Path(__file__).resolve().parent.parent
# The pages everyone sees, by address (each page file is pages/<address>.py; "overview" is "/").
PAGES = [
    "overview",
    "attendance-trends",
    "organisations-and-roles",
    "value-framework",
    "comments-and-quotes",
    "compare-communities",
]
# An OpenID provider's settings as secrets: with them, AppTest's `user` says who is signed in.
AUTH = {
    "redirect_uri": "http://localhost:8501/oauth2callback",
    "cookie_secret": "test-only",
    "client_id": "x",
    "client_secret": "y",
    "server_metadata_url": "https://login.example/.well-known/openid-configuration",
}


def new_app() -> AppTest:
    """app.py, not yet run (the default 3 s timeout is too short for a busy machine)."""
    return AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)


def as_user(email: str, **claims) -> AppTest:
    """app.py with `email` signed in through the OpenID provider, not yet run."""
    at = new_app()
    at.secrets["auth"] = AUTH
    at.user = {"is_logged_in": True, "email": email, **claims}
    return at


def signed_in(page: str, email: str = ADMIN) -> AppTest:
    """app.py run with `email` signed in, then switched to the page at `/page` (pages/<page>.py), which
    ran without an error."""
    at = as_user(email)
    at.run()
    at.switch_page(f"pages/{page}.py").run()
    assert not at.exception
    return at


def cannot_open(at: AppTest, page: str) -> None:
    """pages/<page>.py is not in this run's navigation: AppTest knows only the pages st.navigation
    registered for the person signed in (tests that use this also open the page as someone allowed)."""
    with pytest.raises(ValueError, match=f"Could not find a navigation page for '[^']*pages/{page}.py'"):
        at.switch_page(f"pages/{page}.py")


def run_page(page: str, community: str | None = None, *, tables_open: bool = False, **params: str) -> AppTest:
    """Run app.py on the page at `/page` (its file: pages/<page>.py), optionally with `?community=` (a deep
    link) and other URL parameters; with `tables_open`, every "Show data" is then opened (`open_tables`)."""
    at = new_app()
    if community is not None:
        at.query_params["community"] = community
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    if page != "overview":
        at.switch_page(f"pages/{page}.py").run()
    return open_tables(at) if tables_open else at


def open_tables(at: AppTest) -> AppTest:
    """Open every "Show data" (every lazy expander, `blocks.lazy_expander`) the page shows, as a person
    clicking each would, and rerun: a closed one sends no table, so a test that reads the page's tables
    opens them first. Returns `at`."""
    closed = [key for key, value in at.session_state.items() if key.startswith(OPEN_PREFIX) and value is False]
    for key in closed:
        at.session_state[key] = True
    if closed:
        at.run()
    return at


def decode(value):
    """A plotly array from a chart spec: plain list or plotly 7's base64 typed array."""
    if isinstance(value, dict) and "bdata" in value:
        return np.frombuffer(base64.b64decode(value["bdata"]), value["dtype"]).tolist()
    return value


def chart_specs(at: AppTest) -> list[dict]:
    return [json.loads(c.proto.spec) for c in at.get("plotly_chart")]


def all_text(at: AppTest) -> str:
    """Every piece of text the page shows to a person (markdown, captions, metrics, alerts)."""
    parts = []
    for kind in ("title", "header", "subheader", "markdown", "caption", "text", "warning", "info", "error", "success"):
        parts += [str(e.value) for e in at.get(kind)]
    for metric in at.get("metric"):
        parts.append(f"{metric.label} {metric.value}")
    return shown("\n".join(parts))


def shown(markdown: str) -> str:
    """Markdown source as a person reads it: backslash escapes removed."""
    return re.sub(r"\\(.)", r"\1", markdown)


def copy_buttons(at: AppTest) -> list:
    """The cards' "Copy with attribution" buttons (popovers whose copy box is built when opened)."""
    return [p for p in at.get("popover") if p.proto.popover.label == "Copy with attribution"]


def opened(at: AppTest, *keys: str) -> AppTest:
    """`at` run again with the popovers or expanders `keys` opened, as a click opens them (their
    content is built on opening)."""
    for key in keys:
        at.session_state[key] = True
    return at.run()
