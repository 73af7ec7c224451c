"""The shared sidebar controls, bound to the URL: the community filter and publication mode."""

from __future__ import annotations

import streamlit as st

from dashboard import data, inert
from dashboard.privacy.rule import Rule, default_rule

ALL = "All communities"
KEY = "community"
PUBLICATION_KEY = "publication"
ROUND_KEY = "round5"


def community_filter() -> str | None:
    """Draw the sidebar filter; return the chosen community's name, or None for all.

    An unknown community in the URL is named in a message (the widget itself drops it), never a traceback.
    """
    names = data.community_names()
    requested = st.query_params.get(KEY)
    if requested and requested not in names and requested != ALL:
        st.warning(
            f"There is no community called “{inert.markdown(requested)}”, so the dashboard shows all "
            f"communities. Choose one of: {inert.markdown(', '.join(names))}.",
            icon=":material/warning:",
        )
    choice = st.sidebar.selectbox(
        "Community",
        [ALL, *names],
        key=KEY,
        bind="query-params",
        help="Shows one community's figures on every page. The choice is kept in the page address, "
        "so you can bookmark or share it.",
    )
    return None if choice in (None, ALL) else choice


def current_community() -> str | None:
    """The community chosen in the sidebar (None for all), for pages to read."""
    choice = st.session_state.get(KEY, ALL)
    return None if choice in (None, ALL) else choice


def publication_controls() -> Rule:
    """Sidebar switches for small-number suppression (default from the environment), bound to the URL."""
    default = default_rule()
    on = st.sidebar.toggle(
        "Publication mode",
        value=default.on,
        key=PUBLICATION_KEY,
        bind="query-params",
        help="For figures leaving the team: counts of 1 to 7 people are shown as *, and other counts "
        "that could reveal them are hidden.",
    )
    round_to_5 = st.sidebar.toggle(
        "Round other counts to the nearest 5",
        value=default.round_to_5,
        key=ROUND_KEY,
        bind="query-params",
        disabled=not on,
    )
    rule = Rule(on=bool(on), round_to_5=bool(on and round_to_5))
    if rule.on:
        st.info(rule.note(), icon=":material/visibility_off:")
    return rule


def current_rule() -> Rule:
    """The publication rule in force on this page (set by the sidebar switches)."""
    default = default_rule()
    on = bool(st.session_state.get(PUBLICATION_KEY, default.on))
    return Rule(on=on, round_to_5=on and bool(st.session_state.get(ROUND_KEY, default.round_to_5)))
