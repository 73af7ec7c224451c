"""The workbook part of the adversarial import corpus: sizes, structure, damaged and hostile
workbooks, and files that are not what their name says (see tests.hostile_corpus)."""

from __future__ import annotations

import gzip
import random
import zipfile
import zlib

from tests.editors import REGISTER
from tests.hostile_files import (
    HEADER,
    LAUGHS,
    MAIN,
    SHEET,
    STRINGS,
    UI,
    accept,
    as_raw_zip,
    book,
    members,
    plain_book,
    planned,
    raw_zip,
    refuse,
    rezip,
    session_book,
    sessions_csv,
    sessions_sheet,
    sheet_book,
    sheet_xml,
    strings_xml,
    sub,
    with_parts,
    with_strings,
    zeros_deflated,
)

DAMAGED = "damaged"
GOOD_CSV = sessions_csv(f"{UI},4,planned,,,")
S1 = {"sessions": 1}


def COUNTED(n):
    return ("SELECT count(*) FROM sessions WHERE import_batch_id = :batch", n)


def NOTED(text):
    return ("SELECT note FROM sessions WHERE import_batch_id = :batch", text)


WORKBOOK = "xl/workbook.xml"


def noise(n: int, seed: int = 1) -> bytes:
    return random.Random(seed).randbytes(n)


