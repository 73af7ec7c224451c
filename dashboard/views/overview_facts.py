"""The Overview's facts: headline tiles, community cards (or a table when there are many) and the
sentence on who commissioned the programme, from query results as published.
"""

from __future__ import annotations

import pandas as pd
import pyarrow as pa

from dashboard.charts import theme
from dashboard.privacy.published import PROGRAMME, Published, attendances, publish
from dashboard.privacy.rule import HIDDEN, Rule
from dashboard.sessions import counted
from dashboard.views import compact
from dashboard.views.summaries import shown_count

CARD_COMMUNITIES = 8
TREND = "Attendance per convening"

ROUNDED_TOTAL = (
    " Rounded to the nearest 5 on its own, so it can differ from the sum of rounded parts; "
    "the mean is worked out from it as shown."
)


def headline_tiles(
    figures: dict[str, int],
    sessions: pd.DataFrame,
    rule: Rule,
    published: Published | None = None,
    community: str | None = None,
) -> list[tuple[str, str, str]]:
    """(label, value, help) for the Overview tiles; attendances as published (the programme's, or
    `community`'s), and their mean worked out from the total shown."""
    published = publish(sessions, rule=rule) if published is None else published
    held = int(counted(sessions).sum())
    total = published.shown(PROGRAMME if community is None else attendances(community)) or 0
    mean = HIDDEN if total == HIDDEN else (f"{int(total) / held:.1f}" if held else "none")
    not_held = figures["sessions_postponed"]
    return [
        ("Communities", f"{figures['communities']:,}", "Communities of practice in this selection."),
        (
            "Convenings held",
            f"{figures['sessions_held']:,}",
            f"{not_held:,} postponed" if not_held else "None postponed",
        ),
        (
            "Total attendances",
            shown_count(total),
            "People in attendance, added over held convenings."
            + (ROUNDED_TOTAL if rule.on and rule.round_to_5 else ""),
        ),
        ("Mean per convening", mean, "Total attendances as shown divided by convenings held."),
        ("Organisations", f"{figures['organisations']:,}", "Distinct canonical organisations listed."),
        ("Distinct roles", f"{figures['roles']:,}", "Distinct role titles listed, after spelling is tidied."),
        ("Comments", f"{figures['comments']:,}", "Member comments and quotes."),
        ("Areas of change", f"{figures['value_areas']:,}", "Areas of change under the value-creation framework."),
    ]


def community_cards(
    sessions: pd.DataFrame, orgs: pd.DataFrame, roles: pd.DataFrame, conveners: pd.DataFrame, comments: pd.DataFrame
) -> list[dict]:
    """One card's facts per community: sessions, organisation and role counts, conveners, a quote."""
    cards = []
    for community, rows in sessions.groupby("community", sort=False):
        quotes = comments[comments["community"] == community]["text"]
        cards.append(
            {
                "community": community,
                "sessions": rows,
                "organisations": orgs[orgs["community"] == community]["organisation"].nunique(),
                "roles": roles[roles["community"] == community]["role"].nunique(),
                "conveners": conveners[conveners["community"] == community]["name"].tolist(),
                "quote": quotes.iloc[0] if len(quotes) else None,
            }
        )
    return cards


def programme_intro(programmes: pd.DataFrame, communities: pd.DataFrame, community: str | None) -> tuple[str, str]:
    """The Overview's title and one sentence on who commissioned what, from the programmes table."""
    if community is not None:
        name = communities.loc[communities["name"] == community, "programme"].iloc[0]
        programmes = programmes[programmes["name"] == name]
    if len(programmes) != 1:
        return "Communities of Practice programmes", (
            f"{len(programmes)} programmes: " + "; ".join(programmes["name"]) + "."
        )
    p = programmes.iloc[0]
    when = pd.Timestamp(p["commissioned"] + "-01").strftime("in %B %Y") if isinstance(p["commissioned"], str) else ""
    parts = [f"Commissioned by {p['commissioner']}" if p["commissioner"] else p["name"], when]
    if p["delivered_by"]:
        parts.append(f"and delivered by {p['delivered_by']}")
    if pd.notna(p["duration_months"]):
        parts.append(f"over about {int(p['duration_months'])} months")
    sentence = " ".join(x for x in parts if x) + "."
    if community is not None:
        sentence = f"Part of the {p['name']}. " + sentence
    return community or p["name"], sentence


def too_many_for_cards(sessions: pd.DataFrame) -> bool:
    """More communities with sessions than cards fit: the Overview shows a table instead (and needs no quotes)."""
    return sessions["community"].nunique() > CARD_COMMUNITIES


def community_table(sessions: pd.DataFrame, orgs: pd.DataFrame, roles: pd.DataFrame) -> pa.Table:
    """One row per community for the Overview when there are too many for cards, each column in the
    smallest type that holds it (`compact`: a thousand sparklines are most of what the page sends); a
    count hidden by publication mode stays missing in its sparkline."""
    held = sessions[counted(sessions)]
    shown = held["shown"] if "shown" in held else held["headcount"]
    trend = shown.groupby(held["community"], sort=False).agg(list)
    names = pd.Series(sessions["community"].unique())

    def per_community(counts: pd.Series) -> pa.Array:
        return compact.counts(names.map(counts).fillna(0))

    return compact.table(
        {
            "Community": compact.text(names),
            TREND: _trend(names.map(trend).map(_points)),
            "Convenings held": per_community(held.groupby("community").size()),
            "Organisations": per_community(orgs.groupby("community")["organisation"].nunique()),
            "Distinct roles": per_community(roles.groupby("community")["role"].nunique()),
        }
    )


def _trend(lists: pd.Series) -> pa.Array:
    """Each community's sparkline: its counts as shown, or, where publication mode hid one (Streamlit's
    sparkline column cannot leave a gap), an image of the shown counts with a gap for each hidden one."""
    points = [[None if v == HIDDEN or pd.isna(v) else int(v) for v in row] for row in lists]
    if any(None in row for row in points):
        return compact.trend_images(points, theme.NHS_BLUE)
    return compact.count_lists(points)


def trend_images(table: pa.Table) -> bool:
    """Whether the table's sparklines are images (some count is hidden), not lists of counts."""
    return not pa.types.is_list(table.schema.field(TREND).type)


def _points(values) -> list:
    return values if isinstance(values, list) else []
