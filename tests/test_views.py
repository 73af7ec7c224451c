"""The Overview, Attendance and Participation views show the database's figures, filtered and suppressed."""

from __future__ import annotations

import pandas as pd
import pytest
from sqlalchemy import insert, select

from db import models as m
from db.write import registers
from tests.apptest import PAGES, all_text, chart_specs, decode, open_tables, run_page


def metrics(at) -> dict[str, str]:
    return {x.label: x.value for x in at.metric}


def dataframes(at) -> list:
    """The page's tables, every "Show data" opened first (a closed one sends no table)."""
    return [d.value for d in open_tables(at).dataframe]


def plain(df: pd.DataFrame) -> pd.DataFrame:
    """A table with the headings the code names (tables show "organisation_type" as "Organisation type")."""
    return df.rename(columns=lambda c: c[:1].lower() + c[1:].replace(" ", "_") if c[1:] == c[1:].lower() else c)


def table_with(at, column: str) -> pd.DataFrame:
    return next(plain(d) for d in dataframes(at) if column in plain(d).columns)


def trace(at, chart: int, name: str) -> dict:
    return next(t for t in chart_specs(at)[chart]["data"] if t.get("name") == name)


@pytest.fixture()
def small_session(engine):
    """Operational Teams session 4: held, with a register of 5 pseudonymous participants."""
    with engine.begin() as conn:
        ops = conn.execute(select(m.Community.id).where(m.Community.name == "Operational Teams")).scalar_one()
        sid = conn.execute(
            insert(m.Session)
            .values(community_id=ops, number=4, status="held", headcount=5, source="Recorded in a test")
            .returning(m.Session.id)
        ).scalar_one()
        pids = [
            conn.execute(insert(m.Participant).values(code=f"P-{i}").returning(m.Participant.id)).scalar_one()
            for i in range(5)
        ]
        conn.execute(insert(m.Attendance), [{"session_id": sid, "participant_id": p} for p in pids])
        registers.refresh(conn, registers.touched(conn, [sid], pids))  # as every write of registers does
    return sid


def test_overview_tiles_match_the_report(db_url):
    tiles = metrics(run_page("overview"))
    assert tiles["Communities"] == "4"
    assert tiles["Convenings held"] == "11"
    assert tiles["Total attendances"] == "256"
    assert tiles["Mean per convening"] == "23.3"
    assert tiles["Organisations"] == "18"
    assert tiles["Areas of change"] == "24"


def test_overview_for_one_community_shows_only_its_figures(db_url):
    at = run_page("overview", "Ultrasound Imaging")
    tiles = metrics(at)
    assert (tiles["Convenings held"], tiles["Total attendances"], tiles["Mean per convening"]) == ("2", "28", "14.0")
    assert "Ultrasound Imaging session 3: postponed due to Covid-19" in all_text(at)
    assert [s.value for s in at.subheader] == ["Ultrasound Imaging"]


def test_overview_cards_name_each_communitys_conveners(db_url):
    text = all_text(run_page("overview"))
    assert "Smitha Nathan, Caroline Bowring" in text
    assert "Kim Robertson, Sharon Watty, Sharon Dam" in text


def test_attendance_series_and_takeaway_are_computed_from_the_data(db_url):
    at = run_page("attendance-trends")
    assert decode(trace(at, 0, "Patient Involvement")["y"]) == [38, 32, 30]
    assert decode(trace(at, 0, "Operational Teams")["y"]) == [14, 10, 10]
    assert "steepest change was Rehabilitation and Personalised Care (36 to 24, -33%)" in all_text(at)


def test_attendance_change_table_gives_absolute_and_percentage_change(db_url):
    at = run_page("attendance-trends")
    change = next(d for d in dataframes(at) if "Change (%)" in d.columns).set_index("Community")
    assert change.loc["Patient Involvement", "Change"] == -8
    assert change.loc["Ultrasound Imaging", "Change (%)"] == pytest.approx(-13.3)
    assert change.loc["Ultrasound Imaging", "Not held"] == 1


def test_register_shows_new_and_returning_participants(db_url, small_session):
    at = run_page("attendance-trends", "Operational Teams")
    register = table_with(at, "returning")
    assert register[["number", "new", "returning", "participants"]].values.tolist() == [[4, 5, 0, 5]]


def test_participation_counts_canonical_organisations_by_type(db_url):
    at = run_page("organisations-and-roles", "Ultrasound Imaging")
    types = plain(dataframes(at)[0])
    assert dict(zip(types["organisation_type"], types["organisations"])) == {
        "Acute trust": 6,
        "Primary care": 1,
        "University": 1,
    }
    assert "Rehabilitation and Personalised Care" not in set(types["community"])


