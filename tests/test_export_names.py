"""Downloads that explain themselves: named for what they hold, stamped in a Notes sheet, numeric
columns numbers only (a status column says why a cell is empty), headings in one style."""

from __future__ import annotations

import datetime as dt
import io
import os
import shutil
import subprocess

import openpyxl
import pandas as pd
import pytest
from sqlalchemy import insert, select

from dashboard.files.names import ExportContext, deck_file_name
from dashboard.files.tables import export_frame, heading
from dashboard.privacy.rule import Rule
from dashboard.views import evidence_downloads as exports
from dashboard.views import programme as views
from dashboard.widgets.downloads import csv_file, xlsx_file
from db import models as m
from tests.apptest import run_page

DAY = dt.date(2026, 12, 1)
RULES = {"": Rule(), "-publication": Rule(on=True), "-publication-rounded": Rule(on=True, round_to_5=True)}
COMMUNITIES = {
    None: "all-communities",
    "Ultrasound Imaging": "ultrasound-imaging",
    "Rehabilitation and Personalised Care": "rehabilitation-and-personalised-care",
    "Patient Involvement": "patient-involvement",
    "Operational Teams": "operational-teams",
}


@pytest.mark.parametrize("community", list(COMMUNITIES))
@pytest.mark.parametrize("mode", list(RULES))
def test_a_download_is_named_for_its_filter_mode_and_day(community, mode):
    context = ExportContext(community, RULES[mode], made_on=DAY)
    assert context.file_name("attendance", "csv") == f"attendance-{COMMUNITIES[community]}{mode}-2026-12-01.csv"
    assert context.file_name("organisation-types", "png").startswith(f"organisation-types-{COMMUNITIES[community]}")


@pytest.mark.parametrize("mode", list(RULES))
def test_a_deck_is_named_for_its_communities_mode_and_day(mode):
    assert (
        deck_file_name(["Ultrasound Imaging"], False, RULES[mode], DAY)
        == f"cop-deck-ultrasound-imaging{mode}-2026-12-01.pptx"
    )
    assert (
        deck_file_name(list(COMMUNITIES)[1:], True, RULES[mode], DAY)
        == f"cop-deck-all-communities{mode}-2026-12-01.pptx"
    )
    two = deck_file_name(["Ultrasound Imaging", "Operational Teams"], False, RULES[mode], DAY)
    assert two == f"cop-deck-ultrasound-imaging-operational-teams{mode}-2026-12-01.pptx"
    many = deck_file_name([f"A community with a long name {i}" for i in range(5)], False, RULES[mode], DAY)
    assert many == f"cop-deck-5-communities{mode}-2026-12-01.pptx"


def test_an_odd_community_name_makes_a_safe_file_name():
    context = ExportContext("King's & Guy's / “Imaging” ../..", Rule(), made_on=DAY)
    assert context.file_name("attendance", "csv") == "attendance-king-s-and-guy-s-imaging-2026-12-01.csv"


def _small_session(engine):
    with engine.begin() as conn:
        ot = conn.execute(select(m.Community.id).where(m.Community.name == "Operational Teams")).scalar()
        conn.execute(insert(m.Session).values(community_id=ot, number=4, status="held", headcount=5, source="test"))


def _workbook(data: bytes) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(data))


def test_xlsx_notes_sheet_says_table_filter_mode_source_and_day(db_url):
    table = views.attendance("Ultrasound Imaging", Rule(on=True)).sessions_table
    context = ExportContext("Ultrasound Imaging", Rule(on=True), made_on=DAY)
    book = _workbook(xlsx_file(table, "Participants at each convening", context))
    assert book.sheetnames == ["Data", "Notes"]
    notes = dict(book["Notes"].iter_rows(min_row=2, values_only=True))
    assert notes["Table"] == "Participants at each convening"
    assert notes["Community"] == "Ultrasound Imaging"
    assert notes["Publication mode"].startswith("Publication mode: counts of 1 to 7 people are shown as *")
    assert notes["Source"] == "SELCA Communities of Practice final report"
    assert notes["Made on"] == "2026-12-01"
    assert "not held" in notes["Status columns"] and "not recorded" in notes["Status columns"]


