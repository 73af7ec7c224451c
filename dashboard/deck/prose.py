"""Slides of running text: members' quotes, the areas of change, and the sources and notes.

Each is paged by measuring (`dashboard.deck.text.paginate`): slides are filled at the largest size,
each slide is then set at the largest size its text fits, and an item too long for one slide even
at the smallest size is split across slides, marked with an ellipsis where it breaks.
"""

from __future__ import annotations

from pptx.util import Emu

from dashboard.deck.layout import (
    BODY_TOP,
    BODY_WIDTH,
    DARK_BLUE,
    FOOT,
    GREY,
    MARGIN,
    TEXT,
    content_slide,
    place,
)
from dashboard.deck.model import DeckContent, Quote
from dashboard.deck.text import Para, paginate, split_words

BODY = (BODY_WIDTH.pt, Emu(FOOT - BODY_TOP).pt)  # the text body of a slide with no subtitle, in points
QUOTE_SIZES, AREA_SIZES, NOTE_SIZES = (20, 19, 18, 17, 16), (15, 14, 13, 12), (16, 15, 14, 13, 12)


def _numbered(title: str, i: int, n: int) -> str:
    return title if n == 1 else f"{title} ({i} of {n})"


def _parts(text: str, n: int) -> list[str]:
    """`text` in n parts, each but the last ending and each but the first starting with an ellipsis."""
    parts = split_words(text, n)
    return [("… " if i else "") + part + (" …" if i < len(parts) - 1 else "") for i, part in enumerate(parts)]


def _slides(prs, content: DeckContent, title: str, pages, lines) -> None:
    """One slide per (page, size), its text from `lines(page, size)` as (paragraph, colour) pairs."""
    for i, (page, size) in enumerate(pages, 1):
        slide, top = content_slide(prs, _numbered(title, i, len(pages)), content)
        paras = lines(page, size)
        place(slide, [p for p, _ in paras], (MARGIN, top, BODY_WIDTH, FOOT - top), [c for _, c in paras])


def _quote_lines(page: list[Quote], size: float):
    out = []
    for quote in page:
        out.append((Para(f"“{quote.text}”", size, space_before=round(size * 0.7)), TEXT))
        out.append((Para(f"— {quote.attribution}", max(11, round(size * 0.65))), GREY))
    return out


def quote_slides(
    prs, content: DeckContent, quotes: list[Quote] | None = None, title: str = "What members said"
) -> None:
    """Members' words, a few to a slide, each with its attribution as the report gives it."""
    quotes = content.quotes if quotes is None else quotes
    pages = paginate(
        quotes,
        lambda page, s: [p for p, _ in _quote_lines(page, s)],
        BODY,
        QUOTE_SIZES,
        lambda q, n: [Quote(t, q.attribution) for t in _parts(q.text, n)],
    )
    _slides(prs, content, title, pages, _quote_lines)


def _area_lines(page: list[tuple[str, str, str]], size: float):
    out, cycle = [], None
    for name, text, who in page:
        if name != cycle:
            out.append((Para(name, size + 1, bold=True, space_before=10), DARK_BLUE))
            cycle = name
        out.append((Para(text, size, space_before=3), TEXT))
        out.append((Para(who, max(10, size - 3)), GREY))
    return out


def value_area_slides(prs, content: DeckContent) -> None:
    """The areas of change in full, under their value cycle, naming the communities they name."""
    pages = paginate(
        content.value_areas,
        lambda page, s: [p for p, _ in _area_lines(page, s)],
        BODY,
        AREA_SIZES,
        lambda a, n: [(a[0], t, a[2]) for t in _parts(a[1], n)],
    )
    _slides(prs, content, "Areas of change", pages, _area_lines)
    if content.evidence:  # the evidence coded in the dashboard, each item with its source
        quote_slides(prs, content, content.evidence, "Evidence of value, coded in the dashboard")


def _note_lines(page: list[str], size: float):
    return [(Para(f"•  {note}", size, space_before=10), TEXT) for note in page]


def notes_slides(prs, content: DeckContent) -> None:
    """Where the figures come from and what was done to them (more slides only if the notes need them)."""
    pages = paginate(content.notes, lambda page, s: [p for p, _ in _note_lines(page, s)], BODY, NOTE_SIZES, _parts)
    _slides(prs, content, "Sources and notes", pages, _note_lines)
