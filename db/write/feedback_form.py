"""The public feedback form: its questions, the checks on every answer, and storing a submission.

Nothing here needs an account: the token is the only key. A submission is refused whole, storing
nothing, when the link is not valid, closed, not open yet or expired; when the same form view (its
nonce) was already sent; when the link has taken its share of answers; or when any answer is wrong.
Answers are stored as pending: only screening (db.write.screening) makes them visible to anyone else.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass

from sqlalchemy import Connection, Engine, func, insert, select
from sqlalchemy.exc import IntegrityError

from db import models as m
from db.engine import inserted_id, write_transaction
from db.errors import ImportRejected, Problem
from db.write import audit
from db.write.feedback import NOT_VALID, FeedbackRefused, LinkView, find_link, utcnow
from db.write.imports.rows import FORMULA_RE, MARKUP_RE

Q, QS, R, A, L = m.Question, m.QuestionSet, m.FeedbackResponse, m.FeedbackAnswer, m.FeedbackLink
NONCE_RE = re.compile(r"[A-Za-z0-9_-]{16,64}")
PER_MINUTE = 5  # answers a link takes in any minute
NO_HEADCOUNT_LIMIT = 20  # answers a link takes in all when its session has no headcount
ALREADY = "These answers have already been received. Thank you."


@dataclass(frozen=True)
class Question:
    id: int
    position: int
    kind: str  # text | rating | role | organisation
    prompt: str
    required: bool
    max_length: int | None


def questions(conn: Connection, programme_id: int | None) -> list[Question]:
    """The programme's question set, or the default set (no programme) when it has none of its own."""
    own = select(QS.id).where(QS.programme_id == programme_id).scalar_subquery()
    default = select(func.min(QS.id)).where(QS.programme_id.is_(None)).scalar_subquery()
    set_id = conn.execute(select(func.coalesce(own, default))).scalar()
    rows = conn.execute(
        select(Q.id, Q.position, Q.kind, Q.prompt, Q.required, Q.max_length)
        .where(Q.question_set_id == set_id)
        .order_by(Q.position)
    )
    return [Question(*row) for row in rows]


def choices(conn: Connection) -> dict[str, dict[str, int]]:
    """The stored roles and organisations a member may pick, name -> id."""
    return {
        "role": dict(conn.execute(select(m.Role.title, m.Role.id).order_by(m.Role.title)).all()),
        "organisation": dict(
            conn.execute(select(m.Organisation.name, m.Organisation.id).order_by(m.Organisation.name)).all()
        ),
    }


def limit_for(headcount: int | None) -> int:
    """How many answers a link takes in all: twice the headcount, or 20 without one."""
    return 2 * headcount if headcount else NO_HEADCOUNT_LIMIT


