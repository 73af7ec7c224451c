"""Participation: the organisations and roles that took part, and how they connect the system."""

import streamlit as st

from dashboard import charts, data, summaries, theme
from dashboard.components import chart_block, data_block, escape_markdown
from dashboard.filters import current_community

community = current_community()
names = data.community_names() if community is None else [community]
type_colours = dict(zip(data.table("organisation_types")["name"], theme.CATEGORY))

st.title("Participation" + (f": {escape_markdown(community)}" if community else ""))
st.write("Who took part: the organisations and roles listed for each community in the report's "
         "Appendix 1 and on registers recorded since. Spellings are tidied to one canonical name; "
         "the report's own wording is kept in the data.")

st.header("Organisation types")
types = data.frame("organisation_type_counts", community)
fig = charts.build_stacked_bars(summaries.for_chart(types, "organisations", "communities")[0],
                                category="community", stack="organisation_type",
                                value="organisations", colours=type_colours,
                                title="Organisations taking part, by type", x_title="Organisations")
chart_block(fig, types, caption=summaries.type_caption(types), key="organisation-types")
data_block(data.frame("organisations_by_community", community), key="organisations",
           label="Show every organisation as listed")

st.header("Connecting the system")
matrix = summaries.organisation_matrix(data.frame("organisation_reach"), data.community_names(),
                                       only_in=community)
fig = charts.build_matrix(*summaries.matrix_for_chart(matrix, data.community_names()),
                          "Which organisations take part in which communities")
chart_block(fig, matrix, caption=summaries.matrix_caption(matrix), key="organisation-matrix")

st.header("Professional groups")
groups = data.frame("professional_group_counts", community)
share = summaries.patient_share(groups)
fig = charts.build_count_grid(summaries.for_chart(groups, "roles", "communities")[0],
                             row="professional_group", column="community", value="roles",
                             columns=names, title="Distinct roles listed, by professional group")
chart_block(fig, groups, caption=summaries.group_caption(groups, share), key="professional-groups")
fig = charts.build_stacked_bars(
    summaries.share_long(summaries.for_chart(share, "Staff", "communities")[0]), category="community", stack="side", value="roles",
    colours={"Patients and public": theme.NHS_WARM_YELLOW, "Staff": theme.NHS_BLUE},
    title="Patients and the public against staff (distinct roles listed)", x_title="Distinct roles")
chart_block(fig, share, caption=summaries.share_caption(share), key="patient-share")

st.subheader("The roles behind each group")
query = st.text_input("Search roles", placeholder="For example: sonographer, nurse, patient",
                      help="Matches the role title as written, the tidied title or the group.")
roles = summaries.search_roles(data.frame("roles_by_community", community), query)
st.dataframe(roles, hide_index=True, width="stretch")
st.caption(f"{len(roles)} role listings shown.")
