"""The feedback pages' access to db.write.feedback, db.write.feedback_form and db.write.screening: the public
form's view,
links as URLs and QR codes, and the editors' writes (each db function checks the editor's rights).
"""

from __future__ import annotations

import datetime as dt
import io
import os
import secrets
from dataclasses import dataclass

import pandas as pd
import segno
import streamlit as st

from dashboard import data
from dashboard.deck import feedback_slide as deck_feedback
from dashboard.widgets import editing
from db.auth import User
from db.errors import ImportRejected
from db.write import feedback, feedback_form, feedback_links, question_sets, screening
from db.write.feedback import NOT_VALID, FeedbackRefused, LinkView, utcnow
from db.write.feedback_form import Question
from db.write.pii import Flag, flags, names_from

PUBLIC_URL_ENV = "COP_PUBLIC_URL"
DEFAULT_PUBLIC_URL = "http://localhost:8501"
FORM_PATH = "feedback"
NONCE_PARAM = "form"


def requested() -> bool:
    """True when this run is for the public feedback form (a token in the URL, or its address)."""
    path = (st.context.url or "").rstrip("/")
    return "token" in st.query_params or path.endswith(f"/{FORM_PATH}")


@dataclass(frozen=True)
class PublicForm:
    """What the public page shows: why the link takes no answers, or the session and its questions."""

    refusal: str | None
    link: LinkView | None = None
    questions: tuple[Question, ...] = ()
    roles: tuple[str, ...] = ()
    organisations: tuple[str, ...] = ()


def public_form(token: str | None) -> PublicForm:
    """Read fresh on every run (never cached): a link's state changes while the page is open."""
    with data.engine().connect() as conn:
        link = feedback.find_link(conn, token)
        if link is None:
            return PublicForm(NOT_VALID)
        if refusal := link.refusal(utcnow()):
            return PublicForm(refusal, link)
        lists = feedback_form.choices(conn)
        return PublicForm(
            None,
            link,
            tuple(feedback_form.questions(conn, link.programme_id)),
            tuple(lists["role"]),
            tuple(lists["organisation"]),
        )


def form_nonce() -> str:
    """This form view's id, kept in the address so that reloading the page cannot send it twice."""
    nonce = st.query_params.get(NONCE_PARAM)
    if not nonce or not feedback_form.NONCE_RE.fullmatch(nonce):
        nonce = st.query_params[NONCE_PARAM] = secrets.token_urlsafe(16)
    return nonce


def already_sent(nonce: str) -> bool:
    with data.engine().connect() as conn:
        return feedback_form.nonce_used(conn, nonce)


def submit(token: str, answers: dict[int, object], nonce: str) -> int:
    return feedback_form.submit(data.engine(), token, answers, nonce)


def send(token: str, answers: dict[int, object], nonce: str) -> bool:
    """Submit the public form; when it is refused, say why in plain text and return False."""
    try:
        submit(token, answers, nonce)
    except FeedbackRefused as exc:
        st.error(str(exc), icon=":material/block:")
        return False
    except ImportRejected as exc:
        st.error("Nothing was sent. Please check these answers:", icon=":material/block:")
        for problem in exc.problems:
            st.text(f"• {problem}")
        return False
    return True


def session_words(link: LinkView) -> str:
    """ "session 4 (12 March 2026)" or "session 4"."""
    return f"session {link.number}" + (f" ({link.date:%d %B %Y})" if link.date else "")


# --- Editors: links and QR codes ---------------------------------------------------------------


def public_url(token: str) -> str:
    base = (os.environ.get(PUBLIC_URL_ENV) or DEFAULT_PUBLIC_URL).rstrip("/")
    return f"{base}/{FORM_PATH}?token={token}"


def qr_png(url: str) -> bytes:
    return deck_feedback.qr_png(url)


def slide_deck(url: str, session: feedback_links.FeedbackSession) -> bytes:
    """The "Tell us what you got from today" slide for this link, as a one-slide deck."""
    return deck_feedback.one_slide_deck(
        url,
        f"{session.community}, session {session.number}" + (f" ({session.date:%d %B %Y})" if session.date else ""),
    )