def _control(text: str) -> str | None:
    """The first control character in `text` (tabs and line breaks are allowed), if any."""
    return next(
        (ch for ch in text if unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Co") and ch not in "\n\t\r"), None
    )


def check_text(prompt: str, value: object, required: bool, limit: int) -> tuple[str | None, Problem | None]:
    """(the text, stripped, or None when empty) or a Problem naming the question."""
    text = value.strip() if isinstance(value, str) else ("" if value is None else str(value))
    if not text:
        return None, (
            Problem(prompt, None, None, None, "an answer (this question must be answered)") if required else None
        )
    if (ch := _control(text)) is not None:
        return None, Problem(prompt, None, None, None, f"text without control characters (found U+{ord(ch):04X})")
    if len(text) > limit:
        return None, Problem(prompt, None, None, f"{len(text)} characters", f"at most {limit} characters")
    if MARKUP_RE.search(text):
        return None, Problem(prompt, None, None, text[:80], "plain text without HTML markup such as <b>")
    if FORMULA_RE.match(text):
        return None, Problem(prompt, None, None, text[:80], "plain text, not a spreadsheet formula")
    return text, None


def _rating(prompt: str, value: object) -> tuple[int | None, Problem | None]:
    if value in (None, ""):
        return None, None
    if (
        isinstance(value, bool)
        or not (isinstance(value, int) or re.fullmatch(r"[1-5]", str(value)))
        or not 1 <= int(str(value)) <= 5
    ):
        return None, Problem(prompt, None, None, value, "a whole number from 1 to 5")
    return int(str(value)), None


def check_answers(qs: list[Question], answers: dict[int, object], lists: dict[str, dict[str, int]]) -> dict:
    """Typed answers {"text": {question id: text}, "rating", "role_id", "organisation_id"}, or
    ImportRejected listing every problem."""
    out: dict = {"text": {}, "rating": None, "role_id": None, "organisation_id": None}
    problems: list[Problem] = []
    for q in qs:
        value, problem = answers.get(q.id), None
        if q.kind == "text":
            text, problem = check_text(q.prompt, value, q.required, q.max_length or 2000)
            if text is not None:
                out["text"][q.id] = text
        elif q.kind == "rating":
            out["rating"], problem = _rating(q.prompt, value)
        elif value not in (None, ""):
            found = lists[q.kind].get(str(value))
            problem = None if found else Problem(q.prompt, None, None, value, f"one of the listed {q.kind}s")
            out[f"{q.kind}_id"] = found
        if problem is None and q.required and q.kind != "text" and value in (None, ""):
            problem = Problem(q.prompt, None, None, None, "an answer (this question must be answered)")
        problems += [problem] if problem else []
    if not problems and not out["text"] and out["rating"] is None:
        problems.append(Problem("Your answers", None, None, None, "an answer to at least one question"))
    if problems:
        raise ImportRejected(problems)
    return out


def nonce_used(conn: Connection, nonce: str | None) -> bool:
    return bool(nonce) and conn.execute(select(R.id).where(R.nonce == nonce)).first() is not None


def _refuse_if_full(conn: Connection, link: LinkView, now: dt.datetime) -> None:
    counts = select(func.count()).where(R.link_id == link.id)
    if conn.execute(counts).scalar_one() >= limit_for(link.headcount):
        raise FeedbackRefused("This feedback link has taken all the answers it can. Thank you.")
    if conn.execute(counts.where(R.submitted_at > now - dt.timedelta(minutes=1))).scalar_one() >= PER_MINUTE:
        raise FeedbackRefused(
            "Many answers have just been sent through this link. Please wait a minute and send yours again."
        )


def submit(
    engine: Engine, token: str | None, answers: dict[int, object], nonce: str | None, now: dt.datetime | None = None
) -> int:
    """Store one form's answers as pending; the new response's id. FeedbackRefused or
    ImportRejected say why nothing was stored."""
    now = now or utcnow()
    if not nonce or not NONCE_RE.fullmatch(nonce):
        raise FeedbackRefused("This form has expired. Reload the page and answer again.")
    try:
        with write_transaction(engine) as conn:
            return _store(conn, token, answers, nonce, now)
    except IntegrityError:  # the same nonce sent twice at the same moment
        raise FeedbackRefused(ALREADY) from None


def _insert_response(conn: Connection, link: LinkView, typed: dict, nonce: str, now: dt.datetime) -> int:
    """Insert the pending response and its text answers; the response's id."""
    response_id = inserted_id(
        conn.execute(
            insert(R).values(
                link_id=link.id,
                session_id=link.session_id,
                nonce=nonce,
                submitted_at=now,
                status="pending",
                rating=typed["rating"],
                role_id=typed["role_id"],
                organisation_id=typed["organisation_id"],
            )
        )
    )
    if typed["text"]:
        conn.execute(
            insert(A),
            [
                {"response_id": response_id, "question_id": qid, "text": text, "redacted": False}
                for qid, text in typed["text"].items()
            ],
        )
    return response_id


def _store(conn: Connection, token: str | None, answers: dict[int, object], nonce: str, now: dt.datetime) -> int:
    link = find_link(conn, token)
    if link is None:
        raise FeedbackRefused(NOT_VALID)
    conn.execute(select(L.id).where(L.id == link.id).with_for_update())  # one submission per link at a time
    if refusal := link.refusal(now):
        raise FeedbackRefused(refusal)
    if nonce_used(conn, nonce):
        raise FeedbackRefused(ALREADY)
    _refuse_if_full(conn, link, now)
    typed = check_answers(questions(conn, link.programme_id), answers, choices(conn))
    response_id = _insert_response(conn, link, typed, nonce, now)
    audit.record(
        conn,
        "feedback form",
        "feedback_received",
        community=link.community,
        detail={"session": link.number, "link": link.id, "response": response_id},
    )
    return response_id
