"""Member voice: every comment and quote, filterable by community, theme and value cycle; full-text
search across comments, interview answers and areas of change; quote cards to copy."""

import streamlit as st

from dashboard import inert
from dashboard.frame import enter
from dashboard.state import page_meta
from dashboard.state.filters import current_community, current_rule
from dashboard.views import evidence as ev
from dashboard.views import evidence_downloads as exports
from dashboard.views import feedback_voice
from dashboard.views.voice_chart import theme_chart
from dashboard.widgets import quotes
from dashboard.widgets.blocks import chart_block
from dashboard.widgets.downloads import table_downloads

enter()  # the frame around this page, also when Streamlit runs this file on its own (app.py)

community = current_community()
st.title("Member voice")
st.caption(
    "What members said, as the report prints it. A comment is attributed to a community only where "
    "the report names one; no person is named."
)
st.caption(page_meta.last_changed())

query = st.text_input(
    "Search comments, interview answers and areas of change",
    key="q",
    bind="query-params",
    placeholder="e.g. Liberating Structures, fishbowl, Slack",
    help="Finds items containing every word (or a word starting with it); case is ignored.",
)

if query:
    found = ev.search_counts(query, community)
    wide = ev.search_counts(query, programme_wide=True) if community is not None else {}
    n = sum(found.values())
    if not n:
        st.info(ev.no_results(query, community, sum(wide.values())), icon=":material/search_off:")
    else:
        st.markdown(
            f"**{n} result{'s' if n != 1 else ''} for “{inert.markdown(query)}”"
            f"{' in ' + inert.markdown(community) if community else ''}.**"
        )
    for kind, label in ev.KIND_LABELS.items():
        if found[kind]:
            st.subheader(f"{label} ({found[kind]})")
            quotes.result_cards(
                found[kind], ev.search_pages(query, kind, community), noun=label.lower(), key=f"search-{kind}"
            )
    if sum(wide.values()):
        with st.expander(f"Programme-wide: {sum(wide.values())} more results name no community"):
            for kind, n in wide.items():
                quotes.result_cards(
                    n,
                    ev.search_pages(query, kind, programme_wide=True),
                    noun=ev.KIND_LABELS[kind].lower(),
                    key=f"wide-search-{kind}",
                )
    st.stop()

themes, cycles = ev.theme_options(), ev.cycle_options()
for key, label, options in (("theme", "theme", themes), ("cycle", "value cycle", cycles)):
    if message := ev.unknown_choice(key, label, list(options)):
        st.warning(message, icon=":material/warning:")
left, right = st.columns(2)
theme_label = left.selectbox("Theme", [ev.ALL_THEMES, *themes], key="theme", bind="query-params")
cycle_label = right.selectbox("Value cycle", [ev.ALL_CYCLES, *cycles], key="cycle", bind="query-params")
theme, cycle = ev.chosen(theme_label, themes), ev.chosen(cycle_label, cycles)

filters = {"theme": theme, "cycle": cycle}
chart = theme_chart(community, theme, cycle, theme_label if theme else None, cycle_label if cycle else None)
if chart.figure is None:
    st.write(inert.markdown(chart.caption))
else:
    chart_block(chart.figure, chart.table, caption=chart.caption, key="comments-per-theme")

shown = ev.comment_count(community=community, **filters)
st.subheader(ev.comments_heading(shown, community, theme_label if theme else None, cycle_label if cycle else None))
quotes.comment_cards(shown, ev.comment_pages(community=community, **filters), key="comments-page")
listed = exports.comments(
    community=community,
    theme_label=theme_label if theme else None,
    cycle_label=cycle_label if cycle else None,
    **filters,
)
table_downloads(listed.rows, key=listed.key, title=listed.title, what=listed.what)
if community is not None:
    wide = ev.comment_count(programme_wide=True, **filters)
    st.markdown(
        f"**Programme-wide comments.** {wide:,} more match these filters and name no community; "
        "they speak for the programme as a whole."
    )
    if st.toggle("Show the programme-wide comments", key="show-wide"):
        quotes.comment_cards(wide, ev.comment_pages(programme_wide=True, **filters), key="wide-comments-page")
        listed = exports.comments(
            programme_wide=True,
            wide=True,
            theme_label=theme_label if theme else None,
            cycle_label=cycle_label if cycle else None,
            **filters,
        )
        table_downloads(listed.rows, key=listed.key, title=listed.title, what=listed.what)

listed = feedback_voice.section(
    community,
    theme,
    cycle,
    {"Theme": theme_label if theme else None, "Value cycle": cycle_label if cycle else None},
    current_rule(),
)
if listed is not None:
    table_downloads(listed.rows, key=listed.key, title=listed.title, what=listed.what)
