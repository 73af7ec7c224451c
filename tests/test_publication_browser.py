"""Publication mode in a real Chromium where the Overview lists its communities in a table (more than
eight): a sparkline with a hidden count is drawn with a gap, never as an error cell (Streamlit's line
chart column cannot leave a gap: a missing point made the cell say "The value cannot be interpreted as
a numeric array"), and nothing in the table gives the hidden count."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect
from sqlalchemy import insert, select

from db import models as m
from db.engine import make_engine
from tests.chromium import database_copy, new_tab, require_chromium, serving, settled

pytestmark = [
    pytest.mark.database,  # the server's own database: runs in the PostgreSQL pass too
    pytest.mark.browser,
]

NEW = [f"Primary Care Network {i:02d}" for i in range(1, 10)]
HEADCOUNTS = [30, 5, 28, 31]  # session 2's 5 is hidden, and so is whatever would give it away


def _store(url: str) -> None:
    engine = make_engine(url)
    with engine.begin() as conn:
        programme = conn.execute(select(m.Programme.id).order_by(m.Programme.id).limit(1)).scalar_one()
        for i, name in enumerate(NEW):
            cid = conn.execute(
                insert(m.Community).values(
                    slug=f"pcn-{i}", name=name, programme_id=programme, display_order=50 + i, source="test"
                )
            ).inserted_primary_key[0]
            conn.execute(
                insert(m.Session),
                [
                    {"community_id": cid, "number": n, "status": "held", "headcount": h, "source": "test"}
                    for n, h in enumerate(HEADCOUNTS, start=1)
                ],
            )
    engine.dispose()


@pytest.fixture(scope="module")
def server(request, tmp_path_factory):
    require_chromium()
    folder = tmp_path_factory.mktemp("publication-server")
    url = database_copy(request, folder, suffix="_publication")
    _store(url)
    with serving(url, folder) as base:
        yield base


def _sparkline_cells(page) -> list[str]:
    """The screen-reader text of each row's "Attendance per convening" cell (the grid draws on a canvas)."""
    grid = page.get_by_test_id("stDataFrame").last
    grid.scroll_into_view_if_needed()
    column = grid.locator("th", has_text="Attendance per convening").get_attribute("aria-colindex")
    return grid.locator(f"td[aria-colindex='{column}']").all_inner_texts()


@pytest.mark.parametrize("width", [1280, 800])
def test_a_sparkline_with_a_hidden_count_is_drawn_with_a_gap_not_an_error(browser, server, shots, width):
    page = new_tab(browser, server, width=width)
    page.goto("/?publication=true")
    settled(page)
    expect(page.get_by_text("Too many communities for cards")).to_be_visible()
    cells = _sparkline_cells(page)
    assert cells, "the table shows no community"
    mine = [c for c in cells if c.count("M") == 2]  # two runs of shown counts: session 1, then 3 and 4
    assert len(mine) >= 5, cells[:3]  # the rows drawn so far (the grid draws those in view)
    assert all(c.startswith("data:image/svg+xml") for c in cells), cells[:3]
    grid = page.get_by_test_id("stDataFrame").last
    box = grid.bounding_box()
    page.mouse.move(box["x"] + box["width"] * 0.35, box["y"] + 55)  # over the first row's sparkline
    page.wait_for_timeout(800)
    assert "not a number" not in page.locator("body").inner_text()  # the error cell's tooltip
    page.screenshot(path=str(shots / f"overview-table-publication-{width}.png"), full_page=True)
    page.context.close()


def test_without_publication_mode_the_table_keeps_streamlit_s_sparklines(browser, server):
    page = new_tab(browser, server, width=1280)
    page.goto("/")
    settled(page)
    expect(page.get_by_text("Too many communities for cards")).to_be_visible()
    cells = _sparkline_cells(page)
    assert "30,5,28,31" in cells and not any(c.startswith("data:") for c in cells)
    page.context.close()
