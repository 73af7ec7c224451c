"""A "Show data" table (a chart's text alternative, with its CSV and XLSX downloads) is built and sent
only while its expander is open: a closed one sends its label and nothing else."""

from __future__ import annotations

from dashboard.files.tables import heading
from dashboard.privacy.rule import Rule
from dashboard.views import programme as views
from dashboard.widgets.blocks import expander_key
from tests.apptest import open_tables, run_page


def test_a_closed_show_data_sends_only_its_label(db_url):
    at = run_page("attendance-trends")
    assert not at.exception
    assert [e.label for e in at.expander] == ["Show data", "Show data"]  # attendance, change from first to last
    assert all(not e.children for e in at.expander)
    assert not at.dataframe
    assert not [b for b in at.get("download_button") if b.label in ("Download CSV", "Download XLSX")]


def test_opening_show_data_shows_its_table_and_downloads_and_nothing_else(db_url):
    at = run_page("attendance-trends")
    at.session_state[expander_key("attendance")] = True  # what a click on "Show data" sets
    at.run()
    assert not at.exception
    opened, closed = at.expander
    assert opened.label == "Show data" and opened.proto.expanded
    expected = views.attendance(None, Rule()).sessions_table.rename(columns=heading)
    [table] = opened.dataframe
    assert list(table.value.columns) == list(expected.columns) and len(table.value) == len(expected) > 0
    assert [b.label for b in opened.get("download_button")] == ["Download CSV", "Download XLSX"]
    assert [b.key for b in opened.get("download_button")] == ["csv-attendance", "xlsx-attendance"]
    assert not closed.children and len(at.dataframe) == 1  # the other table stays unsent


def test_an_opened_show_data_stays_open_across_reruns_and_closes_again(db_url):
    at = open_tables(run_page("attendance-trends"))
    assert len(at.dataframe) == 2
    at.run()
    assert len(at.dataframe) == 2  # reruns (a filter changed, a widget used) keep it open
    at.session_state[expander_key("attendance-change")] = False
    at.run()
    assert len(at.dataframe) == 1 and not at.expander[1].children
