"""Chart titles state the finding (issue 13, item 14): the Attendance, Participation and Compare charts
are titled with what the data says, worked out from the figures as shown (publication mode and rounding
included), with their description beneath; one community is compared with nothing, an empty community
gets no chart, a postponed session is never a zero, and an image of a chart carries its finding."""

from __future__ import annotations

import html

import pandas as pd
import pytest
from sqlalchemy import insert, select

from dashboard.privacy.rule import HIDDEN, Rule
from dashboard.views import findings as chart_findings
from db import models as m
from tests.apptest import chart_specs, run_page

PI, REHAB, OPS, US = (
    "Patient Involvement",
    "Rehabilitation and Personalised Care",
    "Operational Teams",
    "Ultrasound Imaging",
)
EMPTY = "Early Diagnosis PCN 1"


def titles(at) -> list[tuple[str, str]]:
    """Each chart's title and subtitle as a person reads them (no line breaks, no character references)."""
    out = []
    for spec in chart_specs(at):
        title = spec["layout"].get("title", {})
        read = [
            html.unescape(str(t).replace("<br>", " "))
            for t in (title.get("text", ""), title.get("subtitle", {}).get("text", ""))
        ]
        out.append(tuple(read))
    return out


ATTENDANCE = {
    None: [
        ("Attendance fell from first to last held convening in all 4 communities", "Participants at each convening"),
        (
            "The steepest change was Rehabilitation and Personalised Care (36 to 24, -33%)",
            "First and last held convening compared",
        ),
    ],
    PI: [
        (
            "Patient Involvement: attendance fell from 38 to 30 (-21%), first to last held convening",
            "Participants at each convening",
        )
    ],
    REHAB: [
        (
            (
                "Rehabilitation and Personalised Care: attendance fell from 36 to 24 (-33%), first to last held "
                "convening"
            ),
            "Participants at each convening",
        )
    ],
    OPS: [
        (
            "Operational Teams: attendance fell from 14 to 10 (-29%), first to last held convening",
            "Participants at each convening",
        )
    ],
    US: [
        (
            "Ultrasound Imaging: attendance fell from 15 to 13 (-13%), first to last held convening",
            "Participants at each convening",
        )
    ],
}


@pytest.mark.parametrize("community", list(ATTENDANCE))
@pytest.mark.parametrize("publication", ["false", "true"])
def test_attendance_charts_are_titled_with_their_finding(db_url, community, publication):
    # The report's counts are all above the publication threshold: the titles read the same either way.
    assert titles(run_page("attendance-trends", community, publication=publication)) == ATTENDANCE[community]


ROUNDED = {
    None: [
        ("Held convenings drew 10 to 40 participants each (rounded to 5)", "Participants at each convening"),
        ("Counts rounded to 5 for publication: no change is worked out", "First and last held convening compared"),
    ],
    PI: [
        (
            "Patient Involvement: held convenings drew 30 to 40 participants each (rounded to 5)",
            "Participants at each convening",
        )
    ],
    US: [
        (
            "Ultrasound Imaging: held convenings drew 15 participants each (rounded to 5)",
            "Participants at each convening",
        )
    ],  # 15 and 13 as shown; the postponed session is no value
}


@pytest.mark.parametrize("community", list(ROUNDED))
def test_with_rounding_the_attendance_finding_is_the_range_shown_not_a_change(db_url, community):
    at = run_page("attendance-trends", community, publication="true", round5="true")
    assert titles(at) == ROUNDED[community]


