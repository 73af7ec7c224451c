"""An uploaded workbook's zip archive checked before openpyxl parses any of it (db.write.imports.workbook).

At most MAX_MEMBERS parts, their declared inflated sizes at most MAX_INFLATED in all, then every part
inflated in chunks (zipfile stops at the declared size and checks the CRC, so a part that inflates further
is caught as damaged) with a running total. Every part that is or looks like XML (whatever its name: a
workbook can point at a sheet part of any name) is fed to expat, which must find it well-formed, without
a DOCTYPE (no entity can then be declared, so neither a billion-laughs expansion nor an external entity
can happen), not in Strict Open XML (whose namespaces openpyxl does not know: it would read such a sheet
as empty), and holding no more elements than `Census` allows: openpyxl keeps a part's elements, or
objects made from them, in memory (a 36 KB file of one row of 8 million empty cells took more than
1 GB) and spends microseconds on each, so the byte cap alone bounds neither memory nor time. A pivot
table's cache records, which openpyxl's read-only reader never parses, are let off the count outside rows
when nothing could make them be read as anything else (`Census.settle`).
"""

from __future__ import annotations

import io
import posixpath
import struct
import zipfile
import zlib
from xml.etree.ElementTree import ParseError
from xml.parsers import expat

from openpyxl.utils.exceptions import InvalidFileException

MAX_INFLATED = 50 * 1024 * 1024  # every part of the workbook, inflated
MAX_MEMBERS = 2_000
CHUNK = 1024 * 1024
XML_SUFFIXES = (".xml", ".rels", ".vml")
STRICT = "http://purl.oclc.org/ooxml/"  # the namespaces of Strict Open XML (ISO/IEC 29500 strict)
MAX_ROWS_IN_PART = 1_048_576  # the rows a sheet can have
MAX_ELEMENTS_IN_ROW = 100_000  # 16,384 cells (column XFD) and their values, formulas and text runs
# In all rows of the workbook: cells, values and text runs, each costing openpyxl microseconds (4 million
# empty cells took 21 s; 100,000 rows of 6 cells with their values hold 1.2 million)
MAX_ELEMENTS_IN_ROWS = 2_000_000
MAX_ELEMENTS = 200_000  # outside rows, in one part (styles, merged cells, links...: kept whole by openpyxl)
MAX_STRING_ELEMENTS = 2_000_000  # in the shared strings, whose texts openpyxl keeps in a list
# A pivot table's cache records (a copy of its source rows) are never parsed by openpyxl's read-only reader,
# which reaches parts only through the manifest, the workbook's relationships and fixed names. So a genuine
# workbook's large cache is not held to MAX_ELEMENTS: a part under PIVOT_FOLDER is let off when the manifest
# declares it only as cache records and only pivot cache definitions' relationships target it.
PIVOT_FOLDER = "xl/pivotCache/"
RECORDS = "application/vnd.openxmlformats-officedocument.spreadsheetml.pivotCacheRecords+xml"
DEFINITION = "application/vnd.openxmlformats-officedocument.spreadsheetml.pivotCacheDefinition+xml"
MAX_PIVOT_NOTES = 10_000

# What parsing a damaged or hostile workbook can raise, inside zipfile, zlib, expat, ElementTree,
# defusedxml (ValueError subclasses) and openpyxl's XML-to-object mapping (TypeError, AttributeError
# and KeyError for parts or attributes that are missing or of the wrong kind). Only the calls into
# those libraries sit inside the boundary (workbook._guarded), so these never hide a mistake of ours.
PARSE_ERRORS = (
    zipfile.BadZipFile,
    zlib.error,
    EOFError,
    struct.error,
    expat.ExpatError,
    ParseError,
    InvalidFileException,
    ValueError,
    KeyError,
    IndexError,
    TypeError,
    AttributeError,
    OverflowError,
    RecursionError,
    NotImplementedError,
    RuntimeError,
    OSError,
)


class Unreadable(Exception):
    """The upload is not a readable workbook; `reason` says why in words for the person uploading."""

    def __init__(self, reason: str):
        self.reason = reason
        super().__init__(reason)


class _Hostile(Exception):
    """Raised from an expat handler: an XML part declares a DOCTYPE or an entity."""


