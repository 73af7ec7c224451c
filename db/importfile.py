"""Reading an uploaded CSV or XLSX file into checked rows, before the database is touched.

A file holds sessions, register lines or comments (a CSV one kind, told by its header; a workbook one
sheet per kind). Every problem is collected with its row, column, the value found and what was
expected; nothing here writes.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from operator import itemgetter

MAX_BYTES = 20 * 1024 * 1024
MAX_ROWS = 100_000
MAX_PROBLEMS = 200

KINDS: dict[str, tuple[str, ...]] = {
    "sessions": ("community", "number", "status", "date", "headcount", "note"),
    "register": ("community", "session_number", "participant_code", "role", "organisation"),
    "comments": ("community", "session_number", "text", "theme"),
}
REQUIRED: dict[str, tuple[str, ...]] = {
    "sessions": ("community", "number", "status"),
    "register": ("community", "session_number", "participant_code"),
    "comments": ("community", "text"),
}
IGNORED_SHEETS = ("instructions", "read me", "readme")


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

    def __init__(self, problems: list[Problem], plan=None):
        self.problems = problems
        self.plan = plan  # the rows that did read cleanly (db.plan.Plan), when the checks went on to the end
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        super().__init__(f"{problems[0]}{more}")


@dataclass
class Sheet:
    """One sheet's data rows: `records[i]` holds the cells (in `header` order) of the row a
    spreadsheet shows as `lines[i]`."""

    kind: str
    where: str
    header: list[str]
    lines: list[int]
    records: list[Sequence[object]]

    @property
    def rows(self) -> list[tuple[int, dict[str, object]]]:
        """(row number, {column: cell}) for each data row."""
        return [(line, dict(zip(self.header, record))) for line, record in zip(self.lines, self.records)]

    def column(self, name: str) -> list[object]:
        """Every data row's cell in one column."""
        return list(map(itemgetter(self.header.index(name)), self.records))


def read_upload(file_name: str, data: bytes) -> list[Sheet]:
    """The sheets of an uploaded file, or ImportRejected naming what is wrong with the file itself."""
    if len(data) > MAX_BYTES:
        raise ImportRejected([Problem(file_name, None, None, f"{len(data):,} bytes",
                                      f"a file of at most {MAX_BYTES // (1024 * 1024)} MB")])
    if not data.strip():
        raise ImportRejected([Problem(file_name, None, None, None,
                                      "a header row and at least one data row (the file is empty)")])
    suffix = file_name.lower().rsplit(".", 1)[-1] if "." in file_name else ""
    if suffix == "csv":
        return [_read_csv(file_name, data)]
    if suffix == "xlsx":
        return _read_xlsx(file_name, data)
    raise ImportRejected([Problem(file_name, None, None, f".{suffix}" if suffix else "no extension",
                                  "a .csv or .xlsx file (download a template below)")])


def _kind_of(where: str, header: list[str]) -> str:
    """Which of the three kinds a header names, or ImportRejected saying what is missing or unknown."""
    cols = [str(h or "").strip().lower() for h in header]
    for kind, expected in KINDS.items():
        if set(cols) == set(expected) and len(cols) == len(expected):
            return kind
    best = max(KINDS, key=lambda k: len(set(cols) & set(KINDS[k])))
    missing = [c for c in KINDS[best] if c not in cols]
    unknown = [c for c in cols if c not in KINDS[best]]
    seen = {c for c in cols if cols.count(c) > 1}
    parts = ([f"missing {', '.join(missing)}"] if missing else []) + (
        [f"unknown {', '.join(repr(u) for u in unknown)}"] if unknown else []) + (
        [f"repeated {', '.join(sorted(seen))}"] if seen else [])
    raise ImportRejected([Problem(
        where, 1, None, ",".join(cols),
        f"the header of a {best} file: {','.join(KINDS[best])} ({'; '.join(parts)})")])