def test_connecting_the_system_picks_out_organisations_in_several_communities(db_url):
    at = run_page("organisations-and-roles")
    matrix = table_with(at, "communities").set_index("organisation")
    assert matrix.loc["Guy's and St Thomas' NHS Foundation Trust", "communities"] == 4
    assert matrix.loc["King's College London", "communities"] == 1
    assert "took part in two or more communities" in all_text(at)


def test_role_search_narrows_the_roles_shown(db_url):
    at = run_page("organisations-and-roles")
    at.text_input(key="role_search").set_value("sonographer").run()
    roles = dataframes(at)[-1]
    assert len(roles) > 0
    assert roles["Title as written"].str.contains("onographer").all()


def test_publication_mode_leaves_no_count_of_1_to_7_people_visible(db_url, small_session):
    at = run_page("attendance-trends", "Operational Teams", publication="true")
    assert any("counts of 1 to 7 people are shown as *" in i.value for i in at.info)
    series = trace(at, 0, "Operational Teams")
    assert series["text"] == ["14", "10", "10", "*"]
    assert 5 not in decode(series["y"])
    sessions = dataframes(at)[0]
    assert "5" not in sessions["Participants"].astype(str).tolist()
    register = table_with(at, "returning")
    assert register[["new", "participants"]].values.tolist() == [["*", "*"]]
    tiles = metrics(run_page("overview", publication="true"))
    assert tiles["Total attendances"] == "*" and tiles["Mean per convening"] == "*"


def test_publication_mode_off_by_default_shows_small_counts(db_url, small_session):
    at = run_page("attendance-trends", "Operational Teams")
    assert trace(at, 0, "Operational Teams")["text"] == ["14", "10", "10", "5"]


def test_markup_in_names_reaches_charts_as_literal_text(db_url, engine):
    name = "<b>Bold</b> <a href='javascript:alert(1)'>x</a>"
    with engine.begin() as conn:
        programme = conn.execute(select(m.Programme.id)).scalar_one()
        cid = conn.execute(
            insert(m.Community)
            .values(slug="markup", name=name, programme_id=programme, display_order=9, source="test")
            .returning(m.Community.id)
        ).scalar_one()
        conn.execute(insert(m.Session).values(community_id=cid, number=1, status="held", headcount=12, source="test"))
    at = run_page("attendance-trends", name)
    names = [t["name"] for t in chart_specs(at)[0]["data"]]
    assert names == ["&lt;b&gt;Bold&lt;/b&gt; &lt;a href='javascript:alert(1)'&gt;x&lt;/a&gt;"]


@pytest.mark.slow  # runs every page
def test_a_new_community_with_no_sessions_shows_on_every_page(db_url, engine):
    with engine.begin() as conn:
        programme = conn.execute(select(m.Programme.id)).scalar_one()
        conn.execute(
            insert(m.Community).values(
                slug="pcn-1", name="Early Diagnosis PCN 1", programme_id=programme, display_order=5, source="test"
            )
        )
    for page in PAGES:
        at = run_page(page, "Early Diagnosis PCN 1", tables_open=True)
        assert not at.exception, (page, at.exception)
    assert "No convening is recorded here yet" in all_text(at := run_page("attendance-trends", "Early Diagnosis PCN 1"))


def test_rounded_counts_give_no_computed_change(db_url):
    at = run_page("attendance-trends", publication="true", round5="true")
    text = all_text(at)
    assert "changes in attendance are not worked out" in text
    assert "held steady" not in text


def test_a_held_session_not_yet_counted_is_labelled_and_left_out_of_means(db_url, engine):
    with engine.begin() as conn:
        ops = conn.execute(select(m.Community.id).where(m.Community.name == "Operational Teams")).scalar_one()
        conn.execute(
            insert(m.Session).values(
                community_id=ops, number=4, status="held", headcount=None, source="Imported in a test"
            )
        )
    at = run_page("attendance-trends", "Operational Teams")
    assert decode(trace(at, 0, "Operational Teams")["y"]) == [14, 10, 10]
    assert trace(at, 0, "Operational Teams: not held")["text"] == ["Held, not counted yet"]
    assert "not counted yet" in dataframes(at)[0]["Participants"].tolist()
    overview = run_page("overview")
    assert not overview.exception  # the note under the tiles names it, with no note of its own
    assert "Operational Teams session 4: held, not counted yet" in all_text(overview)
    tiles = metrics(overview)
    assert (tiles["Convenings held"], tiles["Total attendances"], tiles["Mean per convening"]) == ("12", "256", "23.3")


def test_connecting_the_system_for_one_community_shows_where_else_its_organisations_take_part(db_url):
    at = run_page("organisations-and-roles", "Operational Teams")
    matrix = table_with(at, "communities").set_index("organisation")
    assert len(matrix) == 5
    assert matrix.loc["Guy's and St Thomas' NHS Foundation Trust", "communities"] == 4
    assert (matrix["Operational Teams"] == "Yes").all()


