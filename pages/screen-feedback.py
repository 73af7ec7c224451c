"""Screen feedback: approve, approve after redaction, or reject each pending answer, with personal-data
flags shown first. Only this page and its editors see pending answers."""

import streamlit as st

from dashboard.frame import enter
from dashboard.inert import markdown as md
from dashboard.widgets import editing
from dashboard.widgets import feedback_pages as feedback
from dashboard.widgets.sign_in import page_user

enter()  # the frame around this page, also when Streamlit runs this file on its own (app.py)

SHOWN = 20

user = page_user()
st.title("Screen feedback")
st.caption(
    "Answers from the feedback form wait here until an editor of the community screens them. Edit an "
    "answer to redact it before approving: your version is kept, the original only in the audit log, "
    "which administrators alone read. Flags point at what looks like personal data; nothing is changed "
    "for you."
)
names = st.text_area(
    "Names to look out for (one per line; kept only while this page is open, never saved)",
    key="screen_names",
    height=80,
)
if done := st.session_state.pop("screening_done", None):
    st.success(done, icon=":material/check:")


def act(action, *args, said: str) -> None:
    editing.attempt(action, user, *args, done_key="screening_done", said=said)


pending = feedback.responses(user, "pending")
st.subheader(f"Waiting: {len(pending)}")
for r in pending[:SHOWN]:
    with st.container(border=True):
        st.markdown(f"**{md(r.community)}**, session {r.number}, sent {r.submitted_at:%Y-%m-%d %H:%M} (UTC)")
        st.text(
            f"Rating: {r.rating or 'none'} · role: {r.role or 'not given'} · "
            f"organisation: {r.organisation or 'not given'}"
        )
        with st.form(f"screen_{r.id}"):
            edited = {}
            for a in r.answers:
                for flag in feedback.answer_flags(a.text, names):
                    st.warning(f"Looks like personal data: {md(str(flag))}", icon=":material/flag:")
                edited[a.id] = st.text_area(md(a.prompt), a.text, max_chars=a.max_length, key=f"answer_{a.id}")
            approve, reject = st.columns(2)
            ok = approve.form_submit_button("Approve (with my edits)", type="primary", icon=":material/check:")
            no = reject.form_submit_button("Reject", icon=":material/close:")
        if ok:
            act(
                feedback.approve,
                r.id,
                feedback.redactions(r, edited),
                said=f"Approved the answers of response #{r.id}.",
            )
        if no:
            act(feedback.reject, r.id, said=f"Rejected response #{r.id}: it is shown nowhere.")
if len(pending) > SHOWN:
    st.caption(f"The {SHOWN} oldest are shown; screen them to see the next.")

with st.expander("Recently screened (undo)"):
    for status in ("approved", "rejected"):
        for r in feedback.responses(user, status, limit=10):
            line = f"#{r.id} {status}: {r.community}, session {r.number}"
            if st.button(f"Back to pending: {md(line)}", key=f"undo_{r.id}", icon=":material/undo:"):
                act(feedback.undo, r.id, said=f"Response #{r.id} is waiting for screening again.")