PARTICIPATION = {
    None: [
        "Acute trust organisations are the largest type (9 of 18 distinct organisations)",
        "7 of 18 organisations took part in two or more communities",
        "Imaging and radiography is the largest professional group (16 of 73 distinct roles)",
        "3 of 73 distinct roles listed (4%) are patients or members of the public",
    ],
    PI: [
        "Acute trust organisations are the largest type (6 of 13 distinct organisations)",
        "7 of 13 organisations took part in two or more communities",
        "Improvement and project is the largest professional group (7 of 30 distinct roles)",
        "3 of 30 distinct roles listed (10%) are patients or members of the public",
    ],
    REHAB: [
        "Acute trust organisations are the largest type (5 of 7 distinct organisations)",
        "5 of 7 organisations took part in two or more communities",
        "Allied health professional is the largest professional group (8 of 26 distinct roles)",
        "None of the 26 distinct roles listed are patients or members of the public",
    ],
    OPS: [
        "Acute trust organisations are the largest type (3 of 5 distinct organisations)",
        "5 of 5 organisations took part in two or more communities",
        "Operational management is the largest professional group (6 of 12 distinct roles)",
        "None of the 12 distinct roles listed are patients or members of the public",
    ],
    US: [
        "Acute trust organisations are the largest type (6 of 8 distinct organisations)",
        "5 of 8 organisations took part in two or more communities",
        "Imaging and radiography is the largest professional group (11 of 14 distinct roles)",
        "None of the 14 distinct roles listed are patients or members of the public",
    ],
}
DESCRIPTIONS = [
    "Organisations taking part, by type",
    "Which organisations take part in which communities",
    "Distinct roles listed, by professional group",
    "Patients and the public against staff",
]


@pytest.mark.parametrize("community", list(PARTICIPATION))
def test_participation_charts_are_titled_with_their_finding(db_url, community):
    assert titles(run_page("organisations-and-roles", community)) == list(zip(PARTICIPATION[community], DESCRIPTIONS))


def test_an_empty_community_gets_no_chart_and_plain_findings(db_url, engine):
    with engine.begin() as conn:
        programme = conn.execute(select(m.Programme.id)).scalar_one()
        conn.execute(
            insert(m.Community).values(slug="pcn-1", name=EMPTY, programme_id=programme, display_order=5, source="test")
        )
    for page in ("attendance-trends", "organisations-and-roles"):
        assert titles(run_page(page, EMPTY, publication="true", round5="true")) == []
    from dashboard.views import programme as views

    for rule in (Rule(), Rule(on=True, round_to_5=True)):  # the figure the page keeps, should it be shown
        figure = views.attendance(EMPTY, rule).figure
        assert html.unescape(figure.layout.title.text.replace("<br>", " ")) == "No held convening is recorded here yet"
    empty = pd.DataFrame(columns=["community", "held", "change"])
    assert chart_findings.first_last(empty, Rule(on=True, round_to_5=True)) == "No held convening is recorded here yet"


COMPARED = {
    (US,): [
        (
            "Ultrasound Imaging: attendance fell from 15 to 13 (-13%), first to last held convening",
            "Participants at each convening, compared",
        ),
        (
            "Acute trust is Ultrasound Imaging's largest type of organisation (6 of 8)",
            "Organisations taking part, by type, compared",
        ),
    ],
    (US, OPS): [
        (
            "Attendance fell from first to last held convening in both communities",
            "Participants at each convening, compared",
        ),
        ("Ultrasound Imaging draws on the widest mix of types (3)", "Organisations taking part, by type, compared"),
    ],
}


@pytest.mark.parametrize("chosen", list(COMPARED))
def test_compare_charts_are_titled_with_a_finding_that_compares_only_several(db_url, chosen):
    assert titles(run_page("compare-communities", compare=list(chosen))) == COMPARED[chosen]


def test_a_hidden_count_is_never_a_value_of_the_range():
    sessions = pd.DataFrame(
        {
            "community": [OPS] * 3,
            "number": [1, 2, 3],
            "status": ["held", "held", "postponed"],
            "headcount": [14, 4, None],
            "shown": [14, HIDDEN, None],
        }
    )
    change = pd.DataFrame({"community": [OPS], "held": [2], "change": [None]})
    assert (
        chart_findings.attendance(sessions, change, Rule(on=True))
        == "Operational Teams: its one held convening drew 14 participants; 1 count hidden"
    )


@pytest.mark.slow  # kaleido starts a Chromium to draw the image
def test_an_image_of_a_participation_chart_carries_its_finding(db_url):
    from dashboard.files import images
    from dashboard.views import participation_view

    fig = participation_view.participation(US).types_figure
    svg = images.figure_to_image(fig, "svg", community=US, rule=Rule()).decode()
    assert "Acute trust organisations are the largest type (6 of 8 distinct organisations)" in html.unescape(svg)
    assert "Organisations taking part, by type" in svg
