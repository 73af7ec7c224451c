"""Compare: up to four communities side by side, each against the programme."""

import streamlit as st

from dashboard import inert
from dashboard.frame import enter
from dashboard.state.filters import current_rule
from dashboard.views import compare
from dashboard.views.summaries import number_word
from dashboard.widgets.blocks import chart_block, data_block
from dashboard.widgets.compare_choice import MOST, chooser
from dashboard.widgets.downloads import current_context

enter()  # the frame around this page, also when Streamlit runs this file on its own (app.py)

st.title("Compare communities")
st.write(
    f"Up to {number_word(MOST)} communities side by side, with the programme as a whole beside them. Each "
    "community's figures are those its Overview shows. The sidebar's community filter does not "
    "apply here: choose the communities below."
)
chosen = chooser()
if not chosen:
    st.info("Choose one or more communities above to compare them.", icon=":material/compare_arrows:")
    st.stop()
view = compare.comparison(chosen, current_rule())
named = current_context(compared=chosen)  # downloads are named and stamped for the communities compared

st.header("Headline figures")
st.subheader("Attendance")
st.table(inert.table(view.table(compare.ATTENDANCE)))
st.caption(inert.markdown(view.figures_caption))
if view.registered:
    st.subheader("Registers")
    st.table(inert.table(view.table(compare.REGISTERS)))
else:
    st.write(compare.NO_REGISTERS)
st.subheader("Taking part")
st.table(inert.table(view.table(compare.TAKING_PART)))
data_block(view.download, key="compare-figures", label="Download these figures", context=named)

st.header("Participants at each convening")
chart_block(
    view.attendance_figure,
    view.attendance_table,
    caption=view.attendance_caption,
    key="compare-attendance",
    context=named,
)

st.header("Organisations taking part, by type")
chart_block(view.types_figure, view.types_table, caption=view.types_caption, key="compare-types", context=named)
