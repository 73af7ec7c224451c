"""The Compare page's chooser: up to four communities, kept in the address (`?compare=A&compare=B`).

Streamlit's binding itself drops what a multiselect cannot hold (unknown names, repeats, more than
`max_selections`); `problems` says what was dropped and why, naming the value, before it goes.
"""

from __future__ import annotations

from collections import Counter

import streamlit as st

from dashboard import data, inert
from dashboard.views.summaries import number_word

KEY = "compare"  # the widget's key and its parameter in the address
MOST = 4


def _quoted(values: list[str]) -> str:
    return ", ".join(f"“{v}”" for v in values)


def problems(requested: list[str], names: list[str]) -> list[str]:
    """Sentences naming each value of the address the chooser cannot take, and what it expects."""
    asked = [v for v in requested if v]  # an empty ?compare= clears the choice: not a problem
    unknown = [v for v in dict.fromkeys(asked) if v not in names]
    known = [v for v in asked if v in names]
    repeated = [v for v, n in Counter(known).items() if n > 1]
    distinct = list(dict.fromkeys(known))
    out = []
    if unknown:
        hint = (
            " Put each community in its own compare= (?compare=A&compare=B)." if any("," in v for v in unknown) else ""
        )
        out.append(
            f"There is no community called {_quoted(unknown)}, so it is left out.{hint} "
            f"Choose up to {number_word(MOST)} of: {', '.join(names)}."
        )
    if repeated:
        out.append(f"{_quoted(repeated)} is asked for more than once in the address; it is compared once.")
    if len(distinct) > MOST:
        out.append(
            f"Up to {number_word(MOST)} communities can be compared side by side, and the address names "
            f"{len(distinct)}: {_quoted(distinct[MOST:])} left out."
        )
    return out


def chooser() -> list[str]:
    """The "Compare communities" multiselect, bound to the address; problems with the address's
    values are named first (as text: they come from the address)."""
    names = data.community_names()
    for message in problems(st.query_params.get_all(KEY), names):
        st.warning(inert.markdown(message), icon=":material/warning:")
    return st.multiselect(
        "Compare communities",
        names,
        default=names[:MOST] if len(names) <= MOST else None,
        key=KEY,
        bind="query-params",
        max_selections=MOST,
        placeholder=f"Choose up to {number_word(MOST)} communities",
        help=f"Up to {number_word(MOST)} communities side by side. The choice is kept in the page address, so you "
        "can bookmark or share the comparison.",
    )
