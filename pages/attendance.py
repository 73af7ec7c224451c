"""Attendance: participants at each convening, change over time, and returning participants."""

import streamlit as st

from dashboard import charts, data, summaries, theme
from dashboard.components import chart_block, data_block, escape_markdown
from dashboard.filters import current_community, current_rule

community, rule = current_community(), current_rule()
styles = theme.community_styles(data.community_names())
sessions, change = data.attendance(community, rule)

st.title("Attendance" + (f": {escape_markdown(community)}" if community else ""))
st.write("Participants in attendance at each convening. The report gives no dates, so sessions are "
         "placed by their number until dates are recorded.")
if note := summaries.not_held_note(sessions):
    st.info(escape_markdown(note), icon=":material/event_busy:")

in_chart, left_out = summaries.for_chart(sessions, "headcount", "communities")
fig = charts.build_attendance(in_chart, styles, "Participants at each convening")
chart_block(fig, summaries.sessions_table(sessions),
            caption=" ".join(filter(None, [summaries.attendance_caption(change, rule), left_out])), key="attendance")

st.header("Change from first to last held convening")
if len(change) > 1:
    fig = charts.build_change(summaries.for_chart(change, "attendances", "communities")[0], styles,
                              "First and last held convening compared")
    chart_block(fig, summaries.change_table(change), caption=summaries.attendance_caption(change, rule),
                key="attendance-change")
else:
    data_block(summaries.change_table(change), key="attendance-change", label="Show figures")

st.header("New and returning participants")
register = summaries.register_shown(data.frame("register_by_session", community), rule)
if register.empty:
    st.write("No session in this selection has a register yet: the report's sessions carry headcounts "
             "only. Sessions recorded with a register (pseudonymous participants) show here who was new "
             "and who came back.")
else:
    in_chart, left_out = summaries.register_for_chart(register)
    fig = charts.build_stacked_bars(in_chart, category="session", stack="kind", value="count",
                                    x_title="Participants",
                                    title="New and returning participants per session")
    chart_block(fig, register, key="register",
                caption=" ".join(filter(None, [summaries.register_caption(register), left_out])))
    data_block(summaries.repeat_shown(data.frame("repeat_attenders", community), rule),
               key="repeat-attenders", label="Show participants who came to two or more sessions")
