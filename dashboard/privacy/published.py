"""The counts of people the pages and the deck show, as one published set under the publication rule.

Every count of people a page shows is a cell here: each session's headcount, its new and returning
participants, a community's attendances, its registered participants (two or more sessions, once),
and the programme's attendances. The sums that join them are relations, and `suppression.protect`
decides over all of them at once which cells are hidden, so a page, its downloads, images and the
deck show the same numbers and no hidden count can be worked out from them, on any page or filter.
"""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass, field

import pandas as pd

from dashboard.privacy.rule import HIDDEN, Rule, shown_count
from dashboard.privacy.suppression import Relation, protect

PROGRAMME = ("programme",)
ON = Rule(on=True)


def session(community: str, number: int) -> tuple:
    return ("session", community, int(number))


def attendances(community: str) -> tuple:
    return ("attendances", community)


@dataclass(frozen=True)
class Published:
    """True counts, the relations between them, and which are hidden, under `rule`."""

    rule: Rule
    values: dict[Hashable, int] = field(default_factory=dict)
    relations: tuple[Relation, ...] = ()
    hidden: frozenset = frozenset()

    def shown(self, key: Hashable) -> int | str | None:
        """What a page shows for `key`: the count (rounded, with rounding on), "*", or None if unknown."""
        if key not in self.values:
            return None
        if key in self.hidden:
            return HIDDEN
        return shown_count(self.values[key], self.rule)

    def register_total(self, community: str, number: int) -> tuple:
        """The cell of a register's participants: its session's headcount, which it equals."""
        apart = ("registered_at", community, int(number))
        return apart if apart in self.values else session(community, number)


def publish(
    sessions: pd.DataFrame | None = None,
    register: pd.DataFrame | None = None,
    repeat: pd.DataFrame | None = None,
    rule: Rule = ON,
) -> Published:
    """Cells and relations from attendance_by_session, register_by_session and repeat_attenders
    (every community: suppression is decided once for all pages and filters), and what to hide."""
    values: dict[Hashable, int] = {}
    relations = _sessions(sessions, values)
    relations += _registers(register, values)
    relations += _repeats(repeat, values)
    hidden = frozenset(protect(values, relations)) if rule.on else frozenset()
    return Published(rule, values, tuple(relations), hidden)


def _sessions(sessions: pd.DataFrame | None, values: dict) -> list[Relation]:
    if sessions is None:
        return []
    held = sessions[(sessions["status"] == "held") & sessions["headcount"].notna()]
    by_community: dict[str, list] = {c: [] for c in sessions["community"].unique().tolist()}
    for community, number, headcount in zip(held["community"], held["number"], held["headcount"]):
        values[session(community, number)] = int(headcount)
        by_community[community].append(session(community, number))
    relations = []
    for community, cells in by_community.items():
        values[attendances(community)] = sum(values[c] for c in cells)
        relations.append(Relation(attendances(community), tuple(cells)))
    values[PROGRAMME] = sum(values[attendances(c)] for c in by_community)
    return [*relations, Relation(PROGRAMME, tuple(attendances(c) for c in by_community))]


def _registers(register: pd.DataFrame | None, values: dict) -> list[Relation]:
    relations = []
    for r in [] if register is None else register.itertuples():
        new, back = ("new", r.community, int(r.number)), ("returning", r.community, int(r.number))
        values[new], values[back] = int(r.new_participants), int(r.returning_participants)
        total = session(r.community, r.number)
        if values.get(total) != values[new] + values[back]:  # a headcount kept apart from its register
            total = ("registered_at", r.community, int(r.number))
            values[total] = values[new] + values[back]
        relations.append(Relation(total, (new, back)))
    return relations


def _repeats(repeat: pd.DataFrame | None, values: dict) -> list[Relation]:
    relations: list[Relation] = []
    news: dict[str, list] = {}
    for key in values:
        if key[0] == "new":
            news.setdefault(key[1], []).append(key)
    for r in [] if repeat is None else repeat.itertuples():
        total, two, once = ("registered", r.community), ("two_or_more", r.community), ("once", r.community)
        values[total], values[two] = int(r.participants), int(r.two_or_more)
        values[once] = values[total] - values[two]
        relations.append(Relation(total, (two, once)))
        mine = news.get(r.community, [])
        if mine and sum(values[k] for k in mine) == values[total]:  # each person is new exactly once
            relations.append(Relation(total, tuple(mine)))
    return relations
