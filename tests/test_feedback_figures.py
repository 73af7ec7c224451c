"""Per-session feedback figures (issue 12, section 4): approved responses against participants, the
rating distribution and mean, approved answers; publication mode hides small counts and anything that
would give one away; the Attendance page and the Overview chart them with a "Show data" table."""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import insert, select

from dashboard.privacy.published import publish
from dashboard.privacy.rule import HIDDEN, Rule
from dashboard.privacy.suppression import Relation, determined
from dashboard.views import feedback_figures as ff
from db import models as m
from db.read import attendance
from db.read.feedback_figures import feedback_by_session
from tests.apptest import all_text, chart_specs, decode, run_page
from tests.editors import add_editors
from tests.feedback_items import answer

UI = "Ultrasound Imaging"


def _add(engine, number: int, ratings: list, status: str = "approved", answers: int = 1) -> None:
    """Responses to `UI` session `number`, one per rating (None: no rating), each with `answers` answers."""
    with engine.begin() as conn:
        sid = conn.execute(
            select(m.Session.id).join(m.Community).where(m.Community.name == UI, m.Session.number == number)
        ).scalar_one()
        qids = (
            conn.execute(select(m.Question.id).where(m.Question.kind == "text").order_by(m.Question.id))
            .scalars()
            .all()[:answers]
        )
        for i, rating in enumerate(ratings):
            rid = conn.execute(
                insert(m.FeedbackResponse).values(
                    session_id=sid, nonce=f"test-{number}-{status}-{i}-padding", status=status, rating=rating
                )
            ).inserted_primary_key[0]
            conn.execute(
                insert(m.FeedbackAnswer),
                [{"response_id": rid, "question_id": q, "text": "Useful", "redacted": False} for q in qids],
            )


def _headcount(engine, number: int) -> int:
    with engine.connect() as conn:
        return conn.execute(
            select(m.Session.headcount).join(m.Community).where(m.Community.name == UI, m.Session.number == number)
        ).scalar_one()


@pytest.fixture()
def feedback(engine):
    """Session 1: 10 approved (ratings 5,5,5,4,4,4,4,3,3 and one without), 2 pending, 1 rejected;
    session 2: 3 approved."""
    _add(engine, 1, [5, 5, 5, 4, 4, 4, 4, 3, 3, None], answers=2)
    _add(engine, 1, [1, 1], status="pending")
    _add(engine, 1, [1], status="rejected")
    _add(engine, 2, [5, 4, 4])


def _table(engine, rule: Rule) -> pd.DataFrame:
    with engine.connect() as conn:
        df = feedback_by_session(conn, community=UI)
        sessions = attendance.attendance_by_session(conn)
    return ff.session_table(df, rule, publish(sessions, rule=rule))


def test_only_approved_responses_are_counted(engine, feedback):
    with engine.connect() as conn:
        df = feedback_by_session(conn, community=UI)
    one = df[df["number"] == 1].iloc[0]
    assert (one["responses"], one["answers"]) == (10, 20)
    assert [one[f"rated_{k}"] for k in range(1, 6)] == [0, 0, 2, 4, 3]


def test_each_session_shows_its_response_rate_and_rating_distribution(engine, feedback):
    row = _table(engine, Rule()).iloc[0]
    head = _headcount(engine, 1)
    assert row["participants"] == head and row["approved responses"] == 10
    assert row["response rate"] == f"{round(1000 / head)}%"
    assert [row[f"rated {k}"] for k in range(1, 6)] == [0, 0, 2, 4, 3]
    assert row["mean rating"] == round((6 + 16 + 15) / 9, 1)
    assert row["approved answers"] == 20


def _recoverable(table: pd.DataFrame, df: pd.DataFrame) -> set:
    """Hidden counts the shown ones pin to one value (by adding and subtracting within a session)."""
    values, relations, hidden = {}, [], set()
    for shown, true in zip(table.itertuples(index=False), df.itertuples()):
        shown = dict(zip(table.columns, shown))
        cells = {c: (c, true.number) for c in ["approved responses", *[f"rated {k}" for k in range(1, 6)]]}
        rated = sum(getattr(true, f"rated_{k}") for k in range(1, 6))
        values |= {cells["approved responses"]: true.responses, ("unrated", true.number): true.responses - rated}
        values |= {cells[f"rated {k}"]: getattr(true, f"rated_{k}") for k in range(1, 6)}
        hidden |= {cell for col, cell in cells.items() if shown[col] == HIDDEN} | {("unrated", true.number)}
        relations.append(
            Relation(
                cells["approved responses"], (*[cells[f"rated {k}"] for k in range(1, 6)], ("unrated", true.number))
            )
        )
    return determined(values, relations, hidden)


def test_publication_mode_hides_small_counts_and_what_would_give_them_away(engine, feedback):
    table = _table(engine, Rule(on=True))
    one, two = table.iloc[0], table.iloc[1]
    assert [one[f"rated {k}"] for k in range(1, 6)] == [0, 0] + [HIDDEN] * 3
    assert one["approved responses"] == HIDDEN  # a total over a hidden part (the rule's own choice)
    assert one["mean rating"] == one["response rate"] == HIDDEN  # worked out from hidden counts
    assert two["approved responses"] == HIDDEN
    assert two["response rate"] == two["mean rating"] == two["approved answers"] == HIDDEN
    with engine.connect() as conn:
        assert _recoverable(table, feedback_by_session(conn, community=UI)) == set()


def test_a_hidden_headcount_hides_the_response_rate(engine, feedback):
    table = _table(engine, Rule(on=True))
    hidden_head = table[table["participants"] == HIDDEN]
    assert (hidden_head["response rate"] == HIDDEN).all()


