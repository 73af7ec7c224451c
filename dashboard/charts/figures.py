"""Chart builders: pure functions from a DataFrame to a plotly Figure, styled by `dashboard.charts.theme`."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from dashboard.charts import layout, not_held, theme
from dashboard.inert import plot_text
from dashboard.privacy.rule import numeric
from dashboard.sessions import counted


def _base(title: str, x_title: str, y_title: str) -> go.Figure:
    axes = {"title": {"text": title}, "xaxis": {"title": {"text": x_title}}, "yaxis": {"title": {"text": y_title}}}
    return go.Figure(layout={"template": "nhs", **axes})  # not plotly's default template, then ours


LABELLED_SESSIONS = 12  # past this many sessions a community's value labels overlap: hover and table give them


def build_attendance(df: pd.DataFrame, styles: dict[str, dict[str, str]], title: str) -> go.Figure:
    """Attendance per convening, one line per community; sessions not held are labelled markers.

    A postponed, cancelled or planned session is drawn as a hollow marker in a shaded "Not held"
    lane below zero (`dashboard.charts.not_held`), labelled with its status: never as a count, and the line
    stops before it rather than diving to it. Traces and layout are built as one spec (one validation pass).
    """
    use_dates = df["date"].notna().all() and len(df) > 0
    x_col = "date" if use_dates else "number"
    positions = _label_positions(df, x_col)
    labelled = df.groupby("community", sort=False).size().max() <= LABELLED_SESSIONS if len(df) else True
    traces = []
    for community, rows in df.groupby("community", sort=False):
        style = styles.get(community, {"color": theme.NHS_BLUE, "dash": "solid", "symbol": "circle"})
        places = [positions.get((community, x), "top center") for x in rows.loc[counted(rows), x_col]]
        traces.append(_held_line(rows[counted(rows)], x_col, str(community), style, places, labelled))
        others = rows[~counted(rows)]
        if not others.empty:
            xs = sorted(df[x_col].unique())
            traces.append(not_held.markers(others, x_col=x_col, community=community, colour=style["color"], xs=xs))
    x_title = "Date of convening" if use_dates else "Convening (session number)"
    fig = go.Figure(data=traces, layout=_attendance_layout(df, title, x_title, use_dates))
    top = pd.to_numeric(df.get("shown", df["headcount"]), errors="coerce").max()
    not_held.value_axis(fig, (top if top == top else 10) * 1.18, (~counted(df)).any())  # headroom for labels
    return fig


def _held_line(held: pd.DataFrame, x_col: str, community: str, style: dict, places: list[str], labelled: bool) -> dict:
    """One community's held sessions as a line, each point labelled with its count as shown."""
    shown = held["shown"].tolist() if "shown" in held else held["headcount"].tolist()
    return dict(
        type="scatter",
        x=held[x_col],
        y=numeric(shown),
        name=plot_text(community),
        mode="lines+markers+text" if labelled else "lines+markers",
        text=[str(v) for v in shown],
        connectgaps=False,
        textposition=places,
        line=dict(color=style["color"], dash=style["dash"], width=3),
        marker=dict(symbol=style["symbol"], size=10, color=style["color"]),
        hovertemplate=f"{plot_text(community)}<br>Session %{{x}}: %{{y}} participants<extra></extra>",
    )


def _attendance_layout(df: pd.DataFrame, title: str, x_title: str, use_dates: bool) -> dict:
    """The legend (below, when there are several lines), the height and the session axis."""
    lines = df["community"].nunique()
    x_axis = {"title": {"text": x_title}} | ({} if use_dates else {"tickmode": "linear", "dtick": 1, "tick0": 1})
    return {
        "template": "nhs",
        "title": {"text": title},
        "xaxis": x_axis,
        "yaxis": {"title": {"text": "Participants in attendance"}},
        "margin": {"t": 60, "b": 10},
        "showlegend": lines > 1,
        "height": 420 + (layout.legend_height(list(map(plot_text, df["community"].unique()))) if lines > 1 else 0),
        "legend": dict(layout.LEGEND_BELOW),
    }


