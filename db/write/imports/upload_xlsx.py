"""Reading an uploaded workbook's sheets (opened safely by workbook) into Sheets of data rows."""

from __future__ import annotations

import math
from collections.abc import Sequence

from db.errors import ImportRejected, Problem
from db.write.imports import workbook
from db.write.imports.upload import IGNORED_SHEETS, MAX_COLUMNS, MAX_ROWS, KindOf, Sheet


def read_xlsx(file_name: str, data: bytes, kind_of: KindOf) -> list[Sheet]:
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
