"""The slide deck: opened with python-pptx, its native charts hold the database's figures."""

from __future__ import annotations

import io
from collections import defaultdict

import pytest
from pptx import Presentation
from pptx.enum.chart import XL_CHART_TYPE
from sqlalchemy import insert, select, text

from dashboard.charts import theme
from dashboard.deck.build import build_deck
from dashboard.privacy.rule import Rule, numeric
from dashboard.views import participation_view, summaries
from dashboard.views import programme as views
from db import models as m
from db.read import attendance, queries
from tests.apptest import all_text, run_page

ALL = ["Patient Involvement", "Rehabilitation and Personalised Care", "Operational Teams", "Ultrasound Imaging"]
TWO = ["Ultrasound Imaging", "Operational Teams"]  # chosen out of order: the deck keeps canonical order


def open_deck(engine, communities=None, sections=None, rule=Rule()):
    return Presentation(io.BytesIO(build_deck(engine, communities, sections, rule)))


def charts_by_title(prs) -> dict:
    return {slide.shapes.title.text: shape.chart for slide in prs.slides for shape in slide.shapes if shape.has_chart}


def series_of(chart) -> dict[str, list]:
    return {s.name: list(s.values) for s in chart.plots[0].series}


def slide_texts(prs) -> list[str]:
    return ["\n".join(sh.text_frame.text for sh in slide.shapes if sh.has_text_frame) for slide in prs.slides]


def headcounts(engine) -> dict[str, dict[int, int | None]]:
    """Straight from the sessions table: community -> session number -> headcount (None unless held)."""
    stmt = text(
        "SELECT c.name, s.number, s.status, s.headcount FROM sessions s JOIN communities c ON c.id = s.community_id"
    )
    out = defaultdict(dict)
    with engine.connect() as conn:
        for name, number, status, headcount in conn.execute(stmt):
            out[name][number] = headcount if status == "held" else None
    return out


def distinct_counts(engine, sql: str) -> dict[tuple[str, str], int]:
    with engine.connect() as conn:
        return {(a, b): n for a, b, n in conn.execute(text(sql))}


@pytest.mark.parametrize("chosen", [None, TWO, ["Ultrasound Imaging"]])
def test_attendance_chart_holds_each_sessions_headcount_and_a_gap_when_not_held(engine, chosen):
    chart = charts_by_title(open_deck(engine, chosen, ["attendance"]))["Participants at each convening"]
    assert chart.chart_type == XL_CHART_TYPE.LINE_MARKERS
    names = [n for n in ALL if chosen is None or n in chosen]
    truth = headcounts(engine)
    assert list(chart.plots[0].categories) == ["Convening 1", "Convening 2", "Convening 3"]
    assert series_of(chart) == {n: [truth[n][k] for k in (1, 2, 3)] for n in names}
    if "Ultrasound Imaging" in names:
        assert series_of(chart)["Ultrasound Imaging"] == [15, 13, None]  # postponed: a gap, never 0


def test_each_community_keeps_its_screen_colour_in_a_partial_deck(engine):
    chart = charts_by_title(open_deck(engine, TWO, ["attendance"]))["Participants at each convening"]
    colours = {s.name: str(s.format.line.color.rgb) for s in chart.plots[0].series}
    screen = theme.community_colours(ALL)  # the pages colour communities by their place among all
    assert colours == {n: screen[n].lstrip("#").upper() for n in TWO}


def _hex(colour: str) -> str:
    return colour.lstrip("#").upper()


@pytest.mark.parametrize("community", [None, *ALL])
def test_community_and_organisation_type_colours_are_the_screens(engine, community):
    charts = charts_by_title(open_deck(engine, community and [community], ["attendance", "participation"]))
    lines = views.attendance(community, Rule()).figure  # what the Attendance page draws
    screen = {t.name: _hex(t.line.color) for t in lines.data if "lines" in t.mode}
    deck = {s.name: str(s.format.line.color.rgb) for s in charts["Participants at each convening"].plots[0].series}
    assert deck == screen
    types = participation_view.participation(community).types_figure  # what the Participation page draws
    screen = {t.name: _hex(t.marker.color) for t in types.data}
    deck = {
        s.name: str(s.format.fill.fore_color.rgb) for s in charts["Organisations taking part, by type"].plots[0].series
    }
    assert deck == {name: colour for name, colour in screen.items() if name in deck} and len(deck) >= 2


