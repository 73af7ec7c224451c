"""Property test (issue 11 item 18, issue 12 "publication mode covers every new count of people"): over
generated programmes of sessions, registers and approved feedback, every number the Attendance page and
the Overview show in publication mode, the feedback figures included (approved responses, how many gave
each rating, the response rate and the mean rating, in the table, the chart's values, labels and axis,
and the caption), leaves each hidden count of 1 to 7 people undetermined under the sums a reader knows
(a session's responses are those who gave each rating plus those who gave none, which a reader knows
when it is none: the rating question may be required). The response rate and
the mean must be worked out from shown counts only, so they can say nothing the counts do not.
"""

from __future__ import annotations

import re

import pandas as pd
import pytest
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

from dashboard.charts.feedback import build_feedback
from dashboard.privacy.published import publish
from dashboard.privacy.rule import HIDDEN, Rule, numeric
from dashboard.views import feedback_figures as ff
from tests.test_publication_property import PROGRAMMES, build, everything_shown, pinned, sums

pytestmark = pytest.mark.slow  # a property test over generated programmes (about a minute)

RATED = [f"rated_{k}" for k in range(1, 6)]
# Per held session in order: how many approved responses gave each rating 1-5 and how many gave none.
FEEDBACK = st.lists(st.one_of(st.none(), st.lists(st.integers(0, 12), min_size=6, max_size=6)), max_size=12)


def feedback_frame(sessions: pd.DataFrame, feedback: list) -> tuple[pd.DataFrame, dict]:
    """feedback_by_session's result for the held sessions `feedback` reaches, and the true cells."""
    held = sessions[sessions["headcount"].notna()].reset_index(drop=True)
    rows, truth = [], {}
    for row, counts in zip(held.itertuples(), feedback):
        if counts is None or not sum(counts):
            continue  # only sessions with an approved response have a row
        where = (row.community, int(row.number))
        rows.append(
            {
                "community": row.community,
                "number": int(row.number),
                "date": None,
                "headcount": int(row.headcount),
                "responses": sum(counts),
                "answers": sum(counts),  # the required first question: one answer each
                **dict(zip(RATED, counts[:5])),
            }
        )
        truth |= {("responses", *where): sum(counts), ("unrated", *where): counts[5]}
        truth |= {(col, *where): n for col, n in zip(RATED, counts[:5])}
    columns = ["community", "number", "date", "headcount", "responses", "answers", *RATED]
    return pd.DataFrame(rows, columns=columns), truth


def read_feedback(table: pd.DataFrame, seen) -> None:
    """The feedback table's counts, and its rate and mean checked against the shown counts."""
    for r in table.to_dict("records"):
        where = (r["community"], int(r["session"]))
        seen.add(("session", *where), r["participants"])
        seen.add(("responses", *where), r["approved responses"])
        for k in range(1, 6):
            seen.add((f"rated_{k}", *where), r[f"rated {k}"])
        shown, part = r["approved responses"], r["participants"]
        if HIDDEN in (shown, part):
            assert r["response rate"] == HIDDEN
        elif part:
            assert r["response rate"] == f"{round(100 * shown / part)}%"  # from shown counts only
        rated = [r[f"rated {k}"] for k in range(1, 6)]
        if HIDDEN in rated:
            assert r["mean rating"] == HIDDEN
        elif sum(rated):
            assert r["mean rating"] == round(sum(k * n for k, n in zip(range(1, 6), rated)) / sum(rated), 1)
        assert (r["approved answers"] == HIDDEN) or r["approved responses"] != HIDDEN


def read_chart(figure, table: pd.DataFrame, seen) -> None:
    """The chart's points and labels, and its axis: laid out from shown counts only."""
    for trace in figure.data:
        if trace.yaxis in (None, "y"):  # the upper panel: approved responses
            for x, y, text in zip(trace.x, trace.y, trace.text):
                seen.add(("responses", trace.name, int(x)), HIDDEN if y is None else y)
                seen.add(("responses", trace.name, int(x)), text)
    top = max(numeric(table["approved responses"].tolist()), key=lambda v: v or 0, default=None) or 1
    assert tuple(figure.layout.yaxis.range) == (0, top * 1.25)


def read_caption(caption: str, table: pd.DataFrame, seen) -> None:
    found = re.search(r"(\d+) approved responses from (\d+) participants", caption)
    if found:
        last = table.iloc[-1]
        where = (last["community"], int(last["session"]))
        seen.add(("responses", *where), int(found[1]))
        seen.add(("session", *where), int(found[2]))


def feedback_sums(truth: dict) -> list[tuple[tuple, list[tuple]]]:
    return [
        (key, [(col, *key[1:]) for col in RATED] + [("unrated", *key[1:])]) for key in truth if key[0] == "responses"
    ]


@settings(max_examples=25, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(PROGRAMMES, st.booleans(), FEEDBACK)
# One rating hidden beside shown ones: 23 responses, 12 gave 5, 9 gave 4, 2 gave 3.
@example([[("report", 40)]], False, [[0, 0, 2, 9, 12, 0]])
# Every response gave the same rating (a hidden count equal to the hidden total).
@example([[("report", 30), ("report", 12)]], False, [[0, 0, 0, 5, 0, 0], [0, 0, 0, 0, 9, 3]])
# A hidden headcount beside shown feedback, rounded.
@example([[("report", 4), ("report", 26)]], True, [[0, 0, 1, 2, 0, 0], [0, 3, 0, 11, 10, 0]])
def test_no_hidden_count_is_determined_by_what_the_pages_show_with_their_feedback(programme, rounding, feedback):
    rule = Rule(on=True, round_to_5=rounding)
    truth, _, seen, _ = everything_shown(programme, rounding)
    _, sessions, register, repeat = build(programme)
    df, fb_truth = feedback_frame(sessions, feedback)
    assume(not df.empty)
    published = publish(sessions, register, repeat, rule)
    names = sorted({k[1] for k in truth if k[0] == "attendances"})
    for community in [None, names[0]]:
        mine = df if community is None else df[df["community"] == community]
        table = ff.session_table(mine, rule, published)
        read_feedback(table, seen)
        read_chart(build_feedback(table, {}, "t"), table, seen)
        read_caption(ff.caption(table, rule), table, seen)
    truth |= fb_truth
    shown = {}
    for cell, values in seen.cells.items():
        assert len(values) == 1, f"{cell} is shown as {values}: tables, charts, captions must agree"
        shown[cell] = values.pop()
        if 1 <= truth[cell] <= 7:
            assert shown[cell] == HIDDEN, f"{cell} = {truth[cell]} is shown"
    # Nobody's rating is missing where the rating question must be answered: a reader then knows those
    # who gave none (0); otherwise that count is shown nowhere.
    shown |= {cell: 0 for cell, n in fb_truth.items() if cell[0] == "unrated" and n == 0}
    assert pinned(truth, shown, rounding, sums(truth) + feedback_sums(truth)) == []
