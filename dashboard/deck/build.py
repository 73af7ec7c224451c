"""The slide deck builder: a 16:9 PowerPoint file with native charts, quotes, value areas and notes.

`build_deck(engine_or_conn, communities, sections, rule) -> bytes` is the one entry point; the
content comes from `dashboard.deck.content` (publication mode applied as on screen), the charts from
`dashboard.deck.charts`, and the slides of running text from `dashboard.deck.prose`. Every text box
is sized by measuring its text (`dashboard.deck.text`): text shrinks, splits or, for a label, is
shortened, and never overflows its box.
"""

from __future__ import annotations

import datetime as dt
import io

from pptx import Presentation
from pptx.util import Emu, Inches
from sqlalchemy import Connection, Engine

from dashboard.deck.charts import add_chart, alt_text
from dashboard.deck.content import gather
from dashboard.deck.feedback_slide import feedback_slide
from dashboard.deck.headline import headline_slide
from dashboard.deck.layout import (
    BODY_WIDTH,
    DARK_BLUE,
    FOOT,
    GREY,
    HEIGHT,
    MARGIN,
    TEXT,
    WIDTH,
    band,
    content_slide,
    place,
)
from dashboard.deck.model import SECTIONS, DeckContent
from dashboard.deck.prose import notes_slides, quote_slides, value_area_slides
from dashboard.deck.text import Para, fitted
from dashboard.privacy.rule import Rule

PPTX_MIME = "application/vnd.openxmlformats-officedocument.presentationml.presentation"
TITLE_SLIDE = 0
LABEL_LENGTH = 100  # characters of community names a deck's title holds before it counts them instead


def build_deck(
    engine_or_conn: Engine | Connection,
    communities=None,
    sections=None,
    rule: Rule = Rule(),
    made_on: dt.date | None = None,
    *,
    charts=None,
    quotes=None,
    feedback_url: str | None = None,
) -> bytes:
    """The .pptx bytes for these communities (None = all) and sections (None = all) under `rule`;
    of the sections' charts only `charts` (keys of `deck_choice.CHARTS`) and of their quotes only
    `quotes` (comment slugs), when given (None = every one); with `feedback_url`, a last slide asking
    for feedback through that link (its QR code)."""
    sections = list(SECTIONS) if sections is None else list(sections)
    choice = {
        "charts_chosen": None if charts is None else list(charts),
        "quotes_chosen": None if quotes is None else list(quotes),
    }
    if isinstance(engine_or_conn, Engine):
        with engine_or_conn.connect() as conn:
            content = gather(conn, communities, sections, rule, made_on, **choice)
    else:
        content = gather(engine_or_conn, communities, sections, rule, made_on, **choice)
    return render(content, feedback_url)


def deck_label(content: DeckContent) -> str:
    """The deck's communities in a few words: their names, or how many when the names run long."""
    label = content.community_label
    return label if len(label) <= LABEL_LENGTH else f"{len(content.communities)} communities"


def deck_title(content: DeckContent) -> str:
    """What the deck is called: its communities first (so two decks can be told apart), then the programme."""
    return f"{deck_label(content)} · {content.programme}"


def render(content: DeckContent, feedback_url: str | None = None) -> bytes:
    """The deck as .pptx bytes: title, headline figures, one slide per chart (value areas listed after
    theirs), quotes, notes, and the feedback slide when there is a link."""
    prs = Presentation()
    prs.slide_width, prs.slide_height = WIDTH, HEIGHT
    title = deck_title(content)  # read by screen readers and shown as the file's title
    prs.core_properties.title = title if len(title) <= 255 else title[:254] + "…"  # the format's limit
    prs.core_properties.author = "CoP dashboard"
    title_slide(prs, content)
    headline_slide(prs, content)
    for spec in content.charts:
        chart_slide(prs, spec, content)
        if spec.section == "value_areas":
            value_area_slides(prs, content)
    if content.value_areas and not any(spec.section == "value_areas" for spec in content.charts):
        value_area_slides(prs, content)  # the areas listed, their chart left out by choice
    quote_slides(prs, content)
    notes_slides(prs, content)
    if feedback_url:
        feedback_slide(prs, feedback_url)
    buf = io.BytesIO()
    prs.save(buf)
    return buf.getvalue()


def chart_slide(prs, spec, content: DeckContent) -> None:
    """One native chart on its own slide, with its takeaway above and any note below."""
    slide, top = content_slide(prs, spec.title, content, subtitle=spec.caption, notes=spec.note)
    bottom = FOOT
    if spec.note:
        paras = fitted(lambda s: [Para(spec.note, s)], (BODY_WIDTH.pt, Inches(0.75).pt), (12, 11, 10))
        bottom = place(slide, paras, (MARGIN, None, BODY_WIDTH, None), [GREY], bottom=FOOT).top
    frame = add_chart(slide, spec, (MARGIN, top, BODY_WIDTH, bottom - top - Inches(0.05)), content.all_names)
    frame._element.nvGraphicFramePr.cNvPr.set("descr", alt_text(spec))  # noqa: SLF001


def title_slide(prs, content: DeckContent) -> None:
    """The deck's name (its communities, or the programme for all of them) over who made it and when."""
    slide = prs.slides.add_slide(prs.slide_layouts[TITLE_SLIDE])
    band(slide, Inches(2.1))
    heading = content.programme if content.all_communities else deck_label(content)
    title = fitted(lambda s: [Para(heading, s, bold=True)], (BODY_WIDTH.pt, Inches(1.5).pt), (40, 36, 32, 28, 24))
    place(slide, title, (MARGIN, Inches(2.4), BODY_WIDTH, Inches(1.5)), [DARK_BLUE], shape=slide.shapes.title)
    lines = _title_lines(content, heading)
    box = (MARGIN, Inches(4.0), BODY_WIDTH, Emu(FOOT - Inches(4.0)))
    paras = fitted(
        lambda s: [Para(line, s, space_before=s * 0.4) for line in lines], (box[2].pt, box[3].pt), (20, 18, 16, 14, 12)
    )
    place(slide, paras, box, [TEXT] * len(paras), shape=slide.placeholders[1])


def _title_lines(content: DeckContent, heading: str) -> list[str]:
    """The title slide's lines under its heading: the programme and communities it does not name."""
    lines = [] if content.all_communities else [content.programme]
    if heading != content.community_label:
        lines.append(f"Communities: {', '.join(content.communities)}")
    made = f"Made on {content.made_on.day} {content.made_on:%B %Y} from the CoP dashboard"
    mode = (
        "Publication mode on: small numbers suppressed"
        if content.rule.on
        else "Publication mode off: small numbers not suppressed"
    )
    return [*lines, f"Commissioned by {content.commissioner}; delivered by {content.delivered_by}", made, mode]