def _label_positions(df: pd.DataFrame, x_col: str) -> dict[tuple[str, object], str]:
    """Put a value label below its point when another point sits just above it at the same x (the
    next higher one is no more than 8% of the tallest point above it). A session not held is drawn at
    its community's last shown level, so it counts as a point there too. Only shown values place
    labels: a hidden count has no point and keeps the default place, so where its "*" sits says
    nothing about it."""
    held = df.loc[counted(df), ["community", x_col]].assign(level=_shown_levels(df.loc[counted(df)]))
    held = held.dropna(subset=["level"])
    if held.empty:
        return {}
    near = max(float(held["level"].max() or 0) * 0.08, 1)
    others = df.loc[~counted(df), ["community", x_col]]
    markers = others.assign(
        level=others["community"].map(held.groupby("community", sort=False)["level"].last())
    ).dropna(subset=["level"])
    levels = (
        pd.concat([held[[x_col, "level"]], markers[[x_col, "level"]]]).drop_duplicates().sort_values([x_col, "level"])
    )
    levels["next"] = levels.groupby(x_col, sort=False)["level"].shift(-1)
    placed = held.merge(levels, on=[x_col, "level"], how="left")
    below = (placed["next"] - placed["level"]) <= near
    return dict(zip(zip(placed["community"], placed[x_col]), below.map({True: "bottom center", False: "top center"})))


def _shown_levels(held: pd.DataFrame) -> list[float | None]:
    """The heights points are drawn at: the shown counts (None where hidden)."""
    return numeric((held["shown"] if "shown" in held else held["headcount"]).tolist())


def build_stacked_bars(
    df: pd.DataFrame,
    *,
    category: str,
    stack: str,
    value: str,
    title: str,
    x_title: str,
    colours: dict[str, str] | None = None,
    orientation: str = "h",
) -> go.Figure:
    """Horizontal stacked bars: one bar per `category`, one segment per `stack` value.

    Built from one spec (one validation pass): adding traces and updating the layout one call at a
    time took most of a community's first view."""
    stacks = list(dict.fromkeys(df[stack]))
    bars = [
        _segment(
            df[df[stack] == name],
            name,
            (colours or {}).get(name, theme.CATEGORY[i % len(theme.CATEGORY)]),
            category=category,
            value=value,
            orientation=orientation,
        )
        for i, name in enumerate(stacks)
    ]
    return go.Figure(
        data=bars,
        layout=_bars_layout(df, stacks, category=category, title=title, x_title=x_title, orientation=orientation),
    )


def _bars_layout(df: pd.DataFrame, stacks: list, *, category: str, title: str, x_title: str, orientation: str) -> dict:
    """The stacked bars' layout: the categories' axis (reversed, wrapped labels, when horizontal), the
    height for the bars and the legend below."""
    legend = layout.legend_height([plot_text(n) for n in stacks])
    value_axis = {"title": {"text": x_title}}
    category_axis: dict = {"title": {"text": ""}}
    if orientation == "h":
        category_axis |= {
            "autorange": "reversed",
            "ticksuffix": "  ",
            "tickvals": list(dict.fromkeys(df[category].map(_label))),
            "ticktext": [wrap(str(c)) for c in dict.fromkeys(df[category])],
        }
    return {
        "template": "nhs",
        "title": {"text": title},
        "xaxis": value_axis if orientation == "h" else category_axis,
        "yaxis": category_axis if orientation == "h" else value_axis,
        "barmode": "stack",
        "height": 70 + 55 * df[category].nunique() + 110 + legend,
        "margin": {"t": 60, "b": 10},
        "legend": dict(layout.LEGEND_BELOW),
    }


