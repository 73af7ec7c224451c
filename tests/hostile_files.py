"""Builders of careless and hostile import files, made in memory by the tests (no binary file is
committed): CSV text, workbooks written by openpyxl then altered part by part, sheet XML written by
hand, and zip archives written byte by byte when a test needs sizes or checksums that lie.
"""

from __future__ import annotations

import datetime as dt
import io
import struct
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from xml.sax.saxutils import escape

from tests.editors import COMMENTS, REGISTER, SESSIONS, xlsx

UI = "Ultrasound Imaging"
TODAY = dt.date.today()
SHEET = "xl/worksheets/sheet1.xml"
STRINGS = "xl/sharedStrings.xml"
MAIN = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'


@dataclass(frozen=True)
class Kind:
    """One kind of file and what the import must do with it: refuse it with a message holding
    `refused`, or accept it and write `written` (rows per table), with `stored` checks
    (SQL with :batch bound to the import, and the single value it must give)."""

    name: str
    file_name: str
    make: Callable[[], bytes]
    refused: str | None = None
    written: dict[str, int] = field(default_factory=dict)
    stored: tuple[tuple[str, object], ...] = ()


def refuse(name: str, file_name: str, make, words: str) -> Kind:
    return Kind(name, file_name, make if callable(make) else (lambda: make), refused=words)


def accept(name: str, file_name: str, make, written: dict[str, int], *stored) -> Kind:
    return Kind(name, file_name, make if callable(make) else (lambda: make), written=written, stored=tuple(stored))


def csv(header: str, *rows: str, newline: str = "\n") -> bytes:
    return (newline.join([header, *rows]) + newline).encode("utf-8")


def sessions_csv(*rows: str) -> bytes:
    return csv(SESSIONS, *rows)


def comments_csv(*texts: str) -> bytes:
    """One comment row per text, quoted as a spreadsheet would."""
    return csv(COMMENTS, *(f'{UI},,"{t.replace(chr(34), chr(34) * 2)}",' for t in texts))


def register_csv(*rows: str) -> bytes:
    return csv(REGISTER, *rows)


def book(sheets: dict[str, list[list]]) -> bytes:
    return xlsx(sheets)


def session_book(*rows: list) -> bytes:
    return xlsx({"sessions": [SESSIONS.split(","), *rows]})


def date_in(years: int = 0, days: int = 0) -> dt.date:
    """Today moved by whole years (28 February for 29 February) and days."""
    try:
        moved = TODAY.replace(year=TODAY.year + years)
    except ValueError:
        moved = TODAY.replace(year=TODAY.year + years, day=28)
    return moved + dt.timedelta(days=days)


# --- zip archives ------------------------------------------------------------------------------


def members(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {info.filename: archive.read(info) for info in archive.infolist()}


def rezip(parts: dict[str, bytes], method: int = zipfile.ZIP_DEFLATED) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", method) as archive:
        for name, payload in parts.items():
            archive.writestr(name, payload)
    return buf.getvalue()


def altered(data: bytes, **changes) -> bytes:
    """A workbook with parts replaced (name -> bytes, or a function of the old bytes; None removes);
    keyword names use '__' for '/' and '_dot_' for '.'."""
    parts = members(data)
    for key, change in changes.items():
        name = key.replace("__", "/").replace("_dot_", ".")
        if change is None:
            parts.pop(name, None)
        else:
            parts[name] = change(parts.get(name, b"")) if callable(change) else change
    return rezip(parts)


def with_parts(data: bytes, parts: dict[str, bytes | None]) -> bytes:
    old = members(data)
    for name, payload in parts.items():
        if payload is None:
            old.pop(name, None)
        else:
            old[name] = payload
    return rezip(old)


def raw_zip(entries: list[tuple[str, bytes, int, int, int]]) -> bytes:
    """A zip written byte by byte: entries of (name, payload as stored, method, CRC-32, declared
    inflated size), so that sizes and checksums can say anything."""
    out, central = bytearray(), bytearray()
    for name, payload, method, crc, size in entries:
        raw, offset = name.encode(), len(out)
        out += (
            struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, method, 0, 0, crc, len(payload), size, len(raw), 0)
            + raw
            + payload
        )
        central += (
            struct.pack(
                "<IHHHHHHIIIHHHHHII",
                0x02014B50,
                20,
                20,
                0,
                method,
                0,
                0,
                crc,
                len(payload),
                size,
                len(raw),
                0,
                0,
                0,
                0,
                0,
                offset,
            )
            + raw
        )
    end = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(entries), len(entries), len(central), len(out), 0)
    return bytes(out + central + end)


def deflated(payload: bytes) -> bytes:
    c = zlib.compressobj(6, zlib.DEFLATED, -15)
    return c.compress(payload) + c.flush()


