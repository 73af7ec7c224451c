"""The deck's headline-figures slide: the Overview's tiles, worked out by the Overview's own function
(`overview_facts.headline_tiles`) from the same inputs, so a figure on the slide is the figure on the page,
publication mode included.

A deck of one community, or of all of them, shows one set of tiles; a deck of several shows a table
with one row per community (their totals are not added: a hidden count must not be worked out).
"""

from __future__ import annotations

import functools

from pptx.dml.color import RGBColor
from pptx.enum.text import MSO_ANCHOR
from pptx.util import Emu, Inches, Pt
from sqlalchemy import Connection

from dashboard.deck.layout import (
    BODY_WIDTH,
    DARK_BLUE,
    FOOT,
    GREY,
    MARGIN,
    TEXT,
    content_slide,
    place,
)
from dashboard.deck.text import Para, fits, fitted
from dashboard.privacy.published import Published
from dashboard.privacy.rule import Rule
from dashboard.views import overview_facts, summaries
from db.read import attendance, queries

Tiles = list[tuple[str, str, str]]  # (label, value, help), as on the Overview
TITLE = "Headline figures"
COLUMNS = 4  # tiles a row
GAP = Inches(0.2)
TILE_FILL = RGBColor.from_string("E8EDEE")  # NHS pale grey
WHITE = RGBColor(0xFF, 0xFF, 0xFF)
TABLE_SIZES = (16, 14, 13, 12, 11, 10)


def tiles(conn: Connection, community: str | None, rule: Rule, counts: Published) -> Tiles:
    """The Overview's tiles for `community` (None: the programme), from the Overview's own inputs."""
    sessions = summaries.shown_sessions(attendance.attendance_by_session(conn, community=community), rule, counts)
    return overview_facts.headline_tiles(
        queries.headline_figures(conn, community=community), sessions, rule, counts, community
    )


def headline(
    conn: Connection, names: list[str], everyone: bool, rule: Rule, counts: Published
) -> list[tuple[str, Tiles]]:
    """(community or "", tiles): one entry for all communities or one, else one per community."""
    if everyone:
        return [("", tiles(conn, None, rule, counts))]
    return [(name if len(names) > 1 else "", tiles(conn, name, rule, counts)) for name in names]


def headline_slide(prs, content) -> None:
    """The headline figures: tiles for one scope, or a table of communities by figure."""
    if not content.headline:
        return
    slide, top = content_slide(prs, TITLE, content)
    if len(content.headline) == 1:
        _tile_grid(slide, content.headline[0][1], top)
    else:
        _table(slide, content.headline, top)


def _tile_grid(slide, shown: Tiles, top) -> None:
    rows = -(-len(shown) // COLUMNS)
    width = Emu((BODY_WIDTH - (COLUMNS - 1) * GAP) // COLUMNS)
    height = Emu((FOOT - top - Inches(0.1) - (rows - 1) * GAP) // rows)
    for i, (label, value, help_text) in enumerate(shown):
        left = MARGIN + (i % COLUMNS) * (width + GAP)
        tile_top = top + (i // COLUMNS) * (height + GAP)
        shape = slide.shapes.add_shape(1, left, tile_top, width, height)  # 1 = rectangle
        shape.fill.solid()
        shape.fill.fore_color.rgb = TILE_FILL
        shape.line.fill.background()
        shape.shadow.inherit = False
        paras = fitted(
            functools.partial(_tile_paras, label, value, help_text), (width.pt, height.pt), (40, 36, 32, 28, 24)
        )
        place(slide, paras, (left, tile_top, width, height), [DARK_BLUE, TEXT, GREY], shape=shape)


def _tile_paras(label: str, value: str, help_text: str, size: float) -> list[Para]:
    """A tile's value, label and help at `size` (the value's; the others scaled from it)."""
    return [
        Para(value, size, bold=True),
        Para(label, round(size * 0.45), bold=True, space_before=4),
        Para(help_text, round(size * 0.35), space_before=4),
    ]


def _table(slide, rows: list[tuple[str, Tiles]], top) -> None:
    """Communities down, figures across (the tile that counts communities left out: it is 1 each)."""
    labels = [label for label, _, _ in rows[0][1] if label != "Communities"]
    cells = [["Community", *labels]] + [
        [name, *(v for label, v, _ in shown if label != "Communities")] for name, shown in rows
    ]
    first = Inches(2.6)
    other = Emu((BODY_WIDTH - first) // len(labels))
    height = min(Inches(0.6), Emu((FOOT - top - Inches(0.1)) // len(cells)))
    size = next(
        (
            s
            for s in TABLE_SIZES
            if all(
                fits([Para(text, s, bold=r == 0)], (first if c == 0 else other).pt, height.pt)
                for r, row in enumerate(cells)
                for c, text in enumerate(row)
            )
        ),
        TABLE_SIZES[-1],
    )
    frame = slide.shapes.add_table(len(cells), len(cells[0]), MARGIN, top, BODY_WIDTH, height * len(cells))
    table = frame.table
    table.columns[0].width = first
    for c in range(1, len(cells[0])):
        table.columns[c].width = other
    for r, row in enumerate(cells):
        table.rows[r].height = height
        for c, text in enumerate(row):
            _cell(table.cell(r, c), text, size, header=r == 0, number=c > 0 and r > 0)


def _cell(cell, text: str, size: float, *, header: bool, number: bool) -> None:
    """White on NHS Dark Blue for headings, dark text on white for figures (both above 4.5:1)."""
    cell.text = text
    cell.vertical_anchor = MSO_ANCHOR.MIDDLE
    cell.fill.solid()
    cell.fill.fore_color.rgb = DARK_BLUE if header else WHITE
    run = cell.text_frame.paragraphs[0].runs[0]
    run.font.size, run.font.bold, run.font.name = Pt(size), header or number, "Arial"
    run.font.color.rgb = WHITE if header else DARK_BLUE if number else TEXT
