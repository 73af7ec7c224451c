"""Every text box of a deck holds its text: measured with the font's metrics, not trusted to autofit.

Decks are built for all communities, each of the report's four, and with publication mode on; every
shape with text is measured at its runs' own sizes (`dashboard.deck.text`, Liberation Sans = Arial's
widths) against its box, and no two text boxes or charts on a slide overlap.
"""

from __future__ import annotations

import io
import itertools
import os
import re
import shutil

import pytest
from pptx import Presentation
from pptx.enum.chart import XL_LABEL_POSITION
from pptx.util import Emu
from sqlalchemy import insert

from dashboard.deck import text as deck_text
from dashboard.deck.build import build_deck
from dashboard.privacy.rule import Rule
from db import models as m
from db.engine import make_engine

pytestmark = pytest.mark.slow  # builds and measures whole decks (fonts, every text box)

PICTURE = 13  # MSO_SHAPE_TYPE.PICTURE: the feedback slide's QR code
ALL = ["Patient Involvement", "Rehabilitation and Personalised Care", "Operational Teams", "Ultrasound Imaging"]
DECKS = [("all communities", None, Rule()), ("all, publication mode", None, Rule(on=True))] + [
    (name, [name], Rule()) for name in ALL
]
FEEDBACK = "all, ending with the feedback slide"
FEEDBACK_URL = "https://cop-dashboard.example.nhs.uk/feedback?token=" + "Qx7-_" * 9  # a long public address
LABELS = [d[0] for d in DECKS] + [FEEDBACK]


@pytest.fixture(scope="module")
def decks(module_engine):
    """Each deck of DECKS, built once from a copy of the report's database."""
    if not deck_text.measured_by_font():  # CI installs fonts-liberation: there, a missing font is a failure
        (pytest.fail if os.environ.get("CI") else pytest.skip)(
            "fonts-liberation is not installed: text would be measured by estimate only"
        )
    engine = module_engine
    built = {label: Presentation(io.BytesIO(build_deck(engine, chosen, None, rule))) for label, chosen, rule in DECKS}
    built[FEEDBACK] = Presentation(io.BytesIO(build_deck(engine, None, ["quotes"], Rule(), feedback_url=FEEDBACK_URL)))
    return built


@pytest.fixture(scope="module")
def module_engine(built_sqlite, tmp_path_factory):
    """One copy of the report's database for the module (the decks only read it)."""
    path = tmp_path_factory.mktemp("fit") / "cop.sqlite3"
    shutil.copyfile(built_sqlite, path)
    engine = make_engine(f"sqlite:///{path}")
    yield engine
    engine.dispose()


def paragraphs(shape) -> list[deck_text.Para]:
    """The shape's paragraphs as measured: each at its largest run's size, bold if any run is."""
    out = []
    for para in shape.text_frame.paragraphs:
        runs = [r for r in para.runs if r.text]
        if not runs:
            continue
        assert all(r.font.size is not None for r in runs), f"a run without a set size: {para.text!r}"
        before = para.space_before.pt if para.space_before is not None else 0
        out.append(
            deck_text.Para(
                "".join(r.text for r in runs),
                max(r.font.size.pt for r in runs),
                any(r.font.bold for r in runs),
                any(r.font.italic for r in runs),
                before,
            )
        )
    return out


def text_shapes(slide):
    return [s for s in slide.shapes if s.has_text_frame and s.text_frame.text.strip()]


def inches(points: float) -> str:
    return f"{points / 72:.2f} in"


def overflows(prs) -> list[str]:
    """Every text box on every slide whose text does not fit it, or that runs off the slide."""
    problems = []
    for number, slide in enumerate(prs.slides, 1):
        for shape in text_shapes(slide):
            paras, width, height = paragraphs(shape), shape.width.pt, shape.height.pt
            where = f"slide {number} ({slide.shapes.title.text if slide.shapes.title else ''}), {shape.name}"
            if not deck_text.fits(paras, width, height):
                problems.append(
                    f"{where}: needs {inches(deck_text.box_height(paras, width))}, has "
                    f"{inches(height)}; widest word {inches(deck_text.widest_word(paras))} of "
                    f"{inches(width - 2 * deck_text.INSET_X)}"
                )
            if shape.left + shape.width > prs.slide_width or shape.top + shape.height > prs.slide_height:
                problems.append(f"{where}: runs off the slide")
    return problems


@pytest.mark.parametrize("label", LABELS)
def test_every_text_box_holds_its_text(decks, label):
    problems = overflows(decks[label])
    assert not problems, "\n".join(problems)


