"""The slide deck builder: a 16:9 PowerPoint file with native charts, quotes, value areas and notes.

`build_deck(engine_or_conn, communities, sections, rule) -> bytes` is the one entry point; the
content comes from `dashboard.deck_data` (publication mode applied as on screen) and the charts
from `dashboard.deck_charts`.
"""

from __future__ import annotations

import datetime as dt
import io
import math

from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.text import MSO_ANCHOR
from pptx.util import Emu, Inches, Pt
from sqlalchemy import Connection, Engine

from dashboard.deck_charts import add_chart, alt_text
from dashboard.deck_data import SECTIONS, DeckContent, gather
from dashboard.privacy import Rule

PPTX_MIME = "application/vnd.openxmlformats-officedocument.presentationml.presentation"
WIDTH, HEIGHT = Emu(12192000), Emu(6858000)  # 13.333 x 7.5 inches: exactly 16:9
MARGIN = Inches(0.6)
BODY_WIDTH = WIDTH - 2 * MARGIN
BLUE, DARK_BLUE = RGBColor.from_string("005EB8"), RGBColor.from_string("003087")
TEXT, GREY = RGBColor.from_string("212B32"), RGBColor.from_string("425563")
TITLE_ONLY, TITLE_SLIDE = 5, 0
QUOTE_LINES, AREA_LINES = 16, 15  # lines of text a quote / value-area slide holds


def build_deck(engine_or_conn: Engine | Connection, communities=None, sections=None,
               rule: Rule = Rule(), made_on: dt.date | None = None) -> bytes:
    """The .pptx bytes for these communities (None = all) and sections (None = all) under `rule`."""
    sections = list(SECTIONS) if sections is None else list(sections)
    if isinstance(engine_or_conn, Engine):
        with engine_or_conn.connect() as conn:
            content = gather(conn, communities, sections, rule, made_on)
    else:
        content = gather(engine_or_conn, communities, sections, rule, made_on)
    return render(content)


def render(content: DeckContent) -> bytes:
    """The deck as .pptx bytes: title, one slide per chart (value areas listed after theirs), quotes, notes."""
    prs = Presentation()
    prs.slide_width, prs.slide_height = WIDTH, HEIGHT
    title = f"{content.programme}: {content.community_label}"  # read by screen readers
    prs.core_properties.title = title if len(title) <= 255 else title[:254] + "…"  # the format's limit
    prs.core_properties.author = "CoP dashboard"
    title_slide(prs, content)
    for spec in content.charts:
        chart_slide(prs, spec, content)
        if spec.section == "value_areas":
            value_area_slides(prs, content)
    quote_slides(prs, content)
    notes_slide(prs, content)
    buf = io.BytesIO()
    prs.save(buf)
    return buf.getvalue()


def chart_slide(prs, spec, content: DeckContent) -> None:
    """One native chart on its own slide, with its takeaway above and any note below."""
    slide = content_slide(prs, spec.title, content, subtitle=spec.caption, notes=spec.note)
    top = Inches(1.95 if len(spec.caption) > 120 else 1.75)  # a caption may take two lines
    height = Inches(6.4) - top if spec.note else Inches(6.95) - top
    frame = add_chart(slide, spec, (MARGIN, top, BODY_WIDTH, height), content.all_names)
    frame._element.nvGraphicFramePr.cNvPr.set("descr", alt_text(spec))  # noqa: SLF001
    if spec.note:
        _text(slide, spec.note, (MARGIN, Inches(6.42), BODY_WIDTH, Inches(0.55)), 12, GREY)


def _band(slide, height) -> None:
    """An NHS Blue band across the top of a slide."""
    band = slide.shapes.add_shape(1, 0, 0, WIDTH, height)  # 1 = rectangle
    band.fill.solid()
    band.fill.fore_color.rgb = BLUE
    band.line.fill.background()


def _text(slide, text: str, box, size: int, colour=TEXT, bold: bool = False):
    shape = slide.shapes.add_textbox(*box)
    frame = shape.text_frame
    frame.word_wrap = True
    frame.text = text
    for run in frame.paragraphs[0].runs:
        run.font.size, run.font.bold, run.font.color.rgb, run.font.name = Pt(size), bold, colour, "Arial"
    return shape


def content_slide(prs, title: str, content: DeckContent, *, subtitle: str = "", notes: str = ""):
    """A slide with a real title (for the outline and screen readers), a filter line and a footer."""
    slide = prs.slides.add_slide(prs.slide_layouts[TITLE_ONLY])
    _band(slide, Inches(0.14))
    heading = slide.shapes.title
    heading.left, heading.top, heading.width, heading.height = MARGIN, Inches(0.3), BODY_WIDTH, Inches(0.75)
    heading.text_frame.text = title
    heading.text_frame.vertical_anchor = MSO_ANCHOR.TOP
    para = heading.text_frame.paragraphs[0]
    para.alignment = 1  # left
    font = para.runs[0].font
    font.size, font.bold, font.color.rgb, font.name = Pt(30), True, DARK_BLUE, "Arial"
    filter_line = f"{content.community_label}  ·  Publication mode {'on' if content.rule.on else 'off'}"
    _text(slide, filter_line, (MARGIN, Inches(0.98), BODY_WIDTH, Inches(0.35)), 13, GREY)
    if subtitle:
        _text(slide, subtitle, (MARGIN, Inches(1.28), BODY_WIDTH, Inches(0.45)), 15)
    _text(slide, content.source, (MARGIN, Inches(7.02), Inches(9), Inches(0.35)), 10, GREY)
    if notes or subtitle:
        slide.notes_slide.notes_text_frame.text = "\n".join(t for t in (subtitle, notes) if t)
    return slide


