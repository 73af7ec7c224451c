"""Member voice: what community members said."""

import streamlit as st

from dashboard import data
from dashboard.filters import current_community

community = current_community()
st.title("Member voice")
st.dataframe(data.frame("comments", community), hide_index=True)