def test_a_comment_too_long_for_one_slide_is_split_across_slides(engine):
    words = [f"word{i}" for i in range(1500)]
    with engine.begin() as conn:
        conn.execute(insert(m.Comment).values(slug="very-long", text=" ".join(words), source="test"))
    prs = Presentation(io.BytesIO(build_deck(engine, None, ["quotes"], Rule())))
    assert not overflows(prs)
    quoted = " ".join(
        t
        for slide in prs.slides
        for shape in text_shapes(slide)
        for t in [shape.text_frame.text]
        if slide.shapes.title.text.startswith("What members said")
    )
    assert quoted.count("— Community member") - 38 >= 2  # the long comment's parts, each attributed
    assert re.findall(r"word\d+", quoted) == words  # every word, once, in order


def test_without_the_font_file_widths_are_estimated_on_the_wide_side(monkeypatch):
    samples = [
        "Participants at each convening",
        "Rehabilitation and Personalised Care",
        "Community member, Ultrasound Imaging  ·  Social Learning Space",
        "“Very well moderated”",
    ]
    real = [deck_text.text_width(t, 20, bold) for t in samples for bold in (False, True)]
    monkeypatch.setattr(deck_text, "FONT_DIR", deck_text.FONT_DIR / "missing")
    deck_text._font.cache_clear(), deck_text.text_width.cache_clear()
    try:
        estimated = [deck_text.text_width(t, 20, bold) for t in samples for bold in (False, True)]
        assert not deck_text.measured_by_font()
    finally:
        monkeypatch.undo()
        deck_text._font.cache_clear(), deck_text.text_width.cache_clear()
    assert all(e >= r for e, r in zip(estimated, real))


def _overlap(a, b) -> bool:
    return (
        a.left < b.left + b.width
        and b.left < a.left + a.width
        and a.top < b.top + b.height
        and b.top < a.top + a.height
    )


@pytest.mark.parametrize("label", LABELS)
def test_no_two_text_boxes_or_charts_on_a_slide_overlap(decks, label):
    problems = []
    for number, slide in enumerate(decks[label].slides, 1):
        boxes = text_shapes(slide) + [s for s in slide.shapes if s.has_chart or s.shape_type == PICTURE]
        problems += [
            f"slide {number}: {a.name} ({a.text_frame.text[:30] if a.has_text_frame else 'chart'!r}) "
            f"overlaps {b.name} ({b.text_frame.text[:30] if b.has_text_frame else 'chart'!r})"
            for a, b in itertools.combinations(boxes, 2)
            if _overlap(a, b)
        ]
    assert not problems, "\n".join(problems)


def test_a_community_deck_is_titled_with_the_community(decks):
    for name in ALL:
        prs = decks[name]
        assert prs.slides[0].shapes.title.text_frame.paragraphs[0].text == name
        assert prs.core_properties.title.startswith(name)


def label_sides(chart) -> dict[tuple[str, int], str]:
    """(series, category index) -> "above" or "below", for each point with a value."""
    default = chart.plots[0].data_labels.position
    out = {}
    for series in chart.plots[0].series:
        for i, value in enumerate(series.values):
            if value is not None:
                position = series.points[i].data_label.position or default
                out[(series.name, i)] = {XL_LABEL_POSITION.ABOVE: "above", XL_LABEL_POSITION.BELOW: "below"}[position]
    return out


def test_attendance_labels_of_close_values_sit_on_opposite_sides(decks):
    slide = next(s for s in decks["all communities"].slides if s.shapes.title.text == "Participants at each convening")
    chart = next(s.chart for s in slide.shapes if s.has_chart)
    sides = label_sides(chart)
    values = {(s.name, i): v for s in chart.plots[0].series for i, v in enumerate(s.values) if v is not None}
    # The report's close pairs: 38/36 and 15/14 at convening 1, 34/32 and 13/10 at convening 2.
    close = [
        (a, b)
        for a, b in itertools.permutations(values, 2)
        if a[1] == b[1] and 0 < values[a] - values[b] <= 0.08 * max(values.values())
    ]
    assert len(close) == 4
    for high, low in close:
        assert (sides[high], sides[low]) == ("above", "below"), (high, values[high], low, values[low])


def test_an_overlong_text_is_shrunk_or_split_never_overflowing():
    long = deck_text.Para("word " * 400, 20)
    assert not deck_text.fits([long], Emu(914400 * 12).pt, Emu(914400 * 5).pt)
    parts = deck_text.split_words(long.text, 3)
    assert len(parts) == 3 and " ".join(parts) == long.text.strip()
    [short] = deck_text.shorten([deck_text.Para("A long line " * 30, 13)], (400, 30))
    assert short.text.endswith(deck_text.ELLIPSIS) and deck_text.fits([short], 400, 30)


def test_the_one_slide_feedback_deck_fits_a_long_session_name_and_link():
    from dashboard.deck.feedback_slide import one_slide_deck

    words = "Rehabilitation and Personalised Care, session 12 (30 September 2026)"
    prs = Presentation(io.BytesIO(one_slide_deck(FEEDBACK_URL + "A" * 40, words)))
    assert not overflows(prs)
