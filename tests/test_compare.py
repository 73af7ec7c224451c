"""Compare: up to four communities side by side, kept in the address, each column the Overview's own
figures (publication mode included); and the Overview's tiles for a community against the programme."""

from __future__ import annotations

import pandas as pd
import pytest
from sqlalchemy import insert, select

from dashboard.privacy.rule import HIDDEN
from dashboard.views.compare_captions import mean_caption
from dashboard.widgets.compare_choice import problems
from db import models as m
from db.write import registers
from db.write.reference import add_community
from tests.apptest import all_text, chart_specs, run_page, shown
from tests.editors import add_editors

COMMUNITIES = ["Patient Involvement", "Rehabilitation and Personalised Care", "Operational Teams", "Ultrasound Imaging"]
OPS, UI = "Operational Teams", "Ultrasound Imaging"


def _figures(at) -> dict[str, dict[str, str]]:
    """The headline-figure tables as shown: community (or Programme) -> {figure: value}."""
    tables = pd.concat([t.value for t in at.table], axis=1)
    return {
        shown(row): {shown(c): shown(str(v)) for c, v in values.items() if not pd.isna(v)}
        for row, values in tables.to_dict("index").items()
    }


def _warnings(at) -> str:
    return shown(" ".join(w.value for w in at.warning))


def test_a_deep_link_with_repeated_compare_parameters_compares_those_two(db_url):
    at = run_page("compare-communities", compare=[UI, OPS])
    assert not at.exception
    assert at.multiselect(key="compare").value == [UI, OPS]
    assert list(_figures(at)) == [UI, OPS, "Programme"]
    lines = {t["name"] for t in chart_specs(at)[0]["data"]}
    assert {UI, OPS} <= lines and not lines & {"Patient Involvement", "Rehabilitation and Personalised Care"}
    assert at.query_params["compare"] == [UI, OPS]


def test_an_unknown_or_repeated_community_in_the_address_is_named_and_dropped(db_url):
    at = run_page("compare-communities", compare=[UI, "Atlantis", UI])
    assert not at.exception
    text = _warnings(at)
    assert "There is no community called “Atlantis”" in text and "Choose up to four of" in text
    assert f"“{UI}” is asked for more than once" in text
    assert at.multiselect(key="compare").value == [UI]


def test_comma_separated_names_are_one_unknown_value_with_a_hint(db_url):
    at = run_page("compare-communities", compare=f"{UI},{OPS}")
    assert not at.exception
    text = _warnings(at)
    assert f"There is no community called “{UI},{OPS}”" in text and "its own compare=" in text


@pytest.fixture()
def five(engine):
    admin, _ = add_editors(engine)
    programme = engine.connect().exec_driver_sql("SELECT name FROM programmes").scalar()
    add_community(engine, admin, "Network E", programme, confirmed=True)
    return [*COMMUNITIES, "Network E"]


def test_more_than_four_communities_are_refused_naming_those_left_out(db_url, five):
    at = run_page("compare-communities", compare=five)
    assert not at.exception
    assert (
        "Up to four communities can be compared side by side, and the address names 5: “Network E” left out"
        in _warnings(at)
    )
    assert at.multiselect(key="compare").value == COMMUNITIES
    assert list(_figures(at))[:-1] == COMMUNITIES


def _register(conn, community: str, number: int, codes: list[str]) -> None:
    cid = conn.execute(select(m.Community.id).where(m.Community.name == community)).scalar_one()
    sid = conn.execute(
        insert(m.Session)
        .values(community_id=cid, number=number, status="held", headcount=len(codes), source="Recorded in a test")
        .returning(m.Session.id)
    ).scalar_one()
    known = dict(conn.execute(select(m.Participant.code, m.Participant.id)).all())
    pids = [
        conn.execute(insert(m.Participant).values(code=c).returning(m.Participant.id)).scalar_one()
        if c not in known
        else known[c]
        for c in codes
    ]
    conn.execute(insert(m.Attendance), [{"session_id": sid, "participant_id": p} for p in pids])


@pytest.fixture()
def small_counts(engine):
    """Operational Teams sessions 4 (13 people, new) and 5 (those 13 and 3 new): 3 is hidden, and so
    is what would give it away (the community's total, a registered count)."""
    regulars = [f"P-{i}" for i in range(13)]
    with engine.begin() as conn:
        _register(conn, OPS, 4, regulars)
        _register(conn, OPS, 5, [*regulars, "P-13", "P-14", "P-15"])
        registers.rebuild(conn)


def _overview_tiles(community: str, **params) -> dict[str, str]:
    at = run_page("overview", community, **params)
    return {t.label: t.value for t in at.metric}


