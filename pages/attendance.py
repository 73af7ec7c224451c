"""Attendance: participants at each convening, by community."""

import streamlit as st

from dashboard import charts, data, theme
from dashboard.components import chart_block
from dashboard.filters import current_community

community = current_community()
st.title("Attendance")
sessions = data.frame("attendance_by_session", community)
styles = theme.community_styles(data.community_names())
fig = charts.build_attendance(sessions, styles, "Participants at each convening")
chart_block(fig, sessions, caption="Attendance per convening.", key="attendance")
