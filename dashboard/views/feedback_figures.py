"""Feedback per session as the pages show it: approved responses against the session's participants
(the response rate), the rating distribution and its mean, and the approved answers, under the
publication rule.

Every count here is a count of people (or of what they wrote), so in publication mode the counts
pass through `suppression.protect` with their sum (a session's responses are those who gave each
rating plus those who gave none); the answers are hidden with their responses, and the texts of a
session whose count of answers is hidden are left out of every listing (`withheld_sessions`). The
response rate and the mean rating are worked out from the counts as shown, never the true ones, and
are hidden when any count behind them is: they can say nothing a shown count does not.
"""

from __future__ import annotations

from collections.abc import Hashable

import pandas as pd
from sqlalchemy import Connection

from dashboard.privacy.published import Published, session
from dashboard.privacy.rule import HIDDEN, Rule, shown_count
from dashboard.privacy.suppression import Relation, protect
from db.read.feedback_figures import RATINGS, feedback_by_session

RATED = [f"rated_{k}" for k in RATINGS]
COUNTS = ["responses", "answers", *RATED]


def _cells(row) -> dict[str, Hashable]:
    where = (row.community, int(row.number))
    return {col: (col, *where) for col in COUNTS} | {"unrated": ("unrated", *where)}


def hidden_cells(df: pd.DataFrame, rule: Rule) -> set[Hashable]:
    """The counts to hide under `rule`: the small ones and enough others that none can be worked out."""
    if not rule.on:
        return set()
    values: dict[Hashable, int] = {}
    relations: list[Relation] = []
    for row in df.itertuples():
        cells = _cells(row)
        values |= {cells[col]: int(getattr(row, col)) for col in COUNTS}
        values[cells["unrated"]] = int(row.responses) - sum(int(getattr(row, col)) for col in RATED)
        relations.append(Relation(cells["responses"], (*[cells[c] for c in RATED], cells["unrated"])))
    hidden = protect(values, relations)
    return hidden | {cells["answers"] for cells in map(_cells, df.itertuples()) if cells["responses"] in hidden}


def withheld_sessions(conn: Connection, rule: Rule) -> frozenset[tuple[str, int]]:
    """The sessions (community, number) whose answers are not listed under `rule`: those whose count of
    approved answers is hidden (with their responses, or small), since counting the quotes listed
    would give it away (a required question has one answer per response). None when the rule is off."""
    if not rule.on:
        return frozenset()
    hidden = hidden_cells(feedback_by_session(conn), rule)
    cells = [cell for cell in hidden if isinstance(cell, tuple) and cell[0] == "answers"]
    return frozenset((str(cell[1]), int(cell[2])) for cell in cells)


def _shown(value: int, key: Hashable, hidden: set, rule: Rule):
    return HIDDEN if key in hidden else shown_count(value, rule)


def _rate(responses, participants) -> str | None:
    if HIDDEN in (responses, participants):
        return HIDDEN
    if not isinstance(participants, int) or not participants:
        return None
    return f"{round(100 * responses / participants)}%"


def _mean(rated: list) -> float | str | None:
    if HIDDEN in rated:
        return HIDDEN
    n = sum(rated)
    return round(sum(k * v for k, v in zip(RATINGS, rated)) / n, 1) if n else None


def session_table(df: pd.DataFrame, rule: Rule, published: Published) -> pd.DataFrame:
    """One row per session with approved feedback, as shown: community, session, date, participants,
    approved responses, response rate, rated 1 to rated 5, mean rating, approved answers."""
    hidden = hidden_cells(df, rule)
    rows = []
    for row in df.itertuples():
        cells = _cells(row)
        shown = {col: _shown(int(getattr(row, col)), cells[col], hidden, rule) for col in COUNTS}
        participants = published.shown(session(row.community, row.number))
        rows.append(
            {
                "community": row.community,
                "session": int(row.number),
                "date": row.date,
                "participants": participants,
                "approved responses": shown["responses"],
                "response rate": _rate(shown["responses"], participants),
                **{f"rated {k}": shown[f"rated_{k}"] for k in RATINGS},
                "mean rating": _mean([shown[c] for c in RATED]),
                "approved answers": shown["answers"],
            }
        )
    columns = [
        "community",
        "session",
        "date",
        "participants",
        "approved responses",
        "response rate",
        *[f"rated {k}" for k in RATINGS],
        "mean rating",
        "approved answers",
    ]
    return pd.DataFrame(rows, columns=columns).astype(object)


def caption(table: pd.DataFrame, rule: Rule) -> str:
    """The takeaway: how many sessions have approved feedback, and the latest one's response rate."""
    if table.empty:
        return "No session has approved feedback yet."
    last = table.iloc[-1]
    rate = last["response rate"]
    said = (
        f"{len(table)} session{'s' if len(table) != 1 else ''} with approved feedback. "
        f"{last['community']}, session {last['session']}: "
    )
    if rate == HIDDEN:
        return said + "its response rate is hidden for publication."
    if rate is None:
        return said + "no headcount recorded, so no response rate."
    return said + f"{last['approved responses']} approved responses from {last['participants']} participants ({rate})."
