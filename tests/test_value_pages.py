"""The value stories and member voice pages, driven with AppTest (with and without a community),
and a stored comment full of markup shown inert, in AppTest and in a real Chromium."""

from __future__ import annotations

import re

import pytest
import streamlit as st
from playwright.sync_api import expect
from sqlalchemy import insert

from dashboard.inert import markdown as escape_markdown
from db import models as m
from db.engine import make_engine
from tests.apptest import all_text, chart_specs, copy_buttons, decode, open_tables, opened, run_page, shown
from tests.chromium import database_copy, require_chromium, serving, settled

PI, RPC, OT, US = (
    "Patient Involvement",
    "Rehabilitation and Personalised Care",
    "Operational Teams",
    "Ultrasound Imaging",
)
EVIL = (
    'Great session <script>alert(1)</script> <img src=x onerror="alert(2)"> '
    "[click me](javascript:alert(3)) :red[loud] **bold** &lt;b&gt;"
)


def _markdown(at) -> list[str]:
    return [str(e.value) for e in at.markdown]


def _headline(at, start: str) -> str:
    return next(shown(t) for t in _markdown(at) + [s.value for s in at.subheader] if t.startswith(start))


def test_value_matrix_shows_the_areas_per_community_and_cycle(db_url):
    at = run_page("value-framework", tables_open=True)
    assert not at.exception
    heatmap = chart_specs(at)[0]["data"][0]
    assert [decode(row) for row in heatmap["z"]] == [
        [1, 1, 2, 1, 0, 0, 1],
        [1, 1, 2, 0, 0, 0, 1],
        [2, 0, 0, 1, 0, 0, 0],
        [1, 0, 0, 0, 0, 0, 0],
        [3, 1, 1, 0, 3, 2, 4],
    ]
    assert heatmap["x"] == ["Immediate", "Potential", "Applied", "Realised", "Strategic", "Enabling", "Transformative"]
    labels = chart_specs(at)[0]["data"][1]  # counts printed in the cells, not colour alone
    assert labels["mode"] == "text" and labels["text"][:7] == ["1", "1", "2", "1", "0", "0", "1"]
    assert len(labels["text"]) == 35 and labels["hoverinfo"] == "skip"
    table = at.dataframe[0].value.set_index("Community")  # the text alternative, as the heatmap
    assert table.loc["All areas of change"].tolist() == [5, 3, 4, 2, 3, 2, 5, 24]
    assert table.loc[OT, "Realised"] == 1 and table.loc[OT, "Total"] == 3
    assert table.loc["No community named", "Total"] == 14
    text = all_text(at)
    assert "Patient Involvement is named in the most areas of change (6 of 24)" in text
    assert "14 of the 24 name no community" in text
    assert "**24 areas of change in all.**" in text
    assert "**Transformative value.**" in text  # the definitions, beside the matrix


def test_with_a_community_the_matrix_caption_and_areas_narrow(db_url):
    at = run_page("value-framework", OT)
    assert not at.exception
    text = all_text(at)
    assert "Operational Teams is named in 3 of the 24 areas of change (Immediate value 2, Realised value 1)" in text
    assert "**3 areas of change naming Operational Teams.**" in text
    assert any(e.label == "Programme-wide: 14 more areas name no community" for e in at.expander)
    at.selectbox(key="cycle").set_value("Realised value").run()
    assert "**1 area of change naming Operational Teams under Realised value.**" in all_text(at)
    assert "Through completing an experiential learning activity, staff were able" in all_text(at)


def test_an_area_shows_its_evidence_trail(db_url):
    at = run_page("value-framework", cycle="Applied value")
    assert not at.exception
    assert "**4 areas of change in all under Applied value.**" in all_text(at)
    labels = [e.label for e in at.expander if e.label.startswith("Evidence")]
    assert labels == ["Evidence: 1 tagged item"] * 3  # applied-1, -2 and -3
    assert (
        all_text(at).count("No comment, interview answer or feedback answer is tagged as evidence for this area yet.")
        == 1
    )
    assert "Smitha Nathan, Operational Teams" not in all_text(at)  # the trail is built when it is opened
    open_tables(at)  # opening each "Evidence" (a lazy expander) builds its trail
    assert "Smitha Nathan, Operational Teams" in all_text(at)


def test_one_question_answered_by_every_convener(db_url):
    at = run_page("value-framework")
    at.selectbox(key="question").set_value(
        next(o for o in at.selectbox(key="question").options if o.startswith("Q4."))
    ).run()
    text = all_text(at)
    assert "6 answers from 4 communities, side by side." in text
    for name in ("Jannike Nordlund", "Roger Lang", "Sam Tordesillas", "Smitha Nathan", "Kim Robertson", "Sharon Watty"):
        assert f"**{name}**, convener" in text
    assert "fishbowl" in text and "Liberating Structures" in text


