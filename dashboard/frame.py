"""The frame every page runs in: page config, styles, the sidebar (community filter, publication switches,
sign-in, glossary) and navigation. `app.py` calls `main()`; every page file calls `enter()` first.

Each page file is named by its address: `pages/attendance-trends.py` is `/attendance-trends`. On a new
server process's first request Streamlit treats the app as a legacy `pages/` app (it has not yet seen
`st.navigation`) and runs the page file named by the address on its own; `enter()` then runs the frame
around it (whose `st.navigation` ends the legacy mode for the process) and stops that outer run, so no
page is ever drawn without the frame, its sign-in checks and its navigation. See app.py's docstring.
"""

from __future__ import annotations

import functools
from contextvars import ContextVar
from pathlib import Path

import streamlit as st

from dashboard import data
from dashboard.state import page_meta
from dashboard.state.filters import community_filter, publication_controls
from dashboard.widgets import feedback_pages as feedback
from dashboard.widgets.glossary import sidebar as glossary_sidebar
from dashboard.widgets.sign_in import current_user, locked_notice, sign_in_widget

HERE = Path(__file__).resolve().parent
PAGES_DIR = HERE.parent / "pages"

# (address, title, icon); the page's file is pages/<address>.py. The first is the default page, at "/".
VIEWER_PAGES = (
    ("overview", "Overview", ":material/dashboard:"),
    ("attendance-trends", "Attendance", ":material/show_chart:"),
    ("organisations-and-roles", "Participation", ":material/diversity_3:"),
    ("value-framework", "Value stories", ":material/auto_stories:"),
    ("comments-and-quotes", "Member voice", ":material/format_quote:"),
    ("compare-communities", "Compare", ":material/compare_arrows:"),
    ("build-a-deck", "Slide deck", ":material/slideshow:"),
)
# Editors' pages are listed only for editors; each page and every write function checks again.
EDITOR_PAGES = (
    ("record-a-session", "Record a session", ":material/edit_note:"),
    ("import-files", "Import", ":material/upload_file:"),
    ("feedback-links", "Feedback links", ":material/qr_code_2:"),
    ("screen-feedback", "Screen feedback", ":material/fact_check:"),
    ("code-the-evidence", "Code evidence", ":material/sell:"),
    ("convener-interview", "Record an interview", ":material/record_voice_over:"),
)
ADMIN_PAGES = (
    ("audit-trail", "Audit log", ":material/history:"),
    ("feedback-questions", "Feedback questions", ":material/quiz:"),
    ("codebook", "Themes and cycles", ":material/category:"),
)

_inside: ContextVar[bool] = ContextVar("inside_frame", default=False)  # per script thread


def page_file(address: str) -> Path:
    """The file of the page at `/address`."""
    return PAGES_DIR / f"{address}.py"


def enter() -> None:
    """The first statement of every page file: returns at once inside the frame; run any other way
    (Streamlit's legacy pages/ discovery, AppTest), draws the frame, which runs this same page from
    the address, then ends this outer run."""
    if _inside.get():
        return
    main()
    st.stop()


def main() -> None:
    """Draw the frame and run the page the address asks for (app.py's whole body)."""
    token = _inside.set(True)
    try:
        _frame()
    finally:
        _inside.reset(token)


def _pages(table: tuple[tuple[str, str, str], ...], first_is_default: bool = False) -> list[st.Page]:
    return [
        st.Page(page_file(address), url_path=address, title=title, icon=icon, default=first_is_default and i == 0)
        for i, (address, title, icon) in enumerate(table)
    ]


def _locked(table: tuple[tuple[str, str, str], ...], *, admin: bool = False) -> list[st.Page]:
    """Hidden stand-ins at the addresses of pages this person may not open: a bookmark or a shared link
    says what the page needs and offers sign-in (the same address then opens the page), never runs it."""
    return [
        st.Page(
            functools.partial(locked_notice, title, admin=admin), url_path=address, title=title, visibility="hidden"
        )
        for address, title, _icon in table
    ]


def _form_pages() -> list[st.Page]:
    """The form twice: at /feedback (its file's name), and as the default page (a default page's address
    is always "/", so the form alone as the default would not answer at /feedback)."""
    form = page_file(feedback.FORM_PATH)
    return [
        st.Page(form, url_path="feedback-form", title="Feedback", icon=":material/rate_review:", default=True),
        st.Page(form, url_path=feedback.FORM_PATH, title="Feedback", icon=":material/rate_review:"),
    ]


def _frame() -> None:
    # The icon is a file of ours (sent as a data: URL): a :material/…: favicon is fetched from fonts.gstatic.com.
    st.set_page_config(page_title=page_meta.APP_NAME, page_icon=HERE / "favicon.svg", layout="wide")
    st.html(HERE / "accessibility.css")  # contrast fixes to Streamlit's styles
    st.html(HERE / "print.css")  # Ctrl+P: the content only, charts whole

    # The public feedback form (a link's token in the address): one page, no sidebar, no navigation.
    if feedback.requested():
        st.navigation(_form_pages(), position="hidden").run()
        st.stop()

    data.forget_if_changed()  # another process may have written since this one cached its reads
    user = current_user()
    pages = (
        _pages(VIEWER_PAGES, first_is_default=True)
        + (_pages(EDITOR_PAGES) if user else _locked(EDITOR_PAGES))
        + (_pages(ADMIN_PAGES) if user and user.is_admin else _locked(ADMIN_PAGES, admin=True))
    )
    # Every page listed, no "View more" (Streamlit's sectioned menu fails axe-core's list rules).
    page = st.navigation(pages, expanded=True)
    st.sidebar.title("Communities of Practice")
    page_meta.set_title(page.title, community_filter())
    publication_controls()
    sign_in_widget(open_form=page.visibility == "hidden")  # only the locked stand-ins are hidden
    glossary_sidebar()
    # A constant script (no user text): scales charts to the paper when printing; in the sidebar, which never prints.
    st.sidebar.html(HERE / "print_fit.html", unsafe_allow_javascript=True)
    page.run()
