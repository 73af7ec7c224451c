"""Member voice's chart follows its filters, is titled with its finding, and gives way to a sentence
when one comment or none matches (issue 13, item 13); Value stories opens with the framework in two
sentences and every page has the glossary (item 14)."""

from __future__ import annotations

import json

import pytest

from dashboard.widgets import glossary
from tests.apptest import PAGES, all_text, chart_specs, run_page

US = "Ultrasound Imaging"


def _title(spec: dict) -> tuple[str, str]:
    """The chart's title and subtitle as read (wrapped onto lines for a narrow column)."""
    title = spec["layout"]["title"]
    return (title["text"].replace("<br>", " "), title.get("subtitle", {}).get("text", "").replace("<br>", " "))


def test_the_theme_chart_is_titled_with_its_finding(db_url):
    title, subtitle = _title(chart_specs(run_page("comments-and-quotes"))[0])
    assert title == "Changing mindsets and practice gathers the most comments (9)"
    assert subtitle == "Comments per theme, by attribution"


def test_the_theme_chart_follows_the_theme_filter(db_url):
    at = run_page("comments-and-quotes", theme="Social Learning Space")
    spec = chart_specs(at)[0]
    assert {y for trace in spec["data"] for y in trace["y"]} == {"Social Learning Space"}
    assert _title(spec)[0] == "3 of the 4 comments on Social Learning Space name no community"
    assert "4 comments carry the theme Social Learning Space; 1 of them is attributed" in all_text(at)


def test_the_theme_chart_follows_the_value_cycle_filter(db_url):
    every = chart_specs(run_page("comments-and-quotes"))[0]
    cycle = chart_specs(run_page("comments-and-quotes", cycle="Potential value"))[0]
    assert json.dumps(cycle["data"]) != json.dumps(every["data"])
    assert "6 comments carry the value cycle Potential value; 2 of them are attributed" in all_text(
        run_page("comments-and-quotes", cycle="Potential value")
    )


def test_one_matching_comment_is_said_in_a_sentence_not_charted(db_url):
    at = run_page("comments-and-quotes", US, theme="Social Learning Space")
    assert not chart_specs(at)
    assert (
        "One comment attributed to Ultrasound Imaging matches these filters, so there is no chart: it "
        "carries the theme Social Learning Space, and it is shown below."
    ) in all_text(at)


def test_no_matching_comment_says_what_to_try(db_url):
    at = run_page("comments-and-quotes", US, theme="Delivery of commission")
    assert not chart_specs(at)
    assert "No comment attributed to Ultrasound Imaging matches these filters" in all_text(at)


def test_comments_are_body_text_not_headings(db_url):
    at = run_page("comments-and-quotes")
    assert not [h for h in at.markdown if str(h.value).startswith("#")]
    quotes = [str(m.value).partition("  \n")[0] for m in at.markdown]  # the attribution follows on its own line
    assert "“Good to see change in the air”" in quotes


def test_value_stories_opens_with_the_framework_and_how_to_read_the_grid(db_url):
    at = run_page("value-framework")
    assert at.markdown[0].value == glossary.FRAMEWORK + " " + glossary.READING
    text = all_text(at)
    assert "immediate-1" not in text and "Community Member Comments" not in text  # no ids or section paths
    title, subtitle = _title(chart_specs(at)[0])
    assert title == "Patient Involvement is named in the most areas of change (6 of 24)"
    assert subtitle.startswith("Areas of change by community named and value cycle")


@pytest.mark.slow  # runs every page
def test_every_page_has_the_glossary(db_url):
    for page in PAGES:
        at = run_page(page)
        assert "**Area of change.**" in " ".join(m.value for m in at.sidebar.markdown), page
