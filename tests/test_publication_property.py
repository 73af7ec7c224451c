"""Property test (issue 11, item 18): over generated programmes of report sessions and registers,
every number the Attendance page and the Overview show in publication mode (tables, chart values and
labels, tiles, captions; the downloads are these tables) leaves each hidden count of 1 to 7 people
undetermined: its least and greatest possible values, given all shown numbers, the sums that join
them and that counts are never negative, differ (small linear programs, scipy)."""

from __future__ import annotations

import math
import numbers
import re
from collections import Counter

import pandas as pd
import pytest
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st
from scipy.optimize import linprog

from dashboard.privacy.published import publish
from dashboard.privacy.rule import HIDDEN, Rule
from dashboard.views import programme as views

pytestmark = pytest.mark.slow  # a property test over generated registers (about a minute)

SESSION = st.one_of(
    st.tuples(st.just("report"), st.integers(0, 24)),
    st.tuples(st.just("register"), st.sets(st.integers(0, 24), min_size=1, max_size=24)),
    st.tuples(st.just("postponed"), st.none()),
)
PROGRAMMES = st.lists(st.lists(SESSION, min_size=1, max_size=4), min_size=1, max_size=3)
HEADLINE = {
    "communities": 0,
    "sessions_held": 0,
    "sessions_postponed": 0,
    "organisations": 0,
    "roles": 0,
    "comments": 0,
    "value_areas": 0,
}
EMPTY = {
    "organisations_by_community": pd.DataFrame(columns=["community", "organisation"]),
    "roles_by_community": pd.DataFrame(columns=["community", "role"]),
    "conveners": pd.DataFrame(columns=["community", "name"]),
    "comments": pd.DataFrame(columns=["community", "text"]),
}