def test_one_question_for_one_community(db_url):
    at = run_page("value-framework", US)
    assert "2 answers from 1 community, side by side." in all_text(at)
    assert "**Smitha Nathan**" not in all_text(at)


def test_one_interview_read_whole(db_url):
    at = run_page("value-framework", PI)
    at.button_group(key="read").set_value("One interview whole").run()
    assert at.selectbox(key="convener").options == [
        "Jannike Nordlund (Patient Involvement)",
        "Roger Lang (Patient Involvement)",
    ]
    at.selectbox(key="convener").set_value("Roger Lang (Patient Involvement)").run()
    questions = [t for t in _markdown(at) if re.match(r"\*\*Q\d\\\.", t)]
    assert [q[2:5] for q in questions] == ["Q1\\", "Q2\\", "Q3\\", "Q4\\", "Q5\\", "Q6\\"]
    assert "Trust between group members has been established" in all_text(at)


def test_member_voice_shows_every_comment_without_a_community(db_url):
    at = run_page("comments-and-quotes", tables_open=True)
    assert not at.exception
    assert _headline(at, "38 comments") == "38 comments and quotes"
    assert len(copy_buttons(at)) == 38 and not at.get("code")  # a copy button per quote, its box built on a click
    assert "— Community member" in opened(at, "comments-page-copy-37").get("code")[0].value
    bars = chart_specs(at)[0]["data"]
    total = sum(sum(v for v in decode(t["x"]) if v == v) for t in bars)
    assert total == sum(int(t) for b in bars for t in b["text"] if t)  # printed counts match the bars
    assert "Changing mindsets and practice gathers the most comments (9)" in all_text(at)
    table = at.dataframe[0].value  # the chart's text alternative
    assert list(table.columns) == ["Theme", "Attribution", "Comments"] and table["Comments"].sum() == total


def test_with_a_community_its_comments_come_first_and_programme_wide_ones_on_request(db_url):
    at = run_page("comments-and-quotes", US)
    assert _headline(at, "1 comment") == "1 comment attributed to Ultrasound Imaging"
    assert "Community member, Ultrasound Imaging" in all_text(at)
    assert "34 more match these filters and name no community" in all_text(at)
    assert len(copy_buttons(at)) == 1
    at.toggle(key="show-wide").set_value(True).run()
    assert len(copy_buttons(at)) == 35
    assert "Community member (the report names no community)" in all_text(at)


def test_theme_and_cycle_filters_narrow_the_comments(db_url):
    at = run_page("comments-and-quotes", theme="Facilitation methods")
    assert _headline(at, "3 comments") == "3 comments and quotes · Theme: Facilitation methods"
    at.selectbox(key="cycle").set_value("Enabling value").run()
    assert _headline(at, "1 comment") == "1 comment · Theme: Facilitation methods · Value cycle: Enabling value"
    assert "Good icebreakers that build trust and feel fun" in all_text(at)


def test_search_groups_results_by_kind(db_url):
    at = run_page("comments-and-quotes", q="Liberating Structures")
    subheads = [s.value for s in at.subheader]
    assert subheads == ["Interview answers (1)", "Areas of change (2)"]  # no heading over no results
    assert "Smitha Nathan, convener, Operational Teams" in all_text(at)


def test_search_with_a_community_offers_programme_wide_results_apart(db_url):
    at = run_page("comments-and-quotes", OT, q="Liberating Structures")
    assert [s.value for s in at.subheader] == ["Interview answers (1)"]
    assert [e.label for e in at.expander] == ["Programme-wide: 2 more results name no community"]
    at = run_page("comments-and-quotes", US, q="fishbowl")
    assert shown(at.info[0].value).startswith(
        "Nothing attributed to Ultrasound Imaging contains every word of “fishbowl”. Try fewer words"
    )


def test_a_search_with_operators_and_quotes_shows_no_error(db_url):
    at = run_page("comments-and-quotes", q='"Slack" OR NEAR(* -"')
    assert not at.exception
    assert "Nothing contains every word of" in shown(at.info[0].value)  # and it says what to try
    at = run_page("comments-and-quotes", q='"Slack"')
    assert "Interview answers (2)" in [s.value for s in at.subheader]


