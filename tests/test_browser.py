"""A real Chromium drives `streamlit run app.py` (via scripts/serve.py): every page opens, the community filter
works from the URL and from the sidebar, the "Show data" CSV and chart images download (the chart toolbar's
PNG and the "Download PNG for slides" button), and screenshots are saved.

Debian's chromium is launched through Playwright's `executable_path` (never `playwright install`). Without it
these tests skip on a developer's machine and fail in CI (CI=true), where .ci/run installs it. Screenshots go
to $BROWSER_SCREENSHOTS when set, else to a pytest temporary folder."""

from __future__ import annotations

import csv
import io
import re
import shutil
import struct

import pytest
from playwright.sync_api import expect

from tests.chromium import (
    EDITOR,
    EDITOR_PASSWORD,
    axe_violations,
    database_copy,
    described,
    download_from,
    new_tab,
    open_show_data,
    serving,
    settled,
    sign_in,
    snap,
)

pytestmark = pytest.mark.browser  # Playwright drives Debian's Chromium against a served dashboard

TITLES = {"Overview", "Attendance", "Participation", "Value stories", "Member voice"}
# User text is shown inertly: an invisible word joiner (U+2060) keeps the email from becoming a link.
SIGNED_IN = re.compile(r"Signed in as browser\.admin\u2060?@nhs\.example \(administrator\)")
RELOAD_SIGNS_OUT = "Reloading or closing this tab signs you out."


def metric(page, label: str) -> str:
    return page.get_by_test_id("stMetric").filter(has_text=label).first.inner_text()


def test_a_deep_link_opens_its_page_on_a_freshly_started_server(browser, request, tmp_path, shots):
    """A bookmark opened right after a restart: the deep link is the new server process's first request."""
    with serving(database_copy(request, tmp_path, suffix="_fresh"), tmp_path) as fresh:
        tab = new_tab(browser, fresh)
        tab.goto("/attendance-trends?community=Ultrasound+Imaging")
        settled(tab)
        expect(tab.get_by_test_id("stMain").locator("h1").first).to_contain_text("Attendance")
        expect(tab.get_by_role("combobox", name="Community")).to_have_value("Ultrasound Imaging")
        snap(tab, shots, "deep-link-attendance-ultrasound")
        tab.context.close()


def test_every_page_in_the_sidebar_opens_without_an_error(page, shots):
    page.goto("/")
    settled(page)
    links = page.get_by_test_id("stSidebarNav").get_by_role("link")
    titles = [t.strip().splitlines()[-1] for t in links.all_inner_texts()]  # after the icon's name
    assert set(titles) >= TITLES, titles
    hrefs = [links.nth(i).get_attribute("href") for i in range(len(titles))]
    for i, (title, href) in enumerate(zip(titles, hrefs)):
        page.goto(href)  # each page's own address, as a bookmark or a shared link opens it
        settled(page)
        current = page.get_by_test_id("stSidebarNav").locator("a[aria-current='page']")
        assert title in current.inner_text()
        snap(page, shots, f"page-{i}-{title.lower().replace(' ', '-')}")


AXE_VIEWS = [
    "/",
    "/attendance-trends",
    "/organisations-and-roles",
    "/value-framework",
    "/comments-and-quotes",
    "/build-a-deck",
    "/attendance-trends?community=Ultrasound+Imaging&publication=true",
    "/comments-and-quotes?community=Patient+Involvement",
]


@pytest.mark.parametrize("view", AXE_VIEWS)
def test_every_page_passes_the_axe_core_wcag_2_2_aa_checks(page, view):
    """axe-core (the engine behind most accessibility checkers) on the rendered page: contrast of
    every text, labels, names, roles, keyboard access to scrolling regions."""
    page.goto(view)
    settled(page)
    page.wait_for_timeout(1_000)  # charts drawn
    found = axe_violations(page)
    assert not found, described(found)


def test_the_sign_in_form_and_the_editor_pages_pass_the_axe_core_checks(page, shots):
    page.goto("/")
    settled(page)
    page.get_by_text("Editor sign-in").click()
    page.get_by_label("Email").fill(EDITOR)
    page.get_by_role("textbox", name="Password").fill(EDITOR_PASSWORD)
    found = axe_violations(page)  # the form, filled in
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_test_id("stSidebar")).to_contain_text(SIGNED_IN)
    for title in ("Record a session", "Import", "Audit log"):  # in-app links: a page load would sign out
        page.get_by_test_id("stSidebarNav").get_by_role("link", name=title).click()
        expect(page.get_by_test_id("stMain").locator("h1").first).to_contain_text(title.split()[0])
        settled(page)
        found += axe_violations(page)
        snap(page, shots, f"editor-{title.lower().replace(' ', '-')}")
    assert not found, described(found)


