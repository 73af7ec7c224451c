"""Chart titles that state the finding: the takeaway (computed from the data, as captions are) as the
title, the chart's description as its subtitle. Exported images take the title, so they carry it too."""

from __future__ import annotations

import plotly.graph_objects as go

from dashboard.charts import theme
from dashboard.charts.figures import wrap

TITLE_CHARS, SUBTITLE_CHARS = 44, 62  # a line each fits the narrowest column (800 px window, sidebar open)
TITLE_LINE, SUBTITLE_LINE = 24, 18  # pixels a line takes
BASE_ROOM = 40  # the margin a one-line title was given


def with_finding(fig: go.Figure, finding: str, description: str) -> go.Figure:
    """A copy of `fig` titled with `finding`, `description` beneath it in grey, both wrapped to fit a
    narrow column, the plot moved down by the lines added (shared figures stay as they are)."""
    out = go.Figure(fig)
    title, subtitle = wrap(finding, TITLE_CHARS), wrap(description, SUBTITLE_CHARS)
    added = TITLE_LINE * title.count("<br>") + SUBTITLE_LINE * (subtitle.count("<br>") + 1) + 8
    top = max(out.layout.margin.t or 0, BASE_ROOM)
    out.update_layout(
        title={
            "text": title,
            "y": 0.99,
            "yanchor": "top",
            "yref": "container",
            "subtitle": {"text": subtitle, "font": {"color": theme.NHS_DARK_GREY}},
        },
        margin={"t": top + added},
    )
    if out.layout.height:
        out.update_layout(height=out.layout.height + added)
    return out
