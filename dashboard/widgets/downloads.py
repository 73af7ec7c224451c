"""Download buttons for the pages: tables as CSV and XLSX, charts as slide-size PNG and SVG.

Every file is made only when its button is clicked (Streamlit's deferred `data=callable`), so a
rerun never renders an image or writes a workbook nobody asked for.
"""

from __future__ import annotations

import functools
from collections.abc import Callable

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from dashboard import cache, data
from dashboard.files import images
from dashboard.files.names import ExportContext
from dashboard.files.spreadsheets import to_csv_bytes, to_xlsx_bytes
from dashboard.files.tables import export_frame
from dashboard.state.filters import current_community, current_rule
from db.read.freshness import last_recorded

IMAGE_HELP = (
    "1920 × 1080 (16:9), with the chart's title, the filter in force and the source written "
    "into the image. Made when you click."
)
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def table_downloads(
    data: pd.DataFrame | Callable[[], pd.DataFrame],
    *,
    key: str,
    title: str | None = None,
    what: str | None = None,
    context: ExportContext | None = None,
) -> None:
    """CSV and XLSX downloads of a table (or of what a function returns, made when clicked), side by
    side, named for the filter and publication mode in force; the XLSX has a "Notes" sheet. `what`
    names the rows on the buttons ("Download these comments (CSV)") where a page has several.
    `context` names and stamps the files (by default, the sidebar's filter)."""
    context = context or current_context()
    title = title or key.replace("-", " ").capitalize()
    csv_label, xlsx_label = (
        (f"Download {what} (CSV)", f"Download {what} (XLSX)") if what else ("Download CSV", "Download XLSX")
    )
    row = st.container(horizontal=True)
    row.download_button(
        csv_label,
        functools.partial(csv_file, data),
        file_name=context.file_name(key, "csv"),
        mime="text/csv",
        key=f"csv-{key}",
        icon=":material/download:",
        on_click="ignore",
    )
    row.download_button(
        xlsx_label,
        functools.partial(xlsx_file, data, title, context),
        file_name=context.file_name(key, "xlsx"),
        mime=XLSX,
        key=f"xlsx-{key}",
        icon=":material/table_view:",
        on_click="ignore",
    )


def _table(data) -> pd.DataFrame:
    return data() if callable(data) else data


def csv_file(data: pd.DataFrame | Callable[[], pd.DataFrame]) -> bytes:
    """The CSV a table downloads as: headings in one style, numbers only in numeric columns."""
    return to_csv_bytes(export_frame(_table(data))[0])


def xlsx_file(data: pd.DataFrame | Callable[[], pd.DataFrame], title: str, context: ExportContext) -> bytes:
    """The XLSX a table downloads as: the CSV's columns on "Data", and a "Notes" sheet saying what the
    file holds (table, community, publication mode, source, date, what the status columns mean)."""
    frame, statuses = export_frame(_table(data))
    return to_xlsx_bytes(frame, "Data", context.notes(title, statuses))


def current_context(compared: list[str] | None = None) -> ExportContext:
    """The filter, publication rule and source in force on this page, for naming and stamping files;
    `compared`: the communities a page compares instead of the filter's (the Compare page)."""
    if compared:
        return ExportContext(None, current_rule(), current_source(), compared=tuple(compared))
    return ExportContext(current_community(), current_rule(), current_source())


@functools.lru_cache(maxsize=1)
def _browser_found() -> bool:
    return images.browser_available()


@cache.per_database()
def current_source() -> str:
    """The source line for images: the report, or the database and its last recorded change."""
    with data.engine().connect() as conn:
        return images.source_line(last_recorded(conn))


def image_downloads(
    fig: go.Figure, *, key: str, title: str | None = None, context: ExportContext | None = None
) -> None:
    """PNG and SVG of `fig` at slide size (1920x1080), with title, filter and source drawn in, named
    for the filter and publication mode in force."""
    if not _browser_found():
        st.caption(images.NO_BROWSER)
        return
    names = context or current_context()
    community = None if names.who == "All communities" else names.who
    row = st.container(horizontal=True)
    for fmt in ("png", "svg"):
        drawn = functools.partial(
            images.figure_to_image, fig, fmt, title=title, community=community, rule=names.rule, source=names.source
        )
        row.download_button(
            f"Download {fmt.upper()} for slides",
            drawn,
            file_name=names.file_name(key, fmt),
            mime=images.FORMATS[fmt],
            key=f"{fmt}-{key}",
            icon=":material/image:",
            on_click="ignore",
            help=IMAGE_HELP,
        )
