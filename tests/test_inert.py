"""dashboard.inert over a corpus of hostile text: what Streamlit's markdown and plotly would make of the
result holds no link, icon, emoji, colour, formula or markup, and reads exactly as typed. The browser
side (tests/test_browser_inert.py) checks the rendered pages themselves."""

from __future__ import annotations

import html
import io
import re
import string

import openpyxl
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pptx import Presentation
from sqlalchemy import insert

from dashboard.files.spreadsheets import to_csv_bytes, to_xlsx_bytes
from dashboard.inert import WORD_JOINER, markdown, plot_text
from db import models as m
from tests.payloads import EVIL, PAYLOADS

SYNTAX = set("\\`*_{}[]()<>#+-.!|~:$&=\"'^")  # what markdown may read as syntax
BIDI = re.compile("[\u202a-\u202e\u2066-\u2069]")
# What Streamlit's markdown finds in a text node once escapes are resolved (remark-gfm's autolink
# literals: URLs, www. and email addresses, mailto: ones included; :material/…: icons and emoji
# shortcodes). Colour directives (:red[…]) and the rest are syntax, which escaping stops.
AUTOLINK = re.compile(r"(?i)https?://|www\.|[\w.+-]@[\w-]")
SHORTCODE = re.compile(r":[\w+-]+(/[\w-]+)?:")


def resolved(md: str) -> str:
    """The text a markdown parser keeps of `md`: backslash escapes resolved, hard breaks as newlines."""
    return re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", md.replace("  \n", "\n"))


def as_typed(text: str) -> str:
    """What a reader should see: the text, bar bidi controls; indentation as no-break spaces."""
    text = BIDI.sub("", text).replace("\r\n", "\n").replace("\r", "\n")
    return re.sub(r"(?m)^[ \t]+", lambda m: "\u00a0" * len(m.group()), text)


def unescaped_punctuation(md: str) -> list[str]:
    """Syntax characters in `md` that are not backslash-escaped."""
    found, i = [], 0
    while i < len(md):
        if md[i] == "\\" and i + 1 < len(md) and md[i + 1] in string.punctuation:
            i += 2
            continue
        if md[i] in SYNTAX:
            found.append(md[i])
        i += 1
    return found


def check_markdown(text: str) -> None:
    out = markdown(text)
    assert unescaped_punctuation(out) == []
    kept = resolved(out)
    assert not AUTOLINK.search(kept), kept
    assert not SHORTCODE.search(kept), kept
    assert not re.search(r"(?m)^[ \t]+\S", out)  # no indented code block
    assert kept.replace(WORD_JOINER, "") == as_typed(text)


def check_plot_text(text: str) -> None:
    out = plot_text(text)
    assert not re.search(r"[<>$%]", out)
    assert not re.search(r"&(?!(lt|gt|amp|#36|#37);)", out)  # every & starts one of our references
    assert html.unescape(out) == BIDI.sub("", text).replace("\r\n", "\n").replace("\r", "\n")


def test_the_corpus_has_at_least_50_kinds():
    assert len(PAYLOADS) >= 50 and len(set(PAYLOADS.values())) == len(PAYLOADS)


@pytest.mark.parametrize("text", PAYLOADS.values(), ids=PAYLOADS.keys())
def test_markdown_shows_every_payload_as_typed_and_nothing_else(text):
    check_markdown(text)


@pytest.mark.parametrize("text", PAYLOADS.values(), ids=PAYLOADS.keys())
def test_plot_text_shows_every_payload_as_typed_and_nothing_else(text):
    check_plot_text(text)


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_markdown_holds_for_any_text(text):
    check_markdown(text)


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_plot_text_holds_for_any_text(text):
    check_plot_text(text)


def test_backslash_escapes_alone_leave_bare_links_and_icons_for_streamlit_to_find():
    """Why the word joiner: escaped once, a URL or :material/…: is whole again in the text node."""
    escaped = re.sub(r"([\\`*_{}\[\]()<>#+\-.!|~:$&=\"'^])", r"\\\1", f"https://{EVIL} :material/home:")
    assert AUTOLINK.search(resolved(escaped)) and SHORTCODE.search(resolved(escaped))


def test_none_and_numbers_are_text():
    assert markdown(None) == "" and plot_text(None) == ""
    assert markdown(3.5) == "3\\.5" and plot_text(12) == "12"


def test_a_single_line_break_stays_a_break_and_a_blank_line_a_paragraph():
    assert markdown("a\nb") == "a  \nb"
    assert markdown("a\n\nb") == "a\n\nb"


def test_xlsx_download_makes_no_hyperlink_and_no_formula_from_text():
    frame = pd.DataFrame(
        {"text": [PAYLOADS["https-url"], PAYLOADS["www"], PAYLOADS["mailto"], f'=HYPERLINK("https://{EVIL}","x")']}
    )
    sheet = openpyxl.load_workbook(io.BytesIO(to_xlsx_bytes(frame))).active
    cells = [row[0] for row in sheet.iter_rows(min_row=2)]
    assert all(cell.hyperlink is None and cell.data_type == "s" for cell in cells)
    assert [c.value for c in cells][:3] == list(frame["text"][:3])
    assert EVIL in to_csv_bytes(frame).decode("utf-8-sig")


def test_deck_shows_a_hostile_comment_as_text_without_a_hyperlink(engine):
    from dashboard.deck.build import build_deck
    from dashboard.privacy.rule import Rule

    text = f"{PAYLOADS['https-url']} {PAYLOADS['html-anchor']} {PAYLOADS['material-icon']}"
    with engine.begin() as conn:
        conn.execute(insert(m.Comment), [{"slug": "hostile", "text": text, "source": "test"}])
    deck = build_deck(engine, None, ["quotes"], Rule())
    prs = Presentation(io.BytesIO(deck))
    runs = [
        r
        for slide in prs.slides
        for sh in slide.shapes
        if sh.has_text_frame
        for p in sh.text_frame.paragraphs
        for r in p.runs
    ]
    assert any(text in r.text for r in runs)
    assert all(r.hyperlink.address is None for r in runs)
    parts = [p.blob for p in prs.part.package.iter_parts() if p.partname.endswith(".xml")]
    assert not any(b"hlinkClick" in blob or b"hlinkHover" in blob for blob in parts)


