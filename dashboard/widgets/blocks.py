"""Reusable page blocks: a chart with its takeaway caption and its data as a text alternative."""

from __future__ import annotations

import html
from collections.abc import Callable

import pandas as pd
import plotly.graph_objects as go
import streamlit as st
from pandas.api.types import infer_dtype

from dashboard import inert
from dashboard.files.tables import heading
from dashboard.widgets.downloads import image_downloads, table_downloads

LISTING_ROWS = 500  # rows of a table shown on the page itself (Participation's roles: about 10,000 at size M)
TABLE_ROWS = 5_000  # rows sent to the browser in a table; every rerun sends them again
OPEN_PREFIX = "open-"  # a lazy expander's session-state key: OPEN_PREFIX + the block's key


def chart_block(
    fig: go.Figure,
    data: pd.DataFrame,
    *,
    caption: str,
    key: str,
    image_title: str | None = None,
    on_select: bool = False,
    context=None,
):
    """Show a chart, a one-sentence takeaway, slide-size PNG/SVG downloads, and a "Show data" table;
    with `on_select`, clicking a point reruns the page and the chart's event is returned. `context`
    (an `ExportContext`) names and stamps the downloads; by default, the sidebar's filter."""
    config = {"displaylogo": False, "toImageButtonOptions": {"format": "png", "width": 1920, "height": 1080}}
    event: object = None
    if on_select:
        event = st.plotly_chart(
            fig,
            key=f"chart-{key}",
            width="stretch",
            theme=None,
            config=config,
            on_select="rerun",
            selection_mode="points",
        )
    else:
        st.plotly_chart(fig, key=f"chart-{key}", width="stretch", theme=None, config=config)
    st.caption(inert.markdown(caption))  # captions name communities and organisations: data, not markup
    image_downloads(fig, key=key, title=image_title, context=context)
    data_block(data, key=key, label="Show data", title=table_title(fig, image_title), context=context)
    return event


def table_title(fig: go.Figure, image_title: str | None = None) -> str:
    """What a chart's table is, for its XLSX notes: the chart's description (a finding-titled chart's
    subtitle) or its title, as read (no line breaks or character references)."""
    described = fig.layout.title.subtitle.text if fig.layout.title.subtitle else None
    return html.unescape((image_title or described or fig.layout.title.text or "").replace("<br>", " "))


def data_block(
    data: pd.DataFrame, *, key: str, label: str = "Show data", title: str | None = None, context=None
) -> None:
    """A collapsible table with CSV and XLSX downloads (made only when clicked); headings read as
    they do in the downloads. `title` names the table in the XLSX's notes. Nothing but the label is
    sent while it is closed (see `lazy_expander`)."""
    lazy_expander(label, key=key, build=lambda: table_with_downloads(data, key=key, title=title, context=context))


def lazy_expander(label: str, *, key: str, build: Callable[[], object], icon: str | None = None) -> None:
    """An expander whose content `build` draws only while it is open: a closed one sends its label and
    nothing else (a plain `st.expander` sends everything inside it, open or not, on every rerun).
    Opening it reruns the page; its state is `st.session_state[expander_key(key)]`. `key` is unique on
    the page; the label is part of its identity too (a label that changes closes it)."""
    box = st.expander(label, key=expander_key(key), icon=icon, on_change="rerun")
    if box.open:
        with box:
            build()


def expander_key(key: str) -> str:
    """The session-state key of a `lazy_expander` (True while it is open)."""
    return f"{OPEN_PREFIX}{key}"


def table_with_downloads(
    data: pd.DataFrame,
    *,
    key: str,
    title: str | None = None,
    context=None,
    rows: int | None = None,
    note: str | None = None,
) -> None:
    """A table of at most `rows` rows (every row is sent again on each rerun), a caption when there are
    more, `note` (a caption of ours, shown inertly), and CSV and XLSX downloads of every row."""
    rows = rows or TABLE_ROWS
    st.dataframe(_readable(data.head(rows).rename(columns=heading)), hide_index=True, width="stretch")
    if len(data) > rows:
        st.caption(
            f"The first {rows:,} of {len(data):,} rows are shown here; the CSV and XLSX downloads have them all."
        )
    if note:
        st.caption(inert.markdown(note))
    table_downloads(data, key=key, title=title, context=context)


def _readable(data: pd.DataFrame) -> pd.DataFrame:
    """Columns mixing numbers and text (a suppressed "*", "not held") shown as text, as written."""
    mixed = [
        col
        for col in data.columns
        if data[col].dtype == object
        and data[col].notna().any()
        and infer_dtype(data[col], skipna=False).startswith("mixed")
    ]  # C-speed type check
    if not mixed:
        return data
    out = data.copy()
    for col in mixed:
        out[col] = out[col].map(lambda v: "" if v is None else str(v))
    return out
