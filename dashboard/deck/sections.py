"""The participation, value-area and quote sections of a slide deck, read from the database.

Pure functions of a connection and the chosen communities; `dashboard.deck.content` gathers them.
"""

from __future__ import annotations

import pandas as pd
from sqlalchemy import Connection

from dashboard.charts import theme
from dashboard.deck.model import MAX_QUOTES, PROGRAMME_WIDE, ChartSpec, Quote, rows_for
from dashboard.views import participation as taking_part
from db.read import queries


def _wide(
    df: pd.DataFrame, rows: list[str], row: str, column: str, columns: list[str], value: str
) -> tuple[list[str], list]:
    """`rows` as categories, one series per `columns` entry present (a missing count is 0: none listed)."""
    if df.empty:
        return [], []
    table = df.pivot_table(index=row, columns=column, values=value, aggfunc="sum", fill_value=0)
    table = table.reindex(
        index=[r for r in rows if r in table.index], columns=[c for c in columns if c in table.columns], fill_value=0
    )
    return table.index.tolist(), [(c, [float(v) for v in table[c]]) for c in table.columns]


def participation_charts(conn: Connection, names: list[str]) -> list[ChartSpec]:
    """Organisation types per community and communities per professional group (listings, not people)."""
    types = rows_for(conn, queries.organisation_type_counts, names)
    groups = rows_for(conn, queries.professional_group_counts, names)
    type_order = queries.organisation_types(conn)["name"].tolist()
    cats, series = _wide(types, names, "community", "organisation_type", type_order, "organisations")
    palette = dict(zip(type_order, theme.CATEGORY))  # each type's colour on the Participation page
    out = [
        ChartSpec(
            "participation",
            "Organisations taking part, by type",
            "bar_stacked",
            cats,
            series,
            "Organisations taking part",
            taking_part.type_caption(types, rows_for(conn, queries.organisations_by_community, names)),
            colours=tuple(palette.get(name, theme.NHS_DARK_GREY) for name, _ in series),
            key="organisation-types",
        )
    ]
    # Groups as rows and communities as segments: thirteen groups would outrun the palette as colours.
    group_order = queries.professional_groups(conn)["name"].tolist()
    cats, series = _wide(groups, group_order, "professional_group", "community", names, "roles")
    roles = rows_for(conn, queries.roles_by_community, names)
    caption = taking_part.group_caption(groups, taking_part.patient_share(groups), roles) if len(groups) else ""
    out.append(
        ChartSpec(
            "participation",
            "Distinct roles listed, by professional group",
            "bar_stacked",
            cats,
            series,
            "Distinct roles listed",
            caption,
            key="professional-groups",
        )
    )
    return out


def value_area_content(conn: Connection, names: list[str], everyone: bool):
    """Areas of change per value cycle for each community (and programme-wide ones when all are chosen)."""
    areas = queries.value_areas(conn)
    cycles = queries.value_cycles(conn)["name"].tolist()
    keep = areas["community"].isin(names) | (areas["community"].isna() if everyone else False)
    areas = areas[keep].assign(community=areas["community"].fillna(PROGRAMME_WIDE))
    counts = areas.groupby("value_cycle")["slug"].nunique()
    series: list[tuple[str, list[float | None]]] = [("Areas of change", [float(counts.get(c, 0)) for c in cycles])]
    chart = ChartSpec(
        "value_areas",
        "Areas of change by value cycle",
        "bar_clustered",
        cycles,
        series,
        "Areas of change",
        f"{_areas(areas['slug'].nunique())} of change recorded for this selection.",
        key="value-areas",
    )
    listed = (
        areas.groupby(["cycle_order", "value_cycle", "position", "text"], sort=True)["community"]
        .agg(lambda s: ", ".join(dict.fromkeys(s)))
        .reset_index()
    )
    return chart, [(r.value_cycle, r.text, r.community) for r in listed.itertuples()]


def _areas(n: int) -> str:
    return f"{n} area" if n == 1 else f"{n} areas"


def quotes(
    conn: Connection, names: list[str], everyone: bool, chosen: list[str] | None = None
) -> tuple[list[Quote], int]:
    """Member comments for the chosen communities (every comment when all are chosen), in report
    order, only those `chosen` (slugs) when given: the first MAX_QUOTES of them, and how many the
    communities have in all."""
    rows = queries.comments(conn) if everyone else rows_for(conn, queries.comments, names).sort_values("id")
    total = len(rows)
    if chosen is not None:
        rows = rows[rows["slug"].isin(set(chosen))]
    out = []
    for r in rows.head(MAX_QUOTES).itertuples():
        who = "Community member" + (f", {r.community}" if isinstance(r.community, str) else "")
        theme = f"  ·  {r.theme}" if isinstance(r.theme, str) and r.theme else ""
        out.append(Quote(r.text.strip(), who + theme))
    return out, total
