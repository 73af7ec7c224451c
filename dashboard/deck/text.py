"""Fitting slide text to its box by measuring it with the font's own metrics, never by autofit.

Text is wrapped word by word to the box's width (less python-pptx's default insets: 0.1 in left and
right, 0.05 in top and bottom) and its height is its line count times the line height. The deck is
set in Arial; Liberation Sans (Debian's fonts-liberation, which LibreOffice substitutes for Arial)
has Arial's advance widths, so it is measured with Pillow from that font file. On a machine without
the font file the widths are an estimate, a generous average per character (`FALLBACK_EM`): ordinary
mixed-case text then shrinks or splits more than needed rather than overflowing, though a run of wide
capitals ("WWW") can measure narrower than it is. CI installs fonts-liberation, so tests measure exactly.
PowerPoint's autofit is never used:
LibreOffice renders it differently.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from PIL import ImageFont

FONT_DIR = Path("/usr/share/fonts/truetype/liberation")
FONT_FILES = {
    (False, False): "LiberationSans-Regular.ttf",
    (True, False): "LiberationSans-Bold.ttf",
    (False, True): "LiberationSans-Italic.ttf",
    (True, True): "LiberationSans-BoldItalic.ttf",
}
UNITS = 1000  # the font is loaded at 1000 px per em: a width in px is a width in thousandths of an em
FALLBACK_EM = {False: 0.62, True: 0.68}  # mean width per character (regular, bold) when the font is missing
LINE_HEIGHT = 1.2  # a line's height as a multiple of the font size (Arial's single spacing is about 1.15)
INSET_X, INSET_Y = 7.2, 3.6  # python-pptx's default insets, in points (0.1 in and 0.05 in)
SLACK = 0.97  # of the width: renderers differ slightly in where they break a line
ELLIPSIS = "…"


@dataclass(frozen=True)
class Para:
    """One paragraph of one size and style; `space_before` in points."""

    text: str
    size: float
    bold: bool = False
    italic: bool = False
    space_before: float = 0


@functools.cache
def _font(bold: bool, italic: bool) -> ImageFont.FreeTypeFont | None:
    path = FONT_DIR / FONT_FILES[(bold, italic)]
    if not path.exists():
        return None
    return ImageFont.truetype(str(path), UNITS, layout_engine=ImageFont.Layout.BASIC)  # no kerning: wider


def measured_by_font() -> bool:
    """Whether widths come from the font file (else from the conservative estimate)."""
    return _font(False, False) is not None


@functools.lru_cache(maxsize=4096)
def text_width(text: str, size: float, bold: bool = False, italic: bool = False) -> float:
    """The width of `text` on one line, in points, at `size` points."""
    font = _font(bold, italic)
    if font is None:
        return len(text) * FALLBACK_EM[bold] * size
    return font.getlength(text) * size / UNITS


def wrap(text: str, size: float, width: float, bold: bool = False, italic: bool = False) -> list[str]:
    """The lines `text` takes in `width` points of line (greedy, at spaces, as renderers break)."""
    words = text.split()
    if not words:
        return [""]
    lines, line = [], words[0]
    for word in words[1:]:
        joined = f"{line} {word}"
        if text_width(joined, size, bold, italic) <= width * SLACK:
            line = joined
        else:
            lines.append(line)
            line = word
    return [*lines, line]


def text_height(paras: Sequence[Para], width: float) -> float:
    """The height, in points, of `paras` set in `width` points of line (insets not included)."""
    return sum(
        p.space_before + len(wrap(p.text, p.size, width, p.bold, p.italic)) * p.size * LINE_HEIGHT for p in paras
    )


def widest_word(paras: Sequence[Para]) -> float:
    """The width of the widest single word: it cannot be wrapped, so it must fit the line."""
    return max((text_width(w, p.size, p.bold, p.italic) for p in paras for w in p.text.split()), default=0)


def fits(paras: Sequence[Para], box_width: float, box_height: float) -> bool:
    """Whether `paras` fit a text box of this outer size (points), insets taken off."""
    width, height = box_width - 2 * INSET_X, box_height - 2 * INSET_Y
    return widest_word(paras) <= width * SLACK and text_height(paras, width) <= height


def box_height(paras: Sequence[Para], box_width: float) -> float:
    """The outer height, in points, a box of this width needs for `paras`."""
    return text_height(paras, box_width - 2 * INSET_X) + 2 * INSET_Y


def largest_size(
    make: Callable[[float], Sequence[Para]], box: tuple[float, float], sizes: Sequence[float]
) -> float | None:
    """The largest of `sizes` (largest first) at which `make(size)` fits `box` (width, height), or None."""
    return next((size for size in sizes if fits(make(size), *box)), None)


def shorten(paras: Sequence[Para], box: tuple[float, float]) -> list[Para]:
    """`paras` with words cut from the end of the longest (an ellipsis added) until they fit `box`:
    the last resort for a label that fits at no size in the room a slide has for it."""
    paras = list(paras)
    while not fits(paras, *box) and any(p.text.strip(ELLIPSIS) for p in paras):
        i = max(range(len(paras)), key=lambda k: len(paras[k].text))
        words = paras[i].text.removesuffix(ELLIPSIS).split()
        text = " ".join(words[:-1]) if len(words) > 1 else words[0][:-1] if words else ""
        paras[i] = replace(paras[i], text=text.rstrip(",;:·-– ") + ELLIPSIS)
    return paras


def fitted(make: Callable[[float], Sequence[Para]], box: tuple[float, float], sizes: Sequence[float]) -> list[Para]:
    """`make(size)` at the largest of `sizes` that fits `box`; at the smallest, shortened to fit."""
    size = largest_size(make, box, sizes)
    return list(make(size)) if size is not None else shorten(make(sizes[-1]), box)


def split_words(text: str, parts: int) -> list[str]:
    """`text` in `parts` runs of about equal word counts (for an item too long for one slide)."""
    words = text.split()
    step = max(1, -(-len(words) // parts))
    return [" ".join(words[i : i + step]) for i in range(0, len(words), step)]


def _small_enough(items: list, page_paras, box, smallest: float, split) -> list:
    """Items, each too long for a page even at the smallest size split into as few parts as fit."""
    out = []
    for item in items:
        parts, n = [item], 1
        while split and not all(fits(page_paras([p], smallest), *box) for p in parts) and n < 50:
            n += 1
            parts = split(item, n)
        out += parts
    return out


def paginate(
    items: list,
    page_paras: Callable[[list, float], Sequence[Para]],
    box: tuple[float, float],
    sizes: Sequence[float],
    split: Callable[[Any, int], list] | None = None,
) -> list[tuple[list, float | None]]:
    """Items in pages that fit `box` (width, height): filled at the first (largest) size, each page then
    set at the largest size it fits. An item too long for a page at the smallest size is first cut into
    parts by `split(item, n)`; without `split` its page's size is None."""
    pages: list[list] = []
    for item in _small_enough(items, page_paras, box, sizes[-1], split):
        if pages and fits(page_paras(pages[-1] + [item], sizes[0]), *box):
            pages[-1].append(item)
        else:
            pages.append([item])
    return [(page, largest_size(functools.partial(_paras_of, page_paras, page), box, sizes)) for page in pages]


def _paras_of(page_paras: Callable[[list, float], Sequence[Para]], page: list, size: float) -> Sequence[Para]:
    return page_paras(page, size)