def test_deck_chart_workbook_keeps_a_link_like_or_formula_like_name_as_text():
    from dashboard.deck.charts import chart_data
    from dashboard.deck.model import ChartSpec

    names = [f"https://{EVIL}/a", f"mailto:someone@{EVIL}", "=1+1"]
    spec = ChartSpec(
        section="s",
        title="t",
        kind="bar_clustered",
        categories=names,
        series=[(f"https://{EVIL}/s", [1, 2, 3])],
        value_title="v",
    )
    sheet = openpyxl.load_workbook(io.BytesIO(chart_data(spec).xlsx_blob)).active
    cells = [cell for row in sheet.iter_rows() for cell in row if cell.value is not None]
    assert [c.value for c in cells if isinstance(c.value, str)] == [f"https://{EVIL}/s", *names]
    assert all(c.hyperlink is None for c in cells) and not any(c.data_type == "f" for c in cells)


def _strings(value) -> list[str]:
    """Every string inside a figure's JSON."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, (list, tuple)):
        return [s for v in value for s in _strings(v)]
    return _strings(value.tolist()) if hasattr(value, "tolist") else []  # numpy arrays


def test_charts_carry_names_and_notes_as_inert_plotly_text():
    from dashboard.charts import figures as charts
    from dashboard.charts import heatmaps

    hostile = f'<a href="https://{EVIL}"><b>A</b></a> $x^2$ %{{x}}'
    note = f"<img src=x onerror=alert(1)> %{{customdata[0]}} https://{EVIL}"
    sessions = pd.DataFrame(
        {
            "community": [hostile] * 2,
            "number": [1, 2],
            "date": [None, None],
            "status": ["held", "postponed"],
            "headcount": [12, None],
            "note": [None, note],
        }
    )
    counts = pd.DataFrame({"community": [hostile], "kind": [hostile], "n": [3]})
    change = pd.DataFrame(
        {"community": [hostile], "first_count": [3], "last_count": [5], "first_held": ["S1"], "last_held": ["S2"]}
    )
    figures = [
        charts.build_attendance(sessions, {}, "t"),
        charts.build_stacked_bars(counts, category="community", stack="kind", value="n", title="t", x_title="x"),
        charts.build_stacked_bars(
            counts, category="community", stack="kind", value="n", title="t", x_title="x", orientation="v"
        ),
        charts.build_change(change, {}, "t"),
        heatmaps.build_count_grid(counts, row="kind", column="community", value="n", columns=[hostile], title="t"),
    ]
    for fig in figures:
        texts = [re.sub(r"<br>|<extra></extra>", "", s) for s in _strings(fig.to_plotly_json()["data"])]
        assert not any("<" in s or "$" in s for s in texts), texts
        assert not any("%{customdata[0]} https" in s or "$x^2$ %{x}" in s for s in texts)
        assert any(hostile in html.unescape(s) for s in texts)


def test_a_hostile_feedback_answer_and_area_stay_text_in_the_deck_and_the_answers_downloads(engine):
    """Issue 12's evidence in the deck (coded answers with their area) and in Member voice's answers
    CSV and XLSX: no hyperlink, no formula, the text as typed."""
    from sqlalchemy import update

    from dashboard.deck.build import build_deck
    from dashboard.privacy.rule import Rule
    from dashboard.views.feedback_voice import answers_table
    from db.read.feedback_queries import approved_answers
    from db.write import codebook_edit, coding
    from tests.editors import add_editors
    from tests.feedback_items import answer

    admin, _ = add_editors(engine)
    said = f'=HYPERLINK("https://{EVIL}","x") {PAYLOADS["html-anchor"]} {PAYLOADS["material-icon"]}'
    area_text = f"Area https://{EVIL}/a [x](https://{EVIL}) :material/home:"
    first = answer(engine, admin, valuable="placeholder")[1]
    with engine.begin() as conn:  # worse than the form lets through: stored as an import or an old version might
        conn.execute(update(m.FeedbackAnswer).where(m.FeedbackAnswer.id == first).values(text=said))
    area = codebook_edit.add_area(engine, admin, "immediate", area_text, ["Ultrasound Imaging"])
    coding.tag(engine, admin, "answer", first, area=area, rationale="the answer says so")
    prs = Presentation(io.BytesIO(build_deck(engine, None, None, Rule())))
    texts = [sh.text_frame.text for slide in prs.slides for sh in slide.shapes if sh.has_text_frame]
    assert any(said in t for t in texts) and any("Area https://" in t for t in texts)
    parts = [p.blob for p in prs.part.package.iter_parts() if p.partname.endswith(".xml")]
    assert not any(b"hlinkClick" in blob or b"hlinkHover" in blob for blob in parts)
    with engine.connect() as conn:
        table = answers_table(approved_answers(conn))
    sheet = openpyxl.load_workbook(io.BytesIO(to_xlsx_bytes(table))).active
    cells = [c for row in sheet.iter_rows(min_row=2) for c in row if c.value is not None]
    assert said in [c.value for c in cells] or f"'{said}" in [c.value for c in cells]
    assert all(c.hyperlink is None and c.data_type != "f" for c in cells)
    assert f"'{said}" in to_csv_bytes(table).decode("utf-8-sig").replace('""', '"')  # never a formula
