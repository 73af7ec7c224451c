"""Reading an uploaded .xlsx safely: the archive is checked first (db.write.imports.archive: sizes, XML
without DOCTYPEs, bounded element counts), and every failure while openpyxl parses becomes one
`Unreadable` error that says the file is damaged or not a workbook.

While parsing: rows come from openpyxl's own sheet parser, cell by cell, so the sheet's `<dimension>`
is never trusted (a stale one used to drop rows), a far-away cell costs nothing, and rows or cells out
of order (which openpyxl's read-only sheet would silently skip or overwrite), a cell whose reference
names another row, and a shared-string index below 0 (Python would count it from the end) are refused.
"""

from __future__ import annotations

import io
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass

from openpyxl.reader.excel import ExcelReader
from openpyxl.worksheet._reader import FORMULA_TAG, WorkSheetParser

from db.write.imports.archive import PARSE_ERRORS, Unreadable, check_archive, damaged

__all__ = ["RawSheet", "Unreadable", "read_workbook"]

MAX_ROW_NUMBER = 1_048_576  # the last row a spreadsheet can have


@dataclass
class RawSheet:
    """One worksheet: its title and, lazily, (row number, [(column number, value), ...]) per row
    that has cells, in row order, cells in column order."""

    title: str
    rows: Iterator[tuple[int, list[tuple[int, object]]]]


def read_workbook(data: bytes) -> Iterator[RawSheet]:
    """The worksheets of a workbook, each read on demand; Unreadable when anything is wrong with it."""
    check_archive(data)
    book = _guarded(lambda: _load(data))
    try:
        for ws in book.worksheets:
            yield RawSheet(ws.title, _rows(ws))
    finally:
        book.close()


def _load(data: bytes):
    """openpyxl.load_workbook's steps, then a check that the workbook lists no sheet name twice (two sheets
    would share one name in every message) and that none it lists was skipped (openpyxl leaves out, without
    a word, a sheet whose part is missing)."""
    reader = ExcelReader(io.BytesIO(data), read_only=True, data_only=False)
    reader.read()
    listed = list(reader.parser.find_sheets())
    names = Counter(sheet.name.casefold() for sheet, _ in listed)
    if repeated := sorted({sheet.name for sheet, _ in listed if names[sheet.name.casefold()] > 1}):
        raise Unreadable(
            f"sheets of different names, as spreadsheet programs keep them (the workbook lists more than one sheet "
            f"named {', '.join(repr(name) for name in repeated)}: the file is damaged)"
        )
    missing = [sheet.name for sheet, rel in listed if rel.target not in reader.valid_files]
    if missing:
        raise Unreadable(
            f"every sheet the workbook lists (the file is damaged: no data for sheet "
            f"{', '.join(repr(m) for m in missing)})"
        )
    return reader.wb


def _guarded(call):
    """call() with any parse failure turned into Unreadable: the one boundary around openpyxl."""
    try:
        return call()
    except PARSE_ERRORS as exc:
        raise Unreadable(damaged(exc)) from None


class _SharedStrings:
    """The shared strings as the sheet parser looks them up: an index below 0 is out of range (a list
    would count it from the end and give another cell's text)."""

    def __init__(self, strings):
        self._strings = strings

    def __getitem__(self, index: int):
        if index < 0:
            raise IndexError(f"shared string {index} does not exist")
        return self._strings[index]


class _SheetParser(WorkSheetParser):
    """openpyxl's sheet parser, with a formula cell's value its own text: "=" and the formula as written.
    openpyxl would translate a shared formula for every cell that shares it, tokenizing it again each time
    (a 30 KB file of one long shared formula took 11 s of CPU, a 20 MB one would take hours), and gives
    array and data-table formulas as objects; the import refuses every formula, so its text is enough."""

    def parse_formula(self, element):
        return "=" + (element.find(FORMULA_TAG).text or "")


def _parser(ws) -> WorkSheetParser:
    """openpyxl's streaming parser of one sheet, set up as ReadOnlyWorksheet._cells_by_row sets it
    up (openpyxl's read-only rows pad every row to its last cell and trust `<dimension>`)."""
    book = ws.parent
    # openpyxl private attributes (pinned below 4: the hostile corpus would show a change)
    return _SheetParser(
        ws._get_source(),  # noqa: SLF001
        _SharedStrings(ws._shared_strings),  # noqa: SLF001
        data_only=book.data_only,
        epoch=book.epoch,
        date_formats=book._date_formats,  # noqa: SLF001
        timedelta_formats=book._timedelta_formats,  # noqa: SLF001
    )


def _rows(ws) -> Iterator[tuple[int, list[tuple[int, object]]]]:
    """(row number, [(column, value)]) of each row with cells; Unreadable for rows or cells out of
    order (a repeated row or cell would otherwise hide another) or past the last possible row."""
    parser = _guarded(lambda: _parser(ws))
    rows = parser.parse()
    try:
        last = 0
        while (item := _guarded(lambda: next(rows, None))) is not None:
            number, cells = item
            if not last < number <= MAX_ROW_NUMBER:
                raise Unreadable(
                    f"rows numbered 1 to {MAX_ROW_NUMBER:,} in order (sheet '{ws.title}' "
                    f"has row {number} after row {last}: the file is damaged)"
                )
            last = number
            yield number, _cells(ws.title, number, cells)
    finally:
        parser.source.close()


def _cells(title: str, number: int, cells: list[dict]) -> list[tuple[int, object]]:
    """[(column, value)] of one row's cells; Unreadable for a cell of another row, or one out of
    column order."""
    at, out = 0, []
    for cell in cells:
        if cell["row"] != number:
            raise Unreadable(
                f"cells in the row that holds them (sheet '{title}', row {number} holds a cell "
                f"of row {cell['row']}: the file is damaged)"
            )
        if cell["column"] <= at:
            raise Unreadable(
                f"cells in column order (sheet '{title}', row {number} has a "
                f"repeated or misplaced cell: the file is damaged)"
            )
        at = cell["column"]
        out.append((at, cell["value"]))
    return out
