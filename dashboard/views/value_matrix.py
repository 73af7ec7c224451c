"""The value matrix on the Value stories page: its table (the heatmap's text alternative and the cell
chooser), its chart capped to the communities named in most areas of change, and what a click chose.

Both are built once per database and filter (`dashboard.cache`): with a thousand
communities, reshaping the matrix on every rerun is what made the page slow.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from dashboard import cache, data, inert
from dashboard.charts.evidence import build_value_matrix, matrix_caption
from dashboard.views import evidence as ev
from dashboard.views import summaries

ALL_AREAS = "All areas of change"
NO_COMMUNITY = ev.NO_COMMUNITY


@cache.per_database()
def table() -> pd.DataFrame:
    """The value matrix as a table, oriented as the heatmap: a row per community (and "No community
    named"), a column per value cycle, each row's total, and a last row counting every area once."""
    matrix = data.value_matrix()
    wide = (
        matrix.pivot_table(
            index=["community_order", "community"],
            columns=["cycle_order", "value_cycle"],
            values="areas",
            aggfunc="sum",
        )
        .droplevel(0)
        .droplevel(0, axis=1)
    )
    wide.columns = [c.removesuffix(" value") for c in wide.columns]
    wide.columns.name, wide.index.name = None, "Community"
    per_cycle = data.areas_of_change().groupby("value_cycle").size()
    wide.loc[ALL_AREAS] = [int(per_cycle.get(f"{c} value", 0)) for c in wide.columns]
    wide["Total"] = wide.sum(axis=1)
    return wide.astype(int).reset_index()


def for_chart(matrix: pd.DataFrame, chosen: str | None) -> tuple[pd.DataFrame, str]:
    """The matrix rows for the heatmap (the communities named in most areas, the chosen community and
    "No community named") and a sentence when communities are left out."""
    named = matrix[matrix["community"] != NO_COMMUNITY]
    groups = named["community"].nunique()
    if groups <= summaries.CHART_COMMUNITIES:
        return matrix, ""
    keep = summaries.largest(named, "areas")
    extra = chosen if chosen in set(named["community"]) - set(keep) else None
    rows = matrix[matrix["community"].isin({*keep, extra, NO_COMMUNITY})]
    also = f", and {chosen}" if extra else ""
    return rows, (
        f"The chart shows the {len(keep)} communities named in the most areas of change of "
        f"{groups}{also}; the table beneath it has them all."
    )


@cache.per_database(max_entries=64)
def chart(community: str | None) -> tuple[go.Figure, str]:
    """The heatmap (the chosen community's row outlined) and its caption, built once per filter."""
    matrix = data.value_matrix()
    rows, note = for_chart(matrix, community)
    caption = matrix_caption(matrix, len(data.areas_of_change()), community)
    return build_value_matrix(rows, community), " ".join(filter(None, [caption, note]))


def cell_choice(selection, table: pd.DataFrame, community: str | None) -> ev.MatrixCell | None:
    """What a click in the matrix table chose: {"cycle": slug | None, "community": name | None,
    "programme_wide": bool, "label": words}; None when nothing is selected.

    The row gives the community (its "No community named" row the areas that name none, its last row
    every area), the column the value cycle ("Community" or "Total": every cycle). A whole row
    chooses that row for every cycle.
    """
    cells, rows = list(selection.get("cells") or []), list(selection.get("rows") or [])
    if not cells and not rows:
        return None
    row, column = (cells[0][0], cells[0][1]) if cells else (rows[0], None)
    if not 0 <= int(row) < len(table):
        return None
    who = table.iloc[int(row)]["Community"]
    cycles: dict[str, tuple[str | None, str | None]] = {
        name.removesuffix(" value"): (name, slug) for name, slug in ev.cycle_options().items()
    }
    cycle_name, cycle = cycles.get(str(column), (None, None))
    wide = who == NO_COMMUNITY
    chosen_community = None if who in (NO_COMMUNITY, ALL_AREAS) else who
    where = "naming no community" if wide else (f"naming {who}" if chosen_community else "all communities")
    return ev.MatrixCell(
        cycle=cycle,
        community=chosen_community,
        programme_wide=wide,
        label=inert.markdown(f"{where} · {cycle_name or 'every value cycle'}"),
    )


def column_config() -> dict:
    """A narrower community column (its full name shows on hover) so every cycle fits beside the sidebar."""
    return {"Community": st.column_config.TextColumn("Community", width="medium")}