def _column(sheet, name: str) -> list:
    header = [c.value for c in sheet[1]]
    return [row[header.index(name)] for row in sheet.iter_rows(min_row=2)]


@pytest.mark.parametrize("rule", [Rule(), Rule(on=True)])
def test_numeric_columns_hold_numbers_only_with_a_status_column_beside(db_url, engine, rule):
    _small_session(engine)
    table = views.attendance(None, rule).sessions_table
    sheet = _workbook(xlsx_file(table, "Sessions", ExportContext(None, rule)))["Data"]
    header = [c.value for c in sheet[1]]
    assert header[header.index("Participants") + 1] == "Participants status"
    counts, statuses = _column(sheet, "Participants"), _column(sheet, "Participants status")
    assert all(c.data_type == "n" for c in counts)  # numbers, or empty: never text
    shown = {(s.value or ""): c.value for c, s in zip(counts, statuses)}
    assert shown.get("not held", "absent") is None  # Ultrasound Imaging's postponed session
    assert ("hidden (publication mode)" in shown) == rule.on
    assert sum(c.value or 0 for c in counts) == (256 if rule.on else 261)
    assert {c.value for c in _column(sheet, "Date status")} == {"not recorded"}


def test_csv_numbers_stay_numbers_and_the_status_says_why(db_url):
    table = views.attendance("Ultrasound Imaging", Rule()).sessions_table
    frame = pd.read_csv(io.BytesIO(csv_file(table)), encoding="utf-8-sig")
    assert frame["Participants"].tolist()[:2] == [15, 13] and pd.isna(frame["Participants"].iloc[2])
    assert frame["Participants status"].fillna("").tolist() == ["", "", "not held"]
    assert frame["Participants"].sum() == 28


def test_headings_read_the_same_way_in_every_export():
    assert heading("organisation_type") == "Organisation type"
    assert heading("Participants (first)") == "Participants (first)"
    frame, _ = export_frame(pd.DataFrame({"community": ["A"], "organisations": [3]}))
    assert list(frame.columns) == ["Community", "Organisations"]


def test_formula_like_text_is_still_neutralised_in_a_stamped_workbook():
    frame = pd.DataFrame({"Comment": ['=HYPERLINK("http://x","y")', "@SUM(A1)"], "n": [1, "*"]})
    book = _workbook(xlsx_file(frame, "=cmd", ExportContext(made_on=DAY)))
    cells = [c for sheet in book for row in sheet.iter_rows() for c in row]
    assert all(c.data_type != "f" for c in cells)
    assert _column(book["Data"], "Comment")[0].value.startswith("'=")
    assert dict(book["Notes"].iter_rows(min_row=2, values_only=True))["Table"] == "'=cmd"


@pytest.mark.parametrize("community", [None, "Ultrasound Imaging", "Patient Involvement"])
def test_comments_download_holds_what_member_voice_lists(db_url, community):
    rows = exports.comments(community=community).rows()
    expected = 38 if community is None else {"Ultrasound Imaging": 1, "Patient Involvement": 1}[community]
    assert len(rows) == expected
    if community:
        assert set(rows["Community"]) == {community}
    themed = exports.comments(community=None, theme="delivery-of-commission", theme_label="Delivery of commission")
    assert themed.key == "comments-theme-delivery-of-commission"
    assert len(themed.rows()) and set(themed.rows()["Report theme"].dropna()) <= {"Delivery of commission"}


