"""The frame of the CoP dashboard: page config, the shared community filter, navigation."""

from pathlib import Path

import streamlit as st

from dashboard import data, feedback, page_meta
from dashboard.auth import current_user, sign_in_widget
from dashboard.filters import community_filter, publication_controls
from dashboard.glossary import sidebar as glossary_sidebar

# The icon is a file of ours (sent as a data: URL): a :material/…: favicon is fetched from fonts.gstatic.com.
st.set_page_config(page_title=page_meta.APP_NAME, page_icon=Path(__file__).parent / "dashboard" / "favicon.svg",
                   layout="wide")
st.html(Path(__file__).parent / "dashboard" / "accessibility.css")  # contrast fixes to Streamlit's styles
st.html(Path(__file__).parent / "dashboard" / "print.css")  # Ctrl+P: the content only, charts whole

# The public feedback form (a link's token in the address): one page, no sidebar, no navigation.
if feedback.requested():
    st.navigation(feedback.form_pages(), position="hidden").run()
    st.stop()

# Each url_path differs from its file's name on purpose: Streamlit's legacy pages/ discovery would
# otherwise run a page file on its own, without this frame, on a process's first request (and in AppTest).
PAGES = [
    st.Page("pages/overview.py", url_path="home", title="Overview", icon=":material/dashboard:", default=True),
    st.Page("pages/attendance.py", url_path="attendance-trends", title="Attendance", icon=":material/show_chart:"),
    st.Page("pages/participation.py", url_path="organisations-and-roles", title="Participation", icon=":material/diversity_3:"),
    st.Page("pages/value_stories.py", url_path="value-framework", title="Value stories", icon=":material/auto_stories:"),
    st.Page("pages/member_voice.py", url_path="comments-and-quotes", title="Member voice", icon=":material/format_quote:"),
    st.Page("pages/compare.py", url_path="compare-communities", title="Compare", icon=":material/compare_arrows:"),
    st.Page("pages/slide_deck.py", url_path="build-a-deck", title="Slide deck", icon=":material/slideshow:"),
]

# Editors' pages are listed only for editors; each page and every write function checks again.
EDITOR_PAGES = [
    st.Page("pages/record_session.py", url_path="record-a-session", title="Record a session", icon=":material/edit_note:"),
    st.Page("pages/import_data.py", url_path="import-files", title="Import", icon=":material/upload_file:"),
    st.Page("pages/feedback_links.py", url_path="feedback-links", title="Feedback links", icon=":material/qr_code_2:"),
    st.Page("pages/screening.py", url_path="screen-feedback", title="Screen feedback", icon=":material/fact_check:"),
    st.Page("pages/code_evidence.py", url_path="code-the-evidence", title="Code evidence", icon=":material/sell:"),
    st.Page("pages/record_interview.py", url_path="convener-interview", title="Record an interview",
            icon=":material/record_voice_over:"),
]
ADMIN_PAGES = [
    st.Page("pages/audit_log.py", url_path="audit-trail", title="Audit log", icon=":material/history:"),
    st.Page("pages/questions.py", url_path="feedback-questions", title="Feedback questions", icon=":material/quiz:"),
    st.Page("pages/themes_cycles.py", url_path="codebook", title="Themes and cycles", icon=":material/category:"),
]
data.forget_if_changed()  # another process may have written since this one cached its reads
user = current_user()
# Every page listed, no "View more" (Streamlit's sectioned menu fails axe-core's list rules).
page = st.navigation(PAGES + (EDITOR_PAGES if user else []) + (ADMIN_PAGES if user and user.is_admin else []),
                     expanded=True)
st.sidebar.title("Communities of Practice")
page_meta.set_title(page.title, community_filter())
publication_controls()
sign_in_widget()
glossary_sidebar()
# A constant script (no user text): scales charts to the paper when printing; in the sidebar, which never prints.
st.sidebar.html(Path(__file__).parent / "dashboard" / "print_fit.html", unsafe_allow_javascript=True)
page.run()
