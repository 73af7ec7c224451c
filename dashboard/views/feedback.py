"""Feedback over time on the Overview and Attendance pages: per session, approved responses against
participants, the rating distribution and mean, approved answers; a chart and its "Show data" table.
Cached per database, community and publication rule (the cache is cleared after every write)."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from dashboard import data
from dashboard.charts import theme
from dashboard.charts.feedback import build_feedback
from dashboard.privacy.rule import Rule
from dashboard.views import programme as views
from dashboard.views.feedback_figures import caption, session_table
from dashboard.widgets.blocks import chart_block
from db.engine import database_url
from db.read.feedback_figures import feedback_by_session

TITLE = "Feedback from members after each convening"


@dataclass(frozen=True)
class FeedbackView:
    table: pd.DataFrame
    figure: go.Figure
    caption: str


@st.cache_data(show_spinner=False)
def _view(url: str, community: str | None, on: bool, round_to_5: bool) -> FeedbackView:  # url keys the cache
    rule = Rule(on=on, round_to_5=round_to_5)
    with data.engine().connect() as conn:
        df = feedback_by_session(conn, community=community)
    table = session_table(df, rule, views.published(rule))
    styles = theme.community_styles(data.community_names(), table["community"].unique())
    return FeedbackView(table, build_feedback(table, styles, TITLE), caption(table, rule))


def feedback(community: str | None, rule: Rule) -> FeedbackView:
    return _view(database_url(), community, rule.on, rule.round_to_5)


def section(community: str | None, rule: Rule, *, key: str) -> None:
    """The section: a chart and table of each session's approved feedback, or a line saying there is none."""
    view = feedback(community, rule)
    st.header("Feedback from members")
    if view.table.empty:
        st.write("No session here has approved feedback yet. Members answer the end-of-meeting form "
                 "(Feedback links); answers count once an editor has screened and approved them.")
        return
    st.write("Approved responses to the end-of-meeting form per session, against the participants "
             "counted (the response rate), with how many gave each rating and the mean. Only responses "
             "an editor has approved are counted.")
    chart_block(view.figure, view.table, caption=view.caption, key=key)