def test_interview_answers_and_areas_download_as_filtered(db_url):
    answers = exports.answers(community="Operational Teams", question_number=2, label="Q2").rows()
    assert set(answers["Community"]) == {"Operational Teams"} and set(answers["Question number"]) == {2}
    from dashboard import data
    from dashboard.views import evidence as ev

    areas, wide = ev.with_programme_wide(data.areas_of_change, "Operational Teams", cycle=None)
    listed = exports.areas(areas, wide).rows()
    assert len(listed) == len(areas) + len(wide) and listed["Area of change"].tolist()[0] == areas["text"].iloc[0]


def test_member_voice_and_value_stories_offer_their_lists_as_files(db_url):
    labels = [b.label for b in run_page("comments-and-quotes", community="Ultrasound Imaging").get("download_button")]
    assert "Download these comments (CSV)" in labels and "Download these comments (XLSX)" in labels
    labels = [b.label for b in run_page("value-framework").get("download_button")]
    for what in ("these areas of change", "these answers"):
        assert f"Download {what} (CSV)" in labels and f"Download {what} (XLSX)" in labels


@pytest.mark.slow  # LibreOffice converts the workbook
def test_libreoffice_sums_the_numeric_column(db_url, tmp_path):
    if not shutil.which("soffice"):  # .ci/run installs it: there a missing LibreOffice is a failure
        (pytest.fail if os.environ.get("CI") else pytest.skip)("LibreOffice Calc is not installed")
    table = views.attendance(None, Rule()).sessions_table
    path = tmp_path / "attendance.xlsx"
    path.write_bytes(xlsx_file(table, "Sessions", ExportContext()))
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation=file://{tmp_path}/lo",
            "--headless",
            "--convert-to",
            "csv",
            "--outdir",
            str(tmp_path),
            str(path),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    frame = pd.read_csv(tmp_path / "attendance.csv")
    assert pd.api.types.is_numeric_dtype(frame["Participants"]) and frame["Participants"].sum() == 256


def test_compare_downloads_are_named_and_stamped_for_the_communities_compared(db_url, monkeypatch):
    """The sidebar filter (Patient Involvement here) does not name a Compare download: the communities
    compared do, in the file name, the XLSX notes and the image's filter line."""
    from streamlit.delta_generator import DeltaGenerator

    made, original = {}, DeltaGenerator.download_button

    def recording(self, label, data, file_name=None, *args, **kwargs):
        made[file_name] = data
        return original(self, label, data, file_name, *args, **kwargs)

    monkeypatch.setattr(DeltaGenerator, "download_button", recording)
    at = run_page(
        "compare-communities",
        "Patient Involvement",
        compare=["Ultrasound Imaging", "Operational Teams"],
        publication="true",
        tables_open=True,
    )
    assert not at.exception
    day = f"{dt.date.today():%Y-%m-%d}"
    names = sorted(made)
    assert names == sorted(
        f"{key}-ultrasound-imaging-operational-teams-publication-{day}.{ext}"
        for key, exts in (
            ("compare-figures", ("csv", "xlsx")),
            ("compare-attendance", ("csv", "xlsx", "png", "svg")),
            ("compare-types", ("csv", "xlsx", "png", "svg")),
        )
        for ext in exts
    )
    notes = dict(
        _workbook(made[f"compare-figures-ultrasound-imaging-operational-teams-publication-{day}.xlsx"]())[
            "Notes"
        ].iter_rows(values_only=True)
    )
    assert notes["Communities compared"] == "Ultrasound Imaging and Operational Teams"
    assert "Community" not in notes


def test_a_context_of_communities_compared_names_them_all():
    context = ExportContext(None, Rule(), compared=("Ultrasound Imaging", "Operational Teams"), made_on=DAY)
    assert (
        context.file_name("compare-types", "csv") == "compare-types-ultrasound-imaging-operational-teams-2026-12-01.csv"
    )
    assert context.who == "Ultrasound Imaging and Operational Teams"
    assert ExportContext("Ultrasound Imaging", made_on=DAY).notes("T")[1] == ("Community", "Ultrasound Imaging")
