"""Feedback questions: administrators edit each programme's end-of-meeting questions."""

import streamlit as st

from dashboard.frame import enter
from dashboard.inert import markdown as md
from dashboard.widgets import editing
from dashboard.widgets import feedback_pages as feedback
from dashboard.widgets.editing import QUESTION_KINDS
from dashboard.widgets.sign_in import page_user

enter()  # the frame around this page, also when Streamlit runs this file on its own (app.py)

user = page_user(admin=True)
st.title("Feedback questions")
st.caption(
    "The questions of each programme's end-of-meeting feedback form, in order. A programme without its "
    "own questions uses the dashboard's default set; saving gives it its own. A question that has "
    "answers keeps its kind and stays; its wording can be mended. Never ask for a name."
)
opts = editing.choices()
programme = st.selectbox("Programme", opts.programmes, key="questions_programme")
if done := st.session_state.pop("questions_done", None):
    st.success(done, icon=":material/check:")
own, table = feedback.questions_table(programme)
if not own:
    st.info(f"{md(programme)} uses the default questions. Saving gives it its own.", icon=":material/info:")
cycles = feedback.value_cycle_names()
edited = st.data_editor(
    table,
    num_rows="dynamic",
    hide_index=True,
    key=f"questions_{programme}",
    width="stretch",
    column_order=["kind", "prompt", "value_cycle", "required", "max_length", "answers"],
    column_config={
        "kind": st.column_config.SelectboxColumn("Kind", options=QUESTION_KINDS, required=True),
        "prompt": st.column_config.TextColumn("Question", required=True, max_chars=300),
        "value_cycle": st.column_config.SelectboxColumn("Feeds the value cycle", options=cycles),
        "required": st.column_config.CheckboxColumn("Must be answered"),
        "max_length": st.column_config.NumberColumn("Longest answer (text)", min_value=1, max_value=5000, step=1),
        "answers": st.column_config.NumberColumn("Answers so far", disabled=True),
    },
)
if st.button("Save questions", type="primary", icon=":material/save:", key="save_questions"):
    with editing.problems_shown():
        feedback.save_questions(user, programme, edited)
        st.session_state["questions_done"] = f"Saved the questions of {md(programme)}."
        st.rerun()
