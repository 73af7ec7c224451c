"""What each page shows, derived once and kept: figures, tables and sentences per database, community
and publication rule.

Reshaping every session, register and listing of a large programme, and building its figures, takes
far longer than a rerun may (Streamlit reruns a page on every click). These are kept with
`st.cache_resource`, so a rerun reads them without copying: they are shared and READ-ONLY (charts,
tables and downloads only read them; a figure is copied before an image is made of it).
`data.clear()` after a write forgets them.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard import data
from dashboard.charts import figures as charts
from dashboard.charts import theme
from dashboard.charts.titles import with_finding
from dashboard.privacy.published import Published, publish
from dashboard.privacy.rule import Rule
from dashboard.views import findings as found
from dashboard.views import participation as taking_part
from dashboard.views import registers, summaries
from db.engine import database_url

KEPT = 32  # views kept per kind (communities x publication rules), least recently used dropped


def _rule(on: bool, round_to_5: bool) -> Rule:
    return Rule(on=on, round_to_5=round_to_5)


def _styles(shown=None, names=None) -> dict:
    return theme.community_styles(data.community_names() if names is None else names, shown)


@st.cache_resource(show_spinner=False, max_entries=8)
def _published(url: str, on: bool, round_to_5: bool) -> Published:  # url keys the cache
    """Every count of people under the rule, hidden or not, decided once for all pages and filters."""
    return publish(data.frame("attendance_by_session"), data.frame("register_by_session"),
                   data.frame("repeat_attenders"), _rule(on, round_to_5))


def published(rule: Rule) -> Published:
    """The programme's counts of people under `rule` (for views kept elsewhere: feedback figures)."""
    return _published(database_url(), rule.on, rule.round_to_5)


@st.cache_resource(show_spinner=False, max_entries=KEPT)
def _attendance(url: str, community: str | None, on: bool, round_to_5: bool) -> dict:  # url keys the cache
    return attendance_view(*(data.frame(name, community) for name in
                             ("attendance_by_session", "register_by_session", "repeat_attenders")),
                           _published(url, on, round_to_5), data.community_names())


def attendance_view(sessions: pd.DataFrame, register: pd.DataFrame, repeat: pd.DataFrame,
                    published: Published, names: list[str]) -> dict:
    """Everything the Attendance page shows, from its query results and the published counts."""
    rule = published.rule
    sessions = summaries.shown_sessions(sessions, rule, published)
    change = summaries.attendance_change(sessions, rule, published)
    in_chart, left_out = summaries.for_chart(sessions, "shown", "communities", measure="participants")
    out = {
        "not_held": summaries.not_held_note(sessions),
        "figure": with_finding(charts.build_attendance(in_chart, _styles(in_chart["community"].unique(), names),
                                                       found.ATTENDANCE),
                               found.attendance(sessions, change, rule), found.ATTENDANCE),
        "sessions_table": summaries.sessions_table(sessions),
        "caption": " ".join(filter(None, [summaries.attendance_caption(change, rule), left_out])),
        "change_caption": summaries.attendance_caption(change, rule),
        "communities": len(change), "change_table": summaries.change_table(change),
        "register": registers.register_shown(register, rule, published),
    }
    if len(change) > 1:
        changed = summaries.for_chart(change, "attendances", "communities")[0]
        out["change_figure"] = with_finding(
            charts.build_change(changed, _styles(changed["community"].unique(), names), found.CHANGE),
            found.first_last(change, rule), found.CHANGE)
    if not out["register"].empty:
        reg_chart, reg_left = registers.register_for_chart(out["register"])
        caption = registers.register_caption(out["register"], rule)
        out |= {"register_figure": with_finding(charts.build_stacked_bars(
                    reg_chart, category="session", stack="kind", value="count", x_title="Participants",
                    title=found.REGISTER), found.register(caption), found.REGISTER),
                "register_caption": " ".join(filter(None, [caption, reg_left])),
                "repeat": registers.repeat_shown(repeat, rule, published)}
    return out


def attendance(community: str | None, rule: Rule) -> dict:
    """The Attendance page: sessions chart and table, change, new and returning participants."""
    return _attendance(database_url(), community, rule.on, rule.round_to_5)


@st.cache_resource(show_spinner=False, max_entries=KEPT)
def _overview(url: str, community: str | None, on: bool, round_to_5: bool) -> dict:
    frames = {name: data.frame(name, community) for name in
              ("organisations_by_community", "roles_by_community", "conveners", "comments")}
    return overview_view(data.frame("attendance_by_session", community), data.headline(community), frames,
                         _published(url, on, round_to_5), data.community_names(), community)


