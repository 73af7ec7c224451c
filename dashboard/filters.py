"""The shared community filter: one sidebar widget bound to `?community=` in the URL."""

from __future__ import annotations

import streamlit as st

from dashboard import data

ALL = "All communities"
KEY = "community"


def community_filter() -> str | None:
    """Draw the sidebar filter; return the chosen community's name, or None for all.

    An unknown community in the URL is named in a message (the widget itself drops it), never a traceback.
    """
    names = data.community_names()
    requested = st.query_params.get(KEY)
    if requested and requested not in names and requested != ALL:
        st.warning(
            f"There is no community called “{requested}”, so the dashboard shows all communities. "
            f"Choose one of: {', '.join(names)}.",
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