STRICT_REFUSAL = (
    "an Excel workbook saved as 'Excel Workbook (*.xlsx)': this one is saved as 'Strict Open XML "
    "Spreadsheet', which cannot be read here; open it in Excel and save it as Excel Workbook, or as CSV"
)


def check_archive(data: bytes) -> None:
    """Unreadable unless `data` is a zip archive of bounded size whose XML parts are plain XML."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
            if len(infos) > MAX_MEMBERS:
                raise Unreadable(
                    f"a workbook of at most {MAX_MEMBERS:,} parts (this file holds {len(infos):,}: "
                    "it is not a workbook or it is damaged)"
                )
            declared = sum(info.file_size for info in infos)
            if declared > MAX_INFLATED:
                raise Unreadable(_too_big(declared))
            total, census = 0, Census()
            for info in infos:
                total = _inflate(archive, info, total, census)
            census.settle()
    except _Hostile as exc:
        raise Unreadable(
            f"a workbook without {exc} (the file is damaged or made to attack the "
            "server: spreadsheet programs never write one)"
        ) from None
    except PARSE_ERRORS as exc:
        raise Unreadable(damaged(exc)) from None


def _looks_like_xml(name: str, head: bytes) -> bool:
    """An XML part by its name, or by its first bytes (after any byte-order mark, NULs of UTF-16, spaces)."""
    return name.lower().endswith(XML_SUFFIXES) or head[:64].lstrip(b"\xef\xbb\xbf\xff\xfe\x00 \t\r\n").startswith(b"<")


def _inflate(archive: zipfile.ZipFile, info: zipfile.ZipInfo, total: int, census: Census) -> int:
    """Inflate one part in chunks, counting; XML parts are checked by expat on the way."""
    parser, first = None, True
    with archive.open(info) as member:
        while chunk := member.read(CHUNK):
            total += len(chunk)
            if total > MAX_INFLATED:
                raise Unreadable(_too_big(total, actual=True))
            if first and _looks_like_xml(info.filename, chunk):
                parser = _xml_checker(census.begin(info.filename))
            first = False
            if parser is not None:
                parser.Parse(chunk, False)
    if parser is not None:
        parser.Parse(b"", True)
    return total


class Census:
    """Counts the XML parts' elements as expat meets them: in each part at most MAX_ROWS_IN_PART rows,
    each holding at most MAX_ELEMENTS_IN_ROW elements, and at most MAX_ELEMENTS others (MAX_STRING_ELEMENTS
    in shared strings, whose root is `sst`); in all rows of the workbook at most MAX_ELEMENTS_IN_ROWS.
    Also refuses a root element in a Strict Open XML namespace."""

    def __init__(self) -> None:
        self.in_rows = 0
        self.declared: dict[str, set[str]] = {}  # part -> the content types the manifest overrides it with
        self.sources: dict[str, set[str]] = {}  # part -> the parts whose relationships target it
        self.notes = 0  # entries kept in declared and sources
        self.deferred: dict[str, int] = {}  # pivot-cache parts over their limit, judged once all is read
        self.begin("")

    def begin(self, part: str) -> Census:
        """Start counting a new part."""
        self.part = part
        self.depth = self.row_depth = 0  # row_depth: the open row's depth, 0 outside rows
        self.rows = self.in_row = self.outside = 0
        self.limit = MAX_ELEMENTS
        return self

    def start(self, name: str, attributes: dict) -> None:
        self.depth += 1
        if self.row_depth:
            self.in_row += 1
            self.in_rows += 1
            if self.in_row > MAX_ELEMENTS_IN_ROW:
                raise Unreadable(self._too_many(f"at most {MAX_ELEMENTS_IN_ROW:,} elements in one row"))
            if self.in_rows > MAX_ELEMENTS_IN_ROWS:
                raise Unreadable(self._too_many(f"at most {MAX_ELEMENTS_IN_ROWS:,} elements in all rows together"))
        elif name.rpartition(":")[2] == "row":
            self.row_depth, self.in_row, self.rows = self.depth, 0, self.rows + 1
            if self.rows > MAX_ROWS_IN_PART:
                raise Unreadable(self._too_many(f"at most {MAX_ROWS_IN_PART:,} rows"))
        else:
            self.outside += 1
            if self.depth == 1:
                self._root(name, attributes)
            self._note(name.rpartition(":")[2], attributes)
            if self.outside > self.limit:
                if not self.part.startswith(PIVOT_FOLDER) or self.part.endswith(".rels"):
                    raise Unreadable(self._too_many(f"at most {self.limit:,} elements outside rows"))
                self.deferred.setdefault(self.part, self.limit)

    def _note(self, name: str, attributes: dict) -> None:
        """Keeps what the manifest declares each part in PIVOT_FOLDER to be, and which parts' relationships
        target each of them (at most MAX_PIVOT_NOTES in all: a genuine workbook has a handful)."""
        if name == "Override" and self.part == "[Content_Types].xml":
            part = str(attributes.get("PartName", "")).lstrip("/")
            if part.startswith(PIVOT_FOLDER):
                self._noted(self.declared, part, str(attributes.get("ContentType", "")))
        elif name == "Relationship" and self.part.endswith(".rels"):
            folder, rels = posixpath.split(self.part)  # xl/_rels, workbook.xml.rels
            source = posixpath.join(posixpath.dirname(folder), rels.removesuffix(".rels"))  # xl/workbook.xml
            target = str(attributes.get("Target", ""))
            part = target.lstrip("/") if target.startswith("/") else posixpath.join(posixpath.dirname(source), target)
            if posixpath.normpath(part).startswith(PIVOT_FOLDER):
                self._noted(self.sources, posixpath.normpath(part), source)

    def _noted(self, notes: dict[str, set[str]], part: str, value: str) -> None:
        self.notes += 1
        if self.notes > MAX_PIVOT_NOTES:
            raise Unreadable(self._too_many(f"at most {MAX_PIVOT_NOTES:,} pivot cache declarations and links"))
        notes.setdefault(part, set()).add(value)

    def settle(self) -> None:
        """Refuses a part under PIVOT_FOLDER over its limit unless it can only be a pivot cache's records,
        which openpyxl never parses: declared as nothing else, targeted by nothing but cache definitions."""
        for part, limit in self.deferred.items():
            only_records = self.declared.get(part) == {RECORDS} and posixpath.normpath(part) == part
            from_definitions = all(self.declared.get(source) == {DEFINITION} for source in self.sources.get(part, ()))
            if not (only_records and from_definitions):
                self.part = part
                raise Unreadable(self._too_many(f"at most {limit:,} elements outside rows"))

    def end(self, _name: str) -> None:
        if self.depth == self.row_depth:
            self.row_depth = 0
        self.depth -= 1

    def _root(self, name: str, attributes: dict) -> None:
        if any(str(value).startswith(STRICT) for value in attributes.values()):
            raise Unreadable(STRICT_REFUSAL)
        if name.rpartition(":")[2] == "sst":
            self.limit = MAX_STRING_ELEMENTS

    def _too_many(self, limit: str) -> str:
        return (
            f"a workbook of {limit} (part '{self.part[:100]}' holds more: the file is damaged or made to "
            "exhaust the server; save it again in Excel, or save it as CSV)"
        )


def _xml_checker(census: Census):
    parser = expat.ParserCreate()

    def doctype(*_):
        raise _Hostile("a DOCTYPE")

    def entity(*_):
        raise _Hostile("an entity declaration")

    parser.StartElementHandler = census.start
    parser.EndElementHandler = census.end
    parser.StartDoctypeDeclHandler = doctype
    parser.EntityDeclHandler = entity
    parser.UnparsedEntityDeclHandler = entity
    parser.ExternalEntityRefHandler = entity
    return parser


def _too_big(size: int, actual: bool = False) -> str:
    cap = MAX_INFLATED // 2**20
    found = f"more than {cap} MB" if actual else f"{size / 2**20:,.0f} MB, as its parts declare"
    return (
        f"a workbook of at most {cap} MB when unpacked (this file unpacks to {found}: it may be a "
        "zip bomb; save a smaller workbook or a CSV)"
    )


def damaged(exc: BaseException) -> str:
    detail = str(exc).splitlines()[0][:120] if str(exc) else type(exc).__name__
    return (
        "an Excel workbook (.xlsx) that opens: this file is damaged or is not a workbook "
        f"({detail}); open it in Excel and save it again, or save it as CSV"
    )