def test_a_reload_signs_a_local_editor_out_as_the_sidebar_says(page):
    page.goto("/")
    settled(page)
    sidebar = page.get_by_test_id("stSidebar")
    sidebar.get_by_text("Editor sign-in").click()
    expect(sidebar).to_contain_text(RELOAD_SIGNS_OUT)
    sign_in(page, EDITOR, EDITOR_PASSWORD)
    expect(sidebar).to_contain_text(SIGNED_IN)
    expect(sidebar).to_contain_text(RELOAD_SIGNS_OUT)
    page.reload()
    settled(page)
    expect(sidebar.get_by_text("Editor sign-in")).to_be_visible()
    expect(sidebar).not_to_contain_text("Signed in as")


def test_community_in_the_url_filters_the_overview(page, shots):
    page.goto("/?community=Operational+Teams")
    settled(page)
    assert "34" in metric(page, "Total attendances")
    expect(page.get_by_role("combobox", name="Community")).to_have_value("Operational Teams")
    snap(page, shots, "overview-operational-teams-from-url")


def test_community_chosen_in_the_sidebar_goes_into_the_url_and_every_figure(page, shots):
    page.goto("/")
    settled(page)
    assert "256" in metric(page, "Total attendances")
    page.get_by_role("combobox", name="Community").click()
    page.get_by_role("option", name="Operational Teams").click()
    page.wait_for_url("**community=Operational*Teams*")
    page.get_by_test_id("stMetric").filter(has_text="34").first.wait_for()
    settled(page)
    assert "34" in metric(page, "Total attendances")
    page.get_by_test_id("stSidebarNav").get_by_role("link", name="Attendance").click()
    page.wait_for_url("**/attendance-trends?community=Operational*Teams*")
    expect(page.get_by_test_id("stMain").locator("h1").first).to_contain_text("Attendance")
    settled(page)
    expect(page.get_by_role("combobox", name="Community")).to_have_value("Operational Teams")
    snap(page, shots, "attendance-operational-teams-from-sidebar")


def test_show_data_downloads_the_filtered_rows_as_csv(page, tmp_path):
    page.goto("/attendance-trends?community=Ultrasound+Imaging")
    settled(page)
    download = download_from(page, open_show_data(page).get_by_role("button", name="Download CSV"))
    path = tmp_path / download.suggested_filename
    download.save_as(path)
    rows = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8-sig"))))
    community = next(name for name in rows[0] if name.lower() == "community")
    assert {r[community] for r in rows} == {"Ultrasound Imaging"} and len(rows) == 3
    cells = [[v.lower() for v in r.values()] for r in rows]
    assert "15" in cells[0] and "13" in cells[1]
    assert "postponed" in cells[2] and "0" not in cells[2]  # postponed, never zero


def test_chart_downloads_as_a_png_image(page, tmp_path):
    page.goto("/attendance-trends")
    settled(page)
    chart = page.locator(".js-plotly-plot").first
    chart.hover()
    with page.expect_download() as info:
        chart.locator('.modebar-btn[data-title^="Download plot"]').click()
    path = tmp_path / info.value.suggested_filename
    info.value.save_as(path)
    data = path.read_bytes()
    assert path.suffix == ".png" and data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])  # the IHDR chunk
    assert (width, height) == (1920, 1080)


def test_download_png_for_slides_gives_a_slide_size_image(page, tmp_path, shots):
    page.goto("/attendance-trends?community=Ultrasound+Imaging")
    settled(page)
    button = page.get_by_role("button", name="Download PNG for slides").first
    # The image is drawn by kaleido on click: its browser's start is in the first wait.
    download = download_from(page, button, first_wait_ms=60_000, timeout_ms=90_000)
    path = tmp_path / download.suggested_filename
    download.save_as(path)
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert struct.unpack(">II", data[16:24]) == (1920, 1080)
    shutil.copyfile(path, shots / "attendance-png-for-slides.png")
