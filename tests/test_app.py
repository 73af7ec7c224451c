"""Every page runs, with and without a community filter, and the filter changes what is shown."""

from __future__ import annotations

import pytest

from tests.apptest import PAGES, all_text, chart_specs, decode, open_tables, run_page

COMMUNITIES = ["Patient Involvement", "Rehabilitation and Personalised Care", "Operational Teams", "Ultrasound Imaging"]


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("community", [None, "Ultrasound Imaging"])
def test_every_page_runs_without_exception(db_url, page, community):
    at = run_page(page, community)
    assert not at.exception, at.exception
    assert at.selectbox(key="community").value == (community or "All communities")
    open_tables(at)  # every "Show data" opened, as a person would
    assert not at.exception, at.exception


def test_unknown_community_in_url_gets_a_clear_message(db_url):
    at = run_page("overview", "Atlantis")
    assert not at.exception
    warning = " ".join(w.value for w in at.warning)
    assert "There is no community called “Atlantis”" in warning
    assert "Ultrasound Imaging" in warning
    assert at.selectbox(key="community").value == "All communities"


def test_markup_in_the_url_is_shown_as_text(db_url):
    at = run_page("overview", "[click](javascript:alert(1)) <img src=x onerror=alert(1)>")
    raw = " ".join(w.value for w in at.warning)
    assert "\\[click\\]\\(javascript\\:" in raw and "\\<img" in raw
    assert "“[click](javascript:alert(1)) <img src=x onerror=alert(1)>”" in all_text(at)


def test_ultrasound_attendance_shows_two_held_sessions_and_the_postponed_one(db_url):
    at = run_page("attendance-trends", "Ultrasound Imaging")
    traces = chart_specs(at)[0]["data"]
    held = [t for t in traces if t["name"] == "Ultrasound Imaging"]
    assert len(held) == 1
    assert decode(held[0]["x"]) == [1, 2] and decode(held[0]["y"]) == [15, 13]
    not_held = [t for t in traces if t["name"] != "Ultrasound Imaging"]
    assert [decode(t["x"]) for t in not_held] == [[3]]
    assert not_held[0]["text"] == ["Postponed"]
    assert 0 not in decode(not_held[0]["y"])
    names = {t["name"].split(":")[0] for t in traces}
    assert names == {"Ultrasound Imaging"}


def test_the_postponed_marker_sits_in_a_not_held_lane_below_zero_not_at_a_count(db_url):
    at = run_page("attendance-trends", "Ultrasound Imaging")
    spec = chart_specs(at)[0]
    marker = next(t for t in spec["data"] if t["name"].endswith(": not held"))
    [y] = decode(marker["y"])
    axis = spec["layout"]["yaxis"]
    assert y < 0 and axis["range"][0] < y  # under the zero line, inside the plot, not at 13
    labels = dict(zip(axis["tickvals"], axis["ticktext"]))
    assert labels[y] == "Not held" and labels[0] == "0"
    lane = spec["layout"]["shapes"][0]
    assert (lane["y0"], lane["y1"]) == (axis["range"][0], 0)  # the shaded lane, zero to the axis


def test_filter_chosen_in_sidebar_changes_every_figure(db_url):
    at = run_page("overview")
    assert "Total attendances 256" in all_text(at)
    at.selectbox(key="community").set_value("Operational Teams").run()
    text = all_text(at)
    assert "Total attendances 34" in text
    own = [line for line in text.splitlines() if not line.startswith("Programme: ")]  # the tiles' comparison
    assert "Programme: 256" in text and "256" not in "\n".join(own)


def test_a_value_label_under_a_postponed_marker_moves_below_its_point(db_url):
    at = run_page("attendance-trends")
    ops = next(t for t in chart_specs(at)[0]["data"] if t["name"] == "Operational Teams")
    # Operational Teams' 10 at session 3 sits just under Ultrasound Imaging's postponed marker (at 13)
    assert ops["textposition"][-1] == "bottom center"