def test_numbers_on_stacked_bar_segments_are_readable_on_their_colour(engine):
    chart = charts_by_title(open_deck(engine, None, ["participation"]))["Organisations taking part, by type"]
    pairs = [(str(s.format.fill.fore_color.rgb), str(s.data_labels.font.color.rgb)) for s in chart.plots[0].series]
    assert len(pairs) >= 5
    for fill, label in pairs:  # WCAG AA; white on NHS Aqua Green or Green was 3 to 3.9 to 1
        assert theme.contrast(f"#{fill}", f"#{label}") >= 4.5, (fill, label)


def test_first_and_last_held_convening_chart(engine):
    chart = charts_by_title(open_deck(engine, TWO, ["attendance"]))["First and last held convening compared"]
    assert chart.chart_type == XL_CHART_TYPE.COLUMN_CLUSTERED
    assert list(chart.plots[0].categories) == ["Operational Teams", "Ultrasound Imaging"]
    assert series_of(chart) == {"First held convening": [14, 15], "Last held convening": [10, 13]}


@pytest.mark.parametrize("chosen", [None, TWO])
def test_organisation_types_chart_counts_distinct_organisations(engine, chosen):
    chart = charts_by_title(open_deck(engine, chosen, ["participation"]))["Organisations taking part, by type"]
    assert chart.chart_type == XL_CHART_TYPE.BAR_STACKED
    truth = distinct_counts(
        engine,
        "SELECT c.name, t.name, COUNT(DISTINCT o.id) FROM community_organisations co "
        "JOIN communities c ON c.id = co.community_id JOIN organisations o ON o.id = "
        "co.organisation_id JOIN organisation_types t ON t.id = o.organisation_type_id "
        "GROUP BY c.name, t.name",
    )
    names = [n for n in ALL if chosen is None or n in chosen]
    assert list(chart.plots[0].categories) == names
    got = {(c, s): v for s, values in series_of(chart).items() for c, v in zip(names, values) if v}
    assert got == {k: v for k, v in truth.items() if k[0] in names}


@pytest.mark.parametrize("chosen", [None, TWO])
def test_professional_groups_chart_counts_distinct_roles(engine, chosen):
    chart = charts_by_title(open_deck(engine, chosen, ["participation"]))[
        "Distinct roles listed, by professional group"
    ]
    assert chart.chart_type == XL_CHART_TYPE.BAR_STACKED
    truth = distinct_counts(
        engine,
        "SELECT c.name, g.name, COUNT(DISTINCT r.id) FROM community_roles cr "
        "JOIN communities c ON c.id = cr.community_id JOIN roles r ON r.id = cr.role_id "
        "JOIN professional_groups g ON g.id = r.professional_group_id GROUP BY c.name, g.name",
    )
    names = [n for n in ALL if chosen is None or n in chosen]
    groups = list(chart.plots[0].categories)
    assert list(series_of(chart)) == names
    got = {(c, g): v for c, values in series_of(chart).items() for g, v in zip(groups, values) if v}
    assert got == {k: v for k, v in truth.items() if k[0] in names}


@pytest.mark.parametrize(
    "chosen, expected",
    [
        (
            None,
            {
                "Immediate value": 5,
                "Potential value": 3,
                "Applied value": 4,
                "Realised value": 2,
                "Strategic value": 3,
                "Enabling value": 2,
                "Transformative value": 5,
            },
        ),
        (["Operational Teams"], {"Immediate value": 2, "Realised value": 1}),
    ],
)
def test_value_areas_chart_counts_areas_of_change_per_cycle(engine, chosen, expected):
    chart = charts_by_title(open_deck(engine, chosen, ["value_areas"]))["Areas of change by value cycle"]
    with engine.connect() as conn:
        cycles = [r[0] for r in conn.execute(select(m.ValueCycle.name).order_by(m.ValueCycle.display_order))]
    assert list(chart.plots[0].categories) == cycles
    assert series_of(chart) == {"Areas of change": [expected.get(c, 0) for c in cycles]}


