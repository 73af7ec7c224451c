"""Small workbooks made to exhaust memory or time through the number of elements openpyxl builds objects
for (part of the adversarial import corpus, tests.hostile_corpus): each is refused by the element counts
db.write.imports.archive checks before parsing."""

from __future__ import annotations

from tests.hostile_files import MAIN, SHEET, accept, members, plain_book, refuse, rezip, sub, with_parts, with_strings
from tests.hostile_workbooks import body, note, row

S1 = {"sessions": 1}
STYLES = "xl/styles.xml"
RELS = "xl/_rels/workbook.xml.rels"
TOO_MANY = "the file is damaged or made to exhaust the server"


def renamed(data: bytes, new: str = "xl/worksheets/sheet1.dat") -> bytes:
    """The workbook with its sheet part under another name, the workbook pointing at it."""
    parts = members(data)
    parts[new] = parts.pop(SHEET)
    parts[RELS] = parts[RELS].replace(b"worksheets/sheet1.xml", new.removeprefix("xl/").encode())
    return rezip(parts)


def styles(n: int) -> bytes:
    xml = members(plain_book())[STYLES]
    return with_parts(
        plain_book(), {STYLES: xml.replace(b'<cellXfs count="1">', b'<cellXfs count="1">' + b"<xf/>" * n)}
    )


def rich_runs(rows: int, runs: int) -> bytes:
    text = "<r><t>a</t></r>" * runs
    cells = "".join(f'<row r="{r}"><c r="F{r}" t="inlineStr"><is>{text}</is></c></row>' for r in range(3, rows + 3))
    return body(row(2) + cells)


PIVOT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/pivotCache"
CT = "application/vnd.openxmlformats-officedocument.spreadsheetml."
RECORDS, DEFINITION = "xl/pivotCache/pivotCacheRecords1.xml", "xl/pivotCache/pivotCacheDefinition1.xml"


def pivot_book(records: int, *, records_type: str = "pivotCacheRecords+xml", from_workbook: bool = False) -> bytes:
    """The plainest workbook with a pivot table's cache of `records` copied source rows, as Excel saves one:
    a cache definition the workbook names, its records the definition's relationship targets. Optionally the
    records declared as another kind of part, or targeted by the workbook itself as well."""
    parts = members(plain_book())
    types = f'<Override PartName="/{DEFINITION}" ContentType="{CT}pivotCacheDefinition+xml"/>'
    types += f'<Override PartName="/{RECORDS}" ContentType="{CT}{records_type}"/>'
    parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(b"</Types>", types.encode() + b"</Types>")
    links = f'<Relationship Type="{PIVOT}Definition" Target="pivotCache/pivotCacheDefinition1.xml" Id="rId20"/>'
    if from_workbook:
        links += f'<Relationship Type="{PIVOT}Records" Target="pivotCache/pivotCacheRecords1.xml" Id="rId21"/>'
    parts[RELS] = parts[RELS].replace(b"</Relationships>", links.encode() + b"</Relationships>")
    parts[DEFINITION] = (
        f'<pivotCacheDefinition {MAIN} recordCount="{records}"><cacheFields count="0"/></pivotCacheDefinition>'.encode()
    )
    parts["xl/pivotCache/_rels/pivotCacheDefinition1.xml.rels"] = (
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        f'<Relationship Type="{PIVOT}Records" Target="pivotCacheRecords1.xml" Id="rId1"/></Relationships>'
    ).encode()
    parts[RECORDS] = (
        f'<pivotCacheRecords {MAIN} count="{records}">'.encode()
        + b'<r><n v="1"/></r>' * records
        + b"</pivotCacheRecords>"
    )
    return rezip(parts)


def empty_cells(rows: int, cells: int) -> bytes:
    return body(row(2) + "".join(f'<row r="{r}">' + "<c/>" * cells + "</row>" for r in range(3, rows + 3)))


EXHAUSTING = [
    refuse(
        "row-of-8-million-empty-cells",
        "s.xlsx",
        lambda: empty_cells(1, 8_000_000),
        "at most 100,000 elements in one row",
    ),
    refuse(
        "row-of-8-million-cells-in-a-part-with-another-name",
        "s.xlsx",
        lambda: renamed(empty_cells(1, 8_000_000)),
        "part 'xl/worksheets/sheet1.dat' holds more",
    ),
    refuse("nine-million-styles", "s.xlsx", lambda: styles(9_000_000), "at most 200,000 elements outside rows"),
    refuse("million-styles", "s.xlsx", lambda: styles(1_000_000), "part 'xl/styles.xml' holds more"),
    refuse(
        "nine-million-shared-strings",
        "s.xlsx",
        lambda: with_strings(body(row(2)), f"<sst {MAIN}>".encode() + b"<si/>" * 9_000_000 + b"</sst>"),
        "at most 2,000,000 elements outside rows (part 'xl/sharedStrings.xml'",
    ),
    accept(
        "half-a-million-shared-strings",
        "s.xlsx",
        lambda: with_strings(body(row(2)), f"<sst {MAIN}>".encode() + b"<si><t>x</t></si>" * 500_000 + b"</sst>"),
        S1,
    ),
    refuse("seven-million-empty-rows", "s.xlsx", lambda: body(row(2) + "<row/>" * 7_000_000), "at most 1,048,576 rows"),
    refuse(
        "million-merged-ranges",
        "s.xlsx",
        lambda: body(row(2), extra="<mergeCells>" + '<mergeCell ref="A1:B2"/>' * 1_000_000 + "</mergeCells>"),
        TOO_MANY,
    ),
    refuse("four-million-empty-cells-in-40-rows", "s.xlsx", lambda: empty_cells(40, 99_000), "in all rows together"),
    refuse("rich-text-of-2-million-runs", "s.xlsx", lambda: rich_runs(50, 49_000), "in all rows together"),
    accept(
        "rich-text-note-of-4000-runs",
        "s.xlsx",
        lambda: body(note(2, "<is>" + "<r><t>a</t></r>" * 4000 + "</is>")),
        S1,
        ("SELECT note FROM sessions WHERE import_batch_id = :batch", "a" * 4000),
    ),
    # a genuine pivot table's cache is never parsed, so its size is no reason to refuse; a part that merely
    # sits in the pivot cache folder, and could be read as something else, is held to the limit
    accept("pivot-cache-of-150000-source-rows", "s.xlsx", lambda: pivot_book(150_000), S1),
    refuse(
        "pivot-cache-records-the-workbook-targets-too",
        "s.xlsx",
        lambda: pivot_book(150_000, from_workbook=True),
        f"part '{RECORDS}' holds more",
    ),
    refuse(
        "twenty-thousand-links-into-the-pivot-cache-folder",
        "s.xlsx",
        lambda: sub(
            RELS,
            b"</Relationships>",
            "".join(
                f'<Relationship Type="{PIVOT}Records" Target="pivotCache/r{i}.xml" Id="rIdP{i}"/>'
                for i in range(20_000)
            ).encode()
            + b"</Relationships>",
        ),
        "at most 10,000 pivot cache declarations and links",
    ),
    refuse(
        "pivot-cache-records-declared-as-shared-strings",
        "s.xlsx",
        lambda: pivot_book(150_000, records_type="sharedStrings+xml"),
        f"part '{RECORDS}' holds more",
    ),
]
