"""Member voice and Value stories once the programme outgrows the report: comments are read a page at
a time (with the same rows and codes as the whole list), and the charts keep to the ten largest
communities and say so, while their tables keep every community."""

from __future__ import annotations

import pytest
from sqlalchemy import insert, select

from db import models as m
from db.read import evidence as ev
from db.read import evidence_comments
from tests.apptest import all_text, chart_specs, copy_buttons, opened, run_page

NEW = [f"Primary Care Network {i:02d}" for i in range(1, 13)]
US, PI = "Ultrasound Imaging", "Patient Involvement"
SOURCE = "Test: a larger programme"


def _add_communities(conn) -> dict[str, int]:
    programme = conn.execute(select(m.Programme.id)).scalar()
    ids = {}
    for i, name in enumerate(NEW):
        ids[name] = conn.execute(
            insert(m.Community)
            .values(slug=f"pcn-{i + 1:02d}", name=name, programme_id=programme, display_order=100 + i, source=SOURCE)
            .returning(m.Community.id)
        ).scalar()
    return ids


def _add_comments(conn, community_id: int, n: int, start: int, theme: str | None = "facilitation-methods"):
    theme_id = conn.execute(select(m.Theme.id).where(m.Theme.slug == theme)).scalar()
    for k in range(start, start + n):
        conn.execute(
            insert(m.Comment).values(
                id=k, slug=f"comment-{k}", text=f"Comment number {k}", community_id=community_id, source=SOURCE
            )
        )
        if theme_id is not None:
            conn.execute(insert(m.EvidenceTag).values(theme_id=theme_id, comment_id=k, source=SOURCE))


@pytest.fixture
def grown(engine):
    """Twelve new communities: the i-th (from 0) with 3 + i comments tagged "Facilitation methods",
    and named in 7 + i areas of change."""
    with engine.begin() as conn:
        ids = _add_communities(conn)
        areas = conn.execute(select(m.ValueArea.id).order_by(m.ValueArea.id)).scalars().all()
        for i, name in enumerate(NEW):
            _add_comments(conn, ids[name], 3 + i, 1000 + 100 * i)
            conn.execute(
                insert(m.ValueAreaCommunity),
                [{"value_area_id": a, "community_id": ids[name], "source": SOURCE} for a in areas[: 7 + i]],
            )
    return ids


@pytest.fixture
def conn(engine):
    with engine.connect() as connection:
        yield connection


FILTERS = [
    {},
    {"community": US},
    {"programme_wide": True},
    {"theme": "facilitation-methods"},
    {"cycle": "enabling"},
    {"theme": "connecting-the-system-across-selca", "community": "Operational Teams"},
]


@pytest.mark.parametrize("filters", FILTERS)
def test_counts_match_the_comments_listed(conn, filters):
    listed = evidence_comments.coded_comments(conn, **filters)
    counts = evidence_comments.comment_counts(conn, **filters)
    assert counts == {"comments": len(listed), "attributed": int(listed["community"].notna().sum())}


def test_a_page_of_comments_is_the_same_rows_and_codes_as_the_whole_list(conn):
    everything = evidence_comments.coded_comments(conn)
    page = evidence_comments.coded_comments(conn, limit=10, offset=20)
    assert page.to_dict("records") == everything.iloc[20:30].to_dict("records")
    assert page["codes"].notna().any()
    assert evidence_comments.coded_comments(conn, limit=10, offset=40).empty  # past the last of 38


def test_codes_are_the_same_when_too_many_comments_to_ask_for_by_id(conn, monkeypatch):
    by_id = evidence_comments.coded_comments(conn, theme="connecting-the-system-across-selca")
    monkeypatch.setattr(ev, "MAX_BOUND_IDS", 3)
    read_all = evidence_comments.coded_comments(conn, theme="connecting-the-system-across-selca")
    assert len(by_id) == 8
    assert read_all["codes"].tolist() == by_id["codes"].tolist()


