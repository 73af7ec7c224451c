"""The "Feedback from members" section of the Overview and Attendance pages: a chart of each session's
approved feedback with its "Show data" table, or one line saying there is none yet."""

from __future__ import annotations

import streamlit as st

from dashboard.privacy.rule import Rule
from dashboard.views.feedback import feedback
from dashboard.widgets.blocks import chart_block


def section(community: str | None, rule: Rule, *, key: str) -> None:
    """The section: a chart and table of each session's approved feedback, or a line saying there is none."""
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
