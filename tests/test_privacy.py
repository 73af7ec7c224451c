"""The small-number rule: nothing from 1 to 7 is shown, and no hidden count can be worked out."""

from __future__ import annotations

import itertools

from hypothesis import given, settings
from hypothesis import strategies as st

from dashboard.privacy import HIDDEN, Rule, suppress_group

ON, ROUNDED, OFF = Rule(on=True), Rule(on=True, round_to_5=True), Rule(on=False)
counts = st.lists(st.integers(min_value=0, max_value=60), min_size=1, max_size=6)
tables = st.lists(st.lists(st.integers(min_value=0, max_value=12), min_size=1, max_size=3),
                  min_size=1, max_size=3)


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
        if all(t == HIDDEN or t == s for t, s in zip(row_totals, sums)) and (
                grand == HIDDEN or grand == sum(sums)):
            yield choice


@settings(max_examples=200, deadline=None)
@given(tables)
def test_no_hidden_count_can_be_recovered_from_cells_and_totals(table):
    cells, row_totals, grand = shown_table(table)
    hidden = [(r, c) for r, row in enumerate(cells) for c, v in enumerate(row) if v == HIDDEN]
    if not hidden or len(hidden) > 4:
        return  # nothing hidden, or too many combinations to enumerate quickly
    candidates = list(consistent_tables(cells, row_totals, grand))
    assert candidates, "the true table must be among the candidates"
    for r, c in hidden:
        assert len({t[r][c] for t in candidates}) >= 2, f"cell {r},{c} is recoverable"


def test_a_total_with_a_hidden_part_is_hidden():
    assert suppress_group([15, 13, 5], 33, ON) == ([15, 13, HIDDEN], HIDDEN)


def test_zero_is_not_suppressed():
    assert suppress_group([0, 12], 12, ON) == ([0, 12], 12)
