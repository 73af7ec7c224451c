"""What a page says about itself: its browser title, when its data last changed, and what would fill a
section that is empty."""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Sized

import streamlit as st

from dashboard import cache, data
from db.read.freshness import last_recorded

APP_NAME = "CoP dashboard"
SEPARATOR = " · "
MAX_PART = 60  # characters of a page or community name in the title; a tab shows far fewer
REPORT_ONLY = "Data as in the programme's final report (2020): nothing has been recorded here since."


def plain(text: str | None, limit: int = MAX_PART) -> str:
    """`text` as one line of plain text: control and format characters dropped (bidirectional overrides
    included), runs of white space made one space, cut at `limit` characters with an ellipsis."""
    kept = "".join(
        " " if ch.isspace() else ch
        for ch in (text or "")
        if ch.isspace() or unicodedata.category(ch) not in ("Cc", "Cf")
    )
    line = " ".join(kept.split())
    return line if len(line) <= limit else line[: limit - 1].rstrip() + "…"


def browser_title(page: str | None, community: str | None = None) -> str:
    """The tab's title: "Attendance · Ultrasound Imaging · CoP dashboard" (WCAG 2.4.2), a plain text,
    never markdown; the community only when the page is filtered to one."""
    return SEPARATOR.join(part for part in (plain(page), plain(community), APP_NAME) if part)


def set_title(page: str | None, community: str | None) -> None:
    """Give this run's page its own browser title (app.py calls it once the page is known)."""
    st.set_page_config(page_title=browser_title(page, community))


def last_changed_line(changed_at: dt.datetime | None) -> str:
    """One line on how fresh the figures are: the report's, or the time of the last recorded change
    (the audit log's, which the database stamps in UTC)."""
    if changed_at is None:
        return REPORT_ONLY
    return f"Data last changed {changed_at.day} {changed_at:%b %Y %H:%M} UTC."


@cache.per_database()
def last_changed() -> str:
    """The last-changed line for the database in force; cached until data.clear() (after any write)."""
    with data.engine().connect() as conn:
        return last_changed_line(last_recorded(conn))


def has_rows(table: Sized, note: str) -> bool:
    """True when `table` (a DataFrame or list) has rows to show; otherwise write `note`, the one line that says
    what would fill
    the section, in place of an empty chart or table."""
    if len(table):
        return True
    st.write(note)
    return False
