"""The editors' pages' access to db.write and db.read.audit_log: one engine, caches cleared after
every write, templates as downloadable bytes. The db functions check permissions themselves.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

import pandas as pd
import streamlit as st

from dashboard import data, inert
from dashboard.files.spreadsheets import to_csv_bytes
from db import models
from db.auth import User
from db.errors import ImportRejected, PermissionDenied
from db.read import audit_log
from db.write import corrections, lookup, reference
from db.write.imports import store, undo, upload
from db.write.imports.upload import KINDS, template_rows

# For the editors' pages, which read no db/ themselves:
MAX_BYTES, MAX_ROWS = upload.MAX_BYTES, upload.MAX_ROWS
QUESTION_KINDS, SESSION_STATUSES = models.QUESTION_KINDS, models.SESSION_STATUSES


@dataclass(frozen=True)
class Rows:
    """Rows a write wrote or removed, per table (`in_words`: "12 attendances, 3 comments")."""

    counts: dict[str, int]

    def of(self, table: str) -> int:
        return self.counts.get(table, 0)

    def in_words(self) -> str:
        return ", ".join(f"{n} {table.replace('_', ' ')}" for table, n in self.counts.items() if n)


@dataclass(frozen=True)
class Written:
    """What a recorded session or an imported file wrote: rows per table, duplicates skipped, the import."""

    rows: Rows
    duplicates: list[str] = field(default_factory=list)
    batch_id: int | None = None


@dataclass(frozen=True)
class Removed:
    """What removing a recorded session took with it."""

    register_lines: int
    comments: int


def choices() -> lookup.Choices:
    with data.engine().connect() as conn:
        return lookup.choices(conn)


def next_number(community: str) -> int:
    with data.engine().connect() as conn:
        return lookup.next_session_number(conn, community)


def _written(outcome: store.Outcome) -> Written:
    return Written(Rows(dict(outcome.written)), list(outcome.duplicates), outcome.batch_id)


@data.writes
def record_session(user: User | None, session: dict, register: list[dict], comments: list[dict]) -> Written:
    return _written(store.record_session(data.engine(), user, session, register, comments))


def recorded_sessions(community: str) -> list[corrections.RecordedSession]:
    """Sessions of `community` recorded through the form (not cached: read fresh after each write)."""
    with data.engine().connect() as conn:
        return corrections.recorded_sessions(conn, community)


def describe_session(number: int, status: str, date: dt.date | None, headcount: int | None) -> str:
    """One line naming a session for a picker: "Session 4: held on 2026-02-10, 23 attending"."""
    when = date.isoformat() if isinstance(date, dt.date) else None
    text = f"Session {number}: {status}" + (f" on {when}" if when else ", undated")
    if headcount is not None:
        text += f", {headcount} attending"
    return text


@data.writes
def correct_session(user: User | None, community: str, number: int, changes: dict) -> str:
    """Correct a recorded session; what it is now, in words (`describe_session`)."""
    change = corrections.correct_session(data.engine(), user, community, number, changes)
    after = change["after"]
    return describe_session(number, after["status"], after["date"], after["headcount"])


@data.writes
def remove_session(user: User | None, community: str, number: int) -> Removed:
    gone = corrections.remove_session(data.engine(), user, community, number)
    return Removed(register_lines=gone["register lines"], comments=gone["comments"])


@data.writes
def import_file(user: User | None, name: str, payload: bytes) -> Written:
    return _written(store.import_file(data.engine(), user, name, payload))


@data.writes
def undo_import(user: User | None, batch_id: int) -> Rows:
    """Undo a whole import; the rows it removed per table."""
    return Rows(dict(undo.undo_import(data.engine(), user, batch_id)))


ADDERS: dict[str, Callable[..., str]] = {
    "organisation": reference.add_organisation,
    "role": reference.add_role,
    "programme": reference.add_programme,
    "community": reference.add_community,
}


@data.writes
def add(kind: str, user: User | None, *args, **kwargs) -> str:
    """Add an organisation, role, programme or community (`ADDERS`), then fresh caches."""
    return ADDERS[kind](data.engine(), user, *args, **kwargs)


def audit_entries(user: User | None) -> pd.DataFrame:
    with data.engine().connect() as conn:
        return audit_log.entries(conn, user)


def imports(user: User | None) -> pd.DataFrame:
    with data.engine().connect() as conn:
        return audit_log.import_batches(conn, user)


def live_imports(user: User | None) -> list[int]:
    """Ids of imports that can still be undone, newest first."""
    batches = imports(user)
    return batches.loc[batches["status"] == "imported", "id"].tolist()


def template_csv(kind: str) -> bytes:
    return to_csv_bytes(pd.DataFrame(template_rows(kind), columns=list(KINDS[kind])))


def template_xlsx() -> bytes:
    """One workbook: a sheet per kind plus instructions (text cells never become formulas)."""
    buf = io.BytesIO()
    with pd.ExcelWriter(
        buf, engine="xlsxwriter", engine_kwargs={"options": {"strings_to_formulas": False, "strings_to_urls": False}}
    ) as writer:
        pd.DataFrame({"How to fill this workbook": INSTRUCTIONS}).to_excel(
            writer, sheet_name="instructions", index=False
        )
        for kind, cols in KINDS.items():
            pd.DataFrame(template_rows(kind), columns=list(cols)).to_excel(writer, sheet_name=kind, index=False)
    return buf.getvalue()


INSTRUCTIONS = [
    "Fill any of the sheets sessions, register and comments; delete the example rows first.",
    "community: the community's name exactly as the dashboard shows it.",
    "sessions: number 1-999; status held, postponed, cancelled or planned; date YYYY-MM-DD or empty "
    "(a held session may not be dated in the future); headcount empty when a register is given.",
    "register: one row per participant per session. participant_code is a pseudonymous code such as "
    "UI-001, never a name. role and organisation must match names the dashboard knows (or be empty).",
    "comments: the text as the member wrote it; session_number may be empty.",
    "The whole file is checked first: if any row is wrong nothing is written and every problem is listed.",
]


def show_problems(exc: Exception) -> None:
    """A rejected write's problems as plain text (never HTML)."""
    problems = getattr(exc, "problems", None)
    if problems is None:
        st.error(inert.markdown(exc), icon=":material/block:")
        return
    st.error(
        f"Nothing was saved: {len(problems)} problem{'s' if len(problems) != 1 else ''} to fix.",
        icon=":material/block:",
    )
    st.code("\n".join(str(p) for p in problems), language=None, wrap_lines=True)  # plain text


@contextmanager
def problems_shown() -> Iterator[None]:
    """Around a write and what follows it: a refused write (ImportRejected's problems or
    PermissionDenied's reason) is shown on the page, and the rest of the block is skipped."""
    try:
        yield
    except (ImportRejected, PermissionDenied) as exc:
        show_problems(exc)


def attempt(action, *args, done_key: str, said: str, **kwargs) -> bool:
    """Run a write; on success keep `said` under `done_key` for the next run and rerun, else show
    what was refused and return False."""
    with problems_shown():
        action(*args, **kwargs)
        st.session_state[done_key] = said
        st.rerun()
    return False


def show_done(done_key: str) -> None:
    """The success message a write left for this run, once."""
    if done := st.session_state.pop(done_key, None):
        st.success(inert.markdown(done), icon=":material/check:")


def rows(df: pd.DataFrame) -> list[dict]:
    """An edited table's non-empty rows as plain dicts (empty cells as None)."""
    clean = df.astype(object).where(df.notna(), None)
    return [r for r in clean.to_dict("records") if any(v not in (None, "") for v in r.values())]