def test_attendance_takeaway_says_held_steady_or_rose_when_nothing_fell():
    from dashboard.views.summaries import attendance_caption

    def change(*rows):
        return pd.DataFrame(
            [
                {
                    "community": c,
                    "held": 3,
                    "first_count": a,
                    "last_count": b,
                    "change": b - a,
                    "change_pct": round(100 * (b - a) / a, 1),
                }
                for c, a, b in rows
            ]
        )

    assert attendance_caption(change(("A", 40, 40), ("B", 30, 30))) == (
        "Attendance held steady from first to last held convening in both communities."
    )
    assert attendance_caption(change(("A", 40, 30), ("B", 30, 20), ("C", 20, 10))) == (
        "Attendance fell from first to last held convening in all 3 communities; "
        "the steepest change was C (20 to 10, -50%)."
    )  # as the chart's title says it, not "in 3 of 3"
    assert attendance_caption(change(("A", 40, 44), ("B", 30, 30))) == (
        "Attendance rose from first to last held convening in 1 of 2 communities and fell in none; "
        "the largest rise was A (40 to 44, +10%)."
    )


def test_overview_tiles_group_thousands_like_the_attendance_total():
    from dashboard.privacy.rule import Rule
    from dashboard.views.overview_facts import headline_tiles

    figures = {
        "communities": 1000,
        "sessions_held": 49031,
        "sessions_postponed": 969,
        "organisations": 1987,
        "roles": 120,
        "comments": 500000,
        "value_areas": 40,
    }
    sessions = pd.DataFrame(
        {"community": ["A", "A"], "number": [1, 2], "status": ["held"] * 2, "headcount": [1200.0, 800.0]}
    )
    tiles = {label: (value, hint) for label, value, hint in headline_tiles(figures, sessions, Rule())}
    assert tiles["Communities"][0] == "1,000" and tiles["Comments"][0] == "500,000"
    assert tiles["Convenings held"] == ("49,031", "969 postponed")
    assert tiles["Total attendances"][0] == "2,000"


def test_a_session_recorded_in_the_dashboard_shows_on_the_pages_straight_away(db_url, engine):
    from dashboard.widgets import editing
    from tests.editors import add_editors

    before = run_page("attendance-trends", "Operational Teams")  # fills the caches and the kept views
    assert decode(trace(before, 0, "Operational Teams")["y"]) == [14, 10, 10]
    admin, _ = add_editors(engine)
    editing.record_session(
        admin,
        {"community": "Operational Teams", "number": "4", "status": "held", "date": "2026-01-12", "headcount": "12"},
        [],
        [],
    )
    after = run_page("attendance-trends", "Operational Teams")
    assert decode(trace(after, 0, "Operational Teams")["y"])[-1] == 12
    assert metrics(run_page("overview"))["Convenings held"] == "12"


def test_a_session_recorded_by_another_server_process_shows_on_the_next_run(db_url, engine):
    from db.write.imports.store import record_session
    from tests.editors import add_editors

    before = run_page("attendance-trends", "Operational Teams")  # this process caches its reads
    assert decode(trace(before, 0, "Operational Teams")["y"]) == [14, 10, 10]
    admin, _ = add_editors(engine)  # another instance's write: this process's caches are not told
    record_session(
        engine,
        admin,
        {"community": "Operational Teams", "number": "4", "status": "held", "date": "2026-01-12", "headcount": "12"},
        [],
        [],
    )
    after = run_page("attendance-trends", "Operational Teams")
    assert decode(trace(after, 0, "Operational Teams")["y"])[-1] == 12


def test_attendance_takeaway_for_a_rise_from_zero_gives_no_percentage():
    from dashboard.views.summaries import attendance_caption

    change = pd.DataFrame(
        {"community": ["A"], "held": [2], "first_count": [0], "last_count": [12], "change": [12], "change_pct": [None]}
    )
    assert attendance_caption(change) == "A: attendance rose from 0 at the first held convening to 12 at the last."


def test_a_long_role_listing_shows_its_first_rows_and_downloads_them_all(db_url, monkeypatch):
    from dashboard.widgets import blocks

    monkeypatch.setattr(blocks, "LISTING_ROWS", 5)
    at = run_page("organisations-and-roles")
    roles = dataframes(at)[-1]
    assert list(roles.columns) == ["Community", "Title as written", "Role", "Professional group"]
    assert len(roles) == 5
    text = " ".join(c.value for c in at.caption)
    assert "The first 5 of " in text and "the CSV and XLSX downloads have them all" in text
    assert {"csv-roles", "xlsx-roles"} <= {b.key for b in at.get("download_button")}
    at.text_input(key="role_search").set_value("sonographer").run()
    assert dataframes(at)[-1]["Title as written"].str.contains("onographer").all()
