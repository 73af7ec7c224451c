"""The Participation page's view (`pages/organisations-and-roles.py`): organisation types, professional
groups, the organisations x communities matrix and the role listing, with their captions and figures.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go

from dashboard import cache, data
from dashboard.charts import figures as charts
from dashboard.charts import heatmaps, theme
from dashboard.charts.titles import with_finding
from dashboard.views import findings as found
from dashboard.views import participation as taking_part
from dashboard.views import summaries
from dashboard.views.programme import KEPT


@dataclass(frozen=True)
class Participation:
    """What the Participation page shows: organisation types, the organisation matrix, professional
    groups, patients and the public against staff, and the role listing."""

    types: pd.DataFrame
    type_caption: str
    types_figure: go.Figure
    organisations: pd.DataFrame
    matrix: pd.DataFrame
    matrix_caption: str
    matrix_figure: go.Figure
    groups: pd.DataFrame
    group_caption: str
    groups_figure: go.Figure
    share: pd.DataFrame
    share_caption: str
    share_figure: go.Figure
    roles: pd.DataFrame


@cache.per_database(kept=True, max_entries=KEPT)
def participation(community: str | None) -> Participation:
    """The Participation page: organisation types, the organisation matrix, professional groups, roles."""
    names = data.community_names()
    types, groups = data.organisation_type_counts(community), data.professional_group_counts(community)
    matrix = taking_part.organisation_matrix(data.organisation_reach(), names, only_in=community)
    share = taking_part.patient_share(groups)
    orgs, roles = data.organisations_by_community(community), data.roles_by_community(community)
    captions = {
        "type": taking_part.type_caption(types, orgs),
        "matrix": taking_part.matrix_caption(matrix),
        "group": taking_part.group_caption(groups, share, roles),
        "share": taking_part.share_caption(share, roles),
    }
    return Participation(
        types=types,
        type_caption=captions["type"],
        types_figure=_types_figure(types, captions["type"]),
        organisations=orgs,
        matrix=matrix,
        matrix_caption=captions["matrix"],
        matrix_figure=_matrix_figure(matrix, names, captions["matrix"]),
        groups=groups,
        group_caption=captions["group"],
        groups_figure=_groups_figure(groups, names if community is None else [community], captions["group"]),
        share=share,
        share_caption=captions["share"],
        share_figure=_share_figure(share, captions["share"]),
        roles=taking_part.role_listing(roles),
    )


def _matrix_figure(matrix: pd.DataFrame, names: list[str], caption: str) -> go.Figure:
    return with_finding(
        heatmaps.build_matrix(*taking_part.matrix_for_chart(matrix, names), found.MATRIX),
        found.clause(caption),
        found.MATRIX,
    )


def _groups_figure(groups: pd.DataFrame, columns: list[str], caption: str) -> go.Figure:
    return with_finding(
        heatmaps.build_count_grid(
            summaries.for_chart(groups, "roles", "communities")[0],
            row="professional_group",
            column="community",
            value="roles",
            columns=columns,
            title=found.GROUPS,
        ),
        found.clause(caption),
        found.GROUPS,
    )


def _types_figure(types: pd.DataFrame, caption: str) -> go.Figure:
    type_colours = dict(zip(data.organisation_types()["name"], theme.CATEGORY))
    return with_finding(
        charts.build_stacked_bars(
            summaries.for_chart(types, "organisations", "communities")[0],
            category="community",
            stack="organisation_type",
            value="organisations",
            colours=type_colours,
            title=found.TYPES,
            x_title="Organisations",
        ),
        found.clause(caption),
        found.TYPES,
    )


def _share_figure(share: pd.DataFrame, caption: str) -> go.Figure:
    return with_finding(
        charts.build_stacked_bars(
            taking_part.share_long(summaries.for_chart(share, "Staff", "communities")[0]),
            category="community",
            stack="side",
            value="roles",
            colours={"Patients and public": theme.NHS_WARM_YELLOW, "Staff": theme.NHS_BLUE},
            title=found.SHARE,
            x_title="Distinct roles listed",
        ),
        found.clause(caption),
        found.SHARE,
    )


def search_roles(listing: pd.DataFrame, query: str | None) -> pd.DataFrame:
    """Rows of `taking_part.role_listing` matching every word of `query`."""
    return taking_part.search_roles(listing, query)


def listing_caption(listing: pd.DataFrame) -> str:
    """How many role listings the table shows, and how many distinct roles they hold."""
    return taking_part.listing_caption(listing)