def cut(part: str, data: bytes | None = None) -> bytes:
    data = data or plain_book()
    return with_parts(data, {part: members(data)[part][: len(members(data)[part]) // 2]})


def body(rows: str, prolog: str = "", extra: str = "", head_more: str = "", dimension: str = "") -> bytes:
    """A workbook whose sheet is the sessions header (row 1) then `rows`, XML written as given."""
    head = "".join(f'<c r="{chr(65 + i)}1" t="inlineStr"><is><t>{h}</t></is></c>' for i, h in enumerate(HEADER))
    dim = f'<dimension ref="{dimension}"/>' if dimension else ""
    return sheet_book(
        (
            f'<?xml version="1.0" encoding="UTF-8"?>{prolog}<worksheet {MAIN}>{dim}<sheetData>'
            f'<row r="1">{head}{head_more}</row>{rows}</sheetData>{extra}</worksheet>'
        ).encode()
    )


def row(n: int = 2, number: str = "<v>4</v>", status: str = "planned", more: str = "") -> str:
    return (
        f'<row r="{n}"><c r="A{n}" t="inlineStr"><is><t>{UI}</t></is></c><c r="B{n}">{number}</c>'
        f'<c r="C{n}" t="inlineStr"><is><t>{status}</t></is></c>{more}</row>'
    )


def note(n: int, inner: str, attrs: str = ' t="inlineStr"') -> str:
    return row(n, more=f'<c r="F{n}"{attrs}>{inner}</c>')


def bad_deflate() -> bytes:
    data = plain_book()
    sheet = members(data)[SHEET]
    c = zlib.compressobj(6, zlib.DEFLATED, -15)
    stream = bytearray(c.compress(sheet) + c.flush())
    stream[len(stream) // 2 : len(stream) // 2 + 8] = b"\xff" * 8
    return as_raw_zip(data, {SHEET: (bytes(stream), zlib.crc32(sheet), len(sheet))})


def bad_crc() -> bytes:
    data = plain_book()
    sheet = members(data)[SHEET]
    c = zlib.compressobj(6, zlib.DEFLATED, -15)
    return as_raw_zip(data, {SHEET: (c.compress(sheet) + c.flush(), zlib.crc32(sheet) ^ 1, len(sheet))})


def bomb(declared: int, stream_mib: int) -> bytes:
    """sharedStrings replaced by `stream_mib` MiB of zeros, declared as `declared` bytes."""
    return as_raw_zip(plain_book(), {STRINGS: (zeros_deflated(stream_mib << 20), 0, declared)})


def many_parts(n: int) -> bytes:
    parts = members(plain_book())
    parts.update({f"customXml/item{i}.bin": b"x" for i in range(n)})
    return rezip(parts, zipfile.ZIP_STORED)


def encrypted() -> bytes:
    data = bytearray(rezip(members(plain_book()), zipfile.ZIP_STORED))
    for signature, flag_at in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):  # local header, then central
        at = -1
        while (at := data.find(signature, at + 1)) >= 0:
            data[at + flag_at] |= 1
    return bytes(data)


def method(number: int) -> bytes:
    entries = [(n, p, 0, zlib.crc32(p), len(p)) for n, p in members(plain_book()).items()]
    entries = [(n, p, number if n == SHEET else m, c, s) for n, p, m, c, s in entries]
    return raw_zip(entries)


def rows_book(n: int) -> bytes:
    """A sessions sheet of `n` rows of one cell each (every row counts; the row limit comes first)."""
    return sheet_book(sheet_xml([HEADER, *([UI] for _ in range(n))]))


def wide_sheet(columns: int) -> bytes:
    return sheet_book(sheet_xml([[f"h{i}" for i in range(columns)], [1] * 3]))


def strings_over_cap() -> bytes:
    """Honest sizes: sharedStrings really is 60 MB of XML, past the 50 MB cap."""
    return with_strings(plain_book(), strings_xml(*(["x" * 1000] * 60_000)))


def large_register(n: int) -> bytes:
    return book(
        {
            "sessions": [HEADER, [UI, 4, "held", None, None, None]],
            "register": [REGISTER.split(","), *([UI, 4, f"UI-{i:05d}", None, None] for i in range(1, n + 1))],
        }
    )


def nested(depth: int) -> bytes:
    return body(row(), extra=f"<extLst>{'<ext>' * depth}{'</ext>' * depth}</extLst>")


def hostile(part: str, prolog: str, use: bytes = b"&lol9;") -> bytes:
    """The plainest workbook with `prolog` after one part's XML declaration (and `use` in its text)."""
    data = plain_book()
    xml = members(data)[part]
    end = xml.index(b"?>") + 2 if xml.startswith(b"<?xml") else 0
    xml = xml[:end] + prolog.encode() + xml[end:]
    if part == SHEET:
        xml = xml.replace(b"<t>planned</t>", b"<t>" + use + b"</t>", 1)
    return with_parts(data, {part: xml})


XXE_FILE = '<!DOCTYPE x [<!ENTITY lol9 SYSTEM "file:///etc/passwd">]>'
XXE_HTTP = '<!DOCTYPE x [<!ENTITY lol9 SYSTEM "http://127.0.0.1:9/x">]>'
PARAMETER = '<!DOCTYPE x [<!ENTITY % p SYSTEM "http://127.0.0.1:9/p.dtd"> %p;]>'
QUADRATIC = '<!DOCTYPE x [<!ENTITY lol9 "' + "a" * 50_000 + '">]>'

WORKBOOK_SIZES = [
    refuse("workbook-of-100k-and-1-rows", "s.xlsx", lambda: rows_book(100_001), "at most 100,000 rows"),
    refuse("workbook-header-of-201-columns", "s.xlsx", lambda: wide_sheet(201), "at most 200 columns"),
    refuse(
        "workbook-header-in-column-xfd",
        "s.xlsx",
        lambda: body(row(), head_more='<c r="XFD1" t="inlineStr"><is><t>x</t></is></c>'),
        "at most 200 columns",
    ),
    refuse("shared-strings-of-60-mb", "s.xlsx", strings_over_cap, "at most 50 MB when unpacked"),
    refuse("zip-bomb-2-gib-declared", "s.xlsx", lambda: bomb(2 << 30, 2048), "zip bomb"),
    refuse("zip-bomb-declared-small", "s.xlsx", lambda: bomb(1000, 512), DAMAGED),
    refuse("zip-bomb-declared-40-mb", "s.xlsx", lambda: bomb(40 << 20, 512), DAMAGED),
    refuse("three-thousand-parts", "s.xlsx", lambda: many_parts(3000), "at most 2,000 parts"),
]

FIVE = "".join(row(n, f"<v>{n + 2}</v>") for n in range(2, 7))

WORKBOOKS = [
    accept("stale-dimension-a1-f2", "s.xlsx", lambda: body(FIVE, dimension="A1:F2"), {"sessions": 5}, COUNTED(5)),
    accept("stale-dimension-a1", "s.xlsx", lambda: body(FIVE, dimension="A1"), {"sessions": 5}, COUNTED(5)),
    accept("dimension-of-the-whole-sheet", "s.xlsx", lambda: body(FIVE, dimension="A1:XFD1048576"), {"sessions": 5}),
    accept("dimension-nonsense", "s.xlsx", lambda: body(FIVE, dimension="B7:A1"), {"sessions": 5}),
    accept("no-dimension", "s.xlsx", lambda: body(FIVE), {"sessions": 5}),
    accept(
        "rows-and-cells-without-references",
        "s.xlsx",
        lambda: sessions_sheet(planned(4), planned(5), refs=False),
        {"sessions": 2},
    ),
    accept("header-on-row-3", "s.xlsx", lambda: sheet_book(sheet_xml([HEADER, planned(4)], first=3)), S1),
    accept("gap-of-a-million-rows", "s.xlsx", lambda: body(row(2) + row(1_048_576, "<v>5</v>")), {"sessions": 2}),
    accept("empty-styled-cell-in-xfd", "s.xlsx", lambda: body(row(more='<c r="XFD2" s="0"/>')), S1),
    accept(
        "blank-text-right-of-header",
        "s.xlsx",
        lambda: body(row(more='<c r="H2" t="inlineStr"><is><t xml:space="preserve"> </t></is></c>')),
        S1,
    ),
    refuse(
        "value-right-of-header",
        "s.xlsx",
        lambda: session_book([*planned(4), "surprise"]),
        "row 2, column 'column 7': found 'surprise', expected nothing right of the header",
    ),
    refuse("row-number-of-a-trillion", "s.xlsx", lambda: body(row(10**12)), DAMAGED),
    refuse("row-past-the-last", "s.xlsx", lambda: body(row(1_048_577)), DAMAGED),
    refuse("rows-out-of-order", "s.xlsx", lambda: body(row(3) + row(2, "<v>5</v>")), DAMAGED),
    refuse("row-repeated", "s.xlsx", lambda: body(row(2) + row(2, "<v>5</v>")), DAMAGED),
    refuse(
        "cell-repeated", "s.xlsx", lambda: body(row(more='<c r="C2" t="inlineStr"><is><t>held</t></is></c>')), DAMAGED
    ),
    refuse("cell-reference-of-four-letters", "s.xlsx", lambda: body(row(more='<c r="ZZZZ2"><v>1</v></c>')), DAMAGED),
    refuse("row-number-not-a-number", "s.xlsx", lambda: body(row().replace('r="2"', 'r="two"', 1)), DAMAGED),
    refuse("shared-string-index-out-of-range", "s.xlsx", lambda: body(note(2, "<v>99</v>", ' t="s"')), DAMAGED),
    refuse(
        "boolean-in-number-column",
        "s.xlsx",
        lambda: body(row(number="<v>1</v>").replace('<c r="B2">', '<c r="B2" t="b">')),
        "whole number",
    ),
    refuse(
        "error-cell-in-number-column",
        "s.xlsx",
        lambda: body(row(number="<v>#DIV/0!</v>").replace('<c r="B2">', '<c r="B2" t="e">')),
        "whole number",
    ),
    refuse("inf-in-number-cell", "s.xlsx", lambda: body(row(number="<v>INF</v>")), DAMAGED),
    refuse("nan-in-number-cell", "s.xlsx", lambda: body(row(number="<v>NaN</v>")), DAMAGED),
    refuse("overflowing-exponent-in-number-cell", "s.xlsx", lambda: body(row(number="<v>1E999</v>")), DAMAGED),
    refuse("negative-infinity-in-note-cell", "s.xlsx", lambda: body(note(2, "<v>-1E999</v>", "")), DAMAGED),
    refuse("number-cell-of-400-digits", "s.xlsx", lambda: body(row(number=f"<v>{'9' * 400}</v>")), "whole number"),
    refuse("number-cell-of-5000-digits", "s.xlsx", lambda: body(row(number=f"<v>{'9' * 5000}</v>")), DAMAGED),
    # openpyxl leaves Excel's _xHHHH_ escapes as written, so no NUL or surrogate can come from a workbook
    accept(
        "nul-escape-in-inline-string-kept-as-written",
        "s.xlsx",
        lambda: body(note(2, "<is><t>a_x0000_b</t></is>")),
        S1,
        NOTED("a_x0000_b"),
    ),
    accept(
        "surrogate-escape-in-inline-string-kept-as-written",
        "s.xlsx",
        lambda: body(note(2, "<is><t>a_xD800_b</t></is>")),
        S1,
        NOTED("a_xD800_b"),
    ),
    accept(
        "nul-escape-in-shared-string-kept-as-written",
        "s.xlsx",
        lambda: with_strings(body(note(2, "<v>0</v>", ' t="s"')), strings_xml("x_x0000_y")),
        S1,
        NOTED("x_x0000_y"),
    ),
    refuse("surrogate-character-reference", "s.xlsx", lambda: body(note(2, "<is><t>a&#xD800;b</t></is>")), DAMAGED),
    accept(
        "rich-text-shared-string",
        "s.xlsx",
        lambda: with_strings(
            body(note(2, "<v>0</v>", ' t="s"')),
            (
                f'<sst {MAIN}><si><r><rPr><b/></rPr><t>bold</t></r><r><t xml:space="preserve"> plain</t></r></si></sst>'
            ).encode(),
        ),
        S1,
        NOTED("bold plain"),
    ),
    accept(
        "number-as-text-in-number-column",
        "s.xlsx",
        lambda: body(row(number="<is><t>4</t></is>").replace('<c r="B2">', '<c r="B2" t="inlineStr">')),
        S1,
    ),
    accept(
        "comment-and-processing-instruction-in-sheet",
        "s.xlsx",
        lambda: body("<!-- a comment --><?pi data?>" + row()),
        S1,
    ),
    accept(
        "hidden-sheet-read-like-any-other",
        "s.xlsx",
        lambda: with_parts(
            plain_book(), {WORKBOOK: members(plain_book())[WORKBOOK].replace(b'state="visible"', b'state="hidden"')}
        ),
        S1,
    ),
    refuse(
        "hidden-sheet-with-a-bad-row",
        "s.xlsx",
        lambda: with_parts(
            session_book([UI, "x", "planned", None, None, None]),
            {
                WORKBOOK: members(session_book([UI, "x", "planned", None, None, None]))[WORKBOOK].replace(
                    b'state="visible"', b'state="hidden"'
                )
            },
        ),
        "found 'x', expected a whole number",
    ),
    accept(
        "instructions-sheet-with-anything",
        "s.xlsx",
        lambda: book({"Instructions": [["=SUM(A1)", "<script>"], [None, "#REF!"]], "sessions": [HEADER, planned(4)]}),
        S1,
    ),
    refuse("only-an-instructions-sheet", "s.xlsx", lambda: book({"instructions": [["read me"]]}), "a sheet named"),
    refuse("sheet-with-header-only", "s.xlsx", lambda: book({"sessions": [HEADER]}), "at least one data row"),
    refuse("empty-workbook-sheet", "s.xlsx", lambda: book({"sessions": []}), "a sheet named"),
    refuse("sheet-with-another-root", "s.xlsx", lambda: sheet_book(b"<html><body>hi</body></html>"), "a sheet named"),
    accept("sheet-title-with-markup", "s.xlsx", lambda: book({"<b>x<b>": [HEADER, planned(4)]}), S1),
    accept("zip-with-trailing-bytes", "s.xlsx", lambda: plain_book() + b"trailing", S1),
    accept("zip-members-stored-not-deflated", "s.xlsx", lambda: rezip(members(plain_book()), zipfile.ZIP_STORED), S1),
    accept("member-named-with-dot-dot", "s.xlsx", lambda: with_parts(plain_book(), {"../../evil.txt": b"x"}), S1),
    accept(
        "xinclude-in-sheet-is-inert",
        "s.xlsx",
        lambda: body(row(), extra='<xi:include xmlns:xi="http://www.w3.org/2001/XInclude" href="file:///etc/passwd"/>'),
        S1,
    ),
    accept(
        "sheet-encoded-as-utf-16",
        "s.xlsx",
        lambda: with_parts(
            plain_book(),
            {
                SHEET: members(plain_book())[SHEET]
                .decode()
                .replace('encoding="UTF-8"', 'encoding="UTF-16"')
                .encode("utf-16")
            },
        ),
        S1,
    ),
]

DAMAGED_BOOKS = [
    refuse("sheet-cut-in-half", "s.xlsx", lambda: cut(SHEET), DAMAGED),
    refuse("shared-strings-cut-in-half", "s.xlsx", lambda: cut(STRINGS), DAMAGED),
    refuse("workbook-part-cut-in-half", "s.xlsx", lambda: cut(WORKBOOK), DAMAGED),
    refuse("content-types-cut-in-half", "s.xlsx", lambda: cut("[Content_Types].xml"), DAMAGED),
    refuse("relationships-cut-in-half", "s.xlsx", lambda: cut("xl/_rels/workbook.xml.rels"), DAMAGED),
    refuse("styles-cut-in-half", "s.xlsx", lambda: cut("xl/styles.xml"), DAMAGED),
    refuse("corrupt-deflate-stream", "s.xlsx", bad_deflate, DAMAGED),
    refuse("wrong-checksum", "s.xlsx", bad_crc, DAMAGED),
    refuse("archive-cut-in-half", "s.xlsx", lambda: plain_book()[: len(plain_book()) // 2], DAMAGED),
    refuse("archive-without-end-record", "s.xlsx", lambda: plain_book()[:-22], DAMAGED),
    refuse("archive-of-100-bytes", "s.xlsx", lambda: plain_book()[:100], DAMAGED),
    refuse("encrypted-parts", "s.xlsx", encrypted, DAMAGED),
    refuse("unknown-compression-method", "s.xlsx", lambda: method(99), DAMAGED),
    refuse("bzip2-method-on-plain-bytes", "s.xlsx", lambda: method(12), DAMAGED),
    refuse("workbook-part-missing", "s.xlsx", lambda: with_parts(plain_book(), {WORKBOOK: None}), DAMAGED),
    refuse("sheet-part-missing", "s.xlsx", lambda: with_parts(plain_book(), {SHEET: None}), "no data for sheet"),
    refuse(
        "second-sheet-part-missing",
        "s.xlsx",
        lambda: with_parts(
            book({"sessions": [HEADER, planned(4)], "register": [REGISTER.split(","), [UI, 4, "UI-001", None, None]]}),
            {"xl/worksheets/sheet2.xml": None},
        ),
        "no data for sheet 'register'",
    ),
    refuse("content-types-missing", "s.xlsx", lambda: with_parts(plain_book(), {"[Content_Types].xml": None}), DAMAGED),
    refuse("sheet-of-random-bytes", "s.xlsx", lambda: with_parts(plain_book(), {SHEET: noise(3000)}), DAMAGED),
    refuse("sheet-of-no-bytes", "s.xlsx", lambda: with_parts(plain_book(), {SHEET: b""}), DAMAGED),
    refuse("nul-character-reference", "s.xlsx", lambda: body(note(2, "<is><t>a&#0;b</t></is>")), DAMAGED),
    refuse("unknown-entity-reference", "s.xlsx", lambda: body(note(2, "<is><t>a&nbsp;b</t></is>")), DAMAGED),
    refuse("mismatched-tags", "s.xlsx", lambda: body(row().replace("</row>", "</rows>")), DAMAGED),
    refuse(
        "relationship-to-missing-part",
        "s.xlsx",
        lambda: sub("xl/_rels/workbook.xml.rels", b"worksheets/sheet1.xml", b"worksheets/nowhere.xml"),
        "no data for sheet",
    ),
    refuse("deeply-nested-elements", "s.xlsx", lambda: nested(200_000), DAMAGED),
]

HOSTILE = [
    refuse("billion-laughs-in-sheet", "s.xlsx", lambda: hostile(SHEET, LAUGHS), "DOCTYPE"),
    refuse("billion-laughs-in-shared-strings", "s.xlsx", lambda: hostile(STRINGS, LAUGHS), "DOCTYPE"),
    refuse("billion-laughs-in-workbook-part", "s.xlsx", lambda: hostile(WORKBOOK, LAUGHS), "DOCTYPE"),
    refuse("billion-laughs-in-content-types", "s.xlsx", lambda: hostile("[Content_Types].xml", LAUGHS), "DOCTYPE"),
    refuse("billion-laughs-in-styles", "s.xlsx", lambda: hostile("xl/styles.xml", LAUGHS), "DOCTYPE"),
    refuse("quadratic-blowup-entity", "s.xlsx", lambda: hostile(SHEET, QUADRATIC, b"&lol9;" * 1000), "DOCTYPE"),
    refuse("external-entity-file", "s.xlsx", lambda: hostile(SHEET, XXE_FILE), "DOCTYPE"),
    refuse("external-entity-http", "s.xlsx", lambda: hostile(STRINGS, XXE_HTTP), "DOCTYPE"),
    refuse("external-entity-in-relationships", "s.xlsx", lambda: hostile("_rels/.rels", XXE_FILE), "DOCTYPE"),
    refuse("parameter-entity", "s.xlsx", lambda: hostile(SHEET, PARAMETER, b"x"), "DOCTYPE"),
    refuse("doctype-without-entities", "s.xlsx", lambda: hostile(SHEET, "<!DOCTYPE worksheet>", b"planned"), "DOCTYPE"),
    refuse(
        "doctype-in-utf-16-part",
        "s.xlsx",
        lambda: with_parts(
            plain_book(),
            {
                SHEET: (
                    '<?xml version="1.0" encoding="UTF-16"?>' + LAUGHS + members(plain_book())[SHEET].decode()
                ).encode("utf-16")
            },
        ),
        "DOCTYPE",
    ),
    refuse(
        "entity-in-internal-subset-only",
        "s.xlsx",
        lambda: hostile(SHEET, '<!DOCTYPE x [<!ENTITY lol9 "p">]>'),
        "DOCTYPE",
    ),
]

NOT_A_FILE = [
    refuse("random-bytes-named-csv", "s.csv", lambda: noise(4096), "NUL byte"),
    refuse("random-bytes-named-xlsx", "s.xlsx", lambda: noise(4096, 2), "not a workbook"),
    refuse("pdf-named-xlsx", "s.xlsx", b"%PDF-1.7\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n", "not a workbook"),
    refuse("png-named-csv", "s.csv", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "NUL byte"),
    refuse("legacy-xls-named-xlsx", "s.xlsx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504, "not a workbook"),
    refuse("xls-extension", "s.xls", GOOD_CSV, "a .csv or .xlsx file"),
    refuse("txt-extension", "s.txt", GOOD_CSV, "a .csv or .xlsx file"),
    refuse("no-extension", "sessions", GOOD_CSV, "a .csv or .xlsx file"),
    refuse(
        "docx-named-xlsx",
        "s.xlsx",
        lambda: rezip({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w:document/>"}),
        DAMAGED,
    ),
    refuse(
        "ods-named-xlsx",
        "s.xlsx",
        lambda: rezip(
            {
                "mimetype": b"application/vnd.oasis.opendocument.spreadsheet",
                "content.xml": b"<office:document-content/>",
            }
        ),
        DAMAGED,
    ),
    refuse("empty-zip", "s.xlsx", lambda: rezip({}), DAMAGED),
    refuse("zip-of-a-csv", "s.xlsx", lambda: rezip({"sessions.csv": GOOD_CSV}), DAMAGED),
    refuse("gzip-named-csv", "s.csv", lambda: gzip.compress(GOOD_CSV, mtime=0), "NUL byte"),
    refuse(
        "html-named-csv", "s.csv", b"<html><body><table><tr><td>x</td></tr></table></body></html>\n", "the header of a"
    ),
    refuse("json-named-csv", "s.csv", b'[{"community": "Ultrasound Imaging", "number": 4}]\n', "the header of a"),
    refuse("csv-named-xlsx", "s.xlsx", GOOD_CSV, "not a workbook"),
    refuse("xlsx-named-csv", "s.csv", plain_book, "NUL byte"),
    refuse("file-name-with-nul", "s\x00.csv", GOOD_CSV, "NUL"),
    refuse("file-name-with-lone-surrogate", "s\udcff.csv", GOOD_CSV, "surrogate"),
    accept(
        "file-name-with-path",
        "../../etc/s.csv",
        GOOD_CSV,
        S1,
        ("SELECT file_name FROM import_batches WHERE id = :batch", "../../etc/s.csv"),
    ),
    accept("file-name-in-capitals", "S.CSV", GOOD_CSV, S1),
    accept("file-name-with-two-extensions", "s.xlsx.csv", GOOD_CSV, S1),
    accept("file-name-with-markup", "<img src=x onerror=alert(1)>.csv", GOOD_CSV, S1),
    accept("file-name-of-only-an-extension", ".csv", GOOD_CSV, S1),
]
