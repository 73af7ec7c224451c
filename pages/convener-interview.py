"""Record an interview: an editor records a convener's value-creation story, answer by answer, dated,
against the interview questions (the report's six). It shows on Value stories beside the report's."""

import datetime as dt

import streamlit as st

from dashboard.frame import enter
from dashboard.inert import markdown as md
from dashboard.widgets import coding as ui
from dashboard.widgets import editing
from dashboard.widgets.sign_in import page_user

enter()  # the frame around this page, also when Streamlit runs this file on its own (app.py)

DONE = "interview_done"
user = page_user()
st.title("Record an interview")
st.caption(
    "A convener's story in their own words, one answer per question; leave a question empty to skip it. "
    "A convener new to the dashboard is added with their interview; conveners are interviewed again as the "
    "programme goes on, so a convener may have several interviews, one per date. Once saved, code the "
    "answers on Code evidence."
)
editing.show_done(DONE)
communities = sorted(user.communities) if not user.is_admin else editing.choices().communities
questions = ui.interview_questions()
with st.form("interview_form"):
    community = st.selectbox("Community", communities, key="interview_community")
    convener = st.text_input("Convener's name", key="interview_convener", max_chars=200)
    day = st.date_input(
        "Date of the interview",
        value=dt.date.today(),
        min_value=dt.date(2019, 1, 1),
        max_value=dt.date.today(),
        key="interview_date",
        format="YYYY-MM-DD",
    )
    answers = {
        int(q.question_number): st.text_area(
            md(f"Q{q.question_number}. {q.question}"), key=f"interview_q{q.question_number}", max_chars=5000
        )
        for q in questions.itertuples()
    }
    if st.form_submit_button("Save the interview", type="primary", icon=":material/save:"):
        editing.attempt(
            ui.record_interview,
            user,
            community,
            convener,
            day,
            answers,
            done_key=DONE,
            said=f"Saved the interview with {convener}.",
        )
