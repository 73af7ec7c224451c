"""Participation: the organisations and roles that took part, and how they connect the system."""

import streamlit as st

from dashboard import inert
from dashboard.frame import enter
from dashboard.state import page_meta
from dashboard.state.filters import current_community
from dashboard.views import participation_view
from dashboard.widgets.blocks import LISTING_ROWS, chart_block, data_block, table_with_downloads

enter()  # the frame around this page, also when Streamlit runs this file on its own (app.py)

ORGANISATIONS = "the organisations of the participants on each register an editor records fill this section."

community = current_community()
view = participation_view.participation(community)

st.title("Participation" + (f": {inert.markdown(community)}" if community else ""))
st.write(
    "Who took part: the organisations and roles listed for each community in the report's "
    "Appendix 1 and on registers recorded since. Spellings are tidied to one canonical name; "
    "the report's own wording is kept in the data."
)
st.caption(page_meta.last_changed())

st.header("Organisation types")
if page_meta.has_rows(view.types, "No organisation is listed here yet: " + ORGANISATIONS):
    chart_block(view.types_figure, view.types, caption=view.type_caption, key="organisation-types")
    data_block(view.organisations, key="organisations", label="Show every organisation as listed")

st.header("Connecting the system")
if page_meta.has_rows(
    view.matrix, "No organisation is listed here yet, so none connects it to another community: " + ORGANISATIONS
):
    chart_block(view.matrix_figure, view.matrix, caption=view.matrix_caption, key="organisation-matrix")

st.header("Professional groups")
if page_meta.has_rows(
    view.groups,
    "No role is listed here yet: the roles of the participants on each "
    "register an editor records fill this section, grouped by profession.",
):
    chart_block(view.groups_figure, view.groups, caption=view.group_caption, key="professional-groups")
    chart_block(view.share_figure, view.share, caption=view.share_caption, key="patient-share")
    st.subheader("The roles behind each group")
    query = st.text_input(
        "Search roles",
        placeholder="For example: sonographer, nurse, patient",
        key="role_search",
        help="Matches the role title as written, the tidied title or the group.",
    )
    roles = participation_view.search_roles(view.roles, query)
    table_with_downloads(
        roles,
        key="roles",
        title="The roles behind each group",
        rows=LISTING_ROWS,
        note=participation_view.listing_caption(roles),
    )
