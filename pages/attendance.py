"""Attendance: participants at each convening, change over time, and returning participants."""

import streamlit as st

from dashboard import charts, data, theme, views
from dashboard.components import chart_block, data_block, escape_markdown
from dashboard.filters import current_community, current_rule

community, rule = current_community(), current_rule()
styles = theme.community_styles(data.community_names())
view = views.attendance(community, rule)

st.title("Attendance" + (f": {escape_markdown(community)}" if community else ""))
st.write("Participants in attendance at each convening. The report gives no dates, so sessions are "
         "placed by their number until dates are recorded.")
if view["not_held"]:
    st.info(escape_markdown(view["not_held"]), icon=":material/event_busy:")

fig = charts.build_attendance(view["in_chart"], styles, "Participants at each convening")
chart_block(fig, view["sessions_table"], caption=view["caption"], key="attendance")

st.header("Change from first to last held convening")
if view["communities"] > 1:
    fig = charts.build_change(view["change_in_chart"], styles, "First and last held convening compared")
    chart_block(fig, view["change_table"], caption=view["change_caption"], key="attendance-change")
else:
    data_block(view["change_table"], key="attendance-change", label="Show figures")

st.header("New and returning participants")
if view["register"].empty:
    st.write("No session in this selection has a register yet: the report's sessions carry headcounts "
             "only. Sessions recorded with a register (pseudonymous participants) show here who was new "
             "and who came back.")
else:
    fig = charts.build_stacked_bars(view["register_in_chart"], category="session", stack="kind", value="count",
                                    x_title="Participants",
                                    title="New and returning participants per session")
    chart_block(fig, view["register"], key="register", caption=view["register_caption"])
    data_block(view["repeat"], key="repeat-attenders", label="Show participants who came to two or more sessions")