def _segment(part: pd.DataFrame, name: str, colour: str, *, category: str, value: str, orientation: str) -> dict:
    """One `stack` value's segments, its count written inside each, in a colour that reads on it."""
    names = part[category].map(_label)  # the axis shows them and the hover repeats them
    xy = dict(x=part[value], y=names) if orientation == "h" else dict(x=names, y=part[value])
    hover = "%{y}: %{x}" if orientation == "h" else "%{x}: %{y}"
    return dict(
        type="bar",
        **xy,
        name=plot_text(name),
        orientation=orientation,
        marker={"color": colour, "line": {"color": "white", "width": 1}},
        text=part[value],
        textposition="inside",
        insidetextanchor="middle",
        insidetextfont={"color": theme.text_on(colour)},
        hovertemplate=f"{plot_text(name)}<br>{hover}<extra></extra>",
    )


def _label(value: object) -> object:
    """A category as plotly shows it: text made inert, numbers left numbers (a numeric axis stays one)."""
    return plot_text(value) if isinstance(value, str) else value


def wrap(label: str, width: int = 22) -> str:
    """A long axis label, escaped and broken over lines (plotly's <br>) so it is not clipped."""
    words, lines, line = plot_text(label).split(), [], ""
    for word in words:
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    return "<br>".join([*lines, line])


def build_change(change: pd.DataFrame, styles: dict[str, dict[str, str]], title: str) -> go.Figure:
    """First versus last held convening per community: a dot for each, joined by a line. Each point
    prints its count (the hover names the session); community names wrap on the axis."""
    fig = _base(title, "Participants in attendance<br>○ first held, ◆ last held", "")
    numbers = change["first_count"].map(_is_number) & change["last_count"].map(_is_number)
    known = change[numbers]
    for row in known.itertuples():
        colour = styles.get(row.community, {}).get("color", theme.NHS_BLUE)
        fig.add_scatter(
            x=[row.first_count, row.last_count],
            y=[plot_text(row.community)] * 2,
            mode="lines+markers+text",
            name=plot_text(row.community),
            showlegend=False,
            line=dict(color=colour, width=3),
            marker=dict(
                size=14, color=["white", colour], line=dict(color=colour, width=3), symbol=["circle", "diamond"]
            ),
            text=[str(row.first_count), str(row.last_count)],
            textposition=["top center", "bottom center"],
            customdata=[f"{row.first_held}: {row.first_count}", f"{row.last_held}: {row.last_count}"],
            cliponaxis=False,
            hovertemplate="%{y}<br>%{customdata}<extra></extra>",
        )
    names = [plot_text(c) for c in known["community"]]
    fig.update_yaxes(
        autorange="reversed",
        title_text="",
        tickvals=names,
        ticktext=[layout.short(c, 22, 2) for c in known["community"]],
    )
    top = max([v for v in pd.concat([known["first_count"], known["last_count"]]) if v != "*"] or [1])
    fig.update_xaxes(range=[0, float(top) * 1.15], showgrid=True, gridcolor=theme.NHS_PALE_GREY, nticks=6)
    fig.update_layout(height=200 + 70 * max(len(known), 1), margin=dict(t=70))
    return fig


def _is_number(value) -> bool:
    return isinstance(value, (int, float)) and value == value


def build_sparkline(sessions: pd.DataFrame, colour: str) -> go.Figure:
    """A small attendance line for a community card (held sessions only, values labelled), built from
    one spec (one validation pass)."""
    held = sessions[counted(sessions)]
    shown = held["shown"].tolist() if "shown" in held else held["headcount"].tolist()
    line = dict(
        type="scatter",
        x=held["number"],
        y=numeric(shown),
        mode="lines+markers+text",
        text=[str(v) for v in shown],
        textposition="top center",
        cliponaxis=False,
        line=dict(color=colour, width=3),
        marker=dict(size=8, color=colour),
        hovertemplate="Session %{x}: %{y}<extra></extra>",
    )
    top = max([v for v in numeric(shown) if v] or [1]) * 1.35
    return go.Figure(
        data=[line],
        layout=dict(
            template="nhs",
            height=130,
            margin=dict(l=8, r=8, t=24, b=24),
            showlegend=False,
            xaxis=dict(tickmode="linear", dtick=1, tickprefix="S", showline=False, ticks=""),
            yaxis=dict(visible=False, rangemode="tozero", range=[0, top]),
        ),
    )
