"""Slide-size chart images: 1920x1080 PNG and SVG that carry their title, filter and source.

These tests need Chrome or Chromium (CI installs Debian's `chromium`); without one they fail with a
message saying so, rather than skip.
"""

from __future__ import annotations

import datetime as dt
import os
import struct
import xml.etree.ElementTree as ET

import pytest
from sqlalchemy import insert

from dashboard.charts import figures as charts
from dashboard.charts import theme
from dashboard.files import images
from dashboard.privacy.rule import Rule
from dashboard.views import summaries
from db import models as m
from db.read import attendance, freshness, queries
from tests.apptest import run_page

pytestmark = pytest.mark.slow  # kaleido starts a Chromium to draw the images

SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(scope="module", autouse=True)
def _kaleido_finds_a_browser():
    if images.browser_path() is None:
        pytest.fail(
            "No Chrome/Chromium browser found for kaleido: install Debian's `chromium` "
            "(apt-get install -y chromium) or set BROWSER_PATH. Image tests must run."
        )


@pytest.fixture()
def attendance_figure(engine):
    with engine.connect() as conn:
        sessions = summaries.shown_sessions(attendance.attendance_by_session(conn), Rule())
        names = queries.community_names(conn)
    return charts.build_attendance(sessions, theme.community_styles(names), "Participants at each convening")


def svg_texts(data: bytes) -> list[str]:
    root = ET.fromstring(data)
    return ["".join(node.itertext()) for node in root.iter(f"{SVG}text")]


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG file"
    return struct.unpack(">II", data[16:24])  # width and height from the IHDR chunk


def test_png_is_slide_size(attendance_figure):
    data = images.figure_to_image(attendance_figure, "png")
    assert png_size(data) == (1920, 1080)
    import io

    from PIL import Image

    image = Image.open(io.BytesIO(data)).convert("RGB")
    assert image.size == (1920, 1080)
    assert len(image.getcolors(maxcolors=1 << 20)) > 20  # a drawn chart, not a blank canvas


def test_svg_is_slide_size_and_carries_title_filter_and_source(attendance_figure):
    data = images.figure_to_image(attendance_figure, "svg", community="Ultrasound Imaging", rule=Rule(on=True))
    root = ET.fromstring(data)
    assert (root.get("width"), root.get("height")) == ("1920", "1080")
    texts = svg_texts(data)
    assert "Participants at each convening" in texts
    assert "Source: SELCA Communities of Practice final report" in texts
    filter_line = next(t for t in texts if "Publication mode" in t)
    assert "Ultrasound Imaging" in filter_line and "Publication mode on" in filter_line


def test_svg_names_all_communities_and_publication_off_by_default(attendance_figure):
    texts = svg_texts(images.figure_to_image(attendance_figure, "svg", title="Attendance for the board"))
    assert "Attendance for the board" in texts
    assert any("All communities" in t and "Publication mode off" in t for t in texts)


def test_source_line_names_the_database_once_an_editor_has_recorded_something(engine, attendance_figure):
    with engine.connect() as conn:
        assert freshness.last_recorded(conn) is None  # the report's data only
    with engine.begin() as conn:
        conn.execute(
            insert(m.AuditEntry).values(
                at=dt.datetime(2026, 11, 20, 14, 5), user_email="editor@example.org", action="record_session"
            )
        )
    with engine.connect() as conn:
        source = images.source_line(freshness.last_recorded(conn))
    assert source == "Source: CoP dashboard database, last updated 20 November 2026 14:05"
    assert source in svg_texts(images.figure_to_image(attendance_figure, "svg", source=source))


def _browsers_of_this_process() -> set[int]:
    """The Chromium browser processes this test process started (children at any depth; a browser's
    own renderer, GPU and utility children carry a --type= argument and are not counted)."""
    parents, commands = {}, {}
    for entry in os.listdir("/proc"):
        try:
            with open(f"/proc/{entry}/stat") as stat:
                parents[int(entry)] = int(stat.read().rsplit(")", 1)[1].split()[1])
            with open(f"/proc/{entry}/cmdline", "rb") as cmdline:
                commands[int(entry)] = cmdline.read()
        except (ValueError, OSError):  # not a process, or one that has just ended
            continue
    ours, grew = {os.getpid()}, True
    while grew:
        found = {pid for pid, parent in parents.items() if parent in ours} - ours
        ours, grew = ours | found, bool(found)
    # (Chromium rewrites its children's argv into one string: look for --type= anywhere)
    return {
        pid for pid in ours if b"chrom" in commands.get(pid, b"").split(b"\0")[0] and b"--type=" not in commands[pid]
    }


def test_one_browser_serves_every_image(attendance_figure):
    images.figure_to_image(attendance_figure, "svg")
    browsers = _browsers_of_this_process()
    assert len(browsers) == 1, browsers
    images.figure_to_image(attendance_figure, "png")
    images.figure_to_image(attendance_figure, "svg")
    assert _browsers_of_this_process() == browsers  # the same browser, still running: none started since


def test_without_a_browser_the_error_says_so_in_plain_words(attendance_figure, monkeypatch):
    import kaleido

    kaleido.stop_sync_server(silence_warnings=True)
    monkeypatch.setattr(images, "browser_path", lambda: None)
    with pytest.raises(images.NoBrowserError, match="no Chrome or Chromium browser installed"):
        images.figure_to_image(attendance_figure, "png")


def test_page_without_a_browser_says_so_and_keeps_the_toolbar_download(db_url, monkeypatch):
    from dashboard.widgets import downloads

    monkeypatch.setattr(images, "browser_available", lambda: False)
    downloads._browser_found.cache_clear()
    try:
        at = run_page("attendance-trends")
    finally:
        downloads._browser_found.cache_clear()
    assert any(c.value == images.NO_BROWSER for c in at.caption)
    assert not [b for b in at.get("download_button") if "for slides" in b.label]
    config = at.get("plotly_chart")[0].proto.config
    assert '"width": 1920' in config and '"height": 1080' in config


def test_page_offers_png_and_svg_for_every_chart(db_url):
    at = run_page("attendance-trends")
    labels = [b.label for b in at.get("download_button")]
    charts_on_page = len(at.get("plotly_chart"))
    assert charts_on_page >= 2
    assert labels.count("Download PNG for slides") == charts_on_page
    assert labels.count("Download SVG for slides") == charts_on_page


def test_an_image_of_a_chart_titled_with_its_finding_carries_the_finding_and_its_description(attendance_figure):
    from dashboard.charts.titles import with_finding

    fig = with_finding(
        attendance_figure,
        "Attendance fell in 3 of 4 communities from first to last convening",
        "Participants at each convening",
    )
    texts = svg_texts(images.figure_to_image(fig, "svg", community="Ultrasound Imaging"))
    assert "Attendance fell in 3 of 4 communities from first to last convening" in texts  # one line on a slide
    assert any(t.startswith("Participants at each convening") for t in texts)
    assert any("Ultrasound Imaging" in t and "Publication mode off" in t for t in texts)
