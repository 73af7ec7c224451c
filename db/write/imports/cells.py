"""Checks of one cell, shared by files and the form: plain text, whole numbers in a range, dates
within the programme's span. Each returns (value, None, None) or (None, value shown, what was expected).
"""

from __future__ import annotations

import datetime as dt
import re

from db import models as m
from db.write.imports.upload import UNSTORABLE_RE

MAX_NUMBER, MAX_HEADCOUNT = 999, 1000
MAX_TEXT = 5000  # notes and comments (Text columns)
# Community, role, organisation and theme names: no longer than the columns they are matched or stored in.
MAX_SHORT = min(
    m.length_of(column)
    for column in (
        m.Community.__table__.c.name,
        m.Role.__table__.c.title,
        m.Organisation.__table__.c.name,
        m.Comment.__table__.c.theme,
    )
)
# The programme began when SELCA commissioned it, in January 2019 (programmes.commissioned, "2019-01",
# from cop_data/programmes.csv; the table keeps only the month, so its first day is the floor).
PROGRAMME_START = dt.date(2019, 1, 1)
YEARS_AHEAD = 5
CODE_RE = re.compile(r"^(?=.*\d)[A-Za-z0-9][A-Za-z0-9_-]{0,39}$")
CODE_EXPECTED = (
    "a pseudonymous code such as UI-001: letters, digits, - or _, at least one digit, up to 40 characters, never a name"
)
# A spreadsheet would run these: "=...", a sign then a function call ("+SUM(", "@HYPERLINK("), or DDE
# ("-cmd|"). Ordinary text such as "- great (really)" or "@Sam thanks" is left alone.
FORMULA_RE = re.compile(r"^\s*(=|[+\-@][A-Za-z_][A-Za-z0-9_.]*\(|[+\-@=]?\s*cmd\s*\|)", re.IGNORECASE)
# [^<>]: a scan from one "<" stops at the next, so the search stays linear in the text's length
MARKUP_RE = re.compile(r"<\s*/?\s*[A-Za-z!][^<>]*>|javascript:", re.IGNORECASE)


def _empty(value: object) -> bool:
    return value is None or value == ""


def _text(value: object, required: bool, limit: int) -> tuple:
    """(text, None, None) or (None, value shown, what was expected). The length is checked first:
    the patterns then run on at most `limit` characters."""
    if _empty(value):
        return (None, "", "a value (this column may not be empty)") if required else (None, None, None)
    value = str(value)
    if len(value) > limit:
        return None, f"{len(value)} characters", f"at most {limit} characters"
    if bad := UNSTORABLE_RE.search(value):
        return (
            None,
            value,
            (
                f"text without the control character {bad.group()!r} at character "
                f"{bad.start() + 1} (no database stores a NUL or an unpaired surrogate)"
            ),
        )
    if FORMULA_RE.match(value):
        return None, value, f"plain text, not a spreadsheet formula (remove the leading '{value.lstrip()[0]}')"
    if MARKUP_RE.search(value):
        return None, value, "plain text without HTML markup such as <script> or <b>"
    return value, None, None


def _whole(value: object, low: int, high: int, required: bool) -> tuple:
    expected = f"a whole number from {low} to {high}"
    if _empty(value):
        return (None, "", expected) if required else (None, None, None)
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, bool) or not (isinstance(value, int) or re.fullmatch(r"-?[0-9]{1,9}", str(value))):
        return None, value, expected
    if not low <= int(str(value)) <= high:
        return None, value, expected
    return int(str(value)), None, None


def _date(value: object) -> tuple:
    if _empty(value):
        return None, None, None
    shown = value
    if isinstance(value, dt.datetime):
        value = value.date()
    if not isinstance(value, dt.date):
        try:
            value = dt.date.fromisoformat(str(value)) if re.fullmatch(r"\d{4}-\d{2}-\d{2}", str(value)) else None
        except ValueError:
            value = None
        if value is None:
            return None, shown, "a date written YYYY-MM-DD, such as 2026-03-05"
    last = latest_date()
    if not PROGRAMME_START <= value <= last:
        return None, value.isoformat(), date_range(last)
    return value, None, None


def latest_date(today: dt.date | None = None) -> dt.date:
    """The latest date a session may have: YEARS_AHEAD years from today (28 February for 29 February)."""
    today = today or dt.date.today()
    try:
        return today.replace(year=today.year + YEARS_AHEAD)
    except ValueError:
        return today.replace(year=today.year + YEARS_AHEAD, day=28)


def date_range(last: dt.date) -> str:
    return (
        f"a date from {PROGRAMME_START.isoformat()} (when the programme began) to "
        f"{last.isoformat()} ({YEARS_AHEAD} years from today)"
    )
