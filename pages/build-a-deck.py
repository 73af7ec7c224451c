"""Slide deck: a 16:9 PowerPoint deck of native, editable charts, quotes and notes, for chosen communities."""

import datetime as dt
import functools

import streamlit as st

from dashboard import data
from dashboard.deck.build import PPTX_MIME, build_deck
from dashboard.deck.choice import CHARTS, chart_title
from dashboard.deck.feedback_slide import valid_url
from dashboard.deck.model import MAX_COMMUNITIES, SECTIONS
from dashboard.files.names import deck_file_name
from dashboard.frame import enter
from dashboard.state import page_meta
from dashboard.state.filters import current_community, current_rule
from dashboard.widgets.deck_quotes import quotes_widget

enter()  # the frame around this page, also when Streamlit runs this file on its own (app.py)

community, rule = current_community(), current_rule()
names = data.community_names()

st.title("Slide deck")
st.write(
    "Build a PowerPoint deck (16:9) for a board paper or an away day: a title slide, one slide per "
    "chart, quotes, the areas of change, and a sources-and-notes slide. The charts are native "
    "PowerPoint charts, so the figures travel inside the file and can be restyled in PowerPoint."
)
st.caption(page_meta.last_changed())

everyone = names if len(names) <= MAX_COMMUNITIES else []
chosen = st.multiselect(
    "Communities",
    names,
    default=[community] if community else everyone,
    key=f"deck-communities-{community or 'all'}",
    max_selections=MAX_COMMUNITIES,
    help=f"Starts from the community chosen in the sidebar (or all of them). A deck "
    f"shows at most {MAX_COMMUNITIES}, so that its charts stay readable.",
)
sections = st.pills(
    "Sections",
    list(SECTIONS),
    format_func=SECTIONS.get,
    selection_mode="multi",
    default=list(SECTIONS),
    key="deck-sections",
    bind="query-params",
    help="Your choices here are kept in the page address: bookmark or share it to build the same deck again.",
)
charts = st.multiselect(
    "Charts",
    list(CHARTS),
    format_func=chart_title,
    default=list(CHARTS),
    key="deck-charts",
    bind="query-params",
    help="A chart is built only when its section is chosen too.",
)
quotes = quotes_widget(chosen, len(chosen) == len(names), disabled="quotes" not in sections)
link = st.text_input(
    "Feedback link (optional)",
    key="deck-feedback-link",
    max_chars=400,
    help="Paste a session's feedback link (Feedback links shows it once, when opened) to end "
    "the deck with a 'Tell us what you got from today' slide and its QR code.",
)
feedback_url = valid_url(link)
if link and not feedback_url:
    st.warning(
        "The feedback link should be a whole address starting https:// or http://; the deck is made without it.",
        icon=":material/link_off:",
    )
if rule.on:
    st.caption(
        "Publication mode is on: the deck hides small numbers exactly as the pages do, and its "
        "sources-and-notes slide says so."
    )
else:
    st.caption(
        "Publication mode is off: counts of people appear as recorded. Switch it on in the "
        "sidebar before sharing the deck outside the team."
    )

if not chosen or not sections:
    st.warning("Choose at least one community and one section to build a deck.", icon=":material/info:")
else:
    st.download_button(
        "Build and download the deck (.pptx)",
        type="primary",
        on_click="ignore",
        data=functools.partial(
            build_deck, data.engine(), chosen, sections, rule, charts=charts, quotes=quotes, feedback_url=feedback_url
        ),
        file_name=deck_file_name(chosen, len(chosen) == len(names), rule, dt.date.today()),
        mime=PPTX_MIME,
        icon=":material/slideshow:",
        key="deck-download",
    )
    quoted = len(quotes) if "quotes" in sections else 0
    st.caption(
        f"{len(chosen)} of {len(names)} communities; sections: "
        f"{', '.join(SECTIONS[s] for s in sections)}; {len(charts)} of {len(CHARTS)} charts; "
        f"{quoted} quote{'' if quoted == 1 else 's'}. The deck is made when you click."
    )
