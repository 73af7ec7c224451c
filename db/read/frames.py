"""A SELECT's rows as a DataFrame, without per-value Python conversion.

`pd.read_sql` lets SQLAlchemy convert every value through its column type in Python (SQLite keeps
dates as text, so each one is parsed on its own), which costs more than the query itself on a large
programme. Here the driver's values go straight into the frame and only the columns that need it are
converted, a whole column at a time: dates and timestamps stored as text, and booleans stored as 0/1.
The statement still runs through the connection (bound parameters, events, logging).

The frame is built a column at a time through Arrow (`_columns`), which checks each column's values in
C as it converts them: whole numbers, floats and text become what `pd.DataFrame.from_records` would
make of them (int64, float64 with NaN for missing, pandas' Arrow-backed strings). A column of anything
else (dates and decimals from PostgreSQL, bytes, mixed kinds) sends the whole result through
`from_records`, as before.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
from pandas._libs import lib  # from_records' own rows-to-columns step (to_object_array_tuples)
from sqlalchemy import Boolean, Connection, Date, DateTime, Executable, Select


def read_frame(conn: Connection, stmt: Select) -> pd.DataFrame:
    """The rows of `stmt` as a DataFrame, with the same values and dtypes as `pd.read_sql`."""
    columns, rows = driver_rows(conn, stmt)
    arrays = _columns(rows)
    if arrays is None:
        frame = pd.DataFrame.from_records(rows, columns=columns, coerce_float=True)
    else:
        frame = pd.DataFrame(dict(enumerate(arrays)), copy=False)
        frame.columns = pd.Index(columns)
    for name, column in zip(columns, stmt.selected_columns):
        if isinstance(column.type, (Boolean, Date, DateTime)):  # the only types stored differently
            frame[name] = _typed(frame[name], column.type)
    return frame


def driver_rows(
    conn: Connection, stmt: Executable, params: dict[str, Any] | None = None
) -> tuple[list[str], Sequence[Any]]:
    """(column names, rows exactly as the driver gives them): the statement is compiled once and
    cached by SQLAlchemy, but no Row objects or per-value conversions are made."""
    result = conn.execute(stmt, params)
    columns = list(result.keys())
    rows = result.cursor.fetchall()
    result.close()
    return columns, rows


def object_frame(columns: list[str], rows: Sequence[tuple], **constants: Any) -> pd.DataFrame:
    """`rows` as a DataFrame of the driver's own values (object columns, None for NULL), after a
    column for each of `constants` holding that one value in every row."""
    names = [*constants, *columns]
    values = np.empty((len(rows), len(names)), dtype=object)
    for i, value in enumerate(constants.values()):
        values[:, i] = value
    if len(rows):
        values[:, len(constants) :] = lib.to_object_array_tuples(rows if isinstance(rows, list) else list(rows))
    return pd.DataFrame(values, columns=names, dtype=object, copy=False)


def _columns(rows: Sequence[tuple]) -> list | None:
    """Each column as `from_records` would make it, or None when one holds values it would treat
    otherwise (then `from_records` itself builds the frame)."""
    text = pd.Series(["a"]).dtype  # the dtype pandas gives text in force (Arrow-backed in pandas 3)
    if not rows or not isinstance(text, pd.StringDtype) or text.storage != "pyarrow":
        return None
    values = lib.to_object_array_tuples(rows if isinstance(rows, list) else list(rows))
    out = []
    for i in range(values.shape[1]):
        try:
            converted = _converted(values[:, i], text)
        except (pa.ArrowException, OverflowError, TypeError, ValueError):  # mixed kinds, too large
            return None
        if converted is None:
            return None
        out.append(converted)
    return out


def _converted(values: np.ndarray, text: pd.StringDtype):
    """`values` as `from_records` would give them: numbers as numpy arrays (NaN for missing, so whole
    numbers with a gap are floats), text as pandas strings, all missing as None; else None."""
    kind = lib.infer_dtype(values, skipna=True)  # one pass in C; missing values skipped
    if kind == "string":
        return pd.array(pa.array(values, type=pa.large_string()), dtype=text)
    if kind == "integer":
        try:
            return values.astype(np.int64)
        except TypeError:  # a missing value among them: pandas makes the column floats
            pass
    if kind in ("integer", "floating", "mixed-integer-float", "empty"):
        column = pa.array(values)  # NaN stays a float (as in from_records), None is missing
        if pa.types.is_int64(column.type) or pa.types.is_float64(column.type):
            return column.to_numpy(zero_copy_only=False, writable=True)
        if pa.types.is_null(column.type):
            return np.full(len(column), None, dtype=object)
    return None


def _typed(values: pd.Series, kind) -> pd.Series:
    if isinstance(kind, Boolean) and values.dtype != bool:  # SQLite's 0 and 1 (1.0 beside a NULL)
        if values.isna().any():
            return values.map({1: True, 0: False}).astype(object).where(values.notna(), None)
        return values.astype(bool)
    if not isinstance(kind, (Date, DateTime)) or not _stored_as_text(values):
        return values
    if isinstance(kind, DateTime):
        return pd.to_datetime(values, format="ISO8601", errors="coerce")
    codes, texts = pd.factorize(values)  # each distinct date parsed once; missing ones are -1
    dates = np.array([dt.date.fromisoformat(t) for t in texts.tolist()] + [None], dtype=object)
    return pd.Series(dates[codes], index=values.index, dtype=object)


def _stored_as_text(values: pd.Series) -> bool:
    first = values.dropna()
    return len(first) > 0 and isinstance(first.iloc[0], str)