def test_unknown_theme_in_the_url_is_named(db_url):
    at = run_page("comments-and-quotes", theme="Astrology")
    assert "There is no theme called “Astrology”" in " ".join(w.value for w in at.warning)
    assert _headline(at, "38 comments") == "38 comments and quotes"


def test_a_hostile_url_value_is_named_as_text(db_url):
    at = run_page("value-framework", cycle="[x](javascript:alert(1))")
    warning = at.warning[0].value
    assert shown(warning).startswith("There is no value cycle called “[x](javascript:alert(1))”")
    assert not re.search(r"(?<!\\)[\[\]()]", warning)  # escaped: it cannot render as a link


def _store_evil_comment(url: str) -> None:
    engine = make_engine(url)
    with engine.begin() as conn:
        conn.execute(
            insert(m.Comment).values(
                id=901, slug="comment-901", text=EVIL, community_id=4, source="Test: markup must stay text"
            )
        )
    engine.dispose()


def test_markup_in_a_comment_is_shown_as_text(db_url):
    _store_evil_comment(db_url)
    for at, copy in (
        (run_page("comments-and-quotes", US), "comments-page-copy-"),
        (run_page("comments-and-quotes", q="onerror"), "search-comment-copy-"),
    ):
        cards = [e for e in at.markdown if "script" in str(e.value)]
        assert cards, "the stored comment is not shown"
        for card in cards:
            assert card.proto.allow_html is False
            # a comment is body text (issue 13, item 13: no longer a heading), in quotation marks; on
            # the comments list its attribution follows on a line of its own in small grey type
            quote, _, who = card.value.partition("  \n")
            assert quote in (f"“{escape_markdown(EVIL)}”", escape_markdown(EVIL))
            assert who in ("", f":small[:gray[{escape_markdown('Community member, ' + US)}]]")
            # every character markdown or HTML could act on is escaped, so none of it can render
            assert not re.search(r"(?<!\\)[<>\[\]()*:&]", quote)
        opened(at, *(f"{copy}{i}" for i in range(len(copy_buttons(at)))))  # every card's copy box
        assert any(EVIL in str(c.value) for c in at.get("code"))  # the copy box holds the text verbatim


# --- In a real browser ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def server(request, tmp_path_factory):
    """`streamlit run app.py` (scripts/serve.py) on a copy of the report database holding the markup comment."""
    require_chromium()
    folder = tmp_path_factory.mktemp("evil")
    url = database_copy(request, folder, suffix="_evil")
    _store_evil_comment(url)
    with serving(url, folder) as base:
        yield base


@pytest.mark.browser
def test_markup_in_a_comment_is_inert_in_the_browser(page):
    page.goto("/comments-and-quotes?community=Ultrasound+Imaging")
    settled(page)
    main = page.get_by_test_id("stMain")
    main.get_by_text("Great session", exact=False).first.wait_for()
    shown = main.inner_text()
    assert "<script>alert(1)</script>" in shown and 'onerror="alert(2)"' in shown
    assert "[click me](javascript:alert(3))" in shown and ":red[loud]" in shown and "**bold**" in shown
    assert main.locator("script").count() == 0
    assert main.locator("img[onerror]").count() == 0
    assert main.locator("a[href^='javascript']").count() == 0
    page.wait_for_timeout(500)
    assert page.dialogs == []


@pytest.mark.browser
def test_clicking_a_cell_of_the_value_matrix_lists_its_areas(page):
    page.set_viewport_size({"width": 1280, "height": 1400})
    page.goto("/value-framework")
    settled(page)
    grid = page.locator(".js-plotly-plot .nsewdrag").first
    grid.wait_for()
    box = grid.bounding_box()  # 7 value cycles by 5 rows: Operational Teams (row 3) under Realised (column 4)
    x, y = box["x"] + box["width"] * 3.5 / 7, box["y"] + box["height"] * 2.5 / 5
    page.mouse.move(x, y)
    page.mouse.click(x, y)
    alert = page.get_by_text("Showing the cell naming Operational Teams · Realised value", exact=False)
    alert.wait_for(timeout=60_000)
    # the cell's listing is drawn in the same run as the alert, possibly a moment after it
    expect(page.get_by_test_id("stMain")).to_contain_text("1 area of change naming Operational Teams", timeout=60_000)


@pytest.mark.browser
def test_member_voice_shows_each_quote_once(page):
    page.goto("/comments-and-quotes")
    settled(page)
    main = page.get_by_test_id("stMain")
    main.get_by_text("Good to see change in the air", exact=False).first.wait_for()
    assert main.inner_text().count("Good to see change in the air") == 1  # the copy box opens on demand
    main.get_by_role("button", name="Copy with attribution").first.click()
    page.get_by_text("— Community member, SELCA Communities", exact=False).first.wait_for()


