"""The pages once the programme outgrows four communities: twelve new primary-care communities join the
report's four. Charts keep to the ten largest and say so, the Overview swaps cards for a table, and the
organisation matrix's table names each organisation's communities instead of a 16-column grid."""

from __future__ import annotations

import pandas as pd
import pytest

from db.write.imports.store import import_file
from db.write.reference import add_community
from tests.apptest import all_text, chart_specs, run_page
from tests.editors import KCH, REGISTER, SESSIONS, add_editors, csv
from tests.test_views import table_with

NEW = [f"Primary Care Network {i:02d}" for i in range(1, 13)]


@pytest.fixture
def grown(engine, db_url):
    """Twelve new communities, each with two counted sessions and a third counted by its register,
    whose participants come from King's College Hospital."""
    admin, _ = add_editors(engine)
    programme = engine.connect().exec_driver_sql("SELECT name FROM programmes").scalar()
    for name in NEW:
        add_community(engine, admin, name, programme, confirmed=True)
    sessions = [f"{name},{n},held,2026-0{n}-10,{10 + i + n}," for i, name in enumerate(NEW) for n in (1, 2)]
    sessions += [f"{name},3,held,2026-03-10,," for name in NEW]
    sessions += [f"{name},4,postponed,,," for name in NEW]
    import_file(engine, admin, "sessions.csv", csv(SESSIONS, *sessions))
    register = [f"{name},3,PCN{i:02d}-{k},,{KCH}" for i, name in enumerate(NEW) for k in range(9)]
    import_file(engine, admin, "register.csv", csv(REGISTER, *register))
    return admin


def test_overview_lists_communities_in_a_table_once_there_are_too_many_for_cards(grown, monkeypatch):
    from dashboard import data

    def no_quotes(*_args, **_kwargs):
        raise AssertionError("a table of communities quotes no comment: every comment read for nothing")

    monkeypatch.setattr(data, "report_comments", no_quotes)  # 500,000 of them at size M
    at = run_page("overview")
    table = at.dataframe[0].value
    assert len(table) == 16 and "Primary Care Network 12" in set(table["Community"])
    assert "Too many communities for cards" in all_text(at)
    assert not at.exception


def test_attendance_chart_shows_the_ten_largest_and_says_so(grown):
    at = run_page("attendance-trends", tables_open=True)
    lines = {t["name"] for t in chart_specs(at)[0]["data"] if "not held" not in t["name"]}
    assert len(lines) == 10
    assert "The chart shows the 10 communities with the most participants of 16" in all_text(at)
    assert set(at.dataframe[0].value["Community"]) >= set(NEW)  # the table has them all
    colours = {t["name"]: t["line"]["color"] for t in chart_specs(at)[0]["data"] if t["name"] in lines}
    assert len(set(colours.values())) == 10  # sixteen communities, but no two charted share a colour


def test_organisation_table_names_the_communities_each_organisation_takes_part_in(grown):
    at = run_page("organisations-and-roles")
    matrix = table_with(at, "takes_part_in").set_index("organisation")
    assert matrix.loc[KCH, "communities"] == len(matrix.loc[KCH, "takes_part_in"].split("; "))
    assert set(NEW) <= set(matrix.loc[KCH, "takes_part_in"].split("; "))
    assert len(matrix.columns) == 3  # organisation type, communities, takes part in: no 16-column grid
    grid = next(
        t
        for spec in chart_specs(at)
        for t in spec["data"]
        if t["type"] == "heatmap" and any(KCH in str(y) for y in t["y"])
    )
    row = next(i for i, y in enumerate(grid["y"]) if KCH in y)
    assert len(grid["x"]) == 12 and set(grid["text"][row]) == {"✓"}  # in all 12 communities charted


@pytest.mark.slow  # a programme grown to many communities, the page run twice
def test_sessions_not_held_are_counted_not_listed_once_there_are_many(grown):
    text = all_text(run_page("attendance-trends"))
    assert "13 sessions across 13 communities have no attendance to show (13 postponed)" in text
    assert "Primary Care Network 07 session 4" not in text
    assert "Ultrasound Imaging session 3: postponed due to Covid-19" in all_text(
        run_page("attendance-trends", "Ultrasound Imaging")
    )  # one community's few are still named


def test_new_and_returning_chart_counts_each_register(grown):
    at = run_page("attendance-trends", "Primary Care Network 05")
    register = table_with(at, "returning")
    assert register[["number", "new", "returning", "participants"]].values.tolist() == [[3, 9, 0, 9]]


def test_an_import_across_many_communities_is_logged_with_every_name(grown, engine):
    with engine.connect() as conn:
        community, detail = conn.exec_driver_sql(
            "SELECT community, detail FROM audit_log WHERE file_name = 'sessions.csv'"
        ).one()
    assert len(community) <= 200 and community.endswith("…")
    assert all(name in detail for name in NEW)


def test_long_tables_show_their_first_rows_and_say_the_downloads_have_all(grown, monkeypatch):
    from dashboard.widgets import blocks as components

    monkeypatch.setattr(components, "TABLE_ROWS", 20)
    at = run_page("attendance-trends", tables_open=True)
    sessions = at.dataframe[0].value
    assert len(sessions) == 20
    assert "The first 20 of 60 rows are shown here; the CSV and XLSX downloads have them all." in all_text(at)


def test_overview_table_sends_each_sparkline_as_the_counts_shown_in_their_smallest_type(grown):
    table = run_page("overview").dataframe[0].value.set_index("Community")
    for i, name in enumerate(NEW):  # two counted sessions, a third counted by its register; the postponed 4th left out
        assert [int(v) for v in table.loc[name, "Attendance per convening"]] == [11 + i, 12 + i, 9]
        assert table.loc[name, "Convenings held"] == 3
    assert str(table["Convenings held"].dtype) == "uint8"  # a byte a count, not eight


def test_overview_table_keeps_a_hidden_count_missing_never_zero():
    from dashboard.charts.theme import NHS_BLUE
    from dashboard.views.compact import _trend_svg
    from dashboard.views.overview_facts import community_table, trend_images

    sessions = pd.DataFrame(
        {
            "community": ["A", "A", "A", "A", "B"],
            "number": [1, 2, 3, 4, 1],
            "status": ["held", "held", "postponed", "held", "held"],
            "headcount": [12, 5, None, 300, 40],
            "shown": [12, "*", None, 300, 40],  # session 2's count hidden by publication mode
        }
    )
    names = pd.DataFrame({"community": ["A", "B"], "organisation": ["X", "Y"]})
    table = community_table(sessions, names, names.rename(columns={"organisation": "role"}))
    assert table["Convenings held"].to_pylist() == [3, 1] and table["Community"].to_pylist() == ["A", "B"]
    # Streamlit's sparkline column shows an error for a missing point: the sparklines go as images,
    # each drawn from its shown counts only, a gap where one is hidden
    assert trend_images(table)
    a, b = table["Attendance per convening"].to_pylist()
    assert a == _trend_svg([12, None, 300], NHS_BLUE) and b == _trend_svg([40], NHS_BLUE)
    assert a.count("M") == 2 and "l0 0" in a  # session 1 alone (a dot), then session 4 (another)
    shown = pd.DataFrame({**sessions, "shown": [12, 5, None, 300, 40]})
    table = community_table(shown, names, names.rename(columns={"organisation": "role"}))
    assert not trend_images(table) and table["Attendance per convening"].to_pylist() == [[12, 5, 300], [40]]
    assert str(table["Attendance per convening"].type) == "list<item: uint16>"  # 300 needs two bytes
