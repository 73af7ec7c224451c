"""Reading an uploaded CSV or XLSX file into checked rows, before the database is touched.

A file holds sessions, register lines or comments (a CSV one kind, told by its header; a workbook one
sheet per kind). Every problem is collected with its row, column, the value found and what was
expected; nothing here writes.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import math
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from operator import itemgetter

from db import models as m
from db.errors import ImportRejected, Problem
from db.write.imports import workbook

MAX_BYTES = 20 * 1024 * 1024
MAX_ROWS = 100_000
MAX_COLUMNS = 200
MAX_PROBLEMS = 200
# The file name is stored in import_batches and audit_log: the shorter of their columns bounds it.
MAX_FILE_NAME = min(m.length_of(m.ImportBatch.__table__.c.file_name), m.length_of(m.AuditEntry.__table__.c.file_name))
UNSTORABLE_RE = re.compile("[\x00\ud800-\udfff]")  # NUL and lone surrogates: no database stores them

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
KindOf = Callable[[str, list, int], str]  # (where, header, its row) -> the kind, or ImportRejected


@dataclass
class Sheet:
    """One sheet's data rows: `records[i]` holds the cells (in `header` order) of the row a
    spreadsheet shows as `lines[i]`."""

    kind: str
    where: str
    header: list[str]
    lines: list[int]
    records: Sequence[Sequence[object]]

    @property
    def rows(self) -> list[tuple[int, dict[str, object]]]:
        """(row number, {column: cell}) for each data row."""
        return [(line, dict(zip(self.header, record))) for line, record in zip(self.lines, self.records)]

    def column(self, name: str) -> list[object]:
        """Every data row's cell in one column."""
        return list(map(itemgetter(self.header.index(name)), self.records))


def read_upload(file_name: str, data: bytes, kind_of: KindOf | None = None) -> list[Sheet]:
    """The sheets of an uploaded file, or ImportRejected naming what is wrong with the file itself.
    `kind_of(where, header, row)` names a header's kind or refuses it (default: the three kinds here;
    db.write.feedback_import passes its own)."""
    kind_of = kind_of or _kind_of
    check_file_name(file_name)
    if len(data) > MAX_BYTES:
        raise ImportRejected(
            [
                Problem(
                    file_name, None, None, f"{len(data):,} bytes", f"a file of at most {MAX_BYTES // (1024 * 1024)} MB"
                )
            ]
        )
    if not data.strip():
        raise ImportRejected(
            [Problem(file_name, None, None, None, "a header row and at least one data row (the file is empty)")]
        )
    suffix = file_name.lower().rsplit(".", 1)[-1] if "." in file_name else ""
    if suffix == "csv":
        return [_read_csv(file_name, data, kind_of)]
    if suffix == "xlsx":
        return _read_xlsx(file_name, data, kind_of)
    raise ImportRejected(
        [
            Problem(
                file_name,
                None,
                None,
                f".{suffix}" if suffix else "no extension",
                "a .csv or .xlsx file (download a template below)",
            )
        ]
    )


def check_file_name(file_name: str) -> None:
    """ImportRejected for a file name the import log cannot store as it is."""
    shown = file_name if len(file_name) <= 80 else file_name[:77] + "…"
    if len(file_name) > MAX_FILE_NAME:
        raise ImportRejected(
            [
                Problem(
                    shown,
                    None,
                    None,
                    f"a file name of {len(file_name):,} characters",
                    f"a file name of at most {MAX_FILE_NAME} characters: rename the file",
                )
            ]
        )
    if UNSTORABLE_RE.search(file_name):
        raise ImportRejected(
            [
                Problem(
                    repr(shown),
                    None,
                    None,
                    "a NUL or unpaired surrogate character in the file name",
                    "a file name of ordinary characters: rename the file",
                )
            ]
        )


def _kind_of(where: str, header: list[str], row: int = 1) -> str:
    """Which of the three kinds a header names, or ImportRejected saying what is missing or unknown.
    Linear in the header's length (a header may be a whole line of a hostile file)."""
    if len(header) > MAX_COLUMNS:
        raise ImportRejected(
            [
                Problem(
                    where,
                    row,
                    None,
                    f"{len(header):,} columns",
                    f"at most {MAX_COLUMNS} columns (a header of one of: "
                    + "; ".join(",".join(cols) for cols in KINDS.values())
                    + ")",
                )
            ]
        )
    cols = [str(h or "").strip().lower() for h in header]
    counts = Counter(cols)
    for kind, expected in KINDS.items():
        if counts.keys() == set(expected) and len(cols) == len(expected):
            return kind
    best = max(KINDS, key=lambda k: len(counts.keys() & set(KINDS[k])))
    missing = [c for c in KINDS[best] if c not in counts]
    unknown = [c for c in cols if c not in KINDS[best]]
    seen = {c for c, n in counts.items() if n > 1}
    parts = (
        ([f"missing {', '.join(missing)}"] if missing else [])
        + ([f"unknown {', '.join(repr(u) for u in unknown)}"] if unknown else [])
        + ([f"repeated {', '.join(sorted(seen))}"] if seen else [])
    )
    raise ImportRejected(
        [
            Problem(
                where,
                row,
                None,
                ",".join(cols),
                f"the header of a {best} file: {','.join(KINDS[best])} ({'; '.join(parts)})",
            )
        ]
    )


