"""Communities side by side, and a community against the programme: the Compare page's view and the
Overview tiles' programme line.

Every figure is the Overview's own (`overview_facts.headline_tiles`, from the same inputs and the same
published counts), so a community's column here reads as its Overview does, publication mode included.
Comparisons (highest, lowest, against the programme) are worked out from the figures as shown only:
a hidden count is never compared, so no comparison narrows it down.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go

from dashboard import cache, data
from dashboard.charts import figures as charts
from dashboard.charts import theme
from dashboard.charts.titles import with_finding
from dashboard.privacy.published import Published
from dashboard.privacy.rule import HIDDEN, Rule
from dashboard.views import findings, overview_facts, registers, summaries
from dashboard.views.compare_captions import mean_caption, types_caption
from dashboard.views.programme import published

Tiles = list[tuple[str, str, str]]  # (label, value, help), as on the Overview
PROGRAMME = "Programme"
CHANGE, REGISTERED, RETURNING = (
    "Change, first to last held convening",
    "Registered participants",
    "Share who came to two or more sessions",
)
# The figures compared, in groups narrow enough to read side by side at 800 px: the Overview's tiles
# and the change and register figures worked out here.
ATTENDANCE, REGISTERS, TAKING_PART = "Attendance", "Registers", "Taking part"
GROUPS = {
    ATTENDANCE: ("Convenings held", "Total attendances", "Mean per convening", CHANGE),
    REGISTERS: (REGISTERED, RETURNING),
    TAKING_PART: ("Organisations", "Distinct roles", "Comments", "Areas of change"),
}
NO_REGISTERS = (
    "No community compared has a register yet: registered participants and who came back show "
    "here once sessions are recorded with one."
)


@dataclass(frozen=True)
class Comparison:
    """What the Compare page shows for its chosen communities (in the order chosen)."""

    communities: tuple[str, ...]
    figures: pd.DataFrame  # "Community", then a column per figure (GROUPS); a row per community, then
    # "Programme"; values as shown
    download: pd.DataFrame  # `figures` with numbers in numeric columns and status words, for CSV and XLSX
    registered: bool  # whether any community compared kept a register
    figures_caption: str
    attendance_figure: go.Figure
    attendance_table: pd.DataFrame
    attendance_caption: str
    types_figure: go.Figure
    types_table: pd.DataFrame
    types_caption: str

    def table(self, group: str) -> pd.DataFrame:
        """One group of figures (a key of GROUPS): a row per community, then the programme's (not for
        registers: a programme total of registered people would add up hidden counts)."""
        rows = self.figures.set_index("Community")[list(GROUPS[group])]
        return rows.drop(index=PROGRAMME) if group == REGISTERS else rows


def _tiles_of(community: str | None, rule: Rule, counts: Published) -> Tiles:
    """The Overview's tiles for `community` (None: the programme), from the Overview's own inputs."""
    sessions = summaries.shown_sessions(data.attendance_by_session(community), rule, counts)
    return overview_facts.headline_tiles(data.headline(community), sessions, rule, counts, community)


def programme_notes(community: str | None, rule: Rule) -> dict[str, str]:
    """For the Overview filtered to one community: under each tile, the programme's figure as shown
    ("Programme: 23.3"; the tile's label says what it is). Nothing when no community is chosen."""
    return {} if community is None else _programme_notes(rule)


@cache.per_database(max_entries=8)
def _programme_notes(rule: Rule) -> dict[str, str]:
    return {label: f"{PROGRAMME}: {value}" for label, value, _ in _tiles_of(None, rule, published(rule))}


def comparison(names: list[str], rule: Rule) -> Comparison:
    """The Compare page for `names` (up to four known communities) under `rule`."""
    return _comparison(tuple(names), rule)


@cache.per_database(max_entries=32)
def _comparison(names: tuple[str, ...], rule: Rule) -> Comparison:
    counts = published(rule)
    tiles = {name: _tiles_of(name, rule, counts) for name in (*names, None)}
    return comparison_view(
        names,
        tiles,
        _only(data.attendance_by_session(), names),
        _only(data.organisation_type_counts(), names),
        _only(data.repeat_attenders(), names),
        counts,
    )


def _only(frame: pd.DataFrame, names: tuple[str, ...]) -> pd.DataFrame:
    return frame[frame["community"].isin(names)]


def _types_figure(types: pd.DataFrame, names: tuple[str, ...], type_colours: dict) -> go.Figure:
    """The chosen communities' organisation types as stacked bars, with their finding."""
    return with_finding(
        charts.build_stacked_bars(
            types,
            category="community",
            stack="organisation_type",
            value="organisations",
            colours=type_colours,
            title=findings.TYPES + findings.COMPARED,
            x_title="Organisations",
        ),
        findings.compared_types(types, names),
        findings.TYPES + findings.COMPARED,
    )


def comparison_view(
    names: tuple[str, ...],
    tiles: dict[str | None, Tiles],
    sessions: pd.DataFrame,
    types: pd.DataFrame,
    repeat: pd.DataFrame,
    counts: Published,
) -> Comparison:
    """The comparison from the Overview's tiles of each community and the programme (key None), the
    chosen communities' sessions, organisation types and repeat attenders, under `counts`' rule."""
    rule = counts.rule
    sessions = summaries.shown_sessions(sessions, rule, counts)
    change = summaries.attendance_change(sessions, rule, counts).set_index("community")
    repeat = registers.repeat_shown(repeat, rule, counts)
    figures = figure_table(names, tiles, change, repeat, rule)
    means = dict(zip(figures["Community"], figures["Mean per convening"]))
    styles = theme.community_styles(data.community_names(), names)
    type_colours = dict(zip(data.organisation_types()["name"], theme.CATEGORY))
    order = {name: i for i, name in enumerate(names)}
    types = types.sort_values("community", key=lambda c: c.map(order), kind="stable")
    return Comparison(
        communities=names,
        figures=figures,
        download=download_frame(figures),
        registered=not repeat.empty,
        figures_caption=mean_caption({n: means[n] for n in names}, means[PROGRAMME]),
        attendance_figure=with_finding(
            charts.build_attendance(sessions, styles, findings.ATTENDANCE + findings.COMPARED),
            findings.attendance(sessions, change.reset_index(), rule),
            findings.ATTENDANCE + findings.COMPARED,
        ),
        attendance_table=summaries.sessions_table(sessions),
        attendance_caption=summaries.attendance_caption(change.reset_index(), rule),
        types_figure=_types_figure(types, names, type_colours),
        types_table=types.reset_index(drop=True),
        types_caption=types_caption(types, names),
    )


def figure_table(
    names: tuple[str, ...], tiles: dict[str | None, Tiles], change: pd.DataFrame, repeat: pd.DataFrame, rule: Rule
) -> pd.DataFrame:
    """A row per community and the programme: the Overview's tiles as shown, the change from first to
    last held convening, and participants where a register was kept (not summed for the programme)."""
    shown = {name: {label: value for label, value, _ in rows} for name, rows in tiles.items()}
    by_repeat = repeat.set_index("Community") if not repeat.empty else pd.DataFrame()
    for name in names:
        shown[name] |= {
            CHANGE: _change_text(change, name, rule),
            REGISTERED: _registered(by_repeat, name),
            RETURNING: _returning(by_repeat, name),
        }
    columns = [label for group in GROUPS.values() for label in group]
    rows = [{"Community": name, **{c: shown[name].get(c, "") for c in columns}} for name in names]
    rows.append({"Community": PROGRAMME, **{c: shown[None].get(c, "") for c in columns}})
    return pd.DataFrame(rows, columns=["Community", *columns])


def download_frame(figures: pd.DataFrame) -> pd.DataFrame:
    """The figures as numbers ("1,234" -> 1234, "81%" -> 81.0, "-2 (15 to 13)" -> -2), hidden counts
    as "*" and communities without a register as "not recorded" (the export splits those into status
    columns); a figure not worked out is left empty."""
    out = figures.rename(columns={RETURNING: f"{RETURNING} (%)"})
    for column in out.columns[1:]:
        out[column] = out[column].map(_as_number).astype(object)
    return out


_LEADING = re.compile(r"^([+-]?[\d,]+(?:\.\d+)?)%?(?: \(.*\))?$")


def _as_number(value: str) -> int | float | str | None:
    if value in (HIDDEN, "none"):
        return value
    if value == "no register":
        return "not recorded"
    found = _LEADING.match(value)
    if not found:
        return None
    number = float(found.group(1).replace(",", ""))
    return int(number) if number.is_integer() and "." not in found.group(1) else number


def _change_text(change: pd.DataFrame, name: str, rule: Rule) -> str:
    """'-2 (15 to 13)', from the counts as shown; or why there is none."""
    if name not in change.index:
        return "no held convenings"
    row = change.loc[name]
    if pd.notna(row["change"]):
        return f"{int(row['change']):+,} ({int(row['first_count']):,} to {int(row['last_count']):,})"
    if rule.on and rule.round_to_5:
        return "not worked out (counts rounded)"
    if HIDDEN in (row["first_count"], row["last_count"]):
        return HIDDEN
    return "too few held convenings"


def _registered(repeat: pd.DataFrame, name: str) -> str:
    if name not in repeat.index:
        return "no register"
    value = repeat.loc[name, "Registered participants"]
    return HIDDEN if value == HIDDEN else f"{int(value):,}"


def _returning(repeat: pd.DataFrame, name: str) -> str:
    """Who came to two or more sessions as a share of those registered, from the two counts as shown."""
    if name not in repeat.index:
        return "no register"
    total, back = repeat.loc[name, "Registered participants"], repeat.loc[name, "Came to two or more sessions"]
    if HIDDEN in (total, back):
        return HIDDEN
    return f"{100 * int(back) / int(total):.0f}%" if int(total) else "no register"
