"""Downloads: CSV and XLSX whose cells can never run as formulas (OWASP CSV injection).

A text cell (or column heading) that starts with = + - @ tab or carriage return is prefixed with a
single quote, so a spreadsheet shows it as text; the XLSX writer is also told never to turn a string
into a formula or a link, so the file is safe even if a value slips past the prefix.
"""

from __future__ import annotations

import io

import pandas as pd

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
XLSX_OPTIONS = {"strings_to_formulas": False, "strings_to_urls": False, "strings_to_numbers": False}
NOTES = "Notes"  # the sheet that says what the file holds (filter, publication mode, source, date)
MAX_WIDTH = 60  # characters: wider columns wrap in the spreadsheet rather than run off the screen


def neutralise(value: object) -> object:
    """A text cell that a spreadsheet would read as a formula, prefixed with ' so it stays text."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def _is_text(series: pd.Series) -> bool:
    return (
        series.dtype == object or pd.api.types.is_string_dtype(series) or isinstance(series.dtype, pd.CategoricalDtype)
    )


def _safe_column(series: pd.Series) -> pd.Series:
    if _is_text(series):
        return series.astype(object).map(neutralise)
    if isinstance(series.dtype, pd.DatetimeTZDtype):
        return series.dt.tz_localize(None)
    if pd.api.types.is_float_dtype(series) and series.dropna().mod(1).eq(0).all():
        return series.astype("Int64")  # counts with a gap: 12, not 12.0
    return series


def safe_frame(df: pd.DataFrame) -> pd.DataFrame:
    """`df` with every text cell and heading neutralised, and time zones dropped (Excel has none)."""
    out = pd.DataFrame({i: _safe_column(df.iloc[:, i]) for i in range(df.shape[1])}, index=df.index)
    out.columns = [neutralise(str(c)) for c in df.columns]
    return out


def to_csv_bytes(df: pd.DataFrame) -> bytes:
    """UTF-8 CSV (with BOM, so Excel reads accents) with formula-like cells neutralised.

    Rows end in CRLF (RFC 4180), which also makes the writer quote any cell holding a bare CR or
    LF, so text with line breaks can never split a row.
    """
    return safe_frame(df).to_csv(index=False, lineterminator="\r\n").encode("utf-8-sig")


def to_xlsx_bytes(df: pd.DataFrame, sheet: str = "Data", notes: list[tuple[str, str]] | None = None) -> bytes:
    """An XLSX workbook in which no string is ever written as a formula, with readable column widths;
    with `notes`, (label, text) rows on a second sheet called "Notes"."""
    buf = io.BytesIO()
    with pd.ExcelWriter(buf, engine="xlsxwriter", engine_kwargs={"options": XLSX_OPTIONS}) as writer:
        name = _sheet_name(sheet)
        _write_sheet(writer, name, safe_frame(df))
        if notes:
            _write_sheet(
                writer,
                NOTES if name != NOTES else "About",
                safe_frame(pd.DataFrame(notes, columns=["About this file", "Details"])),
                wrap=True,
            )
    return buf.getvalue()


def _write_sheet(writer: pd.ExcelWriter, name: str, safe: pd.DataFrame, wrap: bool = False) -> None:
    safe.to_excel(writer, sheet_name=name, index=False)
    worksheet = writer.sheets[name]
    worksheet.freeze_panes(1, 0)
    text = writer.book.add_format({"text_wrap": True, "valign": "top"}) if wrap else None
    for i, col in enumerate(safe.columns):
        worksheet.set_column(i, i, _width(safe.iloc[:, i], col), text)


def _sheet_name(sheet: str) -> str:
    """Excel's rules: at most 31 characters, none of []:*?/\\ ."""
    cleaned = "".join("_" if ch in "[]:*?/\\" else ch for ch in sheet).strip("'")
    return (cleaned or "Data")[:31]


def _width(series: pd.Series, heading: str) -> int:
    longest = series.head(500).map(lambda v: len(str(v)) if v is not None else 0).max() if len(series) else 0
    return int(min(MAX_WIDTH, max(len(heading), longest or 0) + 2))
