"""Feedback over time on the Overview and Attendance pages: per session, approved responses against
participants, the rating distribution and mean, approved answers, as a chart and its table.
Cached per database, community and publication rule (the cache is cleared after every write)."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go

from dashboard import cache, data
from dashboard.charts import theme
from dashboard.charts.feedback import build_feedback
from dashboard.privacy.rule import Rule
from dashboard.views import programme as views
from dashboard.views.feedback_figures import caption, session_table, withheld_sessions
from db.read.feedback_figures import feedback_by_session

TITLE = "Feedback from members after each convening"


@dataclass(frozen=True)
class FeedbackView:
    table: pd.DataFrame
    figure: go.Figure
    caption: str


@cache.per_database()
def feedback(community: str | None, rule: Rule) -> FeedbackView:
    """Each session's approved feedback for `community` (all when None) under `rule`: table, chart, caption."""
    with data.engine().connect() as conn:
        df = feedback_by_session(conn, community=community)
    table = session_table(df, rule, views.published(rule))
    styles = theme.community_styles(data.community_names(), table["community"].unique())
    return FeedbackView(table, build_feedback(table, styles, TITLE), caption(table, rule))


@cache.per_database()
def withheld(rule: Rule) -> frozenset[tuple[str, int]]:
    """The sessions (community, number) whose answers no page, download or deck lists under `rule`."""
    with data.engine().connect() as conn:
        return withheld_sessions(conn, rule)
