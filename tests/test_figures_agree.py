"""Figures that agree (issue 13, items 4-6): one definition per figure, named the same on every page;
captions compare only when there is something to compare with; derived figures from what is shown."""

from __future__ import annotations

import pytest
from sqlalchemy import insert, select

from dashboard.views import participation as taking_part
from db import models as m
from db.read import queries
from tests.apptest import all_text, run_page

REPORT = ["Patient Involvement", "Rehabilitation and Personalised Care", "Operational Teams", "Ultrasound Imaging"]
EMPTY = "Early Diagnosis PCN 1"


def metrics(at) -> dict[str, str]:
    return {x.label: x.value for x in at.metric}


def captions(conn, community: str | None) -> list[str]:
    """Every Participation caption for `community` (None: all), from the page's own functions."""
    types, groups = (
        queries.organisation_type_counts(conn, community=community),
        queries.professional_group_counts(conn, community=community),
    )
    orgs, roles = (
        queries.organisations_by_community(conn, community=community),
        queries.roles_by_community(conn, community=community),
    )
    share = taking_part.patient_share(groups)
    return [
        taking_part.type_caption(types, orgs),
        taking_part.group_caption(groups, share, roles),
        taking_part.share_caption(share, roles),
        taking_part.listing_caption(taking_part.role_listing(roles)),
    ]


@pytest.fixture()
def empty_community(engine):
    """A new community with no sessions, organisations or roles."""
    with engine.begin() as conn:
        programme = conn.execute(select(m.Programme.id)).scalar_one()
        conn.execute(
            insert(m.Community).values(slug="pcn-1", name=EMPTY, programme_id=programme, display_order=5, source="test")
        )
    return EMPTY


def test_distinct_roles_are_73_on_the_overview_and_in_participations_captions(db_url, engine):
    assert metrics(run_page("overview"))["Distinct roles"] == "73"
    with engine.connect() as conn:
        types, groups, share, listing = captions(conn, None)
    assert "(16 of 73 distinct roles)" in groups
    assert share.startswith("3 of 73 distinct roles listed (4%)")
    assert listing.startswith("83 role listings shown: 73 distinct roles")
    assert "(9 of 18 distinct organisations)" in types  # the Overview's 18 organisations


def test_participation_page_names_listings_as_listings_and_roles_as_distinct(db_url):
    text = all_text(run_page("organisations-and-roles"))
    assert "83 role listings shown: 73 distinct roles" in text
    assert "of 82" not in text and "of 83" not in text


@pytest.mark.parametrize("community", REPORT)
def test_one_communitys_figures_are_its_own_on_overview_and_participation(db_url, engine, community):
    with engine.connect() as conn:
        roles = queries.roles_by_community(conn, community=community)["role"].nunique()
        _, groups, share, listing = captions(conn, community)
    assert f"of {roles} distinct roles" in groups and f"{roles} distinct roles" in share
    assert f"{roles:,}" in listing
    if community == "Ultrasound Imaging":  # the two cards agree with the tile
        at = run_page("overview", community)
        assert metrics(at)["Distinct roles"] == str(roles)
        assert f"**{roles}** distinct roles" in all_text(at)


@pytest.mark.parametrize("community", REPORT)
def test_a_caption_for_one_community_compares_it_with_nothing(db_url, engine, community):
    with engine.connect() as conn:
        text = " ".join(captions(conn, community))
    for comparison in ("widest mix", "largest share of patient", "every community"):
        assert comparison not in text, (community, text)
    assert "(0%)" not in text


def test_ultrasound_imagings_participation_page_says_nothing_comparative(db_url):
    text = all_text(run_page("organisations-and-roles", "Ultrasound Imaging"))
    assert "largest share of patient and public roles" not in text
    assert "widest mix" not in text
    assert "None of the 14 distinct roles listed are patients or members of the public." in text


def test_captions_for_all_communities_compare_them(db_url, engine):
    with engine.connect() as conn:
        text = " ".join(captions(conn, None))
    assert "Patient Involvement drew on the widest mix (6 types)" in text
    assert "Patient Involvement has the largest share of patient and public roles (10%)" in text


def test_an_empty_community_gets_plain_captions_on_every_chart(db_url, engine, empty_community):
    with engine.connect() as conn:
        text = captions(conn, empty_community)
    assert text[:3] == [
        "No organisations are recorded for this selection.",
        "No roles are recorded for this selection.",
        "No roles are recorded for this selection.",
    ]
    at = run_page("organisations-and-roles", empty_community)
    assert not at.exception
    assert "widest mix" not in all_text(at)


def test_rounded_tiles_derive_the_mean_from_the_total_shown(db_url):
    tiles = metrics(run_page("overview", publication="true", round5="true"))
    assert tiles["Total attendances"] == "255"
    assert tiles["Mean per convening"] == f"{255 / 11:.1f}"  # 23.2, not 256 / 11 = 23.3


@pytest.mark.parametrize("community,total,held", [("Patient Involvement", 100, 3), ("Ultrasound Imaging", 30, 2)])
def test_a_communitys_rounded_mean_is_its_shown_total_over_held(db_url, community, total, held):
    tiles = metrics(run_page("overview", community, publication="true", round5="true"))
    assert tiles["Total attendances"] == str(total)
    assert tiles["Mean per convening"] == f"{total / held:.1f}"


def test_the_value_matrix_caption_for_a_community_no_area_names_compares_nothing(db_url, empty_community):
    text = all_text(run_page("value-framework", empty_community))
    assert f"{empty_community} is named in none of the 24 areas of change yet" in text
    assert "named in the most areas" not in text
