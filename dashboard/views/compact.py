"""Tables sent to the browser with only what they draw: each column in the smallest Arrow type that
holds its values (Streamlit sends a pandas table as Arrow with eight bytes a number and eight-byte
string offsets; a sparkline list of a thousand rows is most of a page).

The values are unchanged: counts stay whole numbers, a missing count (hidden by publication mode) stays
missing (null) and never becomes zero, text stays text. Only what travels gets smaller. A table is an
Arrow table, which `st.dataframe` sends as it is (a pandas frame of Arrow lists does not read back).

Streamlit's sparkline columns take no gap (a missing point makes the cell an error), so a sparkline
with a hidden point goes as a small SVG image instead (`trend_images`), drawn from shown points only.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd
import pyarrow as pa

TREND_WIDTH, TREND_HEIGHT = 160, 28  # CSS pixels
_W, _H, _PAD = 2 * TREND_WIDTH, 2 * TREND_HEIGHT, 6  # drawn at twice that, in whole units (short paths)

_UNSIGNED = (pa.uint8(), pa.uint16(), pa.uint32(), pa.uint64())


def _whole(values: Iterable) -> pa.Array:
    """Counts as whole numbers in the smallest integer type that holds them (unsigned unless one is
    negative); a missing one, or one that is not a number (a hidden count, "*"), null."""
    if isinstance(values, pd.Series) and pd.api.types.is_integer_dtype(values.dtype):  # no null: no coercing
        ints = values.to_numpy(np.int64)
        return pa.array(ints).cast(_holding(ints))
    numbers = pd.to_numeric(pd.Series(list(values), dtype=object), errors="coerce").astype("float64")
    missing = numbers.isna().to_numpy()
    whole = numbers.fillna(0).to_numpy().astype(np.int64)
    present = whole[~missing]
    return pa.array(whole, mask=missing).cast(_holding(present))


def _holding(values: np.ndarray) -> pa.DataType:
    """The smallest integer type that holds every one of `values` (unsigned unless one is negative)."""
    if len(values) and values.min() < 0:
        return pa.int64()
    largest = int(values.max()) if len(values) else 0
    return next(t for t in _UNSIGNED if largest <= np.iinfo(t.to_pandas_dtype()).max)


def counts(values: Iterable) -> pa.Array:
    """Whole counts (a missing one null) in the smallest type that holds them."""
    return _whole(values)


def count_lists(lists: Iterable[Iterable]) -> pa.Array:
    """A list of counts per row (a sparkline's points), all in the smallest type that holds them; a
    missing count stays missing (null), never zero."""
    rows = [list(row) for row in lists]
    offsets = np.concatenate([[0], np.cumsum([len(row) for row in rows], dtype=np.int64)]).astype(np.int32)
    return pa.ListArray.from_arrays(pa.array(offsets), _whole(v for row in rows for v in row))


def text(values: Iterable) -> pa.Array:
    """Text, with four-byte offsets (pandas sends its strings with eight)."""
    if isinstance(values, pd.Series) and pd.api.types.is_string_dtype(values.dtype):
        return pa.array(values).cast(pa.string())
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


def trend_images(lists: Iterable[Iterable], colour: str) -> pa.Array:
    """A sparkline per row as an SVG data URL for an image column: each shown count a point, evenly
    spaced, scaled from 0 to the row's largest shown count; a missing (hidden) count is a gap, and a
    point with gaps on both sides a dot. Nothing about a hidden count is drawn."""
    return text(_trend_svg(list(row), colour) for row in lists)


def _trend_svg(points: list, colour: str) -> str:
    top = max((v for v in points if v is not None), default=0) or 1
    step = (_W - 2 * _PAD) / max(len(points) - 1, 1)
    runs: list[list[str]] = [[]]  # runs of shown points, split where a count is hidden
    for i, v in enumerate(points):
        if v is None:
            runs.append([])
            continue
        x = _PAD + (i * step if len(points) > 1 else (_W - 2 * _PAD) / 2)
        runs[-1].append(f"{x:.0f} {_H - _PAD - (_H - 2 * _PAD) * v / top:.0f}")
    lines = "".join("M" + "L".join(run) for run in runs if len(run) > 1)
    dots = "".join(f"M{run[0]}l0 0" for run in runs if len(run) == 1)  # a point alone: a dot, as a marker
    svg = (
        f"<svg xmlns='http://www.w3.org/2000/svg' width='{TREND_WIDTH}' height='{TREND_HEIGHT}' "
        f"viewBox='0 0 {_W} {_H}' fill='none' stroke='{colour}' stroke-linecap='round' stroke-linejoin='round'>"
        f"<path d='{lines}' stroke-width='4'/><path d='{dots}' stroke-width='9'/></svg>"
    )
    return "data:image/svg+xml;utf8," + svg.replace("%", "%25").replace("#", "%23")
