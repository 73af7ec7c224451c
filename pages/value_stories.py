"""Value stories: areas of change under the value-creation framework, and the convener interviews."""

import streamlit as st

from dashboard import data
from dashboard.filters import current_community

community = current_community()
st.title("Value stories")
st.subheader("Areas of change")
st.dataframe(data.frame("value_areas", community), hide_index=True)
st.subheader("Convener interviews")
st.dataframe(data.frame("interviews", community), hide_index=True)
