"""Every chart reads at any width: in a real Chromium, at 1280 and 800 px wide (the sidebar keeps about
300 px), for every community and for one, every page's charts are drawn and every text plotly drew in
them (tick labels, legend entries, data labels, titles, annotations) is read back from the SVG. No two
may overlap, and none may be cut off by the chart's edge, its plot area (a clipped data label) or its
legend box.

Uses conftest's server and browser (one each for this module). Skips without Chromium on
a developer's machine, fails in CI (CI=true).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.chromium import TIMEOUT_MS, settled

pytestmark = pytest.mark.browser  # Playwright drives Debian's Chromium against a served dashboard

WIDTHS = (1280, 800)
PAGES = [
    "/",
    "/attendance-trends",
    "/organisations-and-roles",
    "/value-framework",
    "/comments-and-quotes",
    "/compare-communities",
]
COMPARE = "/compare-communities"  # compares the report's four communities, or the one community
REPORT = ["Patient Involvement", "Rehabilitation and Personalised Care", "Operational Teams", "Ultrasound Imaging"]
COMMUNITIES = [None, "Ultrasound Imaging"]
TOLERANCE = 1  # px: neighbouring glyph boxes may touch
READ_TEXTS = (Path(__file__).parent / "chart_text.js").read_text()
# Ultrasound Imaging has one comment (two themes): Member voice says so in a sentence, not a 0-1 chart.
SAID_NOT_CHARTED = {("/comments-and-quotes", "Ultrasound Imaging")}


@pytest.fixture(scope="module")
def tab(browser, server):
    context = browser.new_context(viewport={"width": WIDTHS[0], "height": 1000}, base_url=server)
    context.set_default_timeout(TIMEOUT_MS)
    yield context.new_page()
    context.close()


def overlap(a: dict, b: dict) -> bool:
    return (
        min(a["right"], b["right"]) - max(a["left"], b["left"]) > TOLERANCE
        and min(a["bottom"], b["bottom"]) - max(a["top"], b["top"]) > TOLERANCE
    )


def outside(inner: dict, outer: dict) -> bool:
    return (
        inner["left"] < outer["left"] - TOLERANCE
        or inner["top"] < outer["top"] - TOLERANCE
        or inner["right"] > outer["right"] + TOLERANCE
        or inner["bottom"] > outer["bottom"] + TOLERANCE
    )


def problems(chart: dict) -> list[str]:
    """What is wrong with one chart's drawn text, in words."""
    texts, found = chart["texts"], []
    for t in texts:
        if outside(t["box"], chart["svg"]):
            found.append(f"{t['kind']} {t['text']!r} is cut off by the chart's edge")
        elif t["clip"] and outside(t["box"], t["clip"]):
            found.append(f"{t['kind']} {t['text']!r} is cut off by its plot area or legend box")
    for i, a in enumerate(texts):
        found += [
            f"{a['kind']} {a['text']!r} overlaps {b['kind']} {b['text']!r}"
            for b in texts[i + 1 :]
            if overlap(a["box"], b["box"])
        ]
    return [f"{chart['title']}: {p}" for p in found]


def drawn_charts(page) -> list[dict]:
    """Every chart's texts once all are drawn and two readings a moment apart agree (a resize relays
    charts out over a few frames)."""
    charts = page.locator(".stPlotlyChart")
    expect(charts.first).to_be_visible()
    for i in range(charts.count()):
        charts.nth(i).locator(".main-svg").first.wait_for()
    before = page.evaluate(READ_TEXTS)
    for _ in range(20):
        page.wait_for_timeout(300)
        now = page.evaluate(READ_TEXTS)
        if now == before:
            return now
        before = now
    return now


def address(path: str, community: str | None) -> str:
    if path == COMPARE:
        return path + "?" + "&".join(f"compare={c.replace(' ', '+')}" for c in ([community] if community else REPORT))
    return path + (f"?community={community.replace(' ', '+')}" if community else "")


@pytest.mark.parametrize("community", COMMUNITIES, ids=["all-communities", "one-community"])
@pytest.mark.parametrize("path", PAGES)
def test_no_chart_text_overlaps_or_is_cut_off_at_1280_or_800_px(tab, path, community):
    tab.set_viewport_size({"width": WIDTHS[0], "height": 1000})
    tab.goto(address(path, community))
    settled(tab)
    if (path, community) in SAID_NOT_CHARTED:
        expect(tab.get_by_text("One comment attributed to Ultrasound Imaging matches", exact=False)).to_be_visible()
        return
    found = []
    for width in WIDTHS:
        tab.set_viewport_size({"width": width, "height": 1000})
        charts = drawn_charts(tab)
        assert charts, f"no chart drawn on {path}"
        found += [f"{width} px: {p}" for chart in charts for p in problems(chart)]
    assert not found, "\n".join(found)
