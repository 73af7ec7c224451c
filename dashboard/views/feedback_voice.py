"""Approved feedback on Member voice: each answer as inert text with its source, cached by community
(the cache is cleared after every write, screening included)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard import cache, data
from dashboard.inert import markdown as md
from dashboard.privacy.rule import Rule
from dashboard.views import feedback
from dashboard.views.evidence_downloads import Download, named
from db.read.feedback_queries import approved_answers

SHOWN = 50


@cache.per_database()
def approved(
    community: str | None, theme: str | None = None, cycle: str | None = None, rule: Rule = Rule()
) -> pd.DataFrame:
    """Approved answers of `community`, those tagged with `theme` and `cycle` (slugs) when given; under
    `rule`, not those of a session whose count of answers is hidden (counting them would tell it)."""
    leave_out = feedback.withheld(rule)
    with data.engine().connect() as conn:
        return approved_answers(conn, community=community, theme=theme, cycle=cycle, leave_out=leave_out)


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


def download(
    community: str | None, theme: str | None, cycle: str | None, labels: dict, rule: Rule = Rule()
) -> Download:
    """The answers listed, to download (read when a button is clicked)."""
    key, title = named("Feedback answers", labels)
    return Download(lambda: answers_table(approved(community, theme, cycle, rule)), key, title, "these answers")


def _withheld_note(community: str | None, rule: Rule) -> bool:
    """Says that answers are left out in publication mode, when any session's are (and returns whether)."""
    left = [s for s in feedback.withheld(rule) if community is None or s[0] == community]
    if left:
        st.caption(
            f"Publication mode: the answers of {len(left)} session{'s' if len(left) != 1 else ''} "
            "whose number of answers is hidden are not listed here or in the download."
        )
    return bool(left)


def section(
    community: str | None,
    theme: str | None = None,
    cycle: str | None = None,
    labels: dict | None = None,
    rule: Rule = Rule(),
) -> Download | None:
    """The approved answers of `community` (all communities when None), newest session first, those
    coded with `theme` and `cycle` when chosen, under `rule`; the download of them, or None when there
    are none."""
    answers = approved(community, theme, cycle, rule)
    st.subheader("From the feedback form")  # no count: publication mode would have to judge it
    withheld = _withheld_note(community, rule)
    if answers.empty:
        if withheld and theme is None and cycle is None:
            return None
        st.caption(
            "No approved answers from the end-of-meeting feedback form yet."
            if theme is None and cycle is None
            else "No approved feedback answer carries these codes."
            if not withheld
            else "No answer listed here carries these codes."
        )
        return None
    st.caption(
        "Answers members gave at the end of a meeting, shown once an editor of the community "
        "approved them (an editor may have removed personal details)."
    )
    _cards(answers)
    return download(community, theme, cycle, labels or {}, rule)


def _cards(answers: pd.DataFrame) -> None:
    """The newest answers, each as inert text with its community, source and question."""
    for row in answers.head(SHOWN).itertuples():
        with st.container(border=True):
            st.markdown(md(f"“{row.text}”"))
            st.caption(
                md(
                    f"{row.community}, {row.source}: “{row.question}”"
                    + (" (redacted by an editor)" if row.redacted else "")
                )
            )
            if isinstance(row.codes, str) and row.codes:  # none: None, or NaN in a string column
                st.caption(md(f"Themes: {row.codes}"))
    if len(answers) > SHOWN:
        st.caption(f"The answers of the newest sessions are shown, {SHOWN} at most.")