def test_slides_are_16_by_9_and_open_with_a_title_and_close_with_sources(engine):
    prs = open_deck(engine)
    assert prs.slide_width * 9 == prs.slide_height * 16
    texts = slide_texts(prs)
    assert "SELCA Communities of Practice programme" in texts[0]
    assert all(n in texts[0] for n in ALL) and "Made on" in texts[0]
    assert prs.slides[-1].shapes.title.text == "Sources and notes"
    assert "Source: SELCA Communities of Practice final report" in texts[-1]


def test_every_chart_is_native_with_its_figures_inside_the_file(engine):
    prs = open_deck(engine)
    charts = list(charts_by_title(prs).values())
    assert len(charts) == 5
    for chart in charts:
        assert chart.part.chart_workbook.xlsx_part is not None  # the embedded, editable data


def test_quote_slides_hold_every_quote_for_all_communities(engine):
    prs = open_deck(engine, None, ["quotes"])
    quotes = "\n".join(
        t for s, t in zip(prs.slides, slide_texts(prs)) if s.shapes.title.text.startswith("What members said")
    )
    with engine.connect() as conn:
        comments = queries.comments(conn)
    assert len(comments) == 38
    for comment in comments["text"]:
        assert f"“{comment.strip()}”" in quotes


def test_quote_slides_hold_only_the_chosen_communitys_quotes(engine):
    prs = open_deck(engine, ["Ultrasound Imaging"], ["quotes"])
    quote_slides = [t for s, t in zip(prs.slides, slide_texts(prs)) if s.shapes.title.text.startswith("What members")]
    assert len(quote_slides) == 1
    with engine.connect() as conn:
        comments = queries.comments(conn)
    mine = comments[comments["community"] == "Ultrasound Imaging"]["text"].tolist()
    others = comments[comments["community"] != "Ultrasound Imaging"]["text"].tolist()
    assert len(mine) == 1 and mine[0] in quote_slides[0]
    assert "Community member, Ultrasound Imaging" in quote_slides[0]
    assert not any(o in quote_slides[0] for o in others)


def _small_session(engine):
    """A recorded convening of five people: a count that publication mode must hide."""
    with engine.begin() as conn:
        ot = conn.execute(select(m.Community.id).where(m.Community.name == "Operational Teams")).scalar()
        conn.execute(
            insert(m.Session).values(
                community_id=ot, number=4, status="held", headcount=5, source="Recorded for a test"
            )
        )


@pytest.mark.parametrize("rule", [Rule(on=True), Rule(on=True, round_to_5=True), Rule(on=False)])
def test_publication_mode_applies_to_the_deck_as_on_screen(engine, rule):
    _small_session(engine)
    prs = open_deck(engine, ["Operational Teams"], ["attendance"], rule)
    line = series_of(charts_by_title(prs)["Participants at each convening"])["Operational Teams"]
    with engine.connect() as conn:
        screen = summaries.shown_sessions(attendance.attendance_by_session(conn, community="Operational Teams"), rule)
    assert line == numeric(screen["shown"].tolist())  # the figures the Attendance page shows
    assert line[3] == (None if rule.on else 5)
    compare = series_of(charts_by_title(prs)["First and last held convening compared"])
    assert compare["Last held convening"] == [None if rule.on else 5]
    line_slide = next(t for t in slide_texts(prs) if "Participants at each convening" in t)
    assert ("1 count(s) are hidden by publication mode" in line_slide) == rule.on
    notes = slide_texts(prs)[-1]
    assert ("Small numbers were suppressed" in notes) == rule.on
    assert ("Small numbers were not suppressed" in notes) == (not rule.on)


