"""A plan of what to write: typed sessions, register lines and comments, from a file or the form.

Each cell is checked here (types, ranges, dates, codes, plain text); checks against stored data
(known communities, duplicates, permissions) are made in db.write.imports.store inside the write transaction.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, cast

from db.errors import ImportRejected, Problem
from db.models import SESSION_STATUSES
from db.write.imports.cells import (  # noqa: F401 - FORMULA_RE, MARKUP_RE and _text are used through this module too
    CODE_EXPECTED,
    CODE_RE,
    FORMULA_RE,
    MARKUP_RE,
    MAX_HEADCOUNT,
    MAX_NUMBER,
    MAX_SHORT,
    MAX_TEXT,
    _date,
    _text,
    _whole,
)
from db.write.imports.upload import MAX_PROBLEMS, Sheet


@dataclass
class SessionIn:
    community: str
    number: int
    status: str
    date: dt.date | None
    headcount: int | None
    note: str | None
    row: int | None = None
    where: str = "form"


@dataclass(slots=True)  # a file may hold 100,000 of these
class RegisterIn:
    community: str
    session_number: int
    code: str
    role: str | None
    organisation: str | None
    row: int | None = None
    where: str = "form"


@dataclass
class CommentIn:
    community: str
    session_number: int | None
    text: str
    theme: str | None
    row: int | None = None
    where: str = "form"


@dataclass
class Plan:
    sessions: list[SessionIn] = field(default_factory=list)
    register: list[RegisterIn] = field(default_factory=list)
    comments: list[CommentIn] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.sessions) + len(self.register) + len(self.comments)

    def rows(self) -> list[SessionIn | RegisterIn | CommentIn]:
        """Every row of the plan: sessions, register lines, then comments."""
        return [*self.sessions, *self.register, *self.comments]


class Cells:
    """Typed reads of one row's cells; each bad cell adds a Problem and gives None.

    Results are memoised per (check, column, value) in `memo`, shared by the rows of one file: a
    register repeats its community, role and organisation on every row.
    """

    def __init__(
        self, where: str, row: int | None, cells: dict[str, object], problems: list[Problem], memo: dict | None = None
    ):
        self.where, self.row, self.cells, self.problems = where, row, cells, problems
        self.memo = {} if memo is None else memo

    def bad(self, column: str, value: object, expected: str) -> None:
        self.problems.append(Problem(self.where, self.row, column, value, expected))

    def _check(self, check, column: str, *args, memo: bool = True):
        value = self.cells.get(column)
        if isinstance(value, str):
            value = value.strip()
        if memo:  # keyed by type too: 1, 1.0 and True are equal as keys but not as cells
            key = (check, column, type(value), value, args)
            hit = self.memo.get(key)
            if hit is None:
                hit = self.memo[key] = check(value, *args)
        else:  # a column whose values are all different (participant codes): nothing to reuse
            hit = check(value, *args)
        result, shown, expected = hit
        if expected:
            self.bad(column, shown, expected)
        return result

    def raw(self, column: str) -> object:
        value = self.cells.get(column)
        return value.strip() if isinstance(value, str) else value

    def text(self, column: str, required: bool = False, limit: int = MAX_SHORT, memo: bool = True) -> str | None:
        return self._check(_text, column, required, limit, memo=memo)

    def whole(self, column: str, low: int, high: int, required: bool = False) -> int | None:
        return self._check(_whole, column, low, high, required)

    def date(self, column: str) -> dt.date | None:
        return self._check(_date, column)


def session_row(c: Cells) -> SessionIn | None:
    community = c.text("community", True)
    number = c.whole("number", 1, MAX_NUMBER, True)
    status = (c.text("status", True) or "").lower() or None
    if status is not None and status not in SESSION_STATUSES:
        c.bad("status", c.raw("status"), "one of " + ", ".join(SESSION_STATUSES))
        status = None
    when = c.date("date")
    headcount = c.whole("headcount", 0, MAX_HEADCOUNT)
    note = c.text("note", limit=MAX_TEXT)
    if status == "held" and when and when > dt.date.today():
        c.bad(
            "date",
            when.isoformat(),
            "a date not in the future for a held session (use status 'planned' for a session still to come)",
        )
        return None
    if status and status != "held" and headcount is not None:
        c.bad("headcount", headcount, f"no headcount for a {status} session")
        return None
    if community is None or number is None or status is None:
        return None
    return SessionIn(community, number, status, when, headcount, note, c.row, c.where)


def register_row(c: Cells) -> RegisterIn | None:
    community = c.text("community", True)
    number = c.whole("session_number", 1, MAX_NUMBER, True)
    code = c.text("participant_code", True, limit=40, memo=False)
    if code is not None and not CODE_RE.match(code):
        c.bad("participant_code", code, CODE_EXPECTED)
        code = None
    role, org = c.text("role"), c.text("organisation")
    if community is None or number is None or code is None:
        return None
    return RegisterIn(community, number, code.upper(), role, org, c.row, c.where)


def comment_row(c: Cells) -> CommentIn | None:
    community = c.text("community", True)
    number = c.whole("session_number", 1, MAX_NUMBER)
    text = c.text("text", True, limit=MAX_TEXT)
    theme = c.text("theme")
    if community is None or text is None:
        return None
    return CommentIn(community, number, text, theme, c.row, c.where)


REGISTER_COLUMNS = ("community", "session_number", "participant_code", "role", "organisation")


def _stripped(values: list[object]) -> list[object]:
    try:
        return list(map(str.strip, cast("list[str]", values)))  # a CSV's cells: all text
    except TypeError:
        return [v.strip() if isinstance(v, str) else v for v in values]


class Column:
    """One column's checked cells: `values[i]` is row i's typed value (None when it has a problem or
    is empty) and `problems` maps the index of each row with a problem to (value shown, expected)."""

    def __init__(self, values: list[object], problems: dict[int, tuple]):
        self.values, self.problems = values, problems

    @classmethod
    def checked(cls, cells: list[object], check, *args) -> Column:
        """check(cell, *args) once per distinct cell (and type: 1, 1.0 and True are equal as keys
        but not as cells)."""
        text = set(map(type, cells)) <= {str}
        keys: list[Any] = cells if text else [(type(v), v) for v in cells]
        memo = {k: check(k if text else k[1], *args) for k in set(keys)}
        values = list(map({k: hit[0] for k, hit in memo.items()}.__getitem__, keys))
        bad = {k: hit[1:] for k, hit in memo.items() if hit[2]}
        return cls(values, {i: bad[k] for i, k in enumerate(keys) if k in bad} if bad else {})

    @classmethod
    def codes(cls, cells: list[object]) -> Column:
        """Participant codes as register_row checks them: plain text, then the code pattern."""
        match = CODE_RE.match
        odd = [i for i, v in enumerate(cells) if type(v) is not str or not match(v)]
        values, problems = [v.upper() if type(v) is str else v for v in cells], {}
        for i in odd:  # the pattern admits no formula, markup or over-long text: only these need _text
            code, shown, expected = _text(cells[i], True, 40)
            if code is not None and not match(code):
                code, shown, expected = None, code, CODE_EXPECTED
            values[i] = code.upper() if code is not None else None
            if expected:
                problems[i] = (shown, expected)
        return cls(values, problems)


def _register_columns(sheet: Sheet) -> list[Column]:
    """The checked cells of a register sheet, in REGISTER_COLUMNS order."""
    cells = {name: _stripped(sheet.column(name)) for name in REGISTER_COLUMNS}
    return [
        Column.checked(cells["community"], _text, True, MAX_SHORT),
        Column.checked(cells["session_number"], _whole, 1, MAX_NUMBER, True),
        Column.codes(cells["participant_code"]),
        Column.checked(cells["role"], _text, False, MAX_SHORT),
        Column.checked(cells["organisation"], _text, False, MAX_SHORT),
    ]


def register_rows(sheet: Sheet, problems: list[Problem]) -> list[RegisterIn]:
    """register_row for every row of a sheet, worked out column by column (a register repeats its
    community, session, role and organisation on many rows). Problems come in row, then column
    order, and stop after the row that takes them to MAX_PROBLEMS, as row by row."""
    columns, where, lines = _register_columns(sheet), sheet.where, sheet.lines
    flagged = sorted({i for col in columns for i in col.problems})
    if lines and len(problems) >= MAX_PROBLEMS:
        flagged = sorted({0, *flagged})
    for i in flagged:
        problems.extend(
            Problem(where, lines[i], name, *col.problems[i])
            for name, col in zip(REGISTER_COLUMNS, columns)
            if i in col.problems
        )
        if len(problems) >= MAX_PROBLEMS:
            raise ImportRejected(problems)
    skipped = {i for col in columns[:3] for i in col.problems}
    rows = map(RegisterIn, *(col.values for col in columns), lines, [where] * len(lines))
    return [r for i, r in enumerate(rows) if i not in skipped] if skipped else list(rows)


READERS = {
    "sessions": (session_row, "sessions"),
    "register": (register_row, "register"),
    "comments": (comment_row, "comments"),
}


def plan_from_sheets(sheets: list[Sheet]) -> Plan:
    """Every sheet's rows typed and checked; ImportRejected listing every problem if any."""
    plan, problems = Plan(), []
    for sheet in sheets:
        memo: dict = {}
        if not sheet.records:
            problems.append(Problem(sheet.where, None, None, None, "at least one data row under the header"))
        if sheet.kind == "register":
            plan.register.extend(register_rows(sheet, problems))
            continue
        reader, attr = READERS[sheet.kind]
        for row, cells in sheet.rows:
            if (item := reader(Cells(sheet.where, row, cells, problems, memo))) is not None:
                getattr(plan, attr).append(item)
            if len(problems) >= MAX_PROBLEMS:
                raise ImportRejected(problems)
    problems += within_file_duplicates(plan)
    if problems:
        raise ImportRejected(problems, plan)
    return plan


def within_file_duplicates(plan: Plan) -> list[Problem]:
    """Rows that repeat an earlier row of the same file."""
    problems: list[Problem] = []
    groups: tuple[tuple[Sequence[Any], Callable[[Any, dict[str, str]], tuple], str], ...] = (
        (plan.sessions, lambda s, fold: (fold[s.community], s.number), "number"),
        (plan.register, lambda r, fold: (fold[r.community], r.session_number, r.code), "participant_code"),
        (plan.comments, lambda k, fold: (fold[k.community], k.session_number, k.text), "text"),
    )
    for items, key, column in groups:
        fold = {c: c.casefold() for c in {item.community for item in items}}
        keys = [key(item, fold) for item in items]
        if len(set(keys)) == len(keys):
            continue  # no repeats: the usual case, told without a loop
        seen: dict[tuple, int | None] = {}
        for item, k in zip(items, keys):
            if k in seen:
                problems.append(
                    Problem(item.where, item.row, column, k[-1], f"a row not repeating row {seen[k]} of the same file")
                )
            else:
                seen[k] = item.row
    return problems[:MAX_PROBLEMS]
