"""Approved feedback on Member voice: each answer as inert text with its source, cached by community
(the cache is cleared after every write, screening included)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard import data
from dashboard.inert import markdown as md
from db.engine import database_url
from db.feedback_queries import approved_answers

SHOWN = 50


@st.cache_data(show_spinner=False)
def _approved(url: str, community: str | None) -> pd.DataFrame:
    with data.engine().connect() as conn:
        return approved_answers(conn, community=community)


def approved(community: str | None) -> pd.DataFrame:
    return _approved(database_url(), community).copy()


def section(community: str | None) -> None:
    """The approved answers of `community` (all communities when None), newest session first."""
    answers = approved(community)
    st.subheader("From the feedback form")  # no count: publication mode would have to judge it
    if answers.empty:
        st.caption("No approved answers from the end-of-meeting feedback form yet.")
        return
    st.caption("Answers members gave at the end of a meeting, shown once an editor of the community "
               "approved them (an editor may have removed personal details).")
    for row in answers.head(SHOWN).itertuples():
        with st.container(border=True):
            st.markdown(md(f"“{row.text}”"))
            st.caption(md(f"{row.community}, {row.source}: “{row.question}”"
                          + (" (redacted by an editor)" if row.redacted else "")))
    if len(answers) > SHOWN:
        st.caption(f"The answers of the newest sessions are shown, {SHOWN} at most.")
