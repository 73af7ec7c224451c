"""Chart builders and takeaway captions for the value matrix and the comments per theme.

Pure functions of DataFrames (from db.read.evidence). Counts are printed on every cell and bar, so colour
never carries meaning alone; the pages add the data as a table beside each chart.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from dashboard.charts import layout, theme
from dashboard.charts.figures import wrap
from dashboard.charts.heatmaps import add_cell_labels
from dashboard.inert import plot_text

NO_COMMUNITY = "No community named"


def _plural(n: int, word: str) -> str:
    return f"{n:,} {word}{'' if n == 1 else 's'}"


def build_value_matrix(matrix: pd.DataFrame, chosen: str | None = None) -> go.Figure:
    """Heatmap: communities (rows) against the value cycles (columns, framework order), each cell the
    number of areas of change; the chosen community's row is outlined."""
    cycles = matrix.sort_values("cycle_order")["value_cycle"].drop_duplicates().tolist()
    rows = matrix.sort_values("community_order")["community"].drop_duplicates().tolist()
    cell = matrix.set_index(["community", "value_cycle"])["areas"]
    z = [[int(cell.get((r, c), 0)) for c in cycles] for r in rows]
    x, y = [plot_text(c.removesuffix(" value")) for c in cycles], [wrap(r) for r in rows]
    scale = [[0, "#FFFFFF"], [1, theme.NHS_BLUE]]
    fig = go.Figure(
        go.Heatmap(
            z=z,
            x=x,
            y=y,
            text=z,
            colorscale=scale,
            zmin=0,
            showscale=False,
            xgap=3,
            ygap=3,
            customdata=[[plot_text(r)] * len(cycles) for r in rows],
            hovertemplate="%{customdata} · %{x} value: %{z} area(s) of change<extra></extra>",
        )
    )
    add_cell_labels(fig, x, y, z, z, scale, size=17, zmin=0)
    top = 60 + int(max((layout.text_px(c) for c in x), default=0))
    fig.update_layout(
        template="nhs",
        title_text="Areas of change by community named and value cycle",
        height=top + 30 + 62 * len(rows),
        margin=dict(l=10, r=10, t=top, b=20),
        yaxis=dict(autorange="reversed", gridcolor="white", ticks="", automargin=True),
        xaxis=dict(side="top", tickangle=-90, ticks="", title_text=""),
    )  # upright: never overlap
    if chosen in rows:
        i = rows.index(chosen)
        fig.add_shape(
            type="rect", x0=-0.5, x1=len(cycles) - 0.5, y0=i - 0.5, y1=i + 0.5, line=dict(color=theme.TEXT, width=3)
        )
    return fig


def matrix_caption(matrix: pd.DataFrame, total_areas: int, chosen: str | None = None) -> str:
    """The takeaway of the value matrix, computed from it."""
    by_comm = matrix.groupby("community", sort=False)["areas"].sum()
    none = int(by_comm.get(NO_COMMUNITY, 0))
    named = by_comm.drop(NO_COMMUNITY, errors="ignore")
    if chosen is not None and named.get(chosen, 0) > 0:
        rows = matrix[(matrix.community == chosen) & (matrix.areas > 0)].sort_values("areas", ascending=False)
        where = ", ".join(f"{r.value_cycle} {r.areas}" for r in rows.itertuples()) or "none"
        return f"{chosen} is named in {int(named[chosen])} of the {total_areas} areas of change ({where}); " + (
            f"{none} areas name no community and apply to the whole programme."
            if none
            else "every area names at least one community."
        )
    if chosen is not None:  # a community no area names yet: nothing of its own to compare
        return f"{chosen} is named in none of the {total_areas} areas of change yet; " + (
            f"{none} name no community and apply to the whole programme."
            if none
            else "every area names at least one community."
        )
    top = named.idxmax()
    return (
        f"{top} is named in the most areas of change ({int(named[top])} of {total_areas}); "
        + (
            f"{none} of the {total_areas} name no community and apply to the whole programme. "
            if none
            else "every area names at least one community. "
        )
        + "An area naming two communities counts in both columns."
    )


def build_comments_per_theme(counts: pd.DataFrame, communities: list[str]) -> go.Figure:
    """Horizontal stacked bars: comments per theme, one segment per attribution, counts printed."""
    order = counts.sort_values("theme_order")["theme"].drop_duplicates().tolist()
    styles = theme.community_colours(communities, counts["community"].unique())
    groups = dict(list(counts.groupby("community", sort=False)))  # only the attributions in `counts`
    fig = go.Figure()
    for name in [n for n in [*communities, NO_COMMUNITY] if n in groups]:
        rows = groups[name].set_index("theme").reindex(order)
        if rows["comments"].notna().sum() == 0:
            continue
        fill = styles.get(name, theme.NHS_PALE_GREY)
        fig.add_bar(
            y=[plot_text(t) for t in order],
            x=rows["comments"],
            name=plot_text(name),
            orientation="h",
            text=rows["comments"].map(lambda v: "" if pd.isna(v) else str(int(v))),
            textposition="inside",
            insidetextanchor="middle",
            marker=dict(color=fill, line=dict(color=theme.NHS_MID_GREY, width=1)),
            textfont=dict(color=theme.text_on(fill)),
            hovertemplate=f"{plot_text(name)}<br>%{{y}}: %{{x}} comment(s)<extra></extra>",
        )
    biggest = counts.groupby("theme")["comments"].sum().max() if len(counts) else 0
    _theme_layout(fig, order, biggest)
    return fig


THEME_LABEL = 26  # characters per line of a theme's axis label (three lines at most; hover has it whole)


def _theme_layout(fig: go.Figure, order: list[str], biggest: float) -> None:
    """Themes wrapped on the axis, a row tall enough for their lines, about five whole-number ticks
    and the legend below the plot, so it reads in a narrow column."""
    ticks = [layout.short(t, THEME_LABEL, 3) for t in order]
    row = max(42, 18 * max((layout.lines(t) for t in ticks), default=1) + 10)
    legend = layout.legend_height([d.name for d in fig.data])
    fig.update_layout(
        template="nhs",
        barmode="stack",
        title_text="Comments per theme, by attribution",
        xaxis=dict(title_text="Comments", tickformat="d", tick0=0, dtick=layout.step(biggest or 1)),
        yaxis=dict(
            autorange="reversed",
            automargin=True,
            ticksuffix=" ",
            tickvals=[plot_text(t) for t in order],
            ticktext=ticks,
        ),
        height=150 + row * len(order) + legend,
        margin=dict(t=60, b=10),
        bargap=0.3,
        showlegend=True,
    )
    layout.legend_below(fig)  # in stack order, left to right


def theme_caption(counts: pd.DataFrame, total_comments: int, attributed: int, community: str | None = None) -> str:
    """The takeaway of the comments-per-theme chart, computed from it."""
    if counts.empty:
        return "No comment carries a theme for this choice."
    per_theme = counts.groupby("theme", sort=False)["comments"].sum()
    top = per_theme.idxmax()
    if community is not None:
        listed = ", ".join(f"{t} {int(n)}" for t, n in per_theme.items())
        verb = "carries" if total_comments == 1 else "carry"
        return (
            f"The {_plural(total_comments, 'comment')} attributed to {community} {verb} these themes: "
            f"{listed}. Most comments in the report name no community: see them below."
        )
    return (
        f"{top} gathers the most comments ({int(per_theme[top]):,}). "
        f"{attributed:,} of the {total_comments:,} comments are attributed to a community in the report; "
        "the rest are programme-wide. A comment with two themes counts under both."
    )