def test_member_voice_chart_keeps_to_the_ten_communities_with_most_comments(grown):
    at = run_page("comments-and-quotes", tables_open=True)
    assert not at.exception
    bars = {t["name"] for t in chart_specs(at)[0]["data"]}
    assert bars == {*NEW[2:], ev.NO_COMMUNITY}  # 5 to 14 comments each; the report's four have 1
    assert (
        "The chart shows the 10 communities with the most comments of 16; the table beneath it has them all."
        in all_text(at)
    )
    table = at.dataframe[0].value
    assert set(table["Attribution"]) == {
        *NEW,
        US,
        PI,
        "Operational Teams",
        "Rehabilitation and Personalised Care",
        ev.NO_COMMUNITY,
    }


def test_comments_are_shown_fifty_to_a_page(engine, db_url):
    with engine.begin() as conn:
        us = conn.execute(select(m.Community.id).where(m.Community.name == US)).scalar()
        _add_comments(conn, us, 120, 2000)
    at = run_page("comments-and-quotes", US)
    assert "121 comments attributed to Ultrasound Imaging" in all_text(at)
    assert len(copy_buttons(at)) == 50 and "Comments 1 to 50 of 121." in all_text(at)
    assert not at.get("code")  # a copy box is built when its button is clicked, not with the page
    assert "Themes: Facilitation methods" in all_text(at)  # codes come with the page
    at.number_input(key="comments-page").set_value(3).run()
    assert len(copy_buttons(at)) == 21 and "Comments 101 to 121 of 121." in all_text(at)
    assert "Comment number 2119" in opened(at, "comments-page-copy-20").get("code")[0].value
    assert "Comment number 2119" in all_text(at)


def test_value_matrix_chart_keeps_to_the_ten_communities_named_in_most_areas(grown):
    at = run_page("value-framework", tables_open=True)
    assert not at.exception
    rows = [r.replace("<br>", " ") for r in chart_specs(at)[0]["data"][0]["y"]]  # a long name wraps at a space
    assert rows == [*NEW[2:], ev.NO_COMMUNITY]  # named in 9 to 18 areas; the report's four in 1 to 6
    assert (
        "The chart shows the 10 communities named in the most areas of change of 16; the table beneath "
        "it has them all." in all_text(at)
    )
    table = at.dataframe[0].value.set_index("Community")
    assert set(NEW) | {PI, US} <= set(table.index)
    assert table.loc[NEW[0], "Total"] == 7


def test_the_chosen_community_stays_in_the_capped_value_matrix(grown):
    at = run_page("value-framework", PI)
    rows = [r.replace("<br>", " ") for r in chart_specs(at)[0]["data"][0]["y"]]  # a long name wraps at a space
    assert rows == [PI, *NEW[2:], ev.NO_COMMUNITY]
    assert "of 16, and Patient Involvement; the table beneath it has them all." in all_text(at)
    outline = chart_specs(at)[0]["layout"]["shapes"][0]
    assert (outline["y0"], outline["y1"]) == (-0.5, 0.5)  # its row (the first) is outlined


@pytest.mark.parametrize("filters", [{}, {"community": "Operational Teams"}, {"programme_wide": True}])
@pytest.mark.parametrize("query", ["Liberating Structures", "fish", "patients", "community"])
def test_search_counts_and_attribution_match_the_results_listed(conn, query, filters):
    from db.models.fulltext import INDEXED
    from db.read.search import search, search_counts

    found = search(conn, query=query, **filters)
    assert search_counts(conn, query=query, **filters) == {k: int((found["kind"] == k).sum()) for k in INDEXED}
    everything = search(conn, query=query)
    if filters.get("programme_wide"):
        assert found["ref"].tolist() == everything.loc[everything["community"].isna(), "ref"].tolist()
    elif "community" in filters:
        named = everything["community"].fillna("").str.split(", ").map(lambda c: filters["community"] in c)
        assert found["ref"].tolist() == everything.loc[named, "ref"].tolist()


def test_search_results_are_shown_fifty_to_a_page(grown):
    at = run_page("comments-and-quotes", q="comment number")
    assert "Comments (102)" in [s.value for s in at.subheader]  # 3 + 4 + ... + 14 new comments
    assert len(copy_buttons(at)) == 50 and "Comments 1 to 50 of 102." in all_text(at)
    at.number_input(key="search-comment").set_value(3).run()
    assert len(copy_buttons(at)) == 2 and "Comments 101 to 102 of 102." in all_text(at)
    assert "Comment number 2113" in all_text(at)  # the last, in report order
