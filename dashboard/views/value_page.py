"""The Value stories page's matrix as it is drawn: the clickable heatmap, its caption, the matrix table
(read to tell what a click chose) and that table as sent to the browser (`compact`), built once per
database and community and kept (READ-ONLY), so a rerun rebuilds no figure and copies no table."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go
import pyarrow as pa

from dashboard import cache
from dashboard.charts import matrix_cells as cells
from dashboard.views import compact
from dashboard.views import value_matrix as vm


@dataclass(frozen=True)
class Matrix:
    figure: go.Figure  # the heatmap titled with its finding, each cell clickable
    caption: str
    table: pd.DataFrame  # a row per community, a column per value cycle (`vm.table`); also "Show data"
    sent: pa.Table  # the same, each count in the smallest type that holds it


@cache.per_database(kept=True, max_entries=64)
def matrix(community: str | None) -> Matrix:
    """The matrix for the sidebar's `community` (its row outlined)."""
    fig, caption = vm.chart(community)
    table = vm.table()
    return Matrix(cells.selectable(fig, table, caption), caption, table, compact.frame(table))
