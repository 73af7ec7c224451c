"""Clicking a cell of the value matrix chooses that cell's areas of change.

Plotly heatmaps send no selection to Streamlit (streamlit/streamlit#8760), so each cell gets an
invisible square marker on top: markers are selectable, and each carries its cell (row of the matrix
table, value cycle column). A click then reads like a click in the table (`value_matrix.cell_choice`).
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from dashboard.charts.figures import wrap
from dashboard.charts.titles import titled_spec
from dashboard.inert import plot_text

DESCRIPTION = "Areas of change by community named and value cycle: click a cell to list its areas"


def finding(caption: str) -> str:
    """The matrix's finding: the first clause of its caption (computed from the data)."""
    return caption.split(";")[0].rstrip(".")


def selectable(fig: go.Figure, table: pd.DataFrame, caption: str) -> go.Figure:
    """A copy of the matrix titled with its finding, an invisible, clickable marker on each cell (built
    from one spec: the page makes it on every rerun)."""
    spec = titled_spec(fig, finding(caption), DESCRIPTION)
    heat = spec["data"][0]
    rows = {wrap(name): i for i, name in enumerate(table["Community"])}
    xs, ys, cells = [], [], []
    for label in heat["y"]:
        for column in heat["x"]:
            if label in rows:
                xs.append(column)
                ys.append(label)
                cells.append([rows[label], column])
    heat["hoverinfo"] = "skip"  # the marker on top tells the cell
    spec["data"].append(
        dict(
            type="scatter",
            x=xs,
            y=ys,
            customdata=cells,
            mode="markers",
            showlegend=False,
            name="cells",
            marker={"symbol": "square", "size": 44, "opacity": 0},
            selected={"marker": {"opacity": 0}},
            unselected={"marker": {"opacity": 0}},
            hovertext=[plot_text(f"{t}") for t in ys],
            hovertemplate="%{hovertext} · %{x} value: click to list these areas<extra></extra>",
        )
    )
    spec["layout"] |= {"clickmode": "event+select", "dragmode": False}
    return go.Figure(spec)


def clicked(event) -> dict:
    """The table-style selection ({"cells": [(row, column)]}) for the cell a click chose, if any."""
    points = (event.selection.get("points") or []) if event is not None and hasattr(event, "selection") else []
    cells = [p.get("customdata") for p in points if p.get("customdata")]
    return {"cells": [(int(cells[0][0]), str(cells[0][1]))]} if cells else {}
