"""Approved feedback on Member voice: each answer as inert text with its source, cached by community
(the cache is cleared after every write, screening included)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard import cache, data
from dashboard.inert import markdown as md
from dashboard.views.evidence_downloads import Download, named
from db.read.feedback_queries import approved_answers

SHOWN = 50


@cache.per_database()
def approved(community: str | None, theme: str | None = None, cycle: str | None = None) -> pd.DataFrame:
    """Approved answers of `community`, those tagged with `theme` and `cycle` (slugs) when given."""
    with data.engine().connect() as conn:
        return approved_answers(conn, community=community, theme=theme, cycle=cycle)


def answers_table(answers: pd.DataFrame) -> pd.DataFrame:
    """Approved answers for people, as the CSV and XLSX downloads hold them: each with its source."""
    return pd.DataFrame(
        {
            "Answer": answers["text"],
            "Community": answers["community"],
            "Question": answers["question"],
            "Feeds value cycle": answers["value_cycle"],
            "Codes": answers["codes"],
            "Redacted by an editor": answers["redacted"].map({True: "yes", False: "no"}),
            "Source": answers["source"],
        }
    )


def download(community: str | None, theme: str | None, cycle: str | None, labels: dict) -> Download:
    """The answers listed, to download (read when a button is clicked)."""
    key, title = named("Feedback answers", labels)
    return Download(lambda: answers_table(approved(community, theme, cycle)), key, title, "these answers")


def section(
    community: str | None, theme: str | None = None, cycle: str | None = None, labels: dict | None = None
) -> Download | None:
    """The approved answers of `community` (all communities when None), newest session first, those
    coded with `theme` and `cycle` when chosen; the download of them, or None when there are none."""
    answers = approved(community, theme, cycle)
    st.subheader("From the feedback form")  # no count: publication mode would have to judge it
    if answers.empty:
        st.caption(
            "No approved answers from the end-of-meeting feedback form yet."
            if theme is None and cycle is None
            else "No approved feedback answer carries these codes."
        )
        return None
    st.caption(
        "Answers members gave at the end of a meeting, shown once an editor of the community "
        "approved them (an editor may have removed personal details)."
    )
    for row in answers.head(SHOWN).itertuples():
        with st.container(border=True):
            st.markdown(md(f"“{row.text}”"))
            st.caption(
                md(
                    f"{row.community}, {row.source}: “{row.question}”"
                    + (" (redacted by an editor)" if row.redacted else "")
                )
            )
            if row.codes:
                st.caption(md(f"Themes: {row.codes}"))
    if len(answers) > SHOWN:
        st.caption(f"The answers of the newest sessions are shown, {SHOWN} at most.")
    return download(community, theme, cycle, labels or {})
