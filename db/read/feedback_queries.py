"""Reading approved feedback for the views: only answers an editor has approved ever leave db.write.screening.
The views, the downloads, the deck and the coding page read answers here and nowhere else.

Each answer carries its source, "feedback form, session N (date)", and never the role, organisation or
rating given with it (beside a quote they could point at one person in a small community).
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

import pandas as pd
from sqlalchemy import Connection, select

from db import models as m
from db.read import evidence
from db.read.frames import read_frame

R, A, Q, S, C, V = (m.FeedbackResponse, m.FeedbackAnswer, m.Question, m.Session, m.Community, m.ValueCycle)
G, T, AR = m.EvidenceTag, m.Theme, m.ValueArea


def source_of(number: int, date, imported: bool = False) -> str:
    """Where an approved answer came from, as the views cite it: the feedback form of a session, or
    feedback imported from a file (another form tool's export)."""
    dated = date is not None and not pd.isna(date)
    kind = "feedback import" if imported else "feedback form"
    return f"{kind}, session {number}" + (f" ({pd.Timestamp(date):%Y-%m-%d})" if dated else "")


def _sources(df: pd.DataFrame) -> list[str]:
    return [
        source_of(n, d, b is not None and not pd.isna(b))
        for n, d, b in zip(df["session"], df["date"], df["import_batch_id"])
    ]


def _without(df: pd.DataFrame, leave_out: Collection[tuple[str, int]]) -> pd.DataFrame:
    """`df` without the answers of the sessions in `leave_out`, each (community, session number)."""
    if not leave_out or df.empty:
        return df
    keep = [(c, int(n)) not in leave_out for c, n in zip(df["community"], df["session"])]
    return df[keep].reset_index(drop=True)


def _approved_stmt(*columns):
    """Approved text answers joined to their question, session and community."""
    return (
        select(*columns)
        .select_from(A)
        .join(R, R.id == A.response_id)
        .join(Q, Q.id == A.question_id)
        .join(S, S.id == R.session_id)
        .join(C, C.id == S.community_id)
        .where(R.status == "approved")
    )


def approved_answers(
    conn: Connection,
    *,
    community: str | None = None,
    theme: str | None = None,
    cycle: str | None = None,
    leave_out: Collection[tuple[str, int]] = (),
) -> pd.DataFrame:
    """Approved text answers, newest session first: id, community, session, date, question, the value
    cycle it feeds, text, redacted, codes (tags made in the dashboard) and source. `theme` (a code's
    slug) and `cycle` (a value cycle's slug) keep the answers tagged with them, as for comments;
    the answers of the sessions in `leave_out` (community, number) are left out."""
    stmt = (
        _approved_stmt(
            A.id,
            C.name.label("community"),
            S.number.label("session"),
            S.date,
            Q.prompt.label("question"),
            V.name.label("value_cycle"),
            A.text,
            A.redacted,
            R.import_batch_id,
        )
        .outerjoin(V, V.id == Q.value_cycle_id)
        .order_by(C.display_order, S.number.desc(), R.id, Q.position)
    )
    if community is not None:
        stmt = stmt.where(C.name == community)
    for cond in evidence.tag_matches(theme=theme, cycle=cycle):
        stmt = stmt.where(A.id.in_(select(G.feedback_answer_id).join(T, G.theme_id == T.id).where(cond)))
    df = _without(read_frame(conn, stmt), leave_out)
    codes = evidence.codes_of(conn, G.feedback_answer_id, ids=df["id"].tolist())
    df["codes"] = [codes.get(i) for i in df["id"]]
    df["source"] = _sources(df)
    return df.drop(columns="import_batch_id")


@dataclass(frozen=True)
class AnswerItem:
    """An answer as coding sees it: whether it is approved, its community, and the question's cycle."""

    id: int
    status: str
    community: str
    question: str
    question_cycle: str | None  # slug of the value cycle the question feeds
    text: str
    source: str


def answer_item(conn: Connection, answer_id: int) -> AnswerItem | None:
    """The answer `answer_id` for a coding check (any status: the caller refuses all but approved)."""
    row = conn.execute(
        select(A.id, R.status, C.name, Q.prompt, V.slug, A.text, S.number, S.date, R.import_batch_id)
        .join(R, R.id == A.response_id)
        .join(Q, Q.id == A.question_id)
        .join(S, S.id == R.session_id)
        .join(C, C.id == S.community_id)
        .outerjoin(V, V.id == Q.value_cycle_id)
        .where(A.id == answer_id)
    ).first()
    return (
        None if row is None else AnswerItem(*row[:6], source_of(row.number, row.date, row.import_batch_id is not None))
    )


def answer_evidence(
    conn: Connection, *, areas: list[str] | None = None, leave_out: Collection[tuple[str, int]] = ()
) -> pd.DataFrame:
    """Approved answers tagged as evidence for an area of change, in db.read.evidence.evidence_trail's
    columns (area, kind, ref, text, community, attribution, rationale) plus source; the answers of the
    sessions in `leave_out` (community, number) are left out."""
    stmt = (
        _approved_stmt(
            AR.slug.label("area"),
            A.id,
            A.text,
            C.name.label("community"),
            G.source.label("rationale"),
            S.number.label("session"),
            S.date,
            R.import_batch_id,
        )
        .join(G, G.feedback_answer_id == A.id)
        .join(AR, AR.id == G.value_area_id)
        .order_by(A.id)
    )
    if areas is not None:
        stmt = stmt.where(AR.slug.in_(areas))
    df = _without(read_frame(conn, stmt), leave_out)
    return pd.DataFrame(
        {
            "area": df["area"],
            "kind": "feedback answer",
            "ref": [f"answer-{i}" for i in df["id"]],
            "text": df["text"],
            "community": df["community"],
            "attribution": df["community"],
            "rationale": df["rationale"],
            "source": _sources(df),
        },
        columns=EVIDENCE_COLUMNS,
    )


EVIDENCE_COLUMNS = ["area", "kind", "ref", "text", "community", "attribution", "rationale", "source"]
