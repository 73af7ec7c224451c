"""Value stories: the value-creation framework as a matrix, the areas of change with their evidence
trail, and the convener interviews (one whole, or one question across conveners)."""

import streamlit as st

from dashboard import data, inert
from dashboard.charts import matrix_cells as cells
from dashboard.frame import enter
from dashboard.state import page_meta
from dashboard.state.filters import current_community, current_rule
from dashboard.views import evidence as ev
from dashboard.views import evidence_downloads as exports
from dashboard.views import summaries, value_page
from dashboard.views import value_matrix as vm
from dashboard.widgets import glossary, quotes
from dashboard.widgets.blocks import chart_block, data_block
from dashboard.widgets.downloads import table_downloads

enter()  # the frame around this page, also when Streamlit runs this file on its own (app.py)

community, rule = current_community(), current_rule()
st.title("Value stories")
st.write(glossary.FRAMEWORK + " " + glossary.READING)
st.caption(
    "What changed, for whom, in the conveners' own words. Areas of change as the report lists them "
    "under the value-creation framework (Wenger-Trayner, “Designing for Change”, 2019). The sidebar's "
    "glossary explains cycle, convening and area of change."
)
st.caption(page_meta.last_changed())

st.header("The value-creation framework")
matrix, cycles = value_page.matrix(community), data.value_cycles()
table = matrix.table
clicked = chart_block(matrix.figure, matrix.table, caption=matrix.caption, key="value-matrix", on_select=True)
with st.container(border=True):
    st.markdown(
        f"**The {summaries.number_word(len(cycles))} value cycles, in our own words** (the report "
        "links to the framework but does not define the cycles)"
    )
    left, right = st.columns(2)
    for i, cycle in enumerate(cycles.itertuples()):
        (left if i < 4 else right).markdown(f"**{inert.markdown(cycle.name)}.** {inert.markdown(cycle.definition)}")

st.header("Areas of change")
st.caption(
    "Choose a cell (or a row) of this table to list its areas of change in full, or choose a value "
    "cycle below for the sidebar's community."
)
picked = st.dataframe(
    matrix.sent,  # each count in a byte or two: a thousand communities' rows sent lean
    key="matrix-cells",
    on_select="rerun",
    hide_index=True,
    selection_mode=["single-cell", "single-row"],
    column_config=vm.column_config(),
)
cell = vm.cell_choice(picked.selection, table, community) or vm.cell_choice(cells.clicked(clicked), table, community)
cycle_names = ev.cycle_options()
if message := ev.unknown_choice("cycle", "value cycle", list(cycle_names)):
    st.warning(message, icon=":material/warning:")
cycle_label = st.selectbox(
    "Value cycle",
    [ev.ALL_CYCLES, *cycle_names],
    key="cycle",
    bind="query-params",
    disabled=cell is not None,
    help="With a community chosen in the sidebar, this lists one cell of the matrix.",
)
if cell is not None:
    st.info(
        f"Showing the cell {cell.label}. Clear the selection in the table, or double-click the chart, to choose again.",
        icon=":material/table_chart:",
    )
areas, programme_wide, heading = ev.areas_for(cell, ev.chosen(cycle_label, cycle_names), community)
trail = ev.evidence_by_area(ev.trail(rule))
st.markdown(heading + " Open “Evidence” for the comments and interview answers tagged to each.")
for _, row in areas.iterrows():
    quotes.area_card(row, trail.get(row["slug"]))
if not programme_wide.empty:
    with st.expander(f"Programme-wide: {len(programme_wide)} more areas name no community"):
        for _, row in programme_wide.iterrows():
            quotes.area_card(row, trail.get(row["slug"]))
for listed in (
    exports.areas(areas, programme_wide, cell=cell, cycle_label=cycle_label),
    exports.evidence(areas, programme_wide, cell=cell, cycle_label=cycle_label, rule=rule),
):
    table_downloads(listed.rows, key=listed.key, title=listed.title, what=listed.what)

data_block(ev.codebook_table(), key="codebook", label="The codebook: themes, value cycles and how often each is used")

st.header("Convener interviews")
mode = st.segmented_control(
    "Read", ["One question, every convener", "One interview whole"], default="One question, every convener", key="read"
)
if mode == "One interview whole":
    people = ev.convener_options(community)
    person = st.selectbox("Convener", list(people), key="convener")
    answers = data.interviews(convener=ev.chosen(person, people))
    if not answers.empty and answers.iloc[0]["interview_role_details"]:
        st.caption(inert.markdown(f"Role details: {answers.iloc[0]['interview_role_details']}"))
    for n, (heading, rows) in enumerate(ev.interviews_by_date(answers)):
        if heading:
            st.subheader(heading)
        for i, row in enumerate(rows):
            quotes.answer_card(row, heading="question", key=f"copy-interview-{n}-{i}")
    listed = exports.answers(convener=ev.chosen(person, people), label=person)
else:
    questions = ev.question_options()
    question = st.selectbox("Question", list(questions), key="question")
    answers = data.interviews(community=community, question_number=ev.chosen(question, questions))
    if page_meta.has_rows(
        answers,
        "No convener here has been interviewed yet: each interview an editor records "
        "(Record an interview) adds its answers to this question here.",
    ):
        st.caption(ev.answers_caption(answers))
    for start in range(0, len(answers), 2):
        for col, (i, row) in zip(st.columns(2), enumerate(answers.iloc[start : start + 2].to_dict("records"), start)):
            with col:
                quotes.answer_card(row, heading="convener", key=f"copy-answer-{i}")
    listed = exports.answers(community=community, question_number=ev.chosen(question, questions), label=question)
table_downloads(listed.rows, key=listed.key, title=listed.title, what=listed.what)
