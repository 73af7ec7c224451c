"""Member voice's comments-per-theme chart for the filters in force (community, theme, value cycle),
titled with its finding, or one sentence instead of a chart when too few comments match to chart."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go

from dashboard import cache, data
from dashboard.charts.evidence import theme_caption
from dashboard.charts.titles import with_finding
from dashboard.views import evidence as ev

DESCRIPTION = "Comments per theme, by attribution"


@dataclass(frozen=True)
class ThemeChart:
    """The chart (None when a sentence says it all), its takeaway and its data."""

    figure: go.Figure | None
    caption: str
    table: pd.DataFrame


def _where(community: str | None) -> str:
    return f" attributed to {community}" if community else ""


def _one_theme(counts: pd.DataFrame, n: int) -> str:
    """The finding of a chart of one theme: where most of its comments come from."""
    by = counts.groupby("community", sort=False)["comments"].sum().sort_values(ascending=False, kind="stable")
    who, most = by.index[0], int(by.iloc[0])
    source = "name no community" if who == ev.NO_COMMUNITY else f"come from {who}"
    if most == n:
        return f"All {n:,} comments on {counts['theme'].iloc[0]} {source}"
    return f"{most:,} of the {n:,} comments on {counts['theme'].iloc[0]} {source}"


def _finding(counts: pd.DataFrame, n: int) -> str:
    if counts["theme"].nunique() == 1:
        return _one_theme(counts, n)
    per_theme = counts.groupby("theme", sort=False)["comments"].sum()
    top = per_theme[per_theme == per_theme.max()].index.tolist()
    if len(top) > 1:
        return f"{len(top)} themes tie for the most comments ({int(per_theme.max()):,} each)"
    return f"{top[0]} gathers the most comments ({int(per_theme.max()):,})"


def _few(n: int, counts: pd.DataFrame, community: str | None) -> str:
    """The sentence standing in for a chart of no comment or of one."""
    if n == 0:
        return (
            f"No comment{_where(community)} matches these filters, so there is nothing to chart. "
            "Choose “All themes” or “All value cycles” to see more."
        )
    themes = counts["theme"].drop_duplicates().tolist()
    listed = " and ".join(themes) if themes else "no theme"
    return (
        f"One comment{_where(community)} matches these filters, so there is no chart: it carries "
        f"{'the theme ' if len(themes) == 1 else 'the themes ' if themes else ''}{listed}, and it is "
        "shown below."
    )


def _caption(counts, n: int, attributed: int, community, theme_label, cycle_label) -> str:
    if theme_label is None and cycle_label is None:
        return theme_caption(counts, n, attributed, community)
    chosen = " and ".join(
        x
        for x in (
            f"the theme {theme_label}" if theme_label else "",
            f"the value cycle {cycle_label}" if cycle_label else "",
        )
        if x
    )
    text = f"{n:,} comments{_where(community)} carry {chosen}"
    if community is None:
        text += f"; {attributed:,} of them {'is' if attributed == 1 else 'are'} attributed to a community in the report"
    if theme_label is None:
        text += f". {_finding(counts, n)}"
    return text + ". A comment with two themes counts under both."


@cache.per_database(kept=True, max_entries=64)
def theme_chart(
    community: str | None,
    theme: str | None = None,
    cycle: str | None = None,
    theme_label: str | None = None,
    cycle_label: str | None = None,
) -> ThemeChart:
    """The chart for the filters (`theme`, `cycle`: slugs; the labels name them in sentences), built
    once per database and filters and kept (READ-ONLY: drawn and downloaded, never changed)."""
    counts = data.comments_per_theme(community=community, theme=theme, cycle=cycle)
    n, attributed = ev.comment_totals(community, theme=theme, cycle=cycle)
    table = ev.theme_counts_table(counts)
    if n <= 1 or counts.empty:
        return ThemeChart(None, _few(n, counts, community), table)
    fig, left_out = ev.theme_chart(community, theme, cycle)
    caption = _caption(counts, n, attributed, community, theme_label, cycle_label)
    return ThemeChart(
        with_finding(fig, _finding(counts, n), DESCRIPTION), " ".join(filter(None, [caption, left_out])), table
    )
