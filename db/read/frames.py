"""A SELECT's rows as a DataFrame, without per-value Python conversion.

`pd.read_sql` lets SQLAlchemy convert every value through its column type in Python (SQLite keeps
dates as text, so each one is parsed on its own), which costs more than the query itself on a large
programme. Here the driver's values go straight into the frame (as `read_sql` builds it) and only the
columns that need it are converted, a whole column at a time: dates and timestamps stored as text,
and booleans stored as 0/1. The statement still runs through the connection (bound parameters,
events, logging).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd
from sqlalchemy import Boolean, Connection, Date, DateTime, Select


def read_frame(conn: Connection, stmt: Select) -> pd.DataFrame:
    """The rows of `stmt` as a DataFrame, with the same values and dtypes as `pd.read_sql`."""
    columns, rows = driver_rows(conn, stmt)
    frame = pd.DataFrame.from_records(rows, columns=columns, coerce_float=True)
    for name, column in zip(columns, stmt.selected_columns):
        if isinstance(column.type, (Boolean, Date, DateTime)):  # the only types stored differently
            frame[name] = _typed(frame[name], column.type)
    return frame


def driver_rows(conn: Connection, stmt: Select) -> tuple[list[str], Sequence[Any]]:
    """(column names, rows exactly as the driver gives them): the statement is compiled once and
    cached by SQLAlchemy, but no Row objects or per-value conversions are made."""
    result = conn.execute(stmt)
    columns = list(result.keys())
    rows = result.cursor.fetchall()
    result.close()
    return columns, rows


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
    dates = np.array([dt.date.fromisoformat(t) for t in texts] + [None], dtype=object)
    return pd.Series(dates[codes], index=values.index, dtype=object)


def _stored_as_text(values: pd.Series) -> bool:
    first = values.dropna()
    return len(first) > 0 and isinstance(first.iloc[0], str)