def overview_view(sessions: pd.DataFrame, headline: dict, frames: dict[str, pd.DataFrame],
                  published: Published, names: list[str], community: str | None) -> dict:
    """Everything the Overview shows, from its query results and the published counts."""
    rule = published.rule
    sessions = summaries.shown_sessions(sessions, rule, published)
    orgs, roles = frames["organisations_by_community"], frames["roles_by_community"]
    out = {"tiles": summaries.headline_tiles(headline, sessions, rule, published, community),
           "not_held": summaries.not_held_note(sessions),
           "many": sessions["community"].nunique() > summaries.CARD_COMMUNITIES}
    if out["many"]:
        out["table"] = summaries.community_table(sessions, orgs, roles)
        return out
    out["cards"] = summaries.community_cards(sessions, orgs, roles, frames["conveners"], frames["comments"])
    styles = _styles([card["community"] for card in out["cards"]], names)
    for card in out["cards"]:
        card["figure"] = charts.build_sparkline(card["sessions"], styles[card["community"]]["color"])
        card["not_held"] = summaries.not_held_note(card["sessions"])
    return out


def overview(community: str | None, rule: Rule) -> dict:
    """The Overview: tiles, and a card per community (a table when there are too many for cards)."""
    return _overview(database_url(), community, rule.on, rule.round_to_5)


@st.cache_resource(show_spinner=False, max_entries=KEPT)
def _participation(url: str, community: str | None) -> dict:
    names = data.community_names()
    types, groups = data.frame("organisation_type_counts", community), data.frame("professional_group_counts", community)
    matrix = taking_part.organisation_matrix(data.frame("organisation_reach"), names, only_in=community)
    share = taking_part.patient_share(groups)
    orgs, roles = data.frame("organisations_by_community", community), data.frame("roles_by_community", community)
    type_colours = dict(zip(data.table("organisation_types")["name"], theme.CATEGORY))
    captions = {"type": taking_part.type_caption(types, orgs), "matrix": taking_part.matrix_caption(matrix),
                "group": taking_part.group_caption(groups, share, roles), "share": taking_part.share_caption(share, roles)}
    return {
        "types": types, "type_caption": captions["type"],
        "types_figure": with_finding(charts.build_stacked_bars(
            summaries.for_chart(types, "organisations", "communities")[0], category="community",
            stack="organisation_type", value="organisations", colours=type_colours,
            title=found.TYPES, x_title="Organisations"), found.clause(captions["type"]), found.TYPES),
        "organisations": orgs,
        "matrix": matrix, "matrix_caption": captions["matrix"],
        "matrix_figure": with_finding(charts.build_matrix(*taking_part.matrix_for_chart(matrix, names), found.MATRIX),
                                      found.clause(captions["matrix"]), found.MATRIX),
        "groups": groups, "group_caption": captions["group"],
        "groups_figure": with_finding(charts.build_count_grid(
            summaries.for_chart(groups, "roles", "communities")[0], row="professional_group",
            column="community", value="roles", columns=names if community is None else [community],
            title=found.GROUPS), found.clause(captions["group"]), found.GROUPS),
        "share": share, "share_caption": captions["share"],
        "share_figure": with_finding(charts.build_stacked_bars(
            taking_part.share_long(summaries.for_chart(share, "Staff", "communities")[0]), category="community",
            stack="side", value="roles",
            colours={"Patients and public": theme.NHS_WARM_YELLOW, "Staff": theme.NHS_BLUE},
            title=found.SHARE, x_title="Distinct roles listed"), found.clause(captions["share"]), found.SHARE),
        "roles": taking_part.role_listing(roles),
    }


def participation(community: str | None) -> dict:
    """The Participation page: organisation types, the organisation matrix, professional groups, roles."""
    return _participation(database_url(), community)


def search_roles(listing: pd.DataFrame, query: str | None) -> pd.DataFrame:
    """Rows of `taking_part.role_listing` matching every word of `query`."""
    return taking_part.search_roles(listing, query)


def listing_caption(listing: pd.DataFrame) -> str:
    """How many role listings the table shows, and how many distinct roles they hold."""
    return taking_part.listing_caption(listing)


def clear() -> None:
    """Forget every kept view (after a write)."""
    for kept in (_published, _attendance, _overview, _participation):
        kept.clear()
