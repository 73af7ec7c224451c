"""In a real Chromium: a choice made on the Slide deck page goes into the address and the deck built
from it, and downloaded files carry their stamped names. Server and browser come from conftest.py;
without Chromium these skip on a developer's machine and fail in CI.
"""

from __future__ import annotations

import datetime as dt
import io

import openpyxl
import pytest
from playwright.sync_api import expect
from pptx import Presentation

from tests.chromium import download_from, open_show_data, settled

pytestmark = [
    pytest.mark.database,  # the server's own database: runs in the PostgreSQL pass too
    pytest.mark.browser,
]


def test_deck_choices_go_into_the_address_and_the_deck(page, tmp_path):
    page.goto("/build-a-deck?community=Ultrasound+Imaging&publication=true")
    settled(page)
    page.get_by_test_id("stButtonGroup").get_by_role("button", name="Quotes").click()
    page.wait_for_url("**deck-sections=*")
    settled(page)
    assert "deck-sections=Quotes" not in page.url and "deck-sections=Attendance" in page.url
    download = download_from(page, page.get_by_role("button", name="Build and download the deck (.pptx)"))
    assert download.suggested_filename == f"cop-deck-ultrasound-imaging-publication-{dt.date.today():%Y-%m-%d}.pptx"
    path = tmp_path / download.suggested_filename
    download.save_as(path)
    titles = [s.shapes.title.text for s in Presentation(path).slides]
    assert "Headline figures" in titles and not any(t.startswith("What members said") for t in titles)
    page.goto(page.url)  # the address, opened afresh, builds the same deck
    settled(page)
    expect(page.get_by_test_id("stMain")).to_contain_text(
        "sections: Headline figures, Attendance, Participation, Value areas; 5 of 5 charts"
    )


def test_show_data_xlsx_is_named_and_has_its_notes(page, tmp_path):
    page.goto("/attendance-trends?community=Ultrasound+Imaging")
    settled(page)
    download = download_from(page, open_show_data(page).get_by_role("button", name="Download XLSX"))
    assert download.suggested_filename == f"attendance-ultrasound-imaging-{dt.date.today():%Y-%m-%d}.xlsx"
    book = openpyxl.load_workbook(io.BytesIO(download.path().read_bytes()))
    assert book.sheetnames == ["Data", "Notes"]
    assert dict(book["Notes"].iter_rows(min_row=2, values_only=True))["Community"] == "Ultrasound Imaging"
