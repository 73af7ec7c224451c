"""The "Feedback from members" section of the Overview and Attendance pages: a chart of each session's
approved feedback with its "Show data" table, or one line saying there is none yet."""

from __future__ import annotations

import streamlit as st

from dashboard.inert import markdown as md
from dashboard.privacy.rule import Rule
from dashboard.views.feedback import feedback
from dashboard.views.feedback_voice import SHOWN, approved
from dashboard.widgets.blocks import chart_block, lazy_expander


def section(community: str | None, rule: Rule, *, key: str, answers: bool = False) -> None:
    """The section: a chart and table of each session's approved feedback, or a line saying there is none;
    with `answers`, the approved answers session by session too (built when opened)."""
    view = feedback(community, rule)
    st.header("Feedback from members")
    if view.table.empty:
        st.write(
            "No session here has approved feedback yet. Members answer the end-of-meeting form "
            "(Feedback links); answers count once an editor has screened and approved them."
        )
        return
    st.write(
        "Approved responses to the end-of-meeting form per session, against the participants "
        "counted (the response rate), with how many gave each rating and the mean. Only responses "
        "an editor has approved are counted."
    )
    chart_block(view.figure, view.table, caption=view.caption, key=key)
    if not answers:
        return
    if rule.on:  # beside counts hidden for publication, a session's answers would show how many there were
        st.caption("In publication mode a session's answers are not listed here (Member voice lists them).")
        return
    lazy_expander("The approved answers, session by session", key=f"{key}-answers", build=lambda: _answers(community))


def _answers(community: str | None) -> None:
    """Each session's approved answers (newest session first), under the session they came from."""
    listed = approved(community).head(SHOWN)
    for (name, source), rows in listed.groupby(["community", "source"], sort=False):
        st.markdown(f"**{md(f'{name}, {source}')}**")
        for row in rows.itertuples():
            st.markdown(md(f"“{row.text}”") + "  \n" + f":small[:gray[{md(row.question)}]]")
    if len(approved(community)) > SHOWN:
        st.caption(f"The answers of the newest sessions are shown, {SHOWN} at most; Member voice has them all.")
