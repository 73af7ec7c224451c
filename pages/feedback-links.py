"""Feedback links: open a session's link for members' end-of-meeting answers, show it as a URL and a QR
code, close or reopen it."""

import streamlit as st

from dashboard.deck.build import PPTX_MIME
from dashboard.frame import enter
from dashboard.inert import markdown as md
from dashboard.widgets import editing
from dashboard.widgets import feedback_pages as feedback
from dashboard.widgets.sign_in import page_user

enter()  # the frame around this page, also when Streamlit runs this file on its own (app.py)

user = page_user()
st.title("Feedback links")
st.caption(
    "Open a link for a session, show its QR code at the end of the meeting, then screen the answers "
    "on the Screen feedback page. Answers stay pending, seen only by the community's editors, until "
    "screened. Times are UTC."
)
sessions = {s.id: s for s in feedback.sessions(user)}
if not sessions:
    st.info("You are not a convener of any community yet. Ask an administrator.", icon=":material/info:")
    st.stop()
sid = st.selectbox(
    "Session", list(sessions), key="feedback_session", format_func=lambda i: feedback.describe(sessions[i])
)
session = sessions[sid]

new = st.session_state.get("new_feedback_link")
if new and new["session"] == sid:
    url = feedback.public_url(new["token"])
    st.success(
        "New link opened. It is shown only now: copy it or download the QR code. If it is lost, "
        "open a new link (the old one closes).",
        icon=":material/check:",
    )
    st.code(url, language=None, wrap_lines=True)
    st.image(feedback.qr_png(url), width=260, caption="Scan to give feedback", alt="QR code of the feedback link above")
    png, svg = st.columns(2)
    png.download_button(
        "QR code (PNG)",
        feedback.qr_png(url),
        feedback.qr_file_name(session, "png"),
        "image/png",
        icon=":material/download:",
        key="qr_png",
    )
    svg.download_button(
        "QR code (SVG)",
        feedback.qr_svg(url),
        feedback.qr_file_name(session, "svg"),
        "image/svg+xml",
        icon=":material/download:",
        key="qr_svg",
    )
    st.download_button(
        '"Tell us what you got from today" slide (.pptx)',
        feedback.slide_deck(url, session),
        feedback.qr_file_name(session, "pptx"),
        PPTX_MIME,
        icon=":material/slideshow:",
        key="qr_slide",
        help="One slide with the QR code and the link, to add to the meeting's "
        "own deck. Or paste the link on the Slide deck page to end a dashboard deck with it.",
    )

start, end = feedback.default_window(session.date)
# One form for every session (its fields are keyed per session, so each starts at its own dates): a
# click that lands while the page redraws for a newly picked session still opens the link.
with st.form("open_link_form"):
    st.write("**Open a new link** (from the session's date, or now when it is undated, for 14 days)")
    left, right = st.columns(2)
    opens = left.datetime_input("Opens (UTC)", start, format="YYYY-MM-DD", key=f"opens_{sid}")
    closes = right.datetime_input("Closes (UTC)", end, format="YYYY-MM-DD", key=f"closes_{sid}")
    go = st.form_submit_button("Open a new link", icon=":material/add_link:")
if go:
    with editing.problems_shown():
        _, token = feedback.open_link(user, sid, opens, closes)
        st.session_state["new_feedback_link"] = {"session": sid, "token": token}
        st.rerun()

st.subheader("This session's links")
for row in feedback.links(user, sid):
    link, state = row.link, feedback.state(row.link)
    with st.container(border=True):
        st.markdown(
            f"Link #{link.id}: **{state}**, open {link.opens_at:%Y-%m-%d %H:%M} to "
            f"{link.closes_at:%Y-%m-%d %H:%M}, opened by {md(row.created_by)}"
        )
        st.caption(f"{row.pending} waiting for screening, {row.approved} approved, {row.rejected} rejected")
        closing = state in ("open", "not yet open")
        if st.button(
            "Close link" if closing else "Reopen link",
            key=f"link_{link.id}",
            icon=":material/link_off:" if closing else ":material/link:",
        ):
            with editing.problems_shown():
                feedback.close_link(user, link.id) if closing else feedback.reopen_link(user, link.id)
                st.rerun()