def title_slide(prs, content: DeckContent) -> None:
    slide = prs.slides.add_slide(prs.slide_layouts[TITLE_SLIDE])
    _band(slide, Inches(2.1))
    title, subtitle = slide.shapes.title, slide.placeholders[1]
    title.left, title.top, title.width, title.height = MARGIN, Inches(2.5), BODY_WIDTH, Inches(1.4)
    title.text_frame.text = content.programme
    title.text_frame.paragraphs[0].alignment = 1
    run = title.text_frame.paragraphs[0].runs[0]
    run.font.size, run.font.bold, run.font.color.rgb, run.font.name = Pt(38), True, DARK_BLUE, "Arial"
    subtitle.left, subtitle.top, subtitle.width, subtitle.height = MARGIN, Inches(4.1), BODY_WIDTH, Inches(2.6)
    lines = [f"Communities: {', '.join(content.communities)}",
             f"Commissioned by {content.commissioner}; delivered by {content.delivered_by}",
             f"Made on {content.made_on.day} {content.made_on:%B %Y} from the CoP dashboard",
             "Publication mode on: small numbers suppressed" if content.rule.on
             else "Publication mode off: small numbers not suppressed"]
    subtitle.text_frame.text = "\n".join(lines)
    for para in subtitle.text_frame.paragraphs:
        para.alignment = 1
        for run in para.runs:
            run.font.size, run.font.color.rgb, run.font.name = Pt(20), TEXT, "Arial"


def _lines(text: str, per_line: int) -> int:
    return max(1, math.ceil(len(text) / per_line))


def _pages(items: list, cost, budget: int) -> list[list]:
    """Split items into slides whose summed cost stays within budget (an item never splits)."""
    pages, page, used = [], [], 0
    for item in items:
        if page and used + cost(item) > budget:
            pages.append(page)
            page, used = [], 0
        page.append(item)
        used += cost(item)
    return pages + ([page] if page else [])


def _paragraph(frame, text: str, size: int, colour=TEXT, *, bold=False, italic=False, space_before=0):
    para = frame.paragraphs[0] if not frame.paragraphs[0].runs else frame.add_paragraph()
    run = para.add_run()
    run.text = text
    run.font.size, run.font.color.rgb, run.font.bold, run.font.italic = Pt(size), colour, bold, italic
    run.font.name = "Arial"
    para.space_before = Pt(space_before)
    return para


def _numbered(title: str, i: int, n: int) -> str:
    return title if n == 1 else f"{title} ({i} of {n})"


def quote_slides(prs, content: DeckContent) -> None:
    """Members' words, a few to a slide, each with its attribution as the report gives it."""
    pages = _pages(content.quotes, lambda q: _lines(q.text, 85) + 1, QUOTE_LINES)
    for i, page in enumerate(pages, 1):
        slide = content_slide(prs, _numbered("What members said", i, len(pages)), content)
        frame = slide.shapes.add_textbox(MARGIN, Inches(1.45), BODY_WIDTH, Inches(5.4)).text_frame
        frame.word_wrap = True
        for quote in page:
            _paragraph(frame, f"“{quote.text}”", 20, space_before=14)
            _paragraph(frame, f"— {quote.attribution}", 13, GREY)


def value_area_slides(prs, content: DeckContent) -> None:
    """The areas of change in full, under their value cycle, naming the communities they name."""
    pages = _pages(content.value_areas, lambda a: _lines(a[1], 110) + 0.6, AREA_LINES)
    for i, page in enumerate(pages, 1):
        slide = content_slide(prs, _numbered("Areas of change", i, len(pages)), content)
        frame = slide.shapes.add_textbox(MARGIN, Inches(1.45), BODY_WIDTH, Inches(5.4)).text_frame
        frame.word_wrap = True
        cycle = None
        for name, text, who in page:
            if name != cycle:
                _paragraph(frame, name, 16, DARK_BLUE, bold=True, space_before=10)
                cycle = name
            _paragraph(frame, text, 15, space_before=3)
            _paragraph(frame, who, 12, GREY)


def notes_slide(prs, content: DeckContent) -> None:
    slide = content_slide(prs, "Sources and notes", content)
    frame = slide.shapes.add_textbox(MARGIN, Inches(1.45), BODY_WIDTH, Inches(5.4)).text_frame
    frame.word_wrap = True
    for note in content.notes:
        _paragraph(frame, f"•  {note}", 16, space_before=10)
