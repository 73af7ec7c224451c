"""The words the dashboard uses in a special sense, defined once: a sidebar glossary on every page
(drawn by the frame, app.py) and the opening of Value stories read from here."""

from __future__ import annotations

import streamlit as st

TERMS = {
    "Community of practice (CoP)": "A group of people who share a concern and meet to learn from each other "
    "how to do it better.",
    "Convening": "One meeting of a community (the report calls its sessions convenings).",
    "Convener": "The person who brings a community together and keeps it going.",
    "Value cycle": "One of the seven kinds of value in the value-creation framework, from taking part "
    "(immediate value) to changes in practice (applied) and in results (realised).",
    "Area of change": "Something the report says changed or may change because of the communities, "
    "filed under the value cycle it shows.",
}

FRAMEWORK = (
    "The value-creation framework (Wenger-Trayner) follows what a community is worth through "
    "seven value cycles, from the value of taking part in meetings to changes in practice, in "
    "results and in the wider system."
)
READING = (
    "In the grid, each row is a community, each column a value cycle, and each cell counts the areas "
    "of change naming that community under that cycle: click a cell to list its areas below."
)


def sidebar() -> None:
    """The glossary behind a button at the foot of the sidebar of every page."""
    with st.sidebar.popover("Glossary", icon=":material/menu_book:", help="Words this dashboard uses"):
        for term, meaning in TERMS.items():
            st.markdown(f"**{term}.** {meaning}")
