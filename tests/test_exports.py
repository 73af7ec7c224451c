"""CSV and XLSX downloads: text that looks like a formula comes back as text, never as a formula."""

from __future__ import annotations

import csv
import io
import re

import openpyxl
import pandas as pd
import pytest
from sqlalchemy import insert

from dashboard.files.spreadsheets import to_csv_bytes, to_xlsx_bytes
from db import models as m
from db.read import queries
from tests.apptest import run_page

PAYLOADS = ['=HYPERLINK("http://x","y")', "@SUM(A1)", "+1+1", "-2+3", "\t=1+1", "\r=1+1"]


def _store_comment(engine, text: str) -> pd.DataFrame:
    """A comment as a member might type it, stored and read back the way the dashboard reads it."""
    with engine.begin() as conn:
        conn.execute(insert(m.Comment).values(slug="typed-by-a-member", text=text, source="test"))
    with engine.connect() as conn:
        comments = queries.comments(conn)
    return comments[comments["slug"] == "typed-by-a-member"]


def _csv_cells(data: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def _ooxml_text(value: str) -> str:
    """Cell text as Excel shows it: OOXML writes control characters as _xHHHH_ escapes."""
    return re.sub(r"_x([0-9A-Fa-f]{4})_", lambda m: chr(int(m.group(1), 16)), value)


def _xlsx_cells(data: bytes) -> tuple[list[str], list[list[openpyxl.cell.Cell]]]:
    sheet = openpyxl.load_workbook(io.BytesIO(data)).active
    rows = list(sheet.iter_rows())
    return [c.value for c in rows[0]], rows[1:]


@pytest.mark.parametrize("payload", PAYLOADS)
def test_formula_like_comment_comes_back_as_text_from_csv(engine, payload):
    row = _csv_cells(to_csv_bytes(_store_comment(engine, payload)))[0]
    assert row["text"] == "'" + payload  # the leading ' makes a spreadsheet show it as text


@pytest.mark.parametrize("payload", PAYLOADS)
def test_formula_like_comment_comes_back_as_text_from_xlsx(engine, payload):
    headings, rows = _xlsx_cells(to_xlsx_bytes(_store_comment(engine, payload)))
    cell = rows[0][headings.index("text")]
    assert cell.data_type == "s", f"{payload!r} was stored as {cell.data_type!r}, not as text"
    assert _ooxml_text(cell.value) == "'" + payload


def test_xlsx_has_no_formula_anywhere_even_in_headings():
    df = pd.DataFrame({"=cmd|' /C calc'!A0": ["=1+1", "@SUM(A1)"], "plain": ["ok", "fine"]})
    sheet = openpyxl.load_workbook(io.BytesIO(to_xlsx_bytes(df))).active
    cells = [c for row in sheet.iter_rows() for c in row]
    assert all(c.data_type != "f" for c in cells)
    assert sheet["A1"].value == "'=cmd|' /C calc'!A0"


def test_line_breaks_inside_a_comment_never_split_a_csv_row():
    df = pd.DataFrame({"text": ["first line\r\nsecond", "bare\rreturn", "new\nline"], "n": [1, 2, 3]})
    rows = _csv_cells(to_csv_bytes(df))
    assert [r["n"] for r in rows] == ["1", "2", "3"]
    assert [r["text"] for r in rows] == ["first line\r\nsecond", "bare\rreturn", "new\nline"]


def test_ordinary_text_and_numbers_are_unchanged():
    df = pd.DataFrame({"text": ["Great to feel we’re being listened to!", "a-b", None], "headcount": [38, None, 13]})
    rows = _csv_cells(to_csv_bytes(df))
    assert [r["text"] for r in rows] == ["Great to feel we’re being listened to!", "a-b", ""]
    assert [r["headcount"] for r in rows] == ["38", "", "13"]  # counts stay whole numbers
    headings, xrows = _xlsx_cells(to_xlsx_bytes(df))
    assert headings == ["text", "headcount"]
    assert [r[1].value for r in xrows] == [38, None, 13]


def test_a_sheet_name_excel_would_refuse_is_made_safe():
    data = to_xlsx_bytes(pd.DataFrame({"a": [1]}), sheet="Attendance: 2019/20 [draft]")
    assert openpyxl.load_workbook(io.BytesIO(data)).sheetnames == ["Attendance_ 2019_20 _draft_"]


def test_every_table_offers_csv_and_xlsx(db_url):
    at = run_page("attendance-trends", tables_open=True)
    labels = [b.label for b in at.get("download_button")]
    assert labels.count("Download CSV") >= 2
    assert labels.count("Download XLSX") == labels.count("Download CSV")
