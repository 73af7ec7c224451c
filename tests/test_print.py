"""Printing, page titles and working offline, in a real Chromium (issue 13, items 11, 12 and 16).

Each public page is printed to A4 PDF, portrait and landscape, as Ctrl+P would: in print media the
sidebar, header, buttons and chart toolbars are not displayed and every chart's drawn width fits the
page's printable width (measured at that width after the page's beforeprint handler has run), and in the
PDF every chart's legend entries and axis titles are there whole (a chart wider than the paper is cut at
its edge). One page of each PDF is drawn to PNG for a person to look at. Every page's browser title names
it (and the community when filtered), and no request leaves 127.0.0.1 (fonts, icons, favicon).

Uses conftest's server and browser. Skips without Chromium or poppler-utils on a developer's
machine, fails in CI (CI=true).
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.chromium import IN_CI, TIMEOUT_MS, settled

pytestmark = pytest.mark.browser  # Playwright drives Debian's Chromium against a served dashboard

PAGES = {
    "/": "Overview",
    "/attendance-trends": "Attendance",
    "/organisations-and-roles": "Participation",
    "/value-framework": "Value stories",
    "/comments-and-quotes": "Member voice",
    "/build-a-deck": "Slide deck",
}
SCREEN_PX = 1920  # a wide desktop window: its charts are drawn far wider than a page
MARGIN_MM = 12
PRINTABLE_PX = {False: round((210 - 2 * MARGIN_MM) / 25.4 * 96), True: round((297 - 2 * MARGIN_MM) / 25.4 * 96)}
NOT_PRINTED = ["stSidebar", "stHeader", "stToolbar", "stButton", "stDownloadButton", "stElementToolbar"]
CHART_BOXES = """() => [...document.querySelectorAll('.js-plotly-plot .main-svg')].map((svg) => {
    const r = svg.getBoundingClientRect(); return {left: r.left, right: r.right}; })"""
DRAWN_WIDTHS = (
    "() => [...document.querySelectorAll('.js-plotly-plot .main-svg')].map((svg) => svg.getAttribute('width'))"
)
CHART_WORDS = """() => {
  const lines = (t) => { const parts = t.querySelectorAll('tspan.line');
    return (parts.length ? [...parts] : [t]).map((p) => p.textContent.trim()).join(' '); };
  return [...document.querySelectorAll('.js-plotly-plot')].flatMap((plot) => [
    ...[...plot.querySelectorAll('.legendtext, .g-xtitle text, .g-ytitle text')].map(lines),
    // an x axis's tick labels in order: a chart cut at the page's edge loses its last ones (a y axis
    // is never cut, and a tall chart's may run on over a page break)
    ...[...plot.querySelectorAll('.xaxislayer-above')].map(
      (axis) => [...axis.querySelectorAll('text')].map(lines).join(' ')),
  ]).filter((text) => text.trim());
}"""


def _require_poppler() -> None:
    if not shutil.which("pdftoppm") or not shutil.which("pdftotext"):
        message = "pdftoppm/pdftotext are missing: install Debian's poppler-utils package"
        if IN_CI:
            pytest.fail(message)
        pytest.skip(message)


@pytest.fixture(scope="module")
def tab(browser, server):
    context = browser.new_context(viewport={"width": SCREEN_PX, "height": 1000}, base_url=server)
    context.set_default_timeout(TIMEOUT_MS)
    yield context.new_page()
    context.close()


def open_page(tab, address: str) -> None:
    """Open a page and wait until it and every chart on it are drawn."""
    tab.set_viewport_size({"width": SCREEN_PX, "height": 1000})
    tab.emulate_media(media="null")
    tab.goto(address)
    settled(tab)
    expect(tab.locator("[data-testid^='stSkeleton']")).to_have_count(0)  # a chart still loading shows one
    charts = tab.locator(".stPlotlyChart")
    for i in range(charts.count()):
        charts.nth(i).locator(".main-svg").first.wait_for()
    widths = None  # a chart relays itself out at its container's width over a few frames
    for _ in range(20):
        tab.wait_for_timeout(300)
        widths, before = tab.evaluate(DRAWN_WIDTHS), widths
        if widths == before:
            return


def in_print_media(tab, width: int) -> list[str]:
    """What is wrong with the page laid out for paper `width` px wide, its beforeprint handler run."""
    tab.emulate_media(media="print")
    tab.set_viewport_size({"width": width, "height": 1000})
    tab.wait_for_timeout(1000)  # charts redraw for the new width
    tab.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    found = [
        f"{name} is printed" for name in NOT_PRINTED if any(el.is_visible() for el in tab.get_by_test_id(name).all())
    ]
    page_width = tab.evaluate("document.documentElement.clientWidth")
    found += [
        f"a chart is drawn from {box['left']:.0f} to {box['right']:.0f} px on a {page_width} px page"
        for box in tab.evaluate(CHART_BOXES)
        if box["left"] < -1 or box["right"] > page_width + 1
    ]
    tab.evaluate("window.dispatchEvent(new Event('afterprint'))")
    tab.emulate_media(media="null")  # no emulation: an emulated "screen" would make page.pdf use screen styles
    return found


def printed(tab, path: Path, *, landscape: bool) -> str:
    """Print the page (as Ctrl+P does: print media, beforeprint and afterprint) to an A4 PDF; its text."""
    margin = {side: f"{MARGIN_MM}mm" for side in ("top", "right", "bottom", "left")}
    tab.pdf(path=str(path), format="A4", landscape=landscape, margin=margin)
    return words_of(
        subprocess.run(["pdftotext", "-raw", str(path), "-"], capture_output=True, text=True, check=True).stdout
    )


def words_of(text: str) -> str:
    """Letters and digits only, one space between words (symbols such as ○ may have no text in a PDF)."""
    return " ".join(re.findall(r"\w+", text))


def look_at(pdf: Path, shots: Path) -> Path:
    """Page one of the PDF as a PNG, saved with the screenshots."""
    stem = shots / pdf.stem
    subprocess.run(
        ["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", "-singlefile", str(pdf), str(stem)], check=True
    )
    png = stem.with_suffix(".png")
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    return png


@pytest.mark.parametrize("landscape", [False, True], ids=["portrait", "landscape"])
@pytest.mark.parametrize("address", list(PAGES))
def test_each_page_prints_to_a4_without_controls_and_with_its_charts_whole(tab, shots, address, landscape):
    _require_poppler()
    name = f"print-{PAGES[address].lower().replace(' ', '-')}-{'landscape' if landscape else 'portrait'}"
    found = cut_chart_text(tab, address, shots / f"{name}.pdf", landscape=landscape)
    look_at(shots / f"{name}.pdf", shots)
    found += in_print_media(tab, PRINTABLE_PX[landscape])
    assert not found, "\n".join(found)


def test_the_check_finds_charts_cut_when_they_are_not_fitted_to_the_paper(browser, server, tmp_path):
    _require_poppler()
    context = browser.new_context(viewport={"width": SCREEN_PX, "height": 1000}, base_url=server)
    context.add_init_script("window.__printFit = true;")  # as if dashboard/print_fit.html had run already
    found = cut_chart_text(context.new_page(), "/attendance-trends", tmp_path / "unfitted.pdf", landscape=False)
    context.close()
    assert "the PDF lacks the chart text '1 2 3' (cut off?)" in found, found


def cut_chart_text(tab, address: str, pdf: Path, *, landscape: bool) -> list[str]:
    """Open a page, print it to `pdf` and name each chart text missing from the PDF."""
    open_page(tab, address)
    words = tab.evaluate(CHART_WORDS)
    text = printed(tab, pdf, landscape=landscape)  # before in_print_media: the charts as drawn on screen
    return [f"the PDF lacks the chart text {w!r} (cut off?)" for w in words if words_of(w) not in text]


@pytest.mark.parametrize("address", list(PAGES))
def test_each_page_has_its_own_browser_title_naming_the_community_when_filtered(tab, address):
    tab.goto(address)
    settled(tab)
    expect(tab).to_have_title(f"{PAGES[address]} · CoP dashboard")
    tab.goto(address + "?community=Ultrasound+Imaging")
    settled(tab)
    expect(tab).to_have_title(f"{PAGES[address]} · Ultrasound Imaging · CoP dashboard")


def test_a_community_the_dashboard_does_not_know_stays_out_of_the_title(tab):
    tab.goto("/attendance-trends?community=%3Cscript%3Ealert(1)%3C%2Fscript%3E")
    settled(tab)
    expect(tab).to_have_title("Attendance · CoP dashboard")


def test_no_page_fetches_anything_from_outside_the_server(browser, server):
    context = browser.new_context(viewport={"width": SCREEN_PX, "height": 1000}, base_url=server)
    context.set_default_timeout(TIMEOUT_MS)
    tab = context.new_page()
    outside = []
    tab.on(
        "request",
        lambda request: (
            outside.append(request.url) if not re.match(r"(http://127\.0\.0\.1[:/]|data:|blob:)", request.url) else None
        ),
    )
    for address in PAGES:
        open_page(tab, address + "?community=Ultrasound+Imaging")
    icon = tab.locator("link[rel='shortcut icon']").get_attribute("href")
    context.close()
    assert not outside, outside
    assert icon.startswith("data:image/svg+xml"), icon