def _read_csv(file_name: str, data: bytes, kind_of: KindOf) -> Sheet:
    if (nul := data.find(b"\x00")) >= 0:
        raise ImportRejected(
            [
                Problem(
                    file_name,
                    data.count(b"\n", 0, nul) + 1,
                    None,
                    "a NUL byte (binary data, or text saved as UTF-16)",
                    "a CSV text file saved as UTF-8",
                )
            ]
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise ImportRejected(
            [Problem(file_name, line, None, data[exc.start : exc.end + 1], "UTF-8 text (in Excel: Save As, CSV UTF-8)")]
        ) from None
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        header = next(reader, None)
        if header is None:  # a byte-order mark and nothing else
            raise ImportRejected(
                [Problem(file_name, None, None, None, "a header row and at least one data row (the file is empty)")]
            )
        kind = kind_of(file_name, header, 1)
        cols = [h.strip().lower() for h in header]
        lines, records = _csv_rows(file_name, reader, len(cols))
    except csv.Error as exc:
        raise ImportRejected([Problem(file_name, reader.line_num, None, None, f"well-formed CSV ({exc})")]) from None
    return Sheet(kind, file_name, cols, lines, records)


def _csv_rows(where: str, reader, width: int) -> tuple[list[int], list[list[str]]]:
    """Line numbers and cells of the non-blank records; ImportRejected at the first record with too
    many rows before it or the wrong number of cells."""
    lines: list[int] = []
    records: list[list[str]] = []
    for record in reader:
        if not "".join(record).strip():
            continue
        if len(records) >= MAX_ROWS:
            raise ImportRejected(
                [Problem(where, reader.line_num, None, None, f"at most {MAX_ROWS:,} rows in one file: split it")]
            )
        if len(record) != width:
            raise ImportRejected(
                [Problem(where, reader.line_num, None, f"{len(record)} cells", f"{width} cells, one per header column")]
            )
        lines.append(reader.line_num)
        records.append(record)
    return lines, records


def _read_xlsx(file_name: str, data: bytes, kind_of: KindOf) -> list[Sheet]:
    try:
        sheets = [
            sheet
            for raw in workbook.read_workbook(data)
            if raw.title.strip().lower() not in IGNORED_SHEETS
            and (sheet := _xlsx_sheet(f"{file_name}, sheet '{raw.title}'", raw.rows, kind_of)) is not None
        ]
    except workbook.Unreadable as exc:
        raise ImportRejected([Problem(file_name, None, None, None, exc.reason)]) from None
    if not sheets:
        raise ImportRejected(
            [Problem(file_name, None, None, None, "a sheet named sessions, register or comments with a header row")]
        )
    return sheets


def _blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _xlsx_sheet(where: str, rows, kind_of: KindOf) -> Sheet | None:
    """A sheet's data rows under its header (the first row with a value), or None for a blank sheet.
    Every cell is looked at once: none right of the header is dropped unseen."""
    for header_row, cells in rows:  # noqa: B007 (the header row is used after the loop)
        if any(not _blank(v) for _, v in cells):
            break
    else:
        return None
    width = max(col for col, v in cells if not _blank(v))
    if width > MAX_COLUMNS:
        kind_of(where, [None] * width, header_row)  # refuses: too many columns
    header = [None] * width
    for col, value in cells:
        if col <= width:
            header[col - 1] = value
    kind = kind_of(where, header, header_row)
    cols = [str(h).strip().lower() for h in header]
    lines: list[int] = []
    records: list[Sequence[object]] = []
    for number, cells in rows:
        values = _xlsx_record(where, number, cells, cols)
        if values is None:
            continue
        if len(records) >= MAX_ROWS:
            raise ImportRejected(
                [Problem(where, number, None, None, f"at most {MAX_ROWS:,} rows in one sheet: split it")]
            )
        lines.append(number)
        records.append(values)
    return Sheet(kind, where, cols, lines, records)


def _xlsx_record(where: str, number: int, cells, cols: list[str]) -> tuple | None:
    """One data row's values in header order, or None when it is blank; ImportRejected for a value
    right of the header or a number no spreadsheet writes (INF, NaN)."""
    values = [None] * len(cols)
    for col, value in cells:
        if col > len(cols):
            if not _blank(value):
                raise ImportRejected(
                    [
                        Problem(
                            where,
                            number,
                            f"column {col}",
                            value,
                            f"nothing right of the header's last column ('{cols[-1]}', column {len(cols)})",
                        )
                    ]
                )
            continue
        if isinstance(value, float) and not math.isfinite(value):
            raise ImportRejected(
                [
                    Problem(
                        where,
                        number,
                        cols[col - 1],
                        value,
                        "a finite number (no spreadsheet writes INF or NaN: the file is damaged)",
                    )
                ]
            )
        values[col - 1] = value
    return None if all(_blank(v) for v in values) else tuple(values)


def template_rows(kind: str) -> list[dict[str, object]]:
    """Example rows for a downloadable template (pseudonymous codes, an undated planned session)."""
    today = dt.date.today().isoformat()
    return {
        "sessions": [
            {
                "community": "Ultrasound Imaging",
                "number": 4,
                "status": "held",
                "date": today,
                "headcount": "",
                "note": "Headcount left empty: the register's size is used",
            },
            {
                "community": "Ultrasound Imaging",
                "number": 5,
                "status": "planned",
                "date": "",
                "headcount": "",
                "note": "",
            },
        ],
        "register": [
            {
                "community": "Ultrasound Imaging",
                "session_number": 4,
                "participant_code": "UI-001",
                "role": "Sonographer",
                "organisation": "King's College Hospital NHS Foundation Trust",
            },
            {
                "community": "Ultrasound Imaging",
                "session_number": 4,
                "participant_code": "UI-002",
                "role": "",
                "organisation": "",
            },
        ],
        "comments": [
            {
                "community": "Ultrasound Imaging",
                "session_number": 4,
                "text": "Useful to hear how other sites run their lists",
                "theme": "",
            },
        ],
    }[kind]
