"""A slide deck's data types and limits, and a query's rows for the chosen communities.

`dashboard.deck.content` fills a `DeckContent`; `dashboard.deck.build` turns it into PowerPoint.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import pandas as pd
from sqlalchemy import Connection

from dashboard.privacy.rule import Rule

SECTIONS = {
    "headline": "Headline figures",
    "attendance": "Attendance",
    "participation": "Participation",
    "value_areas": "Value areas",
    "quotes": "Quotes",
}
PROGRAMME_WIDE = "Programme-wide (no community named)"
MANY = 20  # more chosen communities than this: one unfiltered query, filtered here
MAX_COMMUNITIES = 12  # series a slide's chart can still show legibly
MAX_QUOTES = 40  # a deck is for a meeting; the Member voice page lists every comment


@dataclass(frozen=True)
class ChartSpec:
    """One native chart: its kind, categories and named series (None is a gap, never zero)."""

    section: str
    title: str
    kind: str  # "line", "bar_stacked", "bar_clustered" or "column_clustered"
    categories: list[str]
    series: list[tuple[str, list[float | None]]]
    value_title: str
    caption: str = ""
    note: str = ""
    colours: tuple[str, ...] = ()  # fixed series colours; else community or category colours
    key: str = ""  # which chart this is (`dashboard.deck.choice.CHARTS`), for choosing charts


@dataclass(frozen=True)
class Quote:
    text: str
    attribution: str


@dataclass
class DeckContent:
    programme: str
    commissioner: str
    delivered_by: str
    communities: list[str]
    all_communities: bool
    rule: Rule
    source: str
    made_on: dt.date
    sections: list[str]
    charts: list[ChartSpec] = field(default_factory=list)
    value_areas: list[tuple[str, str, str]] = field(default_factory=list)  # cycle, text, communities
    quotes: list[Quote] = field(default_factory=list)
    evidence: list[Quote] = field(default_factory=list)  # coded in the dashboard: `dashboard.deck.evidence`
    quotes_total: int = 0
    quotes_chosen: bool = False  # quotes picked on the Slide deck page rather than every one
    headline: list = field(default_factory=list)  # (heading, tiles) per slide: `dashboard.deck.headline`
    notes: list[str] = field(default_factory=list)
    all_names: list[str] = field(default_factory=list)  # every community, canonical order: fixes styles

    @property
    def community_label(self) -> str:
        return "All communities" if self.all_communities else ", ".join(self.communities)


def rows_for(conn: Connection, query, names: list[str]) -> pd.DataFrame:
    """A query's rows for the chosen communities: one filtered query each, or one query for many."""
    if len(names) > MANY:
        rows = query(conn)
        return rows[rows["community"].isin(names)].reset_index(drop=True)
    return pd.concat([query(conn, community=name) for name in names], ignore_index=True)
