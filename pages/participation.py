"""Participation: the organisations and roles that took part, and how they connect the system."""

import streamlit as st

from dashboard import charts, data, theme, views
from dashboard.components import chart_block, data_block, escape_markdown
from dashboard.filters import current_community

community = current_community()
names = data.community_names() if community is None else [community]
type_colours = dict(zip(data.table("organisation_types")["name"], theme.CATEGORY))
view = views.participation(community)

st.title("Participation" + (f": {escape_markdown(community)}" if community else ""))
st.write("Who took part: the organisations and roles listed for each community in the report's "
         "Appendix 1 and on registers recorded since. Spellings are tidied to one canonical name; "
         "the report's own wording is kept in the data.")

st.header("Organisation types")
fig = charts.build_stacked_bars(view["types_in_chart"], category="community", stack="organisation_type",
                                value="organisations", colours=type_colours,
                                title="Organisations taking part, by type", x_title="Organisations")
chart_block(fig, view["types"], caption=view["type_caption"], key="organisation-types")
data_block(view["organisations"], key="organisations", label="Show every organisation as listed")

st.header("Connecting the system")
fig = charts.build_matrix(*view["matrix_in_chart"], "Which organisations take part in which communities")
chart_block(fig, view["matrix"], caption=view["matrix_caption"], key="organisation-matrix")

st.header("Professional groups")
fig = charts.build_count_grid(view["groups_in_chart"], row="professional_group", column="community",
                              value="roles", columns=names, title="Distinct roles listed, by professional group")
chart_block(fig, view["groups"], caption=view["group_caption"], key="professional-groups")
fig = charts.build_stacked_bars(
    view["share_in_chart"], category="community", stack="side", value="roles",
    colours={"Patients and public": theme.NHS_WARM_YELLOW, "Staff": theme.NHS_BLUE},
    title="Patients and the public against staff (distinct roles listed)", x_title="Distinct roles")
chart_block(fig, view["share"], caption=view["share_caption"], key="patient-share")

st.subheader("The roles behind each group")
query = st.text_input("Search roles", placeholder="For example: sonographer, nurse, patient",
                      help="Matches the role title as written, the tidied title or the group.")
roles = views.search_roles(view["roles"], query)
st.dataframe(roles, hide_index=True, width="stretch")
st.caption(f"{len(roles)} role listings shown.")