def build(programme) -> tuple[dict, pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """True counts of every cell, and the three query results the pages read."""
    truth, sessions, register, repeat = {}, [], [], []
    for i, community in enumerate(programme):
        name, seen = f"C{i}", Counter()
        for number, (kind, value) in enumerate(community, start=1):
            row = {
                "community": name,
                "number": number,
                "status": "held",
                "headcount": None,
                "date": None,
                "note": None,
                "source": "test",
            }
            if kind == "postponed":
                sessions.append(row | {"status": "postponed"})
                continue
            if kind == "register":
                new = sum(p not in seen for p in value)
                seen.update(value)
                register.append(
                    {
                        "community": name,
                        "number": number,
                        "date": None,
                        "new_participants": new,
                        "returning_participants": len(value) - new,
                    }
                )
                truth[("new", name, number)], truth[("returning", name, number)] = new, len(value) - new
                value = len(value)
            sessions.append(row | {"headcount": value})
            truth[("session", name, number)] = value
        truth[("attendances", name)] = sum(v for k, v in truth.items() if k[0] == "session" and k[1] == name)
        if seen:
            repeat.append(
                {"community": name, "participants": len(seen), "two_or_more": sum(n >= 2 for n in seen.values())}
            )
            truth[("registered", name)], truth[("two_or_more", name)] = len(seen), repeat[-1]["two_or_more"]
            truth[("once", name)] = len(seen) - repeat[-1]["two_or_more"]
    truth[("programme",)] = sum(v for k, v in truth.items() if k[0] == "attendances")
    columns = {
        "register": ["community", "number", "date", "new_participants", "returning_participants"],
        "repeat": ["community", "participants", "two_or_more"],
    }
    return (
        truth,
        pd.DataFrame(sessions),
        pd.DataFrame(register, columns=columns["register"]),
        pd.DataFrame(repeat, columns=columns["repeat"]),
    )


def sums(truth: dict) -> list[tuple[tuple, list[tuple]]]:
    """The sums a reader knows join the counts (worked out here, not taken from the dashboard)."""
    cells = list(truth)
    out = [(("programme",), [k for k in cells if k[0] == "attendances"])]
    for key in cells:
        if key[0] == "attendances":
            out.append((key, [k for k in cells if k[0] == "session" and k[1] == key[1]]))
        elif key[0] == "new":
            out.append((("session", *key[1:]), [key, ("returning", *key[1:])]))
        elif key[0] == "registered":
            out.append((key, [("two_or_more", key[1]), ("once", key[1])]))
            out.append((key, [k for k in cells if k[0] == "new" and k[1] == key[1]]))
    return out


def value(v):
    """A shown number as int, "*" as HIDDEN, blanks and words as None."""
    if v is None or (isinstance(v, float) and math.isnan(v)):
        return HIDDEN if v is not None else None
    if v == HIDDEN:
        return HIDDEN
    return int(v) if isinstance(v, numbers.Real) or str(v).isdigit() else None


class Seen:
    """Every number a page shows, by the cell it is a count of."""

    def __init__(self):
        self.cells: dict[tuple, set] = {}

    def add(self, key, v) -> None:
        if (v := value(v)) is not None:
            self.cells.setdefault(key, set()).add(v)


def read_attendance(view: views.Attendance, seen: Seen) -> None:
    for r in view.sessions_table.itertuples():
        seen.add(("session", r.Community, int(r.Session)), r.Participants)
    for r in view.change_table.to_dict("records"):
        c = r["Community"]
        seen.add(("attendances", c), r["Total attendances"])
        assert (r["Mean per convening"] == HIDDEN) == (r["Total attendances"] == HIDDEN)
        for when in ("first", "last"):
            if isinstance(r[f"{when.capitalize()} held"], str):
                seen.add(("session", c, int(r[f"{when.capitalize()} held"].split()[-1])), r[f"Participants ({when})"])
    for trace in view.figure.data:
        if "not held" not in trace.name:
            for x, y, text in zip(trace.x, trace.y, trace.text):
                seen.add(("session", trace.name, int(x)), HIDDEN if y is None else y)
                seen.add(("session", trace.name, int(x)), text)
    ends = {r["Community"]: (r["First held"], r["Last held"]) for r in view.change_table.to_dict("records")}
    for trace in getattr(view.change_figure, "data", []):
        for held, x, label in zip(ends[trace.name], trace.x, trace.text):  # first, then last held
            session = ("session", trace.name, int(held.split()[-1]))
            seen.add(session, x)
            seen.add(session, str(label).split(": ")[-1])
    read_registers(view, seen)


def read_registers(view: views.Attendance, seen: Seen) -> None:
    for r in view.register.itertuples():
        seen.add(("new", r.community, int(r.number)), r.new)
        seen.add(("returning", r.community, int(r.number)), r.returning)
        seen.add(("session", r.community, int(r.number)), r.participants)
    if view.repeat is not None:
        for r in view.repeat.to_dict("records"):
            for column, kind in (
                ("Registered participants", "registered"),
                ("Came to two or more sessions", "two_or_more"),
                ("Came once", "once"),
            ):
                seen.add((kind, r["Community"]), r[column])
    kinds = {"New to the community": "new", "Returning": "returning"}
    for trace in getattr(view.register_figure, "data", []):
        for label, x in zip(trace.y, trace.x):
            community, number = re.fullmatch(r"(.+), session (\d+)", str(label)).groups()
            seen.add((kinds[trace.name], community, int(number)), x)


def read_overview(view: views.Overview, community: str | None, seen: Seen) -> None:
    tiles = {label: v for label, v, _ in view.tiles}
    total = tiles["Total attendances"].replace(",", "")
    seen.add(("programme",) if community is None else ("attendances", community), total)
    assert (tiles["Mean per convening"] == HIDDEN) == (total == HIDDEN)
    for card in view.cards:
        for x, y, text in zip(card.figure.data[0].x, card.figure.data[0].y, card.figure.data[0].text):
            seen.add(("session", card.community, int(x)), HIDDEN if y is None else y)
            seen.add(("session", card.community, int(x)), text)


def bounds(shown: int | str, truth: int, rounding: bool) -> tuple[float, float | None]:
    """What a reader knows of a cell from what is shown."""
    if shown == HIDDEN:
        return (1, 7) if 1 <= truth <= 7 else (0, None)  # a reader told which are small: the harder test
    if not rounding or shown == 0:
        return shown, shown
    return (8, 12) if shown == 10 else (shown - 2, shown + 2)


def pinned(truth: dict, shown: dict, rounding: bool, relations: list | None = None) -> list[tuple]:
    """Hidden small counts whose value the shown numbers and the sums (`relations`, by default
    `sums(truth)`) fix (at most one whole number)."""
    cells = sorted(truth, key=repr)
    column = {c: i for i, c in enumerate(cells)}
    limits = [bounds(shown[c], truth[c], rounding) if c in shown else (0, None) for c in cells]
    rows, rhs = [], []
    for total, parts in sums(truth) if relations is None else relations:
        row = [0.0] * len(cells)
        row[column[total]] += 1
        for p in parts:
            row[column[p]] -= 1
        rows.append(row)
        rhs.append(0.0)
    out = []
    for cell in cells:
        if shown.get(cell) == HIDDEN and 1 <= truth[cell] <= 7:
            goal = [0.0] * len(cells)
            goal[column[cell]] = 1.0
            low = linprog(goal, A_eq=rows, b_eq=rhs, bounds=limits, method="highs")
            high = linprog([-g for g in goal], A_eq=rows, b_eq=rhs, bounds=limits, method="highs")
            assert low.status == 0 and high.status == 0, "the true counts must fit what is shown"
            if math.floor(-high.fun + 1e-6) <= math.ceil(low.fun - 1e-6):
                out.append(cell)
    return out


def everything_shown(programme, rounding: bool):
    truth, sessions, register, repeat = build(programme)
    published = publish(sessions, register, repeat, Rule(on=True, round_to_5=rounding))
    names, seen, captions = sorted({k[1] for k in truth if k[0] == "attendances"}), Seen(), []
    for community in [None, names[0]]:

        def pick(frame, community=community):
            return frame if community is None else frame[frame["community"] == community]

        attendance = views.attendance_view(pick(sessions), pick(register), pick(repeat), published, names)
        read_attendance(attendance, seen)
        captions.append((attendance.register_caption, pick(register)))
        read_overview(
            views.overview_view(pick(sessions), HEADLINE, EMPTY, published, names, community), community, seen
        )
    return truth, register, seen, captions


@settings(max_examples=20, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(PROGRAMMES, st.booleans())
# The case: 16 at session 5 beside "new *, returning 13".
@example([[("register", set(range(13))), ("register", set(range(16)))]], False)
# Registered participants (two or more + once, both shown) minus the other sessions' new ones.
@example([[("register", set(range(18))), ("register", set(range(10)) | {20, 21, 22})]], False)
# Two small counts with a known difference of 6: new 7 at the first session, 1 came twice.
@example([[("register", set(range(7))), ("register", {0} | set(range(7, 17)))]], False)
@example([[("report", 30), ("report", 4)], [("register", set(range(12))), ("report", 9)]], True)
def test_no_hidden_count_is_determined_by_everything_a_page_shows(programme, rounding):
    truth, _, seen, captions = everything_shown(programme, rounding)
    assume(any(HIDDEN in values for values in seen.cells.values()))
    shown = {}
    for cell, values in seen.cells.items():
        assert len(values) == 1, f"{cell} is shown as {values}: tables, charts and tiles must agree"
        shown[cell] = values.pop()
        if 1 <= truth[cell] <= 7:
            assert shown[cell] == HIDDEN, f"{cell} = {truth[cell]} is shown"
    assert pinned(truth, shown, rounding) == []
    for caption, described in captions:
        if "Nobody has returned yet" in caption:
            assert not described["returning_participants"].any(), "the caption says nobody returned"
