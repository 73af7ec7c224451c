"""The editors' pages' access to db.write and db.read.audit_log: one engine, caches cleared after
every write, templates as downloadable bytes. The db functions check permissions themselves.
"""

from __future__ import annotations

import datetime as dt
import io

import pandas as pd
import streamlit as st

from dashboard import data, inert
from dashboard.files.spreadsheets import to_csv_bytes
from db import audit, corrections, ingest, lookup, reference
from db.auth import PermissionDenied, User
from db.importfile import KINDS, ImportRejected, template_rows


def choices() -> dict[str, list[str]]:
    with data.engine().connect() as conn:
        return lookup.choices(conn)


def next_number(community: str) -> int:
    with data.engine().connect() as conn:
        return lookup.next_session_number(conn, community)


def close_organisations(name: str) -> list[str]:
    with data.engine().connect() as conn:
        return lookup.organisations(conn).close(name)


def _after_write(result):
    data.clear()
    return result


def record_session(user: User | None, session: dict, register: list[dict], comments: list[dict]):
    return _after_write(store.record_session(data.engine(), user, session, register, comments))


def recorded_sessions(community: str) -> list[dict]:
    """Sessions of `community` recorded through the form (not cached: read fresh after each write)."""
    with data.engine().connect() as conn:
        return corrections.recorded_sessions(conn, community)


def describe_session(session: dict) -> str:
    """One line naming a recorded session for a picker: "Session 4: held on 2026-02-10, 23 attending"."""
    when = session["date"].isoformat() if isinstance(session["date"], dt.date) else None
    text = f"Session {session['number']}: {session['status']}" + (f" on {when}" if when else ", undated")
    if session["headcount"] is not None:
        text += f", {session['headcount']} attending"
    return text


def correct_session(user: User | None, community: str, number: int, changes: dict) -> dict:
    return _after_write(corrections.correct_session(data.engine(), user, community, number, changes))


def remove_session(user: User | None, community: str, number: int) -> dict[str, int]:
    return _after_write(corrections.remove_session(data.engine(), user, community, number))


def import_file(user: User | None, name: str, payload: bytes):
    return _after_write(store.import_file(data.engine(), user, name, payload))


def undo_import(user: User | None, batch_id: int):
    return _after_write(undo.undo_import(data.engine(), user, batch_id))


def add(kind: str, user: User | None, *args, **kwargs) -> str:
    """reference.add_<kind> (organisation, role, programme, community), then fresh caches."""
    return _after_write(getattr(reference, f"add_{kind}")(data.engine(), user, *args, **kwargs))


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
    with pd.ExcelWriter(buf, engine="xlsxwriter", engine_kwargs={"options": {
            "strings_to_formulas": False, "strings_to_urls": False}}) as writer:
        pd.DataFrame({"How to fill this workbook": INSTRUCTIONS}).to_excel(
            writer, sheet_name="instructions", index=False)
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
    st.error(f"Nothing was saved: {len(problems)} problem{'s' if len(problems) != 1 else ''} to fix.",
             icon=":material/block:")
    st.code("\n".join(str(p) for p in problems), language=None, wrap_lines=True)  # plain text


def attempt(action, *args, done_key: str, said: str, **kwargs) -> bool:
    """Run a write; on success keep `said` under `done_key` for the next run and rerun, else show
    what was refused (ImportRejected's problems or PermissionDenied's reason) and return False."""
    try:
        action(*args, **kwargs)
    except (ImportRejected, PermissionDenied) as exc:
        show_problems(exc)
        return False
    st.session_state[done_key] = said
    st.rerun()


def show_done(done_key: str) -> None:
    """The success message a write left for this run, once."""
    if done := st.session_state.pop(done_key, None):
        st.success(inert.markdown(done), icon=":material/check:")


def rows(df: pd.DataFrame) -> list[dict]:
    """An edited table's non-empty rows as plain dicts (empty cells as None)."""
    clean = df.astype(object).where(df.notna(), None)
    return [r for r in clean.to_dict("records") if any(v not in (None, "") for v in r.values())]