def _read_csv(file_name: str, data: bytes) -> Sheet:
    if b"\x00" in data[:4096]:
        raise ImportRejected([Problem(file_name, None, None, "binary data",
                                      "a CSV text file saved as UTF-8")])
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise ImportRejected([Problem(file_name, line, None, data[exc.start:exc.end + 1],
                                      "UTF-8 text (in Excel: Save As, CSV UTF-8)")]) from None
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        header = next(reader)
        kind = _kind_of(file_name, header)
        cols = [h.strip().lower() for h in header]
        lines, records = _csv_rows(file_name, reader, len(cols))
    except csv.Error as exc:
        raise ImportRejected([Problem(file_name, reader.line_num, None, None,
                                      f"well-formed CSV ({exc})")]) from None
    return Sheet(kind, file_name, cols, lines, records)


def _csv_rows(where: str, reader, width: int) -> tuple[list[int], list[list[str]]]:
    """Line numbers and cells of the non-blank records; ImportRejected at the first record with too
    many rows before it or the wrong number of cells."""
    lines, records = [], []
    for record in reader:
        if not "".join(record).strip():
            continue
        if len(records) >= MAX_ROWS:
            raise ImportRejected([Problem(where, reader.line_num, None, None,
                                          f"at most {MAX_ROWS:,} rows in one file: split it")])
        if len(record) != width:
            raise ImportRejected([Problem(where, reader.line_num, None, f"{len(record)} cells",
                                          f"{width} cells, one per header column")])
        lines.append(reader.line_num)
        records.append(record)
    return lines, records


def _read_xlsx(file_name: str, data: bytes) -> list[Sheet]:
    import openpyxl  # imported here: only workbooks need it
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError, ValueError):
        raise ImportRejected([Problem(file_name, None, None, None,
                                      "an Excel workbook (.xlsx); this file cannot be opened as one")]) from None
    try:
        sheets = [_xlsx_sheet(f"{file_name}, sheet '{ws.title}'", ws) for ws in book.worksheets
                  if ws.title.strip().lower() not in IGNORED_SHEETS]
    finally:
        book.close()
    sheets = [s for s in sheets if s is not None]
    if not sheets:
        raise ImportRejected([Problem(file_name, None, None, None,
                                      "a sheet named sessions, register or comments with a header row")])
    return sheets


def _xlsx_sheet(where: str, ws) -> Sheet | None:
    it = ws.iter_rows(values_only=True)
    header = next(it, None)
    if header is None or not any(h is not None for h in header):
        return None
    while header and header[-1] is None:
        header = header[:-1]
    kind = _kind_of(where, list(header))
    cols = [str(h).strip().lower() for h in header]
    lines, records = [], []
    for number, values in enumerate(it, start=2):
        values = tuple(values[: len(cols)]) + (None,) * (len(cols) - len(values))
        if all(v is None or (isinstance(v, str) and not v.strip()) for v in values):
            continue
        if len(records) >= MAX_ROWS:
            raise ImportRejected([Problem(where, number, None, None,
                                          f"at most {MAX_ROWS:,} rows in one sheet: split it")])
        lines.append(number)
        records.append(values)
    return Sheet(kind, where, cols, lines, records)


def template_rows(kind: str) -> list[dict[str, object]]:
    """Example rows for a downloadable template (pseudonymous codes, an undated planned session)."""
    today = dt.date.today().isoformat()
    return {
        "sessions": [
            {"community": "Ultrasound Imaging", "number": 4, "status": "held", "date": today,
             "headcount": "", "note": "Headcount left empty: the register's size is used"},
            {"community": "Ultrasound Imaging", "number": 5, "status": "planned", "date": "",
             "headcount": "", "note": ""},
        ],
        "register": [
            {"community": "Ultrasound Imaging", "session_number": 4, "participant_code": "UI-001",
             "role": "Sonographer", "organisation": "King's College Hospital NHS Foundation Trust"},
            {"community": "Ultrasound Imaging", "session_number": 4, "participant_code": "UI-002",
             "role": "", "organisation": ""},
        ],
        "comments": [
            {"community": "Ultrasound Imaging", "session_number": 4,
             "text": "Useful to hear how other sites run their lists", "theme": ""},
        ],
    }[kind]
