"""What each page shows, derived once and kept: figures, tables and sentences per database, community
and publication rule.

Reshaping every session, register and listing of a large programme, and building its figures, takes
far longer than a rerun may (Streamlit reruns a page on every click). These are kept with
`dashboard.cache` (kept), so a rerun reads them without copying: they are shared and READ-ONLY (charts,
tables and downloads only read them; a figure is copied before an image is made of it).
`data.clear()` after a write forgets them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd
import plotly.graph_objects as go
import pyarrow as pa

from dashboard import cache, data
from dashboard.charts import figures as charts
from dashboard.charts import theme
from dashboard.charts.titles import with_finding
from dashboard.privacy.published import Published, publish
from dashboard.privacy.rule import Rule
from dashboard.views import findings as found
from dashboard.views import overview_facts, registers, summaries

KEPT = 32  # views kept per kind (communities x publication rules), least recently used dropped
Tiles = list[tuple[str, str, str]]  # (label, value as shown, help)


def _styles(shown=None, names=None) -> dict:
    return theme.community_styles(data.community_names() if names is None else names, shown)


@cache.per_database(kept=True, max_entries=8)
def published(rule: Rule) -> Published:
    """Every count of people of the programme under `rule`, hidden or not, decided once for all pages
    and filters (and for views kept elsewhere: feedback figures, Compare)."""
    return publish(data.attendance_by_session(), data.register_by_session(), data.repeat_attenders(), rule)


@dataclass(frozen=True)
class Attendance:
    """What the Attendance page shows."""

    not_held: str  # the sessions not held, in a sentence ("" when all were)
    figure: go.Figure
    sessions_table: pd.DataFrame
    caption: str
    change_caption: str
    communities: int  # communities with a held convening
    change_table: pd.DataFrame
    register: pd.DataFrame  # new and returning participants per registered session, as shown
    change_figure: go.Figure | None = None  # with more than one community
    register_figure: go.Figure | None = None  # with a register
    register_caption: str = ""
    repeat: pd.DataFrame | None = None  # with a register: who came to two or more sessions


@cache.per_database(kept=True, max_entries=KEPT)
def attendance(community: str | None, rule: Rule) -> Attendance:
    """The Attendance page: sessions chart and table, change, new and returning participants."""
    return attendance_view(
        data.attendance_by_session(community),
        data.register_by_session(community),
        data.repeat_attenders(community),
        published(rule),
        data.community_names(),
    )


def attendance_view(
    sessions: pd.DataFrame, register: pd.DataFrame, repeat: pd.DataFrame, published: Published, names: list[str]
) -> Attendance:
    """Everything the Attendance page shows, from its query results and the published counts."""
    rule = published.rule
    sessions = summaries.shown_sessions(sessions, rule, published)
    change = summaries.attendance_change(sessions, rule, published)
    in_chart, left_out = summaries.for_chart(sessions, "shown", "communities", measure="participants")
    shown = registers.register_shown(register, rule, published)
    return Attendance(
        not_held=summaries.not_held_note(sessions),
        figure=with_finding(
            charts.build_attendance(in_chart, _styles(in_chart["community"].unique(), names), found.ATTENDANCE),
            found.attendance(sessions, change, rule),
            found.ATTENDANCE,
        ),
        sessions_table=summaries.sessions_table(sessions),
        caption=" ".join(filter(None, [summaries.attendance_caption(change, rule), left_out])),
        change_caption=summaries.attendance_caption(change, rule),
        communities=len(change),
        change_table=summaries.change_table(change),
        register=shown,
        change_figure=_change_figure(change, names, rule) if len(change) > 1 else None,
        **({} if shown.empty else _registers(shown, repeat, published)),
    )


def _change_figure(change: pd.DataFrame, names: list[str], rule: Rule) -> go.Figure:
    changed = summaries.for_chart(change, "attendances", "communities")[0]
    return with_finding(
        charts.build_change(changed, _styles(changed["community"].unique(), names), found.CHANGE),
        found.first_last(change, rule),
        found.CHANGE,
    )


def _registers(shown: pd.DataFrame, repeat: pd.DataFrame, published: Published) -> dict:
    """The Attendance view's register fields, when a register was kept."""
    reg_chart, reg_left = registers.register_for_chart(shown)
    caption = registers.register_caption(shown, published.rule)
    return {
        "register_figure": with_finding(
            charts.build_stacked_bars(
                reg_chart, category="session", stack="kind", value="count", x_title="Participants", title=found.REGISTER
            ),
            found.register(caption),
            found.REGISTER,
        ),
        "register_caption": " ".join(filter(None, [caption, reg_left])),
        "repeat": registers.repeat_shown(repeat, published.rule, published),
    }


@dataclass(frozen=True)
class Card:
    """One community's card on the Overview."""

    community: str
    sessions: pd.DataFrame
    organisations: int
    roles: int
    conveners: list[str]
    quote: str | None
    figure: go.Figure  # its attendance sparkline
    not_held: str


@dataclass(frozen=True)
class Overview:
    """What the Overview shows: tiles, then a card per community, or a table when there are too many."""

    tiles: Tiles
    not_held: str
    many: bool  # too many communities for cards: `table` instead
    table: pa.Table | None = None  # Arrow: each column in the smallest type that holds it
    cards: list[Card] = field(default_factory=list)


NO_COMMENTS = pd.DataFrame({"community": pd.Series(dtype=object), "text": pd.Series(dtype=object)})


@cache.per_database(kept=True, max_entries=KEPT)
def overview(community: str | None, rule: Rule) -> Overview:
    """The Overview: tiles, and a card per community (a table when there are too many for cards)."""
    sessions = data.attendance_by_session(community)
    frames = {
        "organisations_by_community": data.organisations_by_community(community),
        "roles_by_community": data.roles_by_community(community),
        "conveners": data.conveners(community),
        # a card's quote; a table (too many communities for cards) quotes none: 500,000 comments at size M
        "comments": NO_COMMENTS if overview_facts.too_many_for_cards(sessions) else data.report_comments(community),
    }
    return overview_view(
        sessions,
        data.headline(community),
        frames,
        published(rule),
        data.community_names(),
        community,
    )


def overview_view(
    sessions: pd.DataFrame,
    headline: dict,
    frames: dict[str, pd.DataFrame],
    published: Published,
    names: list[str],
    community: str | None,
) -> Overview:
    """Everything the Overview shows, from its query results and the published counts."""
    rule = published.rule
    sessions = summaries.shown_sessions(sessions, rule, published)
    orgs, roles = frames["organisations_by_community"], frames["roles_by_community"]
    tiles = overview_facts.headline_tiles(headline, sessions, rule, published, community)
    not_held = summaries.not_held_note(sessions)
    if overview_facts.too_many_for_cards(sessions):
        return Overview(tiles, not_held, many=True, table=overview_facts.community_table(sessions, orgs, roles))
    facts = overview_facts.community_cards(sessions, orgs, roles, frames["conveners"], frames["comments"])
    styles = _styles([card["community"] for card in facts], names)
    cards = [
        Card(
            **card,
            figure=charts.build_sparkline(card["sessions"], styles[card["community"]]["color"]),
            not_held=summaries.not_held_note(card["sessions"]),
        )
        for card in facts
    ]
    return Overview(tiles, not_held, many=False, cards=cards)
