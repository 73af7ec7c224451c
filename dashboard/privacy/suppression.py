"""Secondary suppression: which further counts to hide so that no hidden count of 1 to 7 people can be
worked out from what is shown, by adding and subtracting across the sums a page shows together.

A page's counts form sum relations (new + returning = a session's headcount; sessions add up to a
community's attendances). `protect` hides every count of 1 to 7, every total over a hidden part, and
then, relation by relation, a further count wherever one hidden count stands alone; finally it checks
each hidden small count with linear programs (its least and greatest possible value given everything
shown) and hides more until none is pinned to one value. Pure: no pandas, no streamlit.
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass

LOW, HIGH = 1, 7  # as dashboard.privacy.rule: counts of 1 to 7 people are never shown


@dataclass(frozen=True)
class Relation:
    """`total` = the sum of `parts` (keys of cells)."""

    total: Hashable
    parts: tuple[Hashable, ...]

    @property
    def cells(self) -> tuple[Hashable, ...]:
        return (self.total, *self.parts)


def small(values: Mapping[Hashable, int]) -> set[Hashable]:
    """The primary suppressions: counts of 1 to 7."""
    return {k for k, v in values.items() if LOW <= v <= HIGH}


def protect(values: Mapping[Hashable, int], relations: Iterable[Relation]) -> set[Hashable]:
    """Every cell to hide: the small counts, and enough others that none of them is determined."""
    relations = list(relations)
    by_cell = _index(relations)
    hidden, changed = _cover(values, relations, by_cell, small(values)), None
    for _ in range(len(values) + 1):  # each round hides at least one more cell
        pinned = determined(values, relations, hidden, near=changed)
        if not pinned:
            return hidden
        extra = {_widen(values, by_cell, hidden, cell) for cell in sorted(pinned, key=repr)}
        more = _cover(values, relations, by_cell, hidden | (extra - {None}))
        hidden, changed = more, more - hidden
    return hidden


def _index(relations: list[Relation]) -> dict[Hashable, list[Relation]]:
    out: dict[Hashable, list[Relation]] = {}
    for relation in relations:
        for cell in relation.cells:
            out.setdefault(cell, []).append(relation)
    return out


def _cover(values, relations, by_cell, hidden: set) -> set:
    """Fixed point: a total over a hidden part is hidden, and no relation has exactly one hidden cell."""
    hidden, todo = set(hidden), list(relations)
    while todo:
        relation = todo.pop()
        inside = [c for c in relation.cells if c in hidden]
        if not inside:
            continue
        if relation.total not in hidden and any(p in hidden for p in relation.parts):
            more = relation.total
        elif len(inside) == 1:
            more = _cheapest(values, [c for c in relation.cells if c not in hidden])
        else:
            continue
        if more is not None:
            hidden.add(more)
            todo += by_cell.get(more, [])
    return hidden


def _cheapest(values, cells) -> Hashable | None:
    """The smallest non-zero count among `cells` (a hidden zero would cover nothing: counts are never
    negative), ties broken by key so the choice is the same every time."""
    useful = [c for c in cells if values[c] > 0]
    return min(useful, key=lambda c: (values[c], repr(c))) if useful else None


def _widen(values, by_cell, hidden, cell) -> Hashable | None:
    """A shown cell to hide next to a pinned `cell`: the cheapest in its relations, then further out."""
    seen, frontier = {cell}, [cell]
    while frontier:
        around = {c for f in frontier for r in by_cell.get(f, []) for c in r.cells} - seen
        choice = _cheapest(values, [c for c in around if c not in hidden])
        if choice is not None:
            return choice
        seen |= around
        frontier = [c for c in around if c in hidden]
    return None


def determined(
    values: Mapping[Hashable, int],
    relations: Iterable[Relation],
    hidden: set,
    bounds: Mapping[Hashable, tuple[float, float | None]] | None = None,
    near: set | None = None,
) -> set[Hashable]:
    """Hidden small counts whose value the shown counts pin down (at most one whole number possible).

    Shown cells are known exactly unless `bounds` gives them a range (rounded counts); a hidden small
    count lies in 1..7 and any other hidden cell is at least 0. With `near`, only the groups of linked
    cells that hold one of those cells are looked at (the others are as they were).
    """
    ranges = dict(bounds or {})
    for cell in hidden:
        ranges[cell] = (LOW, HIGH) if LOW <= values[cell] <= HIGH else (0, None)
    unknown = {c for c, (lo, hi) in ranges.items() if lo != hi}
    active = _binding([r for r in relations if unknown.intersection(r.cells)], unknown, ranges)
    pinned = set()
    for group in _components(active, unknown):
        cells = sorted({c for r in group for c in r.cells if c in unknown}, key=repr)
        if near is not None and near.isdisjoint(cells):
            continue
        targets = [c for c in cells if c in hidden and ranges[c] == (LOW, HIGH)]
        pinned |= _pinned(targets, cells, group, values, unknown, ranges)
    return pinned


def _binding(relations: list[Relation], unknown: set, ranges) -> list[Relation]:
    """Drop relations that constrain nothing: a total with no upper bound that no other relation
    mentions can take any sum of its parts."""
    relations = list(relations)
    while True:
        uses: dict[Hashable, int] = {}
        for r in relations:
            for c in r.cells:
                uses[c] = uses.get(c, 0) + 1
        free = [r for r in relations if r.total in unknown and ranges[r.total] == (0, None) and uses[r.total] == 1]
        if not free:
            return relations
        relations = [r for r in relations if r not in free]


def _components(relations: list[Relation], unknown: set) -> list[list[Relation]]:
    parent: dict[Hashable, Hashable] = {}

    def root(c):
        while parent.setdefault(c, c) != c:
            c = parent[c]
        return c

    for r in relations:
        linked = [c for c in r.cells if c in unknown]
        for c in linked[1:]:
            parent[root(c)] = root(linked[0])
    groups: dict[Hashable, list[Relation]] = {}
    for r in relations:
        key = root(next(c for c in r.cells if c in unknown))
        groups.setdefault(key, []).append(r)
    return list(groups.values())


def _pinned(targets, cells, relations, values, unknown, ranges) -> set[Hashable]:
    """The `targets` whose least and greatest values leave one whole number. Two programs over all of
    them at once first (a target that moves a whole unit from its true value in either is free), then
    one by one for the rest, so a large programme needs few programs."""
    extreme = _program(cells, relations, values, unknown, ranges)
    left = list(targets)
    for sign in (1.0, -1.0):
        x = extreme({t: sign for t in left}) if left else None
        left = [t for t in left if x is None or abs(x[t] - values[t]) < 1 - 1e-6]
    out = set()
    for target in left:
        high, low = extreme({target: 1.0}), extreme({target: -1.0})
        if high is not None and low is not None and math.floor(high[target] + 1e-6) <= math.ceil(low[target] - 1e-6):
            out.add(target)
    return out


def _program(cells, relations, values, unknown, ranges):
    """A function from {cell: +1 to raise it, -1 to lower it} to the most extreme values of the
    cells (a dict), or None when the linear program has no finite optimum."""
    from scipy.optimize import linprog  # lazy: scipy is heavy, needed only when something is hidden

    column = {c: i for i, c in enumerate(cells)}
    rows, rhs = [], []
    for r in relations:
        row, known = [0.0] * len(cells), 0.0
        for c, sign in [(r.total, 1.0)] + [(p, -1.0) for p in r.parts]:
            if c in unknown:
                row[column[c]] += sign
            else:
                known -= sign * values[c]
        rows.append(row)
        rhs.append(known)
    limits = [ranges[c] for c in cells]

    def extreme(direction: dict) -> dict | None:
        goal = [0.0] * len(cells)
        for cell, sign in direction.items():
            goal[column[cell]] = -sign
        found = linprog(goal, A_eq=rows, b_eq=rhs, bounds=limits, method="highs")
        return dict(zip(cells, found.x)) if found.status == 0 else None

    return extreme