@pytest.mark.slow  # every community's Overview, twice
@pytest.mark.parametrize("publication", ["false", "true"])
def test_each_communitys_column_is_its_overview_and_publication_hides_the_same_cells(db_url, small_counts, publication):
    figures = _figures(run_page("compare-communities", compare=COMMUNITIES, publication=publication))
    for community in COMMUNITIES:
        tiles = _overview_tiles(community, publication=publication)
        column = figures[community]
        for label in (
            "Convenings held",
            "Total attendances",
            "Mean per convening",
            "Organisations",
            "Distinct roles",
            "Comments",
            "Areas of change",
        ):
            assert column[label] == tiles[label], (community, label)
    programme = _overview_tiles(None, publication=publication)
    assert figures["Programme"]["Total attendances"] == programme["Total attendances"]
    if publication == "true":
        assert figures[OPS]["Total attendances"] == HIDDEN
        assert HIDDEN in (
            figures[OPS]["Registered participants"],
            figures[OPS]["Share who came to two or more sessions"],
        )
    else:
        assert figures[OPS]["Registered participants"] == "16"
        assert figures[OPS]["Share who came to two or more sessions"] == "81%"
    assert figures[UI]["Registered participants"] == "no register"


def test_a_hidden_mean_is_named_never_ranked():
    caption = mean_caption({OPS: HIDDEN, UI: "14.0"}, HIDDEN)
    assert caption == (
        f"{UI} drew 14.0 participants per convening on average. The mean of {OPS} is "
        "hidden by publication mode, so it is not compared."
    )
    assert "most" not in mean_caption({OPS: HIDDEN, UI: HIDDEN}, "23.3")


def test_problems_name_nothing_for_a_good_address():
    assert problems([UI, OPS], COMMUNITIES) == [] and problems([""], COMMUNITIES) == []


def test_without_registers_the_page_says_so_in_one_line_instead_of_a_table(db_url):
    at = run_page("compare-communities", compare=[UI])
    assert "No community compared has a register yet" in all_text(at)
    assert "Registers" not in [s.value for s in at.subheader] and len(at.table) == 2


def test_a_communitys_overview_tiles_show_the_programmes_figure_beneath(db_url):
    at = run_page("overview", UI)
    text = all_text(at)
    assert "Mean per convening 14.0" in text and "Programme: 23.3" in text
    assert "Programme: 256" in text and "Programme: 4" in text  # one community of the programme's four
    assert "Programme:" not in all_text(run_page("overview"))


def test_the_programme_line_under_each_tile_is_the_programmes_own_tile_in_publication_mode(db_url, small_counts):
    programme = _overview_tiles(None, publication="true")
    at = run_page("overview", UI, publication="true")
    notes = [shown(c.value) for c in at.caption if shown(c.value).startswith("Programme: ")]
    assert notes == [f"Programme: {programme[label]}" for label in programme]
    assert "Programme: *" in notes  # Operational Teams' total is hidden, so the programme's is too


def test_a_table_shows_a_hidden_count_as_an_asterisk_not_a_bullet_and_names_as_text():
    from dashboard import inert

    out = inert.table(
        pd.DataFrame({"Total *attendances*": ["*"]}, index=pd.Index(["[x](javascript:1)"], name="Community"))
    )
    assert out.iloc[0, 0] == "\\*" and out.columns[0] == "Total \\*attendances\\*"
    assert out.index[0].startswith("\\[x\\]\\(javascript") and out.index.name == "Community"


def test_the_figures_download_holds_numbers_with_hidden_counts_in_status_columns():
    from dashboard.files.tables import export_frame
    from dashboard.views.compare import download_frame

    figures = pd.DataFrame(
        {
            "Community": [OPS, "Programme"],
            "Total attendances": ["*", "1,256"],
            "Mean per convening": ["11.3", "*"],
            "Change, first to last held convening": ["-4 (14 to 10)", ""],
            "Registered participants": ["no register", ""],
            "Share who came to two or more sessions": ["81%", ""],
        }
    )
    frame, _ = export_frame(download_frame(figures))
    assert frame["Total attendances"].tolist()[1] == 1256 and frame["Total attendances status"].tolist() == [
        "hidden (publication mode)",
        "",
    ]
    assert frame["Mean per convening"].tolist()[0] == 11.3
    assert frame["Change, first to last held convening"].tolist()[0] == -4
    assert frame["Registered participants status"].tolist()[0] == "not recorded"
    assert frame["Share who came to two or more sessions (%)"].tolist()[0] == 81


def test_an_emptied_choice_asks_for_communities_instead_of_showing_nothing(db_url):
    at = run_page("compare-communities", compare="")
    assert not at.exception and at.multiselect(key="compare").value == []
    assert "Choose one or more communities above" in all_text(at) and not at.table
