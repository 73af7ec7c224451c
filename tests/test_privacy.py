"""The small-number rule: nothing from 1 to 7 is shown, and no hidden count can be worked out."""

from __future__ import annotations

import itertools
import math

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from scipy.optimize import linprog

from dashboard.privacy.rule import HIDDEN, Rule, suppress_group
from dashboard.privacy.suppression import Relation, determined, protect

ON, ROUNDED, OFF = Rule(on=True), Rule(on=True, round_to_5=True), Rule(on=False)
counts = st.lists(st.integers(min_value=0, max_value=60), min_size=1, max_size=6)
tables = st.lists(st.lists(st.integers(min_value=0, max_value=12), min_size=1, max_size=3), min_size=1, max_size=3)


@given(counts)
def test_no_count_from_1_to_7_is_ever_shown(values):
    for rule in (ON, ROUNDED):
        shown, total = suppress_group(values, sum(values), rule)
        for v in [*shown, total]:
            assert v == HIDDEN or not (1 <= v <= 7)


@given(counts)
def test_rounded_counts_are_multiples_of_five(values):
    shown, total = suppress_group(values, sum(values), ROUNDED)
    assert all(v == HIDDEN or v % 5 == 0 for v in [*shown, total])


@given(counts)
def test_publication_mode_off_shows_every_count(values):
    assert suppress_group(values, sum(values), OFF) == (values, sum(values))


def shown_table(table):
    """What the dashboard shows: each community's sessions and total, and the programme total."""
    rows = [suppress_group(row, sum(row), ON) for row in table]
    flat = [v for row in table for v in row]
    _, grand = suppress_group(flat, sum(flat), ON)
    return [cells for cells, _ in rows], [total for _, total in rows], grand


def consistent_tables(shown_cells, row_totals, grand):
    """Every true table that would show exactly what is shown (hidden cells are 1 to 7)."""
    options = [[[v] if v != HIDDEN else list(range(1, 8)) for v in row] for row in shown_cells]
    for choice in itertools.product(*[itertools.product(*row) for row in options]):
        sums = [sum(r) for r in choice]
        if all(t in (HIDDEN, s) for t, s in zip(row_totals, sums)) and (grand == HIDDEN or grand == sum(sums)):
            yield choice


@settings(max_examples=200, deadline=None)
@given(tables)
def test_no_hidden_count_can_be_recovered_from_cells_and_totals(table):
    cells, row_totals, grand = shown_table(table)
    hidden = [(r, c) for r, row in enumerate(cells) for c, v in enumerate(row) if v == HIDDEN]
    assume(0 < len(hidden) <= 4)  # something hidden, and few enough combinations to enumerate quickly
    candidates = list(consistent_tables(cells, row_totals, grand))
    assert candidates, "the true table must be among the candidates"
    for r, c in hidden:
        assert len({t[r][c] for t in candidates}) >= 2, f"cell {r},{c} is recoverable"


def test_a_total_with_a_hidden_part_is_hidden():
    assert suppress_group([15, 13, 5], 33, ON) == ([15, 13, HIDDEN], HIDDEN)


def test_zero_is_not_suppressed():
    assert suppress_group([0, 12], 12, ON) == ([0, 12], 12)


# Secondary suppression (dashboard.privacy.suppression): the sums a page shows together.


def _table(cells: list[list[int]]) -> tuple[dict, list[Relation]]:
    """A table with row totals, column totals and a grand total, as cells and sum relations."""
    values = {("cell", r, c): v for r, row in enumerate(cells) for c, v in enumerate(row)}
    rows, cols = range(len(cells)), range(len(cells[0]))
    values |= {("row", r): sum(cells[r]) for r in rows} | {("col", c): sum(row[c] for row in cells) for c in cols}
    values[("all",)] = sum(map(sum, cells))
    relations = [Relation(("row", r), tuple(("cell", r, c) for c in cols)) for r in rows]
    relations += [Relation(("col", c), tuple(("cell", r, c) for r in rows)) for c in cols]
    relations += [
        Relation(("all",), tuple(("row", r) for r in rows)),
        Relation(("all",), tuple(("col", c) for c in cols)),
    ]
    return values, relations


def _range(values: dict, relations: list[Relation], hidden: set, target) -> tuple[float, float]:
    """The least and greatest value of `target` given the shown cells (a reader told which hidden
    cells are small: those lie in 1..7, the rest are at least 0)."""
    cells = sorted(values, key=repr)
    col = {c: i for i, c in enumerate(cells)}
    limits = [((1, 7) if 1 <= values[c] <= 7 else (0, None)) if c in hidden else (values[c], values[c]) for c in cells]
    rows = []
    for r in relations:
        row = [0.0] * len(cells)
        row[col[r.total]] = 1.0
        for p in r.parts:
            row[col[p]] -= 1.0
        rows.append(row)
    goal = [1.0 if c == target else 0.0 for c in cells]
    low = linprog(goal, A_eq=rows, b_eq=[0.0] * len(rows), bounds=limits, method="highs")
    high = linprog([-g for g in goal], A_eq=rows, b_eq=[0.0] * len(rows), bounds=limits, method="highs")
    return low.fun, -high.fun


def test_a_sum_with_one_hidden_count_gets_a_second_one():
    values = {"session": 16, "new": 3, "returning": 13}
    assert protect(values, [Relation("session", ("new", "returning"))]) == {"session", "new"}


def test_a_hidden_zero_covers_nothing_so_a_non_zero_count_is_hidden_instead():
    values, relations = _table([[3, 0, 9], [10, 0, 12]])
    hidden = protect(values, relations)
    assert not any(values[c] == 0 for c in hidden)
    assert ("cell", 0, 2) in hidden or ("row", 0) in hidden


def test_two_small_counts_joined_by_a_known_difference_are_covered():
    # n1 + n2 = R = two + once: with n1 = 7 and two = 1 hidden, n1 - two = once - n2 = 6 pins both.
    values = {"R": 17, "n1": 7, "n2": 10, "two": 1, "once": 16}
    relations = [Relation("R", ("n1", "n2")), Relation("R", ("two", "once"))]
    assert determined(values, relations, {"R", "n1", "two"}) == {"n1", "two"}
    hidden = protect(values, relations)
    assert not determined(values, relations, hidden)
    assert {"n2", "once"} & hidden


def test_the_choice_of_cells_to_hide_does_not_depend_on_the_order_of_the_sums():
    values, relations = _table([[3, 14, 9], [10, 2, 12], [8, 8, 30]])
    assert protect(values, relations) == protect(values, relations[::-1])


grids = st.integers(1, 3).flatmap(
    lambda n: st.lists(st.lists(st.integers(0, 15), min_size=n, max_size=n), min_size=1, max_size=3)
)


@pytest.mark.slow  # a linear program per hidden cell, 60 examples
@settings(max_examples=60, deadline=None, derandomize=True)
@given(grids)
def test_no_hidden_small_count_in_a_table_with_margins_can_be_worked_out(cells):
    values, relations = _table(cells)
    hidden = protect(values, relations)
    small = {c for c, v in values.items() if 1 <= v <= 7}
    assume(small)
    assert small <= hidden and not any(values[c] == 0 for c in hidden)
    for r in relations:
        assert len(hidden & set(r.cells)) != 1
    for cell in small:
        low, high = _range(values, relations, hidden, cell)
        assert math.floor(high + 1e-6) > math.ceil(low - 1e-6), f"{cell} = {values[cell]} is pinned"
