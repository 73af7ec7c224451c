"""What each page shows, derived once and cached: frames, tables and sentences per database, community
and publication rule.

Reshaping every session, register and listing of a large programme takes longer than reading them, and
Streamlit reruns a page on every click. The pages build their figures from these (the figures' look
stays in `dashboard.charts`); `data.clear()` after a write forgets these too.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard import data, summaries
from dashboard.privacy import Rule
from db.engine import database_url


def _rule(on: bool, round_to_5: bool) -> Rule:
    return Rule(on=on, round_to_5=round_to_5)


@st.cache_data(show_spinner=False, max_entries=64)
def _attendance(url: str, community: str | None, on: bool, round_to_5: bool) -> dict:  # url keys the cache
    rule = _rule(on, round_to_5)
    sessions, change = data.attendance(community, rule)
    in_chart, left_out = summaries.for_chart(sessions, "headcount", "communities")
    register = summaries.register_shown(data.frame("register_by_session", community), rule)
    out = {
        "not_held": summaries.not_held_note(sessions),
        "in_chart": in_chart, "sessions_table": summaries.sessions_table(sessions),
        "caption": " ".join(filter(None, [summaries.attendance_caption(change, rule), left_out])),
        "change_caption": summaries.attendance_caption(change, rule),
        "communities": len(change),
        "change_in_chart": summaries.for_chart(change, "attendances", "communities")[0],
        "change_table": summaries.change_table(change),
        "register": register,
    }
    if not register.empty:
        reg_chart, reg_left = summaries.register_for_chart(register)
        out |= {"register_in_chart": reg_chart,
                "register_caption": " ".join(filter(None, [summaries.register_caption(register), reg_left])),
                "repeat": summaries.repeat_shown(data.frame("repeat_attenders", community), rule)}
    return out


def attendance(community: str | None, rule: Rule) -> dict:
    """The Attendance page: sessions chart and table, change, new and returning participants."""
    return _attendance(database_url(), community, rule.on, rule.round_to_5)


@st.cache_data(show_spinner=False, max_entries=64)
def _overview(url: str, community: str | None, on: bool, round_to_5: bool) -> dict:
    rule = _rule(on, round_to_5)
    sessions, _ = data.attendance(community, rule)
    orgs, roles = data.frame("organisations_by_community", community), data.frame("roles_by_community", community)
    out = {"tiles": summaries.headline_tiles(data.headline(community), sessions, rule),
           "not_held": summaries.not_held_note(sessions),
           "many": sessions["community"].nunique() > summaries.CARD_COMMUNITIES}
    if out["many"]:
        out["table"] = summaries.community_table(sessions, orgs, roles)
    else:
        out["cards"] = summaries.community_cards(sessions, orgs, roles, data.frame("conveners", community),
                                                 data.frame("comments", community))
    return out


def overview(community: str | None, rule: Rule) -> dict:
    """The Overview: tiles, and a card per community (a table when there are too many for cards)."""
    return _overview(database_url(), community, rule.on, rule.round_to_5)


@st.cache_data(show_spinner=False, max_entries=64)
def _participation(url: str, community: str | None) -> dict:
    names = data.community_names()
    types, groups = data.frame("organisation_type_counts", community), data.frame("professional_group_counts", community)
    matrix = summaries.organisation_matrix(data.frame("organisation_reach"), names, only_in=community)
    share = summaries.patient_share(groups)
    return {
        "types": types, "types_in_chart": summaries.for_chart(types, "organisations", "communities")[0],
        "type_caption": summaries.type_caption(types),
        "organisations": data.frame("organisations_by_community", community),
        "matrix": matrix, "matrix_in_chart": summaries.matrix_for_chart(matrix, names),
        "matrix_caption": summaries.matrix_caption(matrix),
        "groups": groups, "groups_in_chart": summaries.for_chart(groups, "roles", "communities")[0],
        "group_caption": summaries.group_caption(groups, share),
        "share": share, "share_in_chart": summaries.share_long(summaries.for_chart(share, "Staff", "communities")[0]),
        "share_caption": summaries.share_caption(share),
        "roles": summaries.role_listing(data.frame("roles_by_community", community)),
    }


def participation(community: str | None) -> dict:
    """The Participation page: organisation types, the organisation matrix, professional groups, roles."""
    return _participation(database_url(), community)


def search_roles(listing: pd.DataFrame, query: str | None) -> pd.DataFrame:
    """Rows of `summaries.role_listing` matching every word of `query`."""
    return summaries.search_roles(listing, query)
