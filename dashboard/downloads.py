"""Download buttons for the pages: tables as CSV and XLSX, charts as slide-size PNG and SVG.

Every file is made only when its button is clicked (Streamlit's deferred `data=callable`), so a
rerun never renders an image or writes a workbook nobody asked for.
"""

from __future__ import annotations

import functools

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from dashboard import images
from dashboard.exports import to_csv_bytes, to_xlsx_bytes

IMAGE_HELP = ("1920 × 1080 (16:9), with the chart's title, the filter in force and the source written "
              "into the image. Made when you click.")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def table_downloads(data: pd.DataFrame, *, key: str) -> None:
    """CSV and XLSX downloads of a table, side by side."""
    row = st.container(horizontal=True)
    row.download_button("Download CSV", functools.partial(to_csv_bytes, data), file_name=f"{key}.csv",
                        mime="text/csv", key=f"csv-{key}", icon=":material/download:", on_click="ignore")
    row.download_button("Download XLSX", functools.partial(to_xlsx_bytes, data, key),
                        file_name=f"{key}.xlsx", mime=XLSX, key=f"xlsx-{key}",
                        icon=":material/table_view:", on_click="ignore")


@functools.lru_cache(maxsize=1)
def _browser_found() -> bool:
    return images.browser_available()


@st.cache_data(show_spinner=False)
def _source(url: str) -> str:  # url: the cache key, so two databases never share a line
    from dashboard import data
    from db.queries import last_recorded

    with data.engine().connect() as conn:
        return images.source_line(last_recorded(conn))


def current_source() -> str:
    """The source line for images: the report, or the database and its last recorded change."""
    from db.engine import database_url

    return _source(database_url())


def image_downloads(fig: go.Figure, *, key: str, title: str | None = None) -> None:
    """PNG and SVG of `fig` at slide size (1920x1080), with title, filter and source drawn in."""
    from dashboard.filters import current_community, current_rule

    if not _browser_found():
        st.caption(images.NO_BROWSER)
        return
    context = dict(title=title, community=current_community(), rule=current_rule(), source=current_source())
    row = st.container(horizontal=True)
    for fmt in ("png", "svg"):
        row.download_button(
            f"Download {fmt.upper()} for slides", functools.partial(images.figure_to_image, fig, fmt, **context),
            file_name=f"{key}.{fmt}", mime=images.FORMATS[fmt], key=f"{fmt}-{key}", icon=":material/image:",
            on_click="ignore", help=IMAGE_HELP)
