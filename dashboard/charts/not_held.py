"""Sessions not held on the attendance chart: a labelled marker in a shaded "Not held" lane below
the zero line, where it cannot be read as a number of participants (never a zero, never the last
held value's height)."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from dashboard.charts import layout, theme
from dashboard.inert import plot_text
from dashboard.sessions import status_label

SYMBOL = {
    "postponed": "x-open",
    "cancelled": "circle-x-open",
    "planned": "circle-open",
    "held": "circle-open-dot",
}  # held, but its attendance is not counted yet
LANE = 0.16  # the lane's height, as a share of the value axis above zero


def markers(others: pd.DataFrame, *, x_col: str, community: str, colour: str, xs: list) -> dict:
    """One community's sessions not held, in the lane, each labelled with its status on the side
    facing the middle of the chart (`xs`: every x the chart shows, in order): a scatter trace's spec."""
    middle = len(xs) / 2
    side = ["middle left" if xs.index(x) >= middle else "middle right" for x in others[x_col]]
    return dict(
        type="scatter",
        x=others[x_col],
        y=[0.0] * len(others),
        name=f"{plot_text(community)}: not held",
        mode="markers+text",
        showlegend=False,
        cliponaxis=False,
        meta="not held",
        text=[status_label(s) for s in others["status"]],
        textposition=side,
        marker=dict(
            symbol=[SYMBOL.get(s, "x-open") for s in others["status"]], size=14, color=colour, line=dict(width=2)
        ),
        customdata=[[s, plot_text(n)] for s, n in zip(others["status"], others["note"].fillna(""))],
        hovertemplate=(
            f"{plot_text(community)}<br>Session %{{x}}: %{{customdata[0]}}"
            " (no attendance recorded)<br>%{customdata[1]}<extra></extra>"
        ),
    )


def value_axis(fig: go.Figure, top: float, lane: bool) -> None:
    """The participants axis from zero to `top`, and below zero, when some session was not held, a
    shaded lane named "Not held" on the axis; the markers placed at y=0 move to its middle."""
    ticks = [i * layout.step(top) for i in range(int(top // layout.step(top)) + 1)]
    if not lane:
        fig.update_yaxes(range=[0, top], tickvals=ticks)
        return
    depth = top * LANE
    for trace in fig.data:
        if trace.meta == "not held":
            trace.y = [-depth / 2] * len(trace.y)
    fig.add_hrect(y0=-depth, y1=0, fillcolor=theme.NHS_PALE_GREY, line_width=0, layer="below")
    fig.update_yaxes(
        range=[-depth, top],
        tickvals=[-depth / 2, *ticks],
        ticktext=["Not held", *[f"{t:g}" for t in ticks]],
        zeroline=True,
        zerolinecolor=theme.NHS_MID_GREY,
        zerolinewidth=1,
    )
