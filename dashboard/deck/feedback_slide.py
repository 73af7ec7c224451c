"""The "Tell us what you got from today" slide: a session's feedback link as a QR code and as text.

A link's token is shown only once (only its hash is stored), so the slide can be made only while the
link is known: the Feedback links page offers it as a one-slide deck right after the link is opened,
and `deck.build_deck(..., feedback_url=...)` ends a deck with it when an editor pastes the link on the
Slide deck page. The QR code is made with segno as a PNG; every text box is measured (deck_text).
"""

from __future__ import annotations

import io
import re

import segno
from pptx import Presentation
from pptx.util import Emu, Inches

from dashboard.deck.layout import (
    BODY_TOP,
    BODY_WIDTH,
    DARK_BLUE,
    FOOT,
    GREY,
    HEIGHT,
    MARGIN,
    TEXT,
    TITLE_HEIGHT,
    TITLE_ONLY,
    TITLE_TOP,
    WIDTH,
    band,
    place,
)
from dashboard.deck.text import Para, fitted

HEADING = "Tell us what you got from today"
URL_RE = re.compile(r"https?://[^\s<>\"']{1,400}")  # what a pasted link must look like
QR_SIDE = Inches(4.6)
URL_HEIGHT = Inches(0.7)
ASK = (
    "A few short questions, no account and no name. An editor of the community reads every answer "
    "before anything is shown."
)


def qr_png(url: str) -> bytes:
    buf = io.BytesIO()
    segno.make(url, error="m").save(buf, kind="png", scale=10, border=4)
    return buf.getvalue()


def valid_url(text: str | None) -> str | None:
    """The link, stripped, when it looks like one; None otherwise (an empty field included)."""
    text = (text or "").strip()
    return text if URL_RE.fullmatch(text) else None


def feedback_slide(prs, url: str, session_words: str = "") -> None:
    """A slide asking for feedback: heading, the QR code of `url`, what to do, and `url` in full."""
    slide = prs.slides.add_slide(prs.slide_layouts[TITLE_ONLY])
    band(slide, Inches(0.14))
    heading = fitted(lambda s: [Para(HEADING, s, bold=True)], (BODY_WIDTH.pt, TITLE_HEIGHT.pt), (30, 28, 26, 24))
    place(slide, heading, (MARGIN, TITLE_TOP, BODY_WIDTH, TITLE_HEIGHT), DARK_BLUE, shape=slide.shapes.title)
    top = BODY_TOP
    picture = slide.shapes.add_picture(io.BytesIO(qr_png(url)), MARGIN, top, QR_SIDE, QR_SIDE)
    alt = f"QR code of the feedback form's address: {url}"
    picture._element.nvPicPr.cNvPr.set("descr", alt)  # noqa: SLF001 (python-pptx has no alt-text API)
    left = Emu(MARGIN + QR_SIDE + Inches(0.4))
    box = (left, top, Emu(WIDTH - MARGIN - left), QR_SIDE)
    lines = [f"Feedback on {session_words}"] if session_words else []
    lines += ["Scan the code with your phone's camera, or type the address below.", ASK]
    paras = fitted(
        lambda s: [
            Para(t, s, bold=i == 0 and bool(session_words), space_before=s * 0.5 if i else 0)
            for i, t in enumerate(lines)
        ],
        (box[2].pt, box[3].pt),
        (28, 24, 22, 20, 18, 16, 14),
    )
    place(slide, paras, box, [TEXT] * len(paras))
    url_box = (MARGIN, Emu(FOOT - URL_HEIGHT), BODY_WIDTH, URL_HEIGHT)
    place(
        slide,
        fitted(lambda s: [Para(url, s)], (BODY_WIDTH.pt, URL_HEIGHT.pt), (18, 16, 14, 12, 11, 10, 9)),
        url_box,
        GREY,
    )
    slide.notes_slide.notes_text_frame.text = f"Feedback link: {url}"


def one_slide_deck(url: str, session_words: str = "") -> bytes:
    """A 16:9 deck of the feedback slide alone, to add to a meeting's own slides."""
    prs = Presentation()
    prs.slide_width, prs.slide_height = WIDTH, HEIGHT
    prs.core_properties.title, prs.core_properties.author = HEADING, "CoP dashboard"
    feedback_slide(prs, url, session_words)
    buf = io.BytesIO()
    prs.save(buf)
    return buf.getvalue()
