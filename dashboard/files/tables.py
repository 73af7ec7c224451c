"""Tables shaped for a spreadsheet: headings in one style, numbers only in numeric columns.

A table on screen may mix numbers with words ("not held", "*" for a count hidden by publication
mode), which reads well but makes a spreadsheet treat the column as text, so a SUM or a pivot skips
it. In a download such a column keeps only its numbers (the cell is empty where there is none) and
a "<column> status" column beside it says why a cell is empty.
"""

from __future__ import annotations

import datetime as dt
import numbers
import re

import pandas as pd

from dashboard.privacy.rule import HIDDEN

# Words a table puts where a number (or date) would be, and what the status column says for each.
STATUS_WORDS = {
    HIDDEN: "hidden (publication mode)",
    "not held": "not held",
    "not counted yet": "not counted yet",
    "not recorded": "not recorded",
    "none": "none",
}
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def heading(name: object) -> str:
    """One heading style for every export: sentence case, words not joined by underscores
    ("organisation_type" -> "Organisation type"); headings already written for people are kept."""
    text = str(name)
    if text != text.lower():
        return text
    words = text.replace("_", " ").strip()
    return words[:1].upper() + words[1:]


def _is_number(value: object) -> bool:
    return isinstance(value, numbers.Number) and not isinstance(value, bool) and not pd.isna(value)


def _is_missing(value: object) -> bool:
    return value is None or (not isinstance(value, str) and pd.isna(value))


def _status(value: object) -> str | None:
    return STATUS_WORDS.get(value.strip().lower()) if isinstance(value, str) else None


def _kind(series: pd.Series) -> str | None:
    """ "number" or "date" when every value is one (or missing) or a status word, and one status word
    is there; else None (the column is left as it is)."""
    if not len(series) or not (series.dtype == object or pd.api.types.is_string_dtype(series)):
        return None
    values = [v for v in series.tolist() if not _is_missing(v)]
    words = [v for v in values if _status(v)]
    if not words:
        return None
    rest = [v for v in values if not _status(v)]
    if all(_is_number(v) for v in rest):
        return "number"
    if all(isinstance(v, dt.date) or (isinstance(v, str) and ISO_DATE.match(v)) for v in rest):
        return "date"
    return None


def _numbers(series: pd.Series) -> pd.Series:
    values = pd.to_numeric(series.map(lambda v: v if _is_number(v) else None), errors="coerce")
    whole = values.dropna().mod(1).eq(0).all()
    return values.astype("Int64") if whole else values.astype(float)


def _dates(series: pd.Series) -> pd.Series:
    return series.map(
        lambda v: (
            v
            if isinstance(v, dt.date)
            else dt.date.fromisoformat(v)
            if isinstance(v, str) and ISO_DATE.match(v)
            else None
        )
    )


def split_statuses(df: pd.DataFrame) -> tuple[pd.DataFrame, list[str]]:
    """`df` with each mixed column split into its values and a "<column> status" column beside it,
    and the status words used (for the notes)."""
    columns, used = {}, {}
    for name in df.columns:
        series, kind = df[name], _kind(df[name])
        if kind is None:
            columns[name] = series
            continue
        columns[name] = _numbers(series) if kind == "number" else _dates(series)
        statuses = series.map(lambda v: _status(v) or "")
        columns[f"{name} status"] = statuses
        used.update(dict.fromkeys(s for s in statuses if s))
    return pd.DataFrame(columns, index=df.index), list(used)


def export_frame(df: pd.DataFrame) -> tuple[pd.DataFrame, list[str]]:
    """`df` as a download holds it: headings in sentence case, numeric columns numbers only with
    status columns beside them; and the status words used."""
    named = df.rename(columns={c: heading(c) for c in df.columns})
    if named.columns.duplicated().any():  # two headings that read the same: keep the originals
        named = df
    return split_statuses(named)
