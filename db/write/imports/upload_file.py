"""Reading an uploaded file into sheets, before the database is touched: its name, size and type,
and a CSV file's text (a workbook's sheets are read by upload_xlsx).
"""

from __future__ import annotations

import csv
import io

from db.errors import ImportRejected, Problem
from db.write.imports.upload import (
    MAX_BYTES,
    MAX_FILE_NAME,
    MAX_ROWS,
    UNSTORABLE_RE,
    KindOf,
    Sheet,
    header_kind,
)
from db.write.imports.upload_xlsx import read_xlsx


def read_upload(file_name: str, data: bytes, kind_of: KindOf | None = None) -> list[Sheet]:
    """The sheets of an uploaded file, or ImportRejected naming what is wrong with the file itself.
    `kind_of(where, header, row)` names a header's kind or refuses it (default: the three kinds here;
    db.write.feedback_import passes its own)."""
    kind_of = kind_of or header_kind
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
        return read_xlsx(file_name, data, kind_of)
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