def zeros_deflated(size: int) -> bytes:
    """A raw deflate stream of `size` zero bytes (a whole number of MiB), made without inflating it:
    one full-flushed block repeated (the compressor starts afresh after each full flush)."""
    mib = 1 << 20
    c = zlib.compressobj(9, zlib.DEFLATED, -15)
    c.compress(b"\0" * mib)
    c.flush(zlib.Z_FULL_FLUSH)
    block = c.compress(b"\0" * mib) + c.flush(zlib.Z_FULL_FLUSH)
    return block * (size // mib) + c.flush()


def as_raw_zip(data: bytes, replace: dict[str, tuple[bytes, int, int]] | None = None, method: int = 8) -> bytes:
    """A workbook re-written byte by byte; `replace` gives parts as (deflated payload, CRC, size)."""
    entries, parts = [], members(data)
    assert not set(replace or ()) - set(parts), "no such part to replace"
    for name, payload in parts.items():
        if replace and name in replace:
            entries.append((name, *replace[name][:1], method, *replace[name][1:]))
        else:
            entries.append((name, deflated(payload), method, zlib.crc32(payload), len(payload)))
    return raw_zip(entries)


# --- sheet XML by hand -------------------------------------------------------------------------


def cell_xml(ref: str, value) -> str:
    if value is None:
        return ""
    if isinstance(value, Raw):
        return f'<c r="{ref}"{value.attrs}>{value.inner}</c>' if ref else f"<c{value.attrs}>{value.inner}</c>"
    at = f' r="{ref}"' if ref else ""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return f"<c{at}><v>{value}</v></c>"
    return f'<c{at} t="inlineStr"><is><t xml:space="preserve">{escape(str(value))}</t></is></c>'


@dataclass(frozen=True)
class Raw:
    """A cell written exactly: its attributes (after r) and inner XML."""

    inner: str
    attrs: str = ""


def letters(column: int) -> str:
    out = ""
    while column:
        column, rest = divmod(column - 1, 26)
        out = chr(65 + rest) + out
    return out


def sheet_xml(
    rows: list[list],
    *,
    dimension: str | None = None,
    first: int = 1,
    refs: bool = True,
    numbers: list[int] | None = None,
    prolog: str = "",
    extra: str = "",
) -> bytes:
    """A worksheet part holding `rows` (numbered from `first`, or by `numbers`)."""
    body = []
    for i, row in enumerate(rows):
        n = numbers[i] if numbers else first + i
        cells = "".join(cell_xml(f"{letters(j + 1)}{n}" if refs else "", v) for j, v in enumerate(row))
        body.append(f'<row r="{n}">{cells}</row>' if refs else f"<row>{cells}</row>")
    dim = f'<dimension ref="{dimension}"/>' if dimension else ""
    return (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>{prolog}<worksheet {MAIN}>{dim}'
        f"<sheetData>{''.join(body)}</sheetData>{extra}</worksheet>"
    ).encode()


def sheet_book(xml: bytes, strings: bytes | None = None, title: str = "sessions") -> bytes:
    """A workbook (openpyxl's parts) whose one sheet is `xml`, with a shared-strings part if given."""
    base = with_parts(xlsx({title: [["placeholder"]]}), {SHEET: xml})
    return base if strings is None else with_strings(base, strings)


def with_strings(data: bytes, strings: bytes) -> bytes:
    """A workbook with a shared-strings part (openpyxl writes its strings inline, without one)."""
    parts = members(data)
    types, rels = parts["[Content_Types].xml"], parts["xl/_rels/workbook.xml.rels"]
    if STRINGS not in parts:
        types = types.replace(
            b"</Types>",
            b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
            b'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>',
        )
        rels = rels.replace(
            b"</Relationships>",
            b'<Relationship Type="http://schemas.openxmlformats.org/'
            b'officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml" '
            b'Id="rId9"/></Relationships>',
        )
    return with_parts(data, {STRINGS: strings, "[Content_Types].xml": types, "xl/_rels/workbook.xml.rels": rels})


def strings_xml(*texts: str, prolog: str = "") -> bytes:
    items = "".join(f'<si><t xml:space="preserve">{t}</t></si>' for t in texts)
    return (
        f'<?xml version="1.0" encoding="UTF-8"?>{prolog}<sst {MAIN} count="{len(texts)}" '
        f'uniqueCount="{len(texts)}">{items}</sst>'
    ).encode()


HEADER = SESSIONS.split(",")


def planned(number: int, note: str | None = None) -> list:
    return [UI, number, "planned", None, None, note]


def sessions_sheet(*rows: list, **kw) -> bytes:
    """A workbook whose hand-written sheet holds the sessions header and `rows`."""
    return sheet_book(sheet_xml([HEADER, *rows], **kw))


LAUGHS = (
    '<!DOCTYPE lolz [<!ENTITY lol "lol">'
    + "".join(f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">' for i in range(1, 10))
    + "]>"
)


def plain_book() -> bytes:
    """The plainest good workbook: one planned session, 4 (its note a shared string, empty)."""
    xml = members(session_book(planned(4)))[SHEET].replace(
        b"</c></row></sheetData>", b'</c><c r="F2" t="s"><v>0</v></c></row></sheetData>'
    )
    return sheet_book(xml, strings_xml(""))


def sub(part: str, old: bytes, new: bytes, data: bytes | None = None) -> bytes:
    """A workbook (the plainest, by default) with the first `old` in one part replaced by `new`."""
    data = data or plain_book()
    return with_parts(data, {part: members(data)[part].replace(old, new, 1)})