def _choose_cell(at, row: int, column: str):
    at.session_state["matrix-cells"] = {"selection": {"cells": [[row, column]], "rows": [], "columns": []}}
    return at.run()


def test_choosing_a_cell_lists_its_areas(db_url):
    at = _choose_cell(run_page("value-framework"), 2, "Immediate")  # row 2 is Operational Teams
    assert not at.exception
    text = all_text(at)
    assert "**2 areas of change naming Operational Teams under Immediate value.**" in text
    assert "For all staff involved and Operational Teams CoP in particular" in text
    assert "Showing the cell naming Operational Teams · Immediate value." in text
    assert at.selectbox(key="cycle").disabled


def test_choosing_a_no_community_cell_lists_the_programme_wide_areas(db_url):
    at = _choose_cell(run_page("value-framework", PI), 4, "Strategic")  # row 4 is "No community named"
    text = all_text(at)
    assert "**3 areas of change naming no community under Strategic value.**" in text
    assert "Improved understanding and tools for complex system working." in text


def test_choosing_the_total_row_or_a_community_row(db_url):
    at = _choose_cell(run_page("value-framework", PI), 5, "Applied")  # the last row counts every area
    assert "**4 areas of change in all under Applied value.**" in all_text(at)
    at.session_state["matrix-cells"] = {"selection": {"rows": [3], "cells": [], "columns": []}}
    at.run()
    assert "**1 area of change naming Ultrasound Imaging.**" in all_text(at)


def test_value_cycles_are_counted_from_the_data(engine, db_url):
    assert "The seven value cycles, in our own words" in all_text(run_page("value-framework"))
    with engine.begin() as conn:  # a programme that adds a cycle of its own
        conn.execute(
            insert(m.ValueCycle).values(
                slug="shared-value",
                name="Shared value",
                display_order=8,
                definition="What the trusts now do together",
                source="test",
            )
        )
    st.cache_data.clear()  # written past the dashboard's write functions, which would tell its caches
    text = all_text(run_page("value-framework"))
    assert "The eight value cycles, in our own words" in text
    assert "**Shared value.** What the trusts now do together" in text


def test_comment_counts_group_thousands():
    import pandas as pd

    from dashboard.charts.evidence import theme_caption
    from dashboard.views.evidence import comments_heading

    assert comments_heading(500_000, None, None, None).startswith("500,000 comments and quotes")
    counts = pd.DataFrame({"theme": ["Trust"], "community": ["A"], "comments": [4259]})
    assert theme_caption(counts, 500_000, 499_000).startswith(
        "Trust gathers the most comments (4,259). 499,000 of the 500,000 comments"
    )


def test_comments_per_theme_chart_shows_names_as_text_not_markup():
    import pandas as pd

    from dashboard.charts.evidence import build_comments_per_theme

    counts = pd.DataFrame({"theme": ["Trust"], "theme_order": [1], "community": ["<b>Bold</b> CoP"], "comments": [3]})
    fig = build_comments_per_theme(counts, ["<b>Bold</b> CoP"])
    assert fig.data[0].name == "&lt;b&gt;Bold&lt;/b&gt; CoP"
    assert "<b>" not in fig.data[0].hovertemplate


def test_value_matrix_shows_community_names_as_text_and_wraps_long_ones():
    import pandas as pd

    from dashboard.charts.evidence import build_value_matrix

    names = ["<b>Bold</b> CoP", "Rehabilitation and Personalised Care"]
    matrix = pd.DataFrame(
        {
            "community": names,
            "community_order": [1, 2],
            "value_cycle": ["Immediate value"] * 2,
            "cycle_order": [1, 1],
            "areas": [2, 0],
        }
    )
    heatmap = build_value_matrix(matrix).data[0]
    assert list(heatmap.y) == ["&lt;b&gt;Bold&lt;/b&gt;<br>CoP", "Rehabilitation and<br>Personalised Care"]
    assert heatmap.customdata[0][0] == "&lt;b&gt;Bold&lt;/b&gt; CoP"  # the hover text, too


def test_value_matrix_caption_when_every_area_names_a_community():
    import pandas as pd

    from dashboard.charts.evidence import matrix_caption

    matrix = pd.DataFrame({"community": ["A", "B"], "value_cycle": ["Immediate value"] * 2, "areas": [3, 1]})
    assert matrix_caption(matrix, 4) == (
        "A is named in the most areas of change (3 of 4); every area names "
        "at least one community. An area naming two communities counts in "
        "both columns."
    )
