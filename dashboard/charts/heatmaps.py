"""Heatmaps: a grid of counts with labels readable on every cell, and the value and count matrices
drawn with it.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go
from plotly.colors import sample_colorscale, unlabel_rgb

from dashboard.charts import layout, theme
from dashboard.inert import plot_text

ROW_LABEL = 32  # characters per line of a heatmap's row label (two lines at most; hover has it whole)
COLUMN_LABEL = 18  # characters per line of a column label, drawn upright (two lines, or one past 6 columns)


def build_heatmap(
    wide: pd.DataFrame,
    *,
    rows: list[str],
    columns: list[str],
    text: list[list[str]],
    title: str,
    hover: str = "%{y}<br>%{x}: %{text}",
) -> go.Figure:
    """A grid of cells whose shade and printed text both carry the value (never colour alone).

    Column labels stand upright (each needs only a line's width, so none overlap however narrow the
    chart) and row labels wrap; both are shortened on the axis only, the hover names them whole."""
    z = wide.to_numpy(dtype=float)
    x, y = [plot_text(c) for c in columns], [plot_text(r) for r in rows]
    most = 1 if len(columns) > 6 else 2
    x_ticks = [layout.short(c, COLUMN_LABEL, most) for c in columns]
    y_ticks = [layout.short(r, ROW_LABEL, 2) for r in rows]
    scale = [[0, "#F0F4F5"], [0.001, "#C8DCEF"], [1, theme.NHS_BLUE]]
    high = float(np.nanmax(z)) if np.isfinite(z).any() and np.nanmax(z) > 0 else 1.0
    # zmin 0: the palest shade is "none" only; the smallest count shown is never drawn as empty
    # One spec, one validation pass (a trace added and axes updated one call at a time cost far more).
    heatmap = dict(
        type="heatmap",
        z=z,
        x=x,
        y=y,
        text=text,
        colorscale=scale,
        showscale=False,
        xgap=3,
        ygap=3,
        zmin=0,
        zmax=high,
        hovertemplate=hover + "<extra></extra>",
    )
    labels = cell_labels(x, y, z, text, scale, size=15, zmin=0)
    return go.Figure(data=[heatmap, labels], layout=_axes(title, (x, x_ticks), (y, y_ticks)))


def _axes(title: str, columns: tuple[list, list[str]], rows: tuple[list, list[str]]) -> dict:
    """The layout: upright column labels on top and wrapped row labels, with room for them: (values,
    tick texts) each."""
    (x, x_ticks), (y, y_ticks) = columns, rows
    top = 56 + int(max((layout.text_px(t, 14) for t in x_ticks), default=0))
    row = max(30, 19 * max((layout.lines(t) for t in y_ticks), default=1) + 4)
    return {
        "template": "nhs",
        "title": {"text": title},
        "height": top + 30 + row * len(y),
        "margin": {"l": 10, "r": 10, "t": top, "b": 20},
        "xaxis": {
            "side": "top",
            "tickangle": -90,
            "title": {"text": ""},
            "tickfont": {"size": 14},
            "ticks": "",
            "tickvals": x,
            "ticktext": x_ticks,
        },
        "yaxis": {"autorange": "reversed", "title": {"text": ""}, "tickvals": y, "ticktext": y_ticks},
    }


def add_cell_labels(
    fig: go.Figure, x: list, y: list, z, text, scale: list, *, size: int, zmin: float | None = None
) -> None:
    """Print each cell's text over a heatmap (see `cell_labels`)."""
    fig.add_trace(cell_labels(x, y, z, text, scale, size=size, zmin=zmin))


def cell_labels(x: list, y: list, z, text, scale: list, *, size: int, zmin: float | None = None) -> dict:
    """Each cell's text over a heatmap in the colour that reads on that cell's shade (WCAG AA,
    `theme.text_on`): plotly's own heatmap text takes white or grey by brightness alone, which on the
    middle shades of blue gives under 4:1. One text-only trace; empty cells send no point."""
    z = np.asarray(z, dtype=float)
    finite = z[np.isfinite(z)]
    low, high = (float(finite.min()), float(finite.max())) if finite.size else (0.0, 1.0)
    low = low if zmin is None else zmin  # as the heatmap's own zmin, when it sets one
    cells = [(i, j) for i, row in enumerate(text) for j, t in enumerate(row) if str(t) != ""]
    where = [0.0 if high == low else (z[i, j] - low) / (high - low) for i, j in cells]
    where = [min(max(w, 0.0), 1.0) if np.isfinite(w) else 0.0 for w in where]  # a blank (NaN) cell is palest
    shades = sample_colorscale(scale, where) if cells else []
    return dict(
        type="scatter",
        x=[x[j] for _, j in cells],
        y=[y[i] for i, _ in cells],
        mode="text",
        text=[str(text[i][j]) for i, j in cells],
        hoverinfo="skip",
        showlegend=False,
        textfont=dict(size=size, color=[theme.text_on(_hex(c)) for c in shades]),
    )


def _hex(rgb: str) -> str:
    """plotly's "rgb(r, g, b)" as #RRGGBB."""
    return "#" + "".join(f"{round(float(v)):02X}" for v in unlabel_rgb(rgb))


def build_matrix(matrix: pd.DataFrame, communities: list[str], title: str) -> go.Figure:
    """Organisations × communities: a filled, ticked cell where the organisation took part."""
    cols = [c for c in communities if c in matrix.columns]
    present = (matrix[cols] == "Yes").astype(int)
    labels = [f"{o} ({n})" for o, n in zip(matrix["organisation"], matrix["communities"])]
    text = [["✓" if v else "" for v in row] for row in present.to_numpy()]
    return build_heatmap(present, rows=labels, columns=cols, text=text, title=title)


def build_count_grid(
    df: pd.DataFrame, *, row: str, column: str, value: str, columns: list[str], title: str
) -> go.Figure:
    """Counts in a rows × columns grid (e.g. professional groups × communities), zero cells blank."""
    present = set(df[column])
    wide = df.pivot_table(index=row, columns=column, values=value, aggfunc="sum", fill_value=0, sort=False).reindex(
        columns=[c for c in columns if c in present], fill_value=0
    )
    text = [[str(v) if v else "" for v in r] for r in wide.to_numpy()]
    return build_heatmap(wide, rows=list(wide.index), columns=list(wide.columns), text=text, title=title)
