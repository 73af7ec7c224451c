"""Tables sent to the browser with only what they draw: each column in the smallest Arrow type that
holds its values (Streamlit sends a pandas table as Arrow with eight bytes a number and eight-byte
string offsets; a sparkline list of a thousand rows is most of a page).

The values are unchanged: counts stay whole numbers, a missing count (hidden by publication mode) stays
missing (null) and never becomes zero, text stays text. Only what travels gets smaller. A table is an
Arrow table, which `st.dataframe` sends as it is (a pandas frame of Arrow lists does not read back).
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd
import pyarrow as pa

_UNSIGNED = (pa.uint8(), pa.uint16(), pa.uint32(), pa.uint64())


def _whole(value) -> int | None:
    """A count as a whole number, None when it is missing or not a number (a hidden count, "*")."""
    number = pd.to_numeric(value, errors="coerce")
    return None if pd.isna(number) else int(number)


def _holding(values: list[int]) -> pa.DataType:
    """The smallest integer type that holds every one of `values` (unsigned unless one is negative)."""
    if values and min(values) < 0:
        return pa.int64()
    largest = max(values, default=0)
    return next(t for t in _UNSIGNED if largest <= np.iinfo(t.to_pandas_dtype()).max)


def counts(values: Iterable) -> pa.Array:
    """Whole counts (a missing one null) in the smallest type that holds them."""
    whole = [_whole(v) for v in values]
    return pa.array(whole, type=_holding([v for v in whole if v is not None]))


def count_lists(lists: Iterable[Iterable]) -> pa.Array:
    """A list of counts per row (a sparkline's points), all in the smallest type that holds them; a
    missing count stays missing (null), never zero."""
    rows = [[_whole(v) for v in row] for row in lists]
    return pa.array(rows, type=pa.list_(_holding([v for row in rows for v in row if v is not None])))


def text(values: Iterable) -> pa.Array:
    """Text, with four-byte offsets (pandas sends its strings with eight)."""
    return pa.array([None if pd.isna(v) else str(v) for v in values], type=pa.string())


def table(columns: dict[str, pa.Array]) -> pa.Table:
    """The columns, in order, as the table `st.dataframe` sends."""
    return pa.table(columns)


def frame(df: pd.DataFrame) -> pa.Table:
    """A table of whole counts and text (the value matrix), each count column in the smallest type
    that holds it and the rest as text, in the frame's order and without its index."""
    return table(
        {
            str(name): counts(column) if pd.api.types.is_integer_dtype(column) else text(column)
            for name, column in df.items()
        }
    )
