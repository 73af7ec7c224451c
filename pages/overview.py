"""Overview: the programme at a glance, for the chosen community or all of them."""

import streamlit as st

from dashboard import data, inert
from dashboard.frame import enter
from dashboard.state import page_meta
from dashboard.state.filters import current_community, current_rule
from dashboard.views import compare, overview_facts
from dashboard.views import programme as views
from dashboard.widgets import feedback_section as feedback_view

enter()  # the frame around this page, also when Streamlit runs this file on its own (app.py)

community, rule = current_community(), current_rule()
title, intro = overview_facts.programme_intro(data.programmes(), data.communities(), community)
view = views.overview(community, rule)

st.title(inert.markdown(title))
st.write(inert.markdown(intro) + " Figures come from the programme's final report and from sessions recorded since.")
st.caption(page_meta.last_changed())

programme = compare.programme_notes(community, rule)  # under a community's tile, the programme's figure
with st.container(horizontal=True, wrap=True):  # tiles flow onto more rows in a narrow window
    for label, value, help_text in view.tiles:
        with st.container(border=True, width=190, gap="xsmall"):
            st.metric(label, value, help=help_text)
            if label in programme:
                st.caption(inert.markdown(programme[label]))
if view.not_held:
    st.caption("Not held: " + inert.markdown(view.not_held))

feedback_view.section(community, rule, key="feedback-overview")

st.header("The communities")
if view.many:
    trend = overview_facts.TREND
    st.dataframe(
        view.table,
        hide_index=True,
        width="stretch",
        column_config={  # drawn as an image, with gaps, where publication mode hid a count
            trend: st.column_config.ImageColumn(trend, width=170)
            if overview_facts.trend_images(view.table)
            else st.column_config.LineChartColumn(trend, y_min=0)
        },
    )
    st.caption("Too many communities for cards: choose one in the sidebar for its card.")
    st.stop()
cards = view.cards
page_meta.has_rows(
    cards,
    "No convening is recorded here yet: a community's card (attendance, organisations, roles, "
    "conveners and a quote) shows once an editor records its first session.",
)
per_row = 2 if len(cards) > 1 else 1  # one community's card takes the width (half of it wrapped every line)
for start in range(0, len(cards), per_row):
    for col, card in zip(st.columns(per_row), cards[start : start + per_row]):
        with col.container(border=True):
            st.subheader(inert.markdown(card.community))
            st.plotly_chart(card.figure, key=f"spark-{card.community}", theme=None, config={"displayModeBar": False})
            st.caption("Participants at each held convening. " + inert.markdown(card.not_held))
            st.markdown(f"**{card.organisations}** organisations · **{card.roles}** distinct roles")
            st.markdown("**Conveners:** " + (inert.markdown(", ".join(card.conveners)) or "none recorded"))
            if card.quote:
                st.markdown("> " + inert.markdown(card.quote))
