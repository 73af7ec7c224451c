"""Attendance: participants at each convening, change over time, and returning participants."""

import streamlit as st

from dashboard import inert
from dashboard.frame import enter
from dashboard.state import page_meta
from dashboard.state.filters import current_community, current_rule
from dashboard.views import programme as views
from dashboard.widgets import feedback_section as feedback_view
from dashboard.widgets.blocks import chart_block, data_block

enter()  # the frame around this page, also when Streamlit runs this file on its own (app.py)

community = current_community()
view = views.attendance(community, current_rule())

st.title("Attendance" + (f": {inert.markdown(community)}" if community else ""))
st.write(
    "Participants in attendance at each convening. The report gives no dates, so sessions are "
    "placed by their number until dates are recorded."
)
st.caption(page_meta.last_changed())
if view.not_held:
    st.info(inert.markdown(view.not_held), icon=":material/event_busy:")
if page_meta.has_rows(
    view.sessions_table,
    "No convening is recorded here yet: each session an editor records or imports adds its headcount to this chart.",
):
    chart_block(view.figure, view.sessions_table, caption=view.caption, key="attendance")

st.header("Change from first to last held convening")
if view.change_figure is not None:
    chart_block(view.change_figure, view.change_table, caption=view.change_caption, key="attendance-change")
elif page_meta.has_rows(
    view.change_table, "No convening has been held here yet: the change shows once a first session is recorded as held."
):
    data_block(view.change_table, key="attendance-change", label="Show figures")

st.header("New and returning participants")
if view.register.empty:
    st.write(
        "No session in this selection has a register yet: the report's sessions carry headcounts "
        "only. Sessions recorded with a register (pseudonymous participants) show here who was new "
        "and who came back."
    )
else:
    chart_block(view.register_figure, view.register, key="register", caption=view.register_caption)
    data_block(view.repeat, key="repeat-attenders", label="Show participants who came to two or more sessions")

feedback_view.section(community, current_rule(), key="feedback", answers=True)