def test_round_to_5_rounds_the_deck_figures_like_the_screen(engine):
    chart = charts_by_title(open_deck(engine, None, ["attendance"], Rule(on=True, round_to_5=True)))[
        "Participants at each convening"
    ]
    assert series_of(chart)["Patient Involvement"] == [40, 30, 30]
    assert series_of(chart)["Ultrasound Imaging"] == [15, 15, None]


def test_a_long_run_of_comments_is_capped_and_the_notes_say_so(engine):
    with engine.begin() as conn:
        conn.execute(
            insert(m.Comment),
            [{"slug": f"extra-{i}", "text": f"Extra comment {i}", "source": "test"} for i in range(50)],
        )
    prs = open_deck(engine, None, ["quotes"])
    quotes = "\n".join(slide_texts(prs)[1:-1])
    assert quotes.count("“") == 40
    assert "The deck quotes the first 40 of 88 comments" in slide_texts(prs)[-1]


def test_only_the_chosen_sections_are_built(engine):
    prs = open_deck(engine, None, ["quotes"])
    assert not charts_by_title(prs)
    titles = [s.shapes.title.text for s in prs.slides]
    assert titles[-1] == "Sources and notes" and not any("Areas of change" in t for t in titles)


def test_an_unknown_community_is_named_in_the_error(engine):
    with pytest.raises(ValueError, match="Unknown community 'Radiology'"):
        build_deck(engine, ["Radiology"], None, Rule())


def test_more_communities_than_a_slide_can_show_are_refused_with_the_limit(engine):
    with engine.begin() as conn:
        programme = conn.execute(select(m.Programme.id)).scalar()
        conn.execute(
            insert(m.Community),
            [
                {
                    "slug": f"extra-{i}",
                    "name": f"Extra community {i}",
                    "programme_id": programme,
                    "display_order": 10 + i,
                    "description": "test",
                    "source": "test",
                }
                for i in range(9)
            ],
        )
    with pytest.raises(ValueError, match=r"A deck shows at most 12 communities.*13 were chosen"):
        build_deck(engine, None, None, Rule())
    assert open_deck(engine, [*ALL, "Extra community 0"], ["participation"]).slides


def test_a_community_with_nothing_recorded_yet_gets_a_deck_that_says_so(engine):
    with engine.begin() as conn:
        programme = conn.execute(select(m.Programme.id)).scalar()
        conn.execute(
            insert(m.Community).values(
                slug="new", name="New community", programme_id=programme, display_order=9, source="test"
            )
        )
    prs = open_deck(engine, ["New community"], None)
    assert "Participants at each convening" not in charts_by_title(prs)
    assert "No sessions are recorded for the chosen communities yet." in slide_texts(prs)[-1]


def test_slide_deck_page_starts_from_the_sidebar_community(db_url):
    at = run_page("build-a-deck", community="Ultrasound Imaging")
    assert not at.exception
    assert at.multiselect(key="deck-communities-Ultrasound Imaging").value == ["Ultrasound Imaging"]
    assert [b.label for b in at.get("download_button")] == ["Build and download the deck (.pptx)"]
    at = run_page("build-a-deck", publication="true")
    assert at.multiselect(key="deck-communities-all").value == ALL
    assert "Publication mode is on: the deck hides small numbers" in all_text(at)


def test_a_deck_for_communities_with_long_names_keeps_its_title_within_the_format_limit(engine):
    names = [f"Primary care early diagnosis community with a long descriptive name {i:02d}" for i in range(6)]
    with engine.begin() as conn:
        programme = conn.execute(select(m.Programme.id)).scalar_one()
        for i, name in enumerate(names):
            conn.execute(
                insert(m.Community).values(
                    slug=f"long-{i}", name=name, programme_id=programme, display_order=10 + i, source="test"
                )
            )
    deck = Presentation(io.BytesIO(build_deck(engine, names)))
    assert len(deck.core_properties.title) <= 255
    assert deck.core_properties.title == "6 communities · SELCA Communities of Practice programme"
    assert all(name in deck.slides[0].placeholders[1].text_frame.text for name in names)  # named in full
