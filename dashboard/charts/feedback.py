"""Feedback over time as a chart: approved responses per session above, their mean rating below, one
line per community (its fixed colour). Hidden counts are gaps labelled "*", as on the attendance chart."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from dashboard.charts import layout, theme
from dashboard.inert import plot_text
from dashboard.privacy.rule import numeric

_EMPTY: dict[str, dict] = {}  # title: the spec of the figure without a session (most communities' figure)


def build_feedback(table: pd.DataFrame, styles: dict[str, dict[str, str]], title: str) -> go.Figure:
    """`table` is `feedback_figures.session_table`: responses and mean rating by session number. Values
    are labelled for one community; for several, lines would collide: hover and the table give them.
    The figure of an empty table is the same every time: built once per title, then copied from its spec."""
    if table.empty:
        if title not in _EMPTY:
            empty = _build(table, styles, title)  # its traces' arrays kept as arrays (not to_plotly_json's base64)
            _EMPTY[title] = {"data": [t.to_plotly_json() for t in empty.data], "layout": empty.layout.to_plotly_json()}
        return go.Figure(_EMPTY[title])
    return _build(table, styles, title)


def _build(table: pd.DataFrame, styles: dict[str, dict[str, str]], title: str) -> go.Figure:
    labelled = table["community"].nunique() == 1
    fig = make_subplots(
        rows=2,
        cols=1,
        shared_xaxes=True,
        vertical_spacing=0.12,
        subplot_titles=("Approved responses", "Mean rating (1 to 5)"),
    )
    for community, rows in table.groupby("community", sort=False):
        style = styles.get(community, {"color": theme.NHS_BLUE, "dash": "solid", "symbol": "circle"})
        name = plot_text(community)
        for row, column, legend in ((1, "approved responses", True), (2, "mean rating", False)):
            values = rows[column].tolist()
            fig.add_scatter(
                x=rows["session"],
                y=numeric(values),
                name=name,
                legendgroup=name,
                showlegend=legend,
                mode="lines+markers+text" if labelled else "lines+markers",
                text=["" if v is None else str(v) for v in values],
                textposition="top center",
                connectgaps=False,
                line={"color": style["color"], "dash": style["dash"], "width": 3},
                marker={"symbol": style["symbol"], "size": 10, "color": style["color"]},
                hovertemplate=f"{name}<br>Session %{{x}}: %{{y}}<extra></extra>",
                row=row,
                col=1,
            )
    _lay_out(fig, table, title)
    return fig


def _lay_out(fig: go.Figure, table: pd.DataFrame, title: str) -> None:
    """Title, height, legend and axes of the feedback figure: one x axis of session numbers, room above
    the response counts for their labels, ratings on the 1 to 5 scale."""
    fig.update_layout(
        template="nhs",
        title_text=title,
        margin={"t": 80, "b": 10},
        showlegend=table["community"].nunique() > 1,
        height=520 + layout.legend_height(list(map(plot_text, table["community"].unique()))),
    )
    fig.update_xaxes(dtick=1)
    fig.update_xaxes(title_text="Convening (session number)", row=2, col=1)
    top = max(numeric(table["approved responses"].tolist()), key=lambda v: v or 0, default=None) or 1
    fig.update_yaxes(range=[0, top * 1.25], row=1, col=1)  # room for the labels above the points
    fig.update_yaxes(range=[0.5, 5.8], dtick=1, row=2, col=1)
    layout.legend_below(fig)
