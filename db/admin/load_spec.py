"""Column specifications and a validating reader for the curated `cop_data/` CSV files.

Reading is pure: every problem raises `DataFileError` naming the file, line, column, the value found
and what was expected, before anything is written.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
MONTH_RE = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")


class DataFileError(ValueError):
    """A problem in one cell of a data file, in words a person can act on."""

    def __init__(self, file: str, line: int | None, column: str | None, value: Any, expected: str):
        self.file, self.line, self.column, self.value, self.expected = file, line, column, value, expected
        where = file if line is None else f"{file}, line {line}"
        if column:
            where += f", column '{column}'"
        super().__init__(f"{where}: found {value!r}, expected {expected}")


@dataclass(frozen=True)
class Col:
    """One CSV column: its kind, whether it may be empty, and what it refers to."""

    name: str
    kind: str = "text"  # text | int | bool | date | month | slug | ref | enum
    required: bool = True
    ref: str | None = None  # file stem of the referenced table, for kind="ref"
    choices: tuple[str, ...] = ()
    unique: bool = False
    attr: str | None = None  # model attribute name when it differs (refs map to <attr>_id)


@dataclass(frozen=True)
class FileSpec:
    stem: str
    columns: tuple[Col, ...]
    key: str | None = None  # the column that other files refer to
    unique_together: tuple[str, ...] = ()
    row_check: Callable[[dict[str, Any]], tuple[str, Any, str] | None] | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def filename(self) -> str:
        return f"{self.stem}.csv"


def _parse(col: Col, raw: str) -> Any:
    """The typed value of one cell, or raise ValueError with what was expected."""
    if col.kind == "int":
        if not re.fullmatch(r"-?\d+", raw):
            raise ValueError("a whole number")
        return int(raw)
    if col.kind == "bool":
        if raw.lower() not in ("true", "false"):
            raise ValueError("true or false")
        return raw.lower() == "true"
    if col.kind == "date":
        try:
            return dt.date.fromisoformat(raw)
        except ValueError:
            raise ValueError("a date written YYYY-MM-DD") from None
    if col.kind == "month":
        if not MONTH_RE.match(raw):
            raise ValueError("a month written YYYY-MM")
        return raw
    if col.kind in ("slug", "ref") and not SLUG_RE.match(raw):
        raise ValueError("a slug: lowercase letters, digits and single hyphens")
    if col.kind == "enum" and raw not in col.choices:
        raise ValueError("one of " + ", ".join(col.choices))
    return raw


def _reader(spec: FileSpec, path: Path) -> csv.DictReader:
    """The file's rows, once it exists, reads as UTF-8 and has exactly the spec's header."""
    name = path.name
    if not path.exists():
        raise DataFileError(name, None, None, None, "the file to exist in cop_data/")
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise DataFileError(name, None, None, repr(exc.object[exc.start : exc.end]), "UTF-8 text") from None
    reader = csv.DictReader(text.splitlines(keepends=True), strict=True)
    expected = [c.name for c in spec.columns]
    header = list(reader.fieldnames or [])
    if header != expected:
        raise DataFileError(name, 1, None, ",".join(header), "the header " + ",".join(expected))
    return reader


def _typed_row(spec: FileSpec, name: str, line: int, record: dict) -> dict[str, Any]:
    """One record's cells typed and checked, with its line number as `_line`."""
    if None in record or any(v is None for v in record.values()):
        raise DataFileError(name, line, None, record.get(None), f"{len(spec.columns)} fields")
    row: dict[str, Any] = {"_line": line}
    for col in spec.columns:
        raw = record[col.name].strip()
        if raw == "":
            if col.required:
                raise DataFileError(name, line, col.name, "", f"a value ({col.kind})")
            row[col.name] = None
            continue
        try:
            row[col.name] = _parse(col, raw)
        except ValueError as exc:
            raise DataFileError(name, line, col.name, raw, str(exc)) from None
    return row


def _check_unique(spec: FileSpec, name: str, row: dict[str, Any], seen: dict[tuple, int]) -> None:
    """Refuse a row that repeats a unique value (or combination) of an earlier one; remember its own."""
    line = row["_line"]
    for cols in [(c.name,) for c in spec.columns if c.unique] + (
        [spec.unique_together] if spec.unique_together else []
    ):
        key = (cols, *tuple(row[c] for c in cols))
        if key in seen:
            raise DataFileError(
                name,
                line,
                ",".join(cols),
                "|".join(str(row[c]) for c in cols),
                f"a value not already used on line {seen[key]}",
            )
        seen[key] = line


def read_file(spec: FileSpec, path: Path) -> list[dict[str, Any]]:
    """Rows of one data file, typed and checked cell by cell (references are checked later)."""
    reader = _reader(spec, path)
    rows: list[dict[str, Any]] = []
    seen: dict[tuple, int] = {}
    for record in reader:
        row = _typed_row(spec, path.name, reader.line_num, record)
        _check_unique(spec, path.name, row, seen)
        if spec.row_check and (problem := spec.row_check(row)):
            column, value, expected_text = problem
            raise DataFileError(path.name, row["_line"], column, value, expected_text)
        rows.append(row)
    return rows
