"""More of the adversarial import corpus (tests.hostile_corpus): workbooks as other tools write them (Strict
Open XML, the 1904 date system, ISO date cells, shared and array formulas, merged cells, a thousand sheets),
careless CSVs (blank lines by the hundred thousand, UTF-16 "Unicode text", two byte-order marks), and small
and (tests.hostile_exhausting) small files made to exhaust memory or time through the number of elements
openpyxl builds objects for."""

from __future__ import annotations

import datetime as dt
import io

import openpyxl
from openpyxl.utils.datetime import CALENDAR_MAC_1904

from tests.hostile_exhausting import EXHAUSTING, renamed
from tests.hostile_files import (
    HEADER,
    LAUGHS,
    SHEET,
    UI,
    accept,
    book,
    csv,
    members,
    plain_book,
    planned,
    refuse,
    rezip,
    session_book,
    sessions_csv,
    strings_xml,
    with_parts,
    with_strings,
)
from tests.hostile_workbooks import DAMAGED, WORKBOOK, body, hostile, note, row

GOOD = f"{UI},4,planned,,,"
S1 = {"sessions": 1}
TRANSITIONAL = b"http://schemas.openxmlformats.org/spreadsheetml/2006/main"
STRICT = {
    TRANSITIONAL: b"http://purl.oclc.org/ooxml/spreadsheetml/main",
    b"http://schemas.openxmlformats.org/officeDocument/2006/relationships": (
        b"http://purl.oclc.org/ooxml/officeDocument/relationships"
    ),
}


def DATED(d):
    return ("SELECT date FROM sessions WHERE import_batch_id = :batch", d)


def NAMED(name):
    return ("SELECT file_name FROM import_batches WHERE id = :batch", name)


def strict(sheet_only: bool = False) -> bytes:
    """The plainest workbook saved as Strict Open XML (every part, or only its sheet)."""
    parts = members(plain_book())
    for name in [SHEET] if sheet_only else list(parts):
        for old, new in STRICT.items():
            parts[name] = parts[name].replace(old, new)
    return rezip(parts)


def book_1904(*rows: list) -> bytes:
    wb = openpyxl.Workbook()
    wb.epoch = CALENDAR_MAC_1904
    ws = wb.active
    ws.title = "sessions"
    for r in [HEADER, *rows]:
        ws.append(r)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def same_titles() -> bytes:
    data = book({"sessions": [HEADER, planned(4)], "other": [HEADER, planned(5)]})
    return with_parts(data, {WORKBOOK: members(data)[WORKBOOK].replace(b'name="other"', b'name="Sessions"')})


def odd_title() -> bytes:
    title = "O'Brien&apos;s [x] *?:/\\ &lt;&amp;&gt; \u202e\u200b"
    return with_parts(
        plain_book(),
        {WORKBOOK: members(plain_book())[WORKBOOK].replace(b'name="sessions"', f'name="{title}"'.encode())},
    )


def merged() -> bytes:
    second = row(3, "<v>5</v>").replace(f'<c r="A3" t="inlineStr"><is><t>{UI}</t></is></c>', "")
    return body(row(2) + second, extra='<mergeCells count="1"><mergeCell ref="A2:A3"/></mergeCells>')


def shared_formula(copies: int) -> bytes:
    """A note cell's shared formula of about 8,000 characters, then `copies` rows sharing it."""
    formula = "+".join(f"A{i}" for i in range(1, 1500))
    first = row(2, more=f'<c r="F2"><f t="shared" ref="F2:F{copies + 2}" si="0">{formula}</f><v>1</v></c>')
    rest = "".join(f'<row r="{r}"><c r="F{r}"><f t="shared" si="0"/><v>1</v></c></row>' for r in range(3, copies + 3))
    return body(first + rest)


