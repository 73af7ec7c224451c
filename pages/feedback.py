"""The public end-of-meeting feedback form: reached by a link's token, needs no account, shows nothing
else of the dashboard. Answers are stored as pending until an editor of the community screens them."""

import streamlit as st

from dashboard.frame import enter
from dashboard.inert import markdown as md
from dashboard.widgets import feedback_pages as feedback

enter()  # the frame around this page, also when Streamlit runs this file on its own (app.py)

THANKS = "Thank you: your answers have been received. You can close this page."

st.title("Tell us what you got from today")
token = st.query_params.get("token")
form = feedback.public_form(token)
if form.refusal:
    st.error(form.refusal, icon=":material/link_off:")
    st.stop()
st.markdown(f"**{md(form.link.community)}**, {feedback.session_words(form.link)}")
nonce = feedback.form_nonce()
if feedback.already_sent(nonce):
    st.success(THANKS, icon=":material/check:")
    st.stop()
st.caption(
    "Your answers are anonymous: please do not write your name or anyone else's. An editor of the "
    "community reads them before anything is shown in the dashboard."
)

with st.form("feedback_form"):
    answers = {}
    for q in form.questions:
        label = md(q.prompt) + ("" if q.required or q.kind != "text" else " (optional)")
        if q.kind == "text":
            answers[q.id] = st.text_area(label, max_chars=q.max_length, key=f"q{q.id}")
        elif q.kind == "rating":
            answers[q.id] = st.radio(label, [1, 2, 3, 4, 5], index=None, horizontal=True, key=f"q{q.id}")
        else:
            options = form.roles if q.kind == "role" else form.organisations
            answers[q.id] = st.selectbox(
                label, options, index=None, key=f"q{q.id}", placeholder="Choose one, or leave empty"
            )
    sent = st.form_submit_button("Send my answers", type="primary", icon=":material/send:")

if sent and feedback.send(token, answers, nonce):
    st.rerun()  # the page then says thank you: this form view has been sent
