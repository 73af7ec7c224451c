"""Overview: the programme at a glance, for the chosen community or all of them."""

import streamlit as st

from dashboard import data
from dashboard.filters import current_community

community = current_community()
st.title(community or "SELCA Communities of Practice")
figures = data.headline(community)
cols = st.columns(4)
cols[0].metric("Communities", figures["communities"])
cols[1].metric("Convenings held", figures["sessions_held"],
               help=f"{figures['sessions_postponed']} postponed")
cols[2].metric("Total attendances", figures["attendances"])
cols[3].metric("Organisations represented", figures["organisations"])
st.subheader("Attendance by community")
st.dataframe(data.frame("attendance_summary", community), hide_index=True)