OTHER_TOOLS = [
    accept(
        "dates-in-the-1904-date-system",
        "s.xlsx",
        lambda: book_1904([UI, 4, "held", dt.date(2025, 3, 4)]),
        S1,
        DATED(dt.date(2025, 3, 4)),
    ),
    accept(
        "iso-date-cell",
        "s.xlsx",
        lambda: body(row(2, status="held", more='<c r="D2" t="d"><v>2025-03-04</v></c>')),
        S1,
        DATED(dt.date(2025, 3, 4)),
    ),
    refuse(
        "iso-date-cell-not-a-date",
        "s.xlsx",
        lambda: body(row(2, status="held", more='<c r="D2" t="d"><v>yesterday</v></c>')),
        DAMAGED,
    ),
    refuse("strict-open-xml-workbook", "s.xlsx", strict, "saved as 'Strict Open XML Spreadsheet'"),
    refuse("strict-open-xml-sheet-in-a-workbook", "s.xlsx", lambda: strict(sheet_only=True), "Strict Open XML"),
    refuse("shared-string-part-missing", "s.xlsx", lambda: body(note(2, "<v>0</v>", ' t="s"')), DAMAGED),
    refuse(
        "shared-string-index-negative",
        "s.xlsx",
        lambda: with_strings(body(note(2, "<v>-1</v>", ' t="s"')), strings_xml("first", "last")),
        "shared string -1 does not exist",
    ),
    refuse(
        "shared-string-index-not-whole",
        "s.xlsx",
        lambda: with_strings(body(note(2, "<v>0.5</v>", ' t="s"')), strings_xml("a")),
        DAMAGED,
    ),
    refuse(
        "cell-reference-names-another-row",
        "s.xlsx",
        lambda: body(row(2) + row(3, "<v>5</v>").replace('r="A3"', 'r="A9"')),
        "row 3 holds a cell of row 9",
    ),
    refuse(
        "value-in-the-last-cell-xfd1048576",
        "s.xlsx",
        lambda: body(row(2) + '<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>'),
        "row 1048576, column 'column 16384': found 1, expected nothing right of the header",
    ),
    refuse("merged-community-cells", "s.xlsx", merged, "row 3, column 'community': found '', expected a value"),
    accept(
        "thousand-empty-sheets-and-a-sessions-sheet",
        "s.xlsx",
        lambda: book({**{f"empty {i}": [] for i in range(1000)}, "sessions": [HEADER, planned(4)]}),
        S1,
    ),
    refuse("thousand-empty-sheets", "s.xlsx", lambda: book({f"empty {i}": [] for i in range(1000)}), "a sheet named"),
    refuse("zero-byte-workbook", "s.xlsx", b"", "the file is empty"),
    refuse("two-sheets-of-one-name", "s.xlsx", same_titles, "more than one sheet named 'Sessions', 'sessions'"),
    accept("sheet-title-with-odd-characters", "s.xlsx", odd_title, S1),
    accept(
        "hidden-row-read-like-any-other",
        "s.xlsx",
        lambda: body(row(2).replace('<row r="2"', '<row r="2" hidden="1"', 1)),
        S1,
    ),
    accept("row-number-written-as-decimal", "s.xlsx", lambda: body(row().replace('<row r="2"', '<row r="2.0"', 1)), S1),
    accept("number-cell-with-spaces", "s.xlsx", lambda: body(row(number="<v> 4 </v>")), S1),
    accept(
        "number-cell-typed-as-string",
        "s.xlsx",
        lambda: body(row(number="<v>4</v>").replace('<c r="B2">', '<c r="B2" t="str">')),
        S1,
    ),
    refuse("number-cell-in-hex", "s.xlsx", lambda: body(row(number="<v>0x10</v>")), DAMAGED),
    refuse(
        "date-cell-in-number-column",
        "s.xlsx",
        lambda: session_book([UI, dt.date(2025, 1, 1), "planned", None, None, None]),
        "column 'number': found 2025-01-01 00:00:00, expected a whole number",
    ),
    refuse(
        "array-formula-cell",
        "s.xlsx",
        lambda: body(row(number='<f t="array" ref="B2">1+3</f><v>4</v>')),
        "column 'number': found '=1+3', expected a whole number",
    ),
    refuse(
        "data-table-formula-cell",
        "s.xlsx",
        lambda: body(note(2, '<f t="dataTable" ref="F2" dt2D="1" r1="A1"/><v>1</v>', "")),
        "column 'note': found '=', expected plain text, not a spreadsheet formula",
    ),
    refuse(
        "shared-formula-copy-without-text",
        "s.xlsx",
        lambda: body(row(number='<f t="shared" si="0"/><v>4</v>')),
        "column 'number': found '=', expected a whole number",
    ),
    refuse(
        "shared-formula-of-8000-characters-in-99k-rows",
        "s.xlsx",
        lambda: shared_formula(99_000),
        "row 2, column 'note': found '7887 characters', expected at most 5000 characters",
    ),
    accept("sheet-part-with-another-name", "s.xlsx", lambda: renamed(plain_book()), S1),
    refuse("doctype-in-a-sheet-part-with-another-name", "s.xlsx", lambda: renamed(hostile(SHEET, LAUGHS)), "DOCTYPE"),
]

CARELESS_CSV = [
    accept("100k-blank-lines-after-a-row", "s.csv", lambda: sessions_csv(GOOD) + b"\n" * 100_000, S1),
    refuse("100k-blank-lines-only", "s.csv", lambda: b"\n" * 100_000, "the file is empty"),
    accept("100k-blank-records-before-a-row", "s.csv", lambda: sessions_csv(*([",,,,,"] * 100_000), GOOD), S1),
    accept("five-million-blank-crlf-lines", "s.csv", lambda: sessions_csv(GOOD) + b"\r\n" * 5_000_000, S1),
    refuse(
        "utf-16-tab-separated-unicode-text",
        "s.csv",
        ("\ufeff" + "\n".join(x.replace(",", "\t") for x in (",".join(HEADER), GOOD)) + "\n").encode("utf-16-le"),
        "row 1: found 'a NUL byte (binary data, or text saved as UTF-16)'",
    ),
    refuse("two-byte-order-marks", "s.csv", b"\xef\xbb\xbf\xef\xbb\xbf" + sessions_csv(GOOD), "missing community"),
    refuse(
        "date-as-serial-number",
        "s.csv",
        sessions_csv(f"{UI},4,held,45000,,"),
        "found '45000', expected a date written YYYY-MM-DD",
    ),
    refuse("date-with-slashes-year-first", "s.csv", sessions_csv(f"{UI},4,held,2025/03/04,,"), "YYYY-MM-DD"),
    refuse(
        "file-name-with-trailing-space", "s.csv ", sessions_csv(GOOD), "found '.csv ', expected a .csv or .xlsx file"
    ),
    accept(
        "file-name-with-windows-path", "C:\\Users\\me\\s.csv", sessions_csv(GOOD), S1, NAMED("C:\\Users\\me\\s.csv")
    ),
    accept("file-name-with-a-line-break", "s\n.csv", sessions_csv(GOOD), S1, NAMED("s\n.csv")),
    refuse(
        "header-repeated-as-a-data-row",
        "s.csv",
        csv(",".join(HEADER), GOOD, ",".join(HEADER)),
        "row 3, column 'number': found 'number'",
    ),
]

MORE_KINDS = OTHER_TOOLS + EXHAUSTING + CARELESS_CSV
