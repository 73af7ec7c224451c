"""Participation: the organisations and roles that took part."""

import streamlit as st

from dashboard import data
from dashboard.filters import current_community

community = current_community()
st.title("Participation")
st.subheader("Organisations")
st.dataframe(data.frame("organisations_by_community", community), hide_index=True)
st.subheader("Roles")
st.dataframe(data.frame("roles_by_community", community), hide_index=True)