def qr_svg(url: str) -> bytes:
    buf = io.BytesIO()
    segno.make(url, error="m").save(buf, kind="svg", scale=10, border=4, title="Feedback form QR code")
    return buf.getvalue()


def sessions(user: User) -> list[feedback_links.FeedbackSession]:
    with data.engine().connect() as conn:
        return feedback_links.sessions_for(conn, user)


def links(user: User, session_id: int) -> list[feedback_links.LinkRow]:
    with data.engine().connect() as conn:
        return feedback_links.links_for(conn, user, session_id)


def default_window(date: dt.date | None) -> tuple[dt.datetime, dt.datetime]:
    """The form's suggested window: the default, or from now when the session's is already over."""
    now = utcnow()
    start, end = feedback.default_window(date, now)
    return (start, end) if end > now else feedback.default_window(None, now)


@data.writes
def open_link(user: User, session_id: int, opens_at: dt.datetime, closes_at: dt.datetime) -> tuple[int, str]:
    return feedback.open_link(data.engine(), user, session_id, opens_at, closes_at)


@data.writes
def close_link(user: User, link_id: int) -> None:
    feedback.close_link(data.engine(), user, link_id)


@data.writes
def reopen_link(user: User, link_id: int) -> dt.datetime:
    return feedback.reopen_link(data.engine(), user, link_id)


# --- Editors: screening ------------------------------------------------------------------------


def responses(user: User, status: str = "pending", limit: int | None = None) -> list[screening.Response]:
    with data.engine().connect() as conn:
        return screening.responses_for(conn, user, status, limit=limit)


def answer_flags(text: str, names_text: str) -> list[Flag]:
    return flags(text, names_from(names_text))


def redactions(response: screening.Response, edited: dict[int, str]) -> dict[int, str] | None:
    """The answers the editor changed, {answer id: their text}, or None."""
    stored = {a.id: a.text for a in response.answers}
    return {i: text for i, text in edited.items() if text != stored.get(i)} or None


@data.writes
def approve(user: User, response_id: int, redactions: dict[int, str] | None = None) -> None:
    screening.approve(data.engine(), user, response_id, redactions)


@data.writes
def reject(user: User, response_id: int) -> None:
    screening.reject(data.engine(), user, response_id)


@data.writes
def undo(user: User, response_id: int) -> None:
    screening.undo_screening(data.engine(), user, response_id)


def state(link: LinkView) -> str:
    return link.state(utcnow())


def describe(session: feedback_links.FeedbackSession) -> str:
    """A session for a picker: "Ultrasound Imaging: Session 4: held on 2026-02-10, 23 attending"."""
    s = session
    return f"{s.community}: {editing.describe_session(s.number, s.status, s.date, s.headcount)}"


def qr_file_name(session: feedback_links.FeedbackSession, kind: str) -> str:
    community = "".join(ch if ch.isalnum() else "-" for ch in session.community.lower()).strip("-")
    return f"feedback-{community}-session-{session.number}.{kind}"


# --- Administrators: the questions ------------------------------------------------------------


def questions_table(programme: str) -> tuple[bool, pd.DataFrame]:
    """(whether the programme has its own set, its questions as an editable table)."""
    with data.engine().connect() as conn:
        own, rows = question_sets.programme_questions(conn, programme)
    return own, pd.DataFrame(rows, columns=["id", "kind", "prompt", "value_cycle", "required", "max_length", "answers"])


@data.writes
def save_questions(user: User, programme: str, table: pd.DataFrame) -> None:
    rows = [
        {**{k: v for k, v in r.items() if k != "answers"}, "id": None if r["id"] is None else int(r["id"])}
        for r in editing.rows(table)
    ]  # an added row turns the id column to floats
    question_sets.save_questions(data.engine(), user, programme, rows)


def value_cycle_names() -> list[str]:
    with data.engine().connect() as conn:
        return question_sets.value_cycle_names(conn)
