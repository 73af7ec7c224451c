"""Chart titles that state the finding: the takeaway (computed from the data, as captions are) as the
title, the chart's description as its subtitle. Exported images take the title, so they carry it too."""

from __future__ import annotations

import plotly.graph_objects as go

from dashboard import theme
from dashboard.inert import plot_text

TITLE_ROOM = 84  # pixels above the plot for a title line and a subtitle line


def with_finding(fig: go.Figure, finding: str, description: str) -> go.Figure:
    """A copy of `fig` titled with `finding`, `description` beneath it in grey (shared figures stay as they are)."""
    out = go.Figure(fig)
    out.update_layout(title={"text": plot_text(finding),
                             "subtitle": {"text": plot_text(description), "font": {"color": theme.NHS_DARK_GREY}}},
                      margin={"t": max(TITLE_ROOM, out.layout.margin.t or 0)})
    return out
