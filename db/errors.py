"""The errors a write raises for people: the user may not write (`PermissionDenied`), or the file or form
was refused with its problems (`ImportRejected`, a list of `Problem`s). Pages show them; nothing was written.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


class PermissionDenied(PermissionError):
    """The user may not make this write; the message says why in plain words."""


@dataclass(frozen=True)
class Problem:
    """One thing wrong, in words a person can act on."""

    where: str  # the file (and sheet), or "form"
    row: int | None
    column: str | None
    value: object
    expected: str

    def __str__(self) -> str:
        place = self.where if self.row is None else f"{self.where}, row {self.row}"
        if self.column:
            place += f", column '{self.column}'"
        shown = "" if self.value is None else f"found {_show(self.value)}, "
        return f"{place}: {shown}expected {self.expected}"


def _show(value: object) -> str:
    text = repr(value) if isinstance(value, str) else str(value)
    return text if len(text) <= 80 else text[:77] + "…'"


class ImportRejected(ValueError):
    """The file (or form) was refused; nothing was written. `problems` says why."""

    def __init__(self, problems: list[Problem], plan: Any = None):
        self.problems = problems
        # the rows that did read cleanly (db.write.imports.rows.Plan), when the checks went on to the end
        self.plan = plan
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        super().__init__(f"{problems[0]}{more}")
