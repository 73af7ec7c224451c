"""The Slide deck page's quote chooser: the quotes a deck of the chosen communities can hold, one of
each linked group chosen to start with, and a fresh start whenever the deck's communities change."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import streamlit as st

from dashboard import cache, data
from dashboard.deck.choice import default_quotes, quote_labels
from dashboard.deck.model import MAX_QUOTES
from db.read import queries

KEY = "deck-quotes"  # the widget's key and its parameter in the address
SCOPE = "deck-quotes-scope"  # the communities the chooser's value was made for


@dataclass(frozen=True)
class QuoteChoice:
    labels: dict[str, str]  # slug -> label, in report order
    default: list[str]


@cache.per_database(max_entries=64)
def quote_choice(names: list[str], everyone: bool) -> QuoteChoice:
    """The quotes a deck of these communities can hold (every comment when all are chosen, none when
    no community is: then nothing is read)."""
    if not everyone and not names:
        return QuoteChoice({}, [])
    with data.engine().connect() as conn:
        rows = (
            queries.comments(conn)
            if everyone
            else pd.concat([queries.comments(conn, community=name) for name in names], ignore_index=True).sort_values(
                "id"
            )
        )
    return QuoteChoice(quote_labels(rows), default_quotes(rows)[:MAX_QUOTES])


def quotes_widget(names: list[str], everyone: bool, *, disabled: bool) -> list[str]:
    """The quote chooser, bound to the address; when the deck's communities change it starts again
    from their default rather than keeping what was chosen for others."""
    choice, scope = quote_choice(names, everyone), tuple(names)
    reset = st.session_state.get(SCOPE, scope) != scope
    if reset:
        st.session_state[KEY] = choice.default
    st.session_state[SCOPE] = scope
    return st.multiselect(
        "Quotes",
        list(choice.labels),
        format_func=lambda slug: str(choice.labels.get(slug)),
        default=None if reset else choice.default,
        key=KEY,
        bind="query-params",
        max_selections=MAX_QUOTES,
        disabled=disabled,
        help="Starts from one quote of each set of near-identical comments the report links. A "
        "community's deck quotes that community's comments; a deck of every community, all of them.",
    )