def test_one_rating_hidden_beside_shown_ones_is_covered_by_a_second(engine):
    _add(engine, 1, [5] * 12 + [4] * 9 + [3] * 2)  # 2 alone would be 23 - 12 - 9
    row = _table(engine, Rule(on=True)).iloc[0]
    assert row["rated 3"] == row["approved responses"] == row["mean rating"] == HIDDEN
    # the hidden total covers the 2: 23 - 12 - 9 is no longer there to be worked out
    with engine.connect() as conn:
        assert _recoverable(_table(engine, Rule(on=True)), feedback_by_session(conn, community=UI)) == set()


def test_the_attendance_page_charts_feedback_over_time_with_a_data_table(db_url, engine, feedback):
    at = run_page("attendance-trends", UI, tables_open=True)
    assert not at.exception
    assert "Feedback from members" in all_text(at)
    spec = next(s for s in chart_specs(at) if "Feedback" in s["layout"]["title"]["text"])
    responses = next(t for t in spec["data"] if t.get("yaxis", "y") == "y")
    assert decode(responses["y"]) == [10.0, 3.0]
    tables = [d.value.rename(columns=str.lower) for d in at.dataframe]
    assert any("response rate" in t.columns for t in tables)


def test_the_overview_in_publication_mode_shows_no_hidden_feedback_count(db_url, engine, feedback):
    at = run_page("overview", UI, publication="true", tables_open=True)
    assert not at.exception
    table = next(
        d.value.rename(columns=str.lower)
        for d in at.dataframe
        if "response rate" in d.value.rename(columns=str.lower).columns
    )
    assert table.iloc[1]["approved responses"] == HIDDEN
    spec = next(s for s in chart_specs(at) if "Feedback" in s["layout"]["title"]["text"])
    assert 3.0 not in [v for t in spec["data"] for v in decode(t["y"]) if v is not None]


def _frame(sessions: list[list[int]]) -> pd.DataFrame:
    """feedback_by_session's shape: per session, how many gave each rating and how many gave none."""
    rows = [
        {
            "community": UI,
            "number": n,
            "date": None,
            "headcount": 40,
            "answers": sum(c),
            "responses": sum(c),
            **{f"rated_{k}": c[k - 1] for k in range(1, 6)},
        }
        for n, c in enumerate(sessions, start=1)
    ]
    return pd.DataFrame(rows)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.lists(st.integers(0, 14), min_size=6, max_size=6), min_size=1, max_size=4))
def test_no_hidden_feedback_count_can_be_worked_out_from_what_is_shown(sessions):
    df = _frame(sessions)
    table = ff.session_table(df, Rule(on=True), publish(rule=Rule(on=True)))
    assert _recoverable(table, df) == set()
    for row, counts in zip(table.itertuples(index=False), sessions):
        shown = dict(zip(table.columns, row))
        ratings = [shown[f"rated {k}"] for k in range(1, 6)]
        assert (shown["mean rating"] == HIDDEN) == (HIDDEN in ratings and any(counts[:5]))
        assert all(v == HIDDEN or not 1 <= v <= 7 for v in [shown["approved responses"], *ratings])


def test_the_feedback_chart_carries_a_hostile_community_name_as_inert_plotly_text():
    import html
    import re

    from dashboard.charts.feedback import build_feedback
    from tests.test_inert import _strings

    hostile = '<a href="https://evil.example"><b>A</b></a> $x^2$ %{x}'
    df = _frame([[0, 0, 9, 9, 9, 0]]).assign(community=hostile)
    fig = build_feedback(ff.session_table(df, Rule(), publish(rule=Rule())), {}, "t")
    texts = [re.sub(r"<br>|<extra></extra>", "", s) for s in _strings(fig.to_plotly_json()["data"])]
    assert not any("<" in s or "$" in s for s in texts), texts
    assert any(hostile in html.unescape(s) for s in texts)


def test_the_feedback_chart_without_a_session_is_built_once_and_each_caller_gets_its_own_copy():
    from dashboard.charts import feedback as chart

    empty = ff.session_table(_frame([[0, 0, 9, 9, 9, 0]]).iloc[0:0], Rule(), publish(rule=Rule()))
    title = "a title no other test uses"
    first = chart.build_feedback(empty, {}, title)
    assert first.to_plotly_json() == chart._build(empty, {}, title).to_plotly_json()
    first.update_layout(title_text="changed by its caller")
    second = chart.build_feedback(empty, {}, title)
    assert second.layout.title.text == title and second.layout.height == 520


def test_attendance_lists_each_sessions_approved_answers_when_opened_and_not_in_publication_mode(db_url, engine):
    admin, _ = add_editors(engine)
    answer(engine, admin, valuable="Approved words", take_back="We will try it")
    answer(engine, admin, valuable="Pending words", status="pending")
    answer(engine, admin, valuable="Rejected words", status="rejected")
    closed = run_page("attendance-trends", UI)
    assert "Approved words" not in all_text(closed)  # built only when opened
    at = run_page("attendance-trends", UI, tables_open=True)
    assert not at.exception
    text = all_text(at).replace("\\", "")
    assert "Ultrasound Imaging, feedback form, session 1 (2026-03-10)" in text
    assert "“Approved words”" in text and "“We will try it”" in text
    assert "Pending words" not in text and "Rejected words" not in text
    published = run_page("attendance-trends", UI, tables_open=True, publication="true")
    assert not published.exception
    assert "Approved words" not in all_text(published)
    assert "a session's answers are not listed here" in all_text(published)
