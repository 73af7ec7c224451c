"""Choosing what goes in a deck: sections, charts, quotes (one of each linked group by default), the
headline-figures slide (the Overview's figures), and the choice kept in the page address."""

from __future__ import annotations

import io

import pytest
from pptx import Presentation

from dashboard.deck.build import build_deck
from dashboard.deck.choice import CHARTS, default_quotes, linked_groups, quote_labels
from dashboard.privacy.rule import Rule
from dashboard.views import programme as views
from db.read import queries
from tests.apptest import run_page

ALL = ["Patient Involvement", "Rehabilitation and Personalised Care", "Operational Teams", "Ultrasound Imaging"]


def deck(engine, communities=None, sections=None, rule=Rule(), **choice):
    return Presentation(io.BytesIO(build_deck(engine, communities, sections, rule, **choice)))


def titles(prs) -> list[str]:
    return [slide.shapes.title.text for slide in prs.slides]


def chart_titles(prs) -> list[str]:
    return [s.shapes.title.text for s in prs.slides if any(sh.has_chart for sh in s.shapes)]


def texts(prs) -> list[str]:
    return ["\n".join(sh.text_frame.text for sh in s.shapes if sh.has_text_frame) for s in prs.slides]


def comments(engine):
    with engine.connect() as conn:
        return queries.comments(conn)


@pytest.mark.slow  # builds decks
def test_only_the_chosen_charts_are_built(engine):
    prs = deck(engine, charts=["attendance-line", "professional-groups"])
    assert chart_titles(prs) == [CHARTS["attendance-line"][1], CHARTS["professional-groups"][1]]
    assert chart_titles(deck(engine, sections=["participation"], charts=["attendance-line"])) == []
    assert len(chart_titles(deck(engine))) == len(CHARTS)  # no choice: every chart


def test_areas_of_change_are_listed_even_with_their_chart_left_out(engine):
    prs = deck(engine, sections=["value_areas"], charts=[])
    assert chart_titles(prs) == [] and any(t.startswith("Areas of change") for t in titles(prs))


def test_near_variants_are_grouped_and_one_of_each_group_is_quoted_by_default(engine):
    rows = comments(engine)
    groups = [set(g) for g in linked_groups(rows) if len(g) > 1]
    assert {"comment-02", "comment-04", "comment-07", "comment-28"} in groups
    assert {"comment-14", "comment-19", "comment-25", "comment-32", "comment-37"} in groups
    assert {"comment-35", "comment-38"} in groups and len(groups) == 6
    chosen = default_quotes(rows)
    assert len(chosen) == 38 - sum(len(g) - 1 for g in groups) == 27
    assert all(len(g & set(chosen)) == 1 for g in groups)
    assert {"comment-28", "comment-35", "comment-37"} <= set(chosen)  # joined, attributed versions win


def test_the_chosen_quotes_and_only_they_are_quoted(engine):
    rows = comments(engine)
    chosen = default_quotes(rows)
    quoted = "\n".join(texts(deck(engine, None, ["quotes"], quotes=chosen)))
    for slug, text in zip(rows["slug"], rows["text"]):
        assert (f"“{text.strip()}”" in quoted) == (slug in chosen), slug
    assert "The deck quotes 27 of the 38 comments of its communities" in quoted
    two = "\n".join(texts(deck(engine, ["Ultrasound Imaging"], ["quotes"], quotes=["comment-26", "comment-01"])))
    assert two.count("“") == 1 and "Opportunity to link up" in two  # comment-01 names no community


def test_an_empty_quote_choice_builds_no_quote_slide(engine):
    assert not any(t.startswith("What members said") for t in titles(deck(engine, None, ["quotes"], quotes=[])))


def _tiles_on(slide) -> dict[str, str]:
    """Label -> value of each tile (value first, label second in each tile's text)."""
    out = {}
    for shape in slide.shapes:
        if shape.has_text_frame and shape != slide.shapes.title:
            lines = shape.text_frame.text.split("\n")
            if len(lines) == 3:
                out[lines[1]] = lines[0]
    return out


@pytest.mark.parametrize("community", [None, *ALL])
@pytest.mark.parametrize("rule", [Rule(), Rule(on=True), Rule(on=True, round_to_5=True)])
def test_headline_slide_shows_the_overviews_figures(db_url, engine, community, rule):
    prs = deck(engine, [community] if community else None, ["headline"], rule)
    assert titles(prs)[1] == "Headline figures"
    expected = {label: value for label, value, _ in views.overview(community, rule).tiles}
    assert _tiles_on(prs.slides[1]) == expected


def test_headline_slide_for_several_communities_is_a_table_of_each(db_url, engine):
    prs = deck(engine, ["Ultrasound Imaging", "Operational Teams"], ["headline"], Rule(on=True))
    table = next(sh.table for sh in prs.slides[1].shapes if sh.has_table)
    rows = [[table.cell(r, c).text for c in range(len(table.columns))] for r in range(len(table.rows))]
    assert rows[0][0] == "Community" and [r[0] for r in rows[1:]] == ["Operational Teams", "Ultrasound Imaging"]
    for row in rows[1:]:
        tiles = {label: value for label, value, _ in views.overview(row[0], Rule(on=True)).tiles}
        assert dict(zip(rows[0][1:], row[1:])) == {k: v for k, v in tiles.items() if k != "Communities"}


def test_the_deck_page_binds_its_choices_to_the_address(db_url):
    at = run_page("build-a-deck")
    assert not at.exception
    for key in ("deck-charts", "deck-quotes"):
        assert at.multiselect(key).proto.query_param_key == key
    assert at.get("button_group")[0].proto.query_param_key == "deck-sections"
    assert len(at.multiselect("deck-quotes").value) == 27  # one of each linked group


@pytest.mark.slow  # builds decks
def test_a_deep_link_preselects_sections_charts_and_quotes(db_url, engine):
    label = quote_labels(comments(engine))["comment-26"]
    at = run_page(
        "build-a-deck",
        **{
            "deck-sections": ["Attendance", "Quotes"],
            "deck-charts": [CHARTS["attendance-change"][1]],
            "deck-quotes": label,
        },
    )
    assert not at.exception
    assert at.get("button_group")[0].value == ["attendance", "quotes"]
    assert at.multiselect("deck-charts").value == ["attendance-change"]
    assert at.multiselect("deck-quotes").value == ["comment-26"]
    assert "sections: Attendance, Quotes; 1 of 5 charts; 1 quote." in at.caption[-1].value


def test_the_quote_chooser_offers_the_decks_own_quotes_and_starts_again_when_they_change(db_url):
    at = run_page("build-a-deck", community="Ultrasound Imaging")
    options = at.multiselect("deck-quotes").options
    assert len(options) == 1 and options[0].startswith("26. Opportunity to link up")  # only its own quote
    assert at.multiselect("deck-quotes").value == ["comment-26"]
    at.multiselect("deck-communities-Ultrasound Imaging").select("Operational Teams").run()
    assert not at.exception
    assert at.multiselect("deck-quotes").value == ["comment-26", "comment-36"]  # both communities' quotes
    assert "2 of 4 communities" in at.caption[-1].value and "2 quotes" in at.caption[-1].value


def test_with_no_community_chosen_the_quote_chooser_offers_nothing(db_url):
    at = run_page("build-a-deck", community="Ultrasound Imaging")
    at.multiselect("deck-communities-Ultrasound Imaging").unselect("Ultrasound Imaging").run()
    assert not at.exception
    assert at.multiselect("deck-quotes").options == [] and at.multiselect("deck-quotes").value == []
