"""The frame every slide shares: size, margins, colours, the blue band, a title, filter and source line,
and `place`, which puts measured paragraphs (`dashboard.deck.text`) in a box sized to hold them."""

from __future__ import annotations

import math
from collections.abc import Sequence

from pptx.dml.color import RGBColor
from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE, PP_ALIGN
from pptx.util import Emu, Inches, Pt

from dashboard.deck.text import Para, box_height, fitted

WIDTH, HEIGHT = Emu(12192000), Emu(6858000)  # 13.333 x 7.5 inches: exactly 16:9
MARGIN = Inches(0.6)
BODY_WIDTH = Emu(WIDTH - 2 * MARGIN)
TITLE_TOP, TITLE_HEIGHT = Inches(0.3), Inches(0.62)  # one line of 30 pt bold
FILTER_TOP, FILTER_HEIGHT = Inches(0.92), Inches(0.34)
BODY_TOP = Inches(1.3)  # where a slide's body starts when it has no subtitle
FOOT = Inches(7.0)  # where a slide's body ends: the source line sits below
BLUE, DARK_BLUE = RGBColor.from_string("005EB8"), RGBColor.from_string("003087")
TEXT, GREY = RGBColor.from_string("212B32"), RGBColor.from_string("425563")
TITLE_ONLY = 5


def band(slide, height) -> None:
    """An NHS Blue band across the top of a slide."""
    shape = slide.shapes.add_shape(1, 0, 0, WIDTH, height)  # 1 = rectangle
    shape.fill.solid()
    shape.fill.fore_color.rgb = BLUE
    shape.line.fill.background()


def place(slide, paras: Sequence[Para], box, colour: RGBColor | Sequence[RGBColor], *, shape=None, bottom=None):
    """`paras` in a text box (a new one, or `shape`) at `box` = (left, top, width, height). A height of
    None is the measured height of the text; a top of None puts the box's foot at `bottom`."""
    left, top, width, height = box
    if height is None:
        height = Emu(math.ceil(box_height(paras, Emu(width).pt) * 12700))  # 12,700 EMU to the point
    if top is None:
        top = bottom - height
    shape = shape or slide.shapes.add_textbox(left, top, width, height)
    shape.left, shape.top, shape.width, shape.height = left, top, width, height
    colours = [colour] * len(paras) if isinstance(colour, RGBColor) else list(colour)
    _write(shape.text_frame, paras, colours)
    return shape


def _write(frame, paras: Sequence[Para], colours: Sequence[RGBColor]) -> None:
    """Each paragraph as one run of its measured size and style (no autofit: the box was sized to fit)."""
    frame.clear()
    frame.word_wrap, frame.auto_size, frame.vertical_anchor = True, MSO_AUTO_SIZE.NONE, MSO_ANCHOR.TOP
    for i, (p, colour) in enumerate(zip(paras, colours, strict=True)):
        para = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        para.alignment, para.space_before = PP_ALIGN.LEFT, Pt(p.space_before)
        run = para.add_run()
        run.text = p.text
        font = run.font
        font.size, font.bold, font.italic, font.name, font.color.rgb = Pt(p.size), p.bold, p.italic, "Arial", colour


def _line(text: str, box, sizes) -> list[Para]:
    return fitted(lambda s: [Para(text, s)], (Emu(box[2]).pt, Emu(box[3]).pt), sizes)


def content_slide(prs, title: str, content, *, subtitle: str = "", notes: str = ""):
    """A slide with a real title (for the outline and screen readers), a filter line, an optional
    subtitle and a footer; returns the slide and where its body starts."""
    slide = prs.slides.add_slide(prs.slide_layouts[TITLE_ONLY])
    band(slide, Inches(0.14))
    heading = fitted(lambda s: [Para(title, s, bold=True)], (BODY_WIDTH.pt, TITLE_HEIGHT.pt), (30, 28, 26, 24, 22))
    place(slide, heading, (MARGIN, TITLE_TOP, BODY_WIDTH, TITLE_HEIGHT), DARK_BLUE, shape=slide.shapes.title)
    filter_line = f"{content.community_label}  ·  Publication mode {'on' if content.rule.on else 'off'}"
    filter_box = (MARGIN, FILTER_TOP, BODY_WIDTH, FILTER_HEIGHT)
    place(slide, _line(filter_line, filter_box, (13, 12, 11, 10)), filter_box, GREY)
    top = BODY_TOP
    if subtitle:
        paras = _line(subtitle, (MARGIN, None, BODY_WIDTH, Inches(0.85)), (15, 14, 13, 12))
        shape = place(slide, paras, (MARGIN, FILTER_TOP + FILTER_HEIGHT, BODY_WIDTH, None), TEXT)
        top = max(top, shape.top + shape.height + Inches(0.05))
    box = (MARGIN, FOOT + Inches(0.04), Inches(9), Inches(0.3))
    place(slide, _line(content.source, box, (10, 9, 8)), box, GREY)
    if notes or subtitle:
        slide.notes_slide.notes_text_frame.text = "\n".join(t for t in (subtitle, notes) if t)
    return slide, top
