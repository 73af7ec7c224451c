"""The checks across one row of a `cop_data/` file that a column's own kind cannot make (a held session
has a headcount, a tag names exactly one item, ...): each returns (column, value, what was expected) or None.
"""

from __future__ import annotations

import datetime as dt
from typing import Any


def session_check(row: dict[str, Any]) -> tuple[str, Any, str] | None:
    if row["status"] == "held" and row["headcount"] is None:
        return ("headcount", "", "a headcount for a held session")
    if row["status"] != "held" and row["headcount"] is not None:
        return ("headcount", row["headcount"], f"no headcount for a {row['status']} session")
    if row["headcount"] is not None and row["headcount"] < 0:
        return ("headcount", row["headcount"], "a headcount of 0 or more")
    if row["number"] < 1:
        return ("number", row["number"], "a session number of 1 or more")
    if row["status"] == "held" and row["date"] and row["date"] > dt.date.today():
        return ("date", row["date"].isoformat(), "a date not in the future for a held session")
    return None


def theme_check(row: dict[str, Any]) -> tuple[str, Any, str] | None:
    if (row["kind"] == "value-cycle") != (row["value_cycle"] is not None):
        return ("value_cycle", row["value_cycle"] or "", "a value cycle exactly when kind is value-cycle")
    return None


def tag_check(row: dict[str, Any]) -> tuple[str, Any, str] | None:
    if (row["convener"] is None) != (row["question_number"] is None):
        return ("question_number", row["question_number"] or "", "a convener and a question number together")
    if row["comment"] is not None and row["convener"] is not None:
        return ("convener", row["convener"], "empty when the row tags a comment (one item per row)")
    if row["comment"] is None and row["convener"] is None and row["value_area"] is None:
        return ("comment", "", "a comment, an interview answer (convener, question_number) or a value_area")
    return None


def question_check(row: dict[str, Any]) -> tuple[str, Any, str] | None:
    if row["kind"] == "text" and not 1 <= (row["max_length"] or 0) <= 5000:
        return ("max_length", row["max_length"] or "", "a length from 1 to 5000 for a text question")
    if row["kind"] != "text" and row["max_length"] is not None:
        return ("max_length", row["max_length"], f"empty for a {row['kind']} question")
    return None
