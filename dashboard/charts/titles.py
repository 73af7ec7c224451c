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
    narrow column, the plot moved down by the lines added (shared figures stay as they are).

    The copy is made from `fig`'s spec in one validation pass (copying the figure and then updating
    its layout twice took several times as long)."""
    return go.Figure(titled_spec(fig, finding, description))


def titled_spec(fig: go.Figure, finding: str, description: str) -> dict:
    """`with_finding`'s figure as a spec (a deep copy of `fig`'s), for a builder that adds to it."""
    # A deep copy with arrays kept as arrays (`to_plotly_json` would make them base64 dicts: the same
    # JSON, but not the same figure to code that reads its traces)
    spec = {"data": [trace.to_plotly_json() for trace in fig.data], "layout": fig.layout.to_plotly_json()}
    title, subtitle = wrap(finding, TITLE_CHARS), wrap(description, SUBTITLE_CHARS)
    added = TITLE_LINE * title.count("<br>") + SUBTITLE_LINE * (subtitle.count("<br>") + 1) + 8
    spec_layout = spec["layout"]
    spec_layout["title"] = _merged(
        spec_layout.get("title", {}),
        {
            "text": title,
            "y": 0.99,
            "yanchor": "top",
            "yref": "container",
            "subtitle": {"text": subtitle, "font": {"color": theme.NHS_DARK_GREY}},
        },
    )
    spec_layout["margin"] = spec_layout.get("margin", {}) | {"t": max(fig.layout.margin.t or 0, BASE_ROOM) + added}
    if spec_layout.get("height"):
        spec_layout["height"] += added
    return spec


def _merged(old: dict, new: dict) -> dict:
    """`old` updated by `new` as plotly's `update_layout` does: nested dicts merged, other values replaced."""
    out = dict(old)
    for key, value in new.items():
        out[key] = _merged(out[key], value) if isinstance(value, dict) and isinstance(out.get(key), dict) else value
    return out
