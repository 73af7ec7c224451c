"""What a page says about itself: browser titles, the last-changed line, and one line in place of an empty
section (a new community with no sessions, registers, organisations, roles or interviews)."""

from __future__ import annotations

import datetime as dt

import pytest
import sqlalchemy as sa

from dashboard.state import page_meta
from db.auth import User, save_user
from db.engine import write_transaction
from db.write.reference import add_community
from tests.apptest import all_text, run_page

NEW = "Palliative Care Network"
PUBLIC = [
    "overview",
    "attendance-trends",
    "organisations-and-roles",
    "value-framework",
    "comments-and-quotes",
    "build-a-deck",
]


def test_browser_title_names_the_page_the_community_and_the_dashboard():
    assert page_meta.browser_title("Attendance", "Ultrasound Imaging") == (
        "Attendance · Ultrasound Imaging · CoP dashboard"
    )


def test_browser_title_without_a_community_names_the_page_and_the_dashboard():
    assert page_meta.browser_title("Member voice", None) == "Member voice · CoP dashboard"


def test_browser_title_drops_control_and_direction_characters_and_cuts_long_names():
    title = page_meta.browser_title("Overview", "Ultra\u202esound\x00 Imaging\n\tteam " + "x" * 100)
    assert "\u202e" not in title and "\x00" not in title and "\n" not in title
    community = title.split(" · ")[1]
    assert community.startswith("Ultrasound Imaging team x") and community.endswith("…")
    assert len(community) == page_meta.MAX_PART


def test_markdown_in_a_community_name_stays_text_in_the_title():
    assert page_meta.browser_title("Overview", "**Bold** [link](http://x)") == (
        "Overview · **Bold** [link](http://x) · CoP dashboard"
    )


def test_last_changed_line_credits_the_report_until_something_is_recorded():
    assert page_meta.last_changed_line(None) == page_meta.REPORT_ONLY
    assert page_meta.last_changed_line(dt.datetime(2026, 12, 1, 8, 41, 5)) == (
        "Data last changed 1 Dec 2026 08:41 UTC."
    )


@pytest.mark.parametrize("page", PUBLIC)
def test_every_public_page_says_its_data_is_the_reports(db_url, page):
    assert page_meta.REPORT_ONLY in all_text(run_page(page))


@pytest.fixture()
def new_community(engine) -> str:
    """A community added by an administrator, with nothing recorded for it yet."""
    with write_transaction(engine) as conn:
        save_user(conn, None, "admin@nhs.example", "administrator", bootstrap=True)
        programme = conn.execute(sa.text("SELECT name FROM programmes")).scalar()
    return add_community(engine, User("admin@nhs.example", "administrator"), NEW, programme, confirmed=True)


def test_a_recorded_change_dates_the_data_on_every_page(new_community):
    at = run_page("attendance-trends", new_community)
    assert "Data last changed " in all_text(at) and page_meta.REPORT_ONLY not in all_text(at)


EMPTY_LINES = {
    "overview": ["No convening is recorded here yet"],
    "attendance-trends": ["No convening is recorded here yet", "No convening has been held here yet"],
    "organisations-and-roles": [
        "No organisation is listed here yet:",
        "none connects it to another community",
        "No role is listed here yet",
    ],
    "value-framework": ["No convener here has been interviewed yet"],
}


@pytest.mark.parametrize("page", EMPTY_LINES)
def test_a_new_community_sees_one_line_per_empty_section_not_an_empty_chart(new_community, page):
    at = run_page(page, new_community)
    text = all_text(at)
    assert not at.exception
    for line in EMPTY_LINES[page]:
        assert line in text
    if page in ("attendance-trends", "organisations-and-roles"):
        assert not at.get("plotly_chart")  # every chart of these pages would be empty


def test_a_community_with_data_shows_its_charts_and_no_empty_lines(db_url):
    at = run_page("organisations-and-roles", "Ultrasound Imaging")
    assert at.get("plotly_chart")
    assert not any(line in all_text(at) for line in EMPTY_LINES["organisations-and-roles"])
