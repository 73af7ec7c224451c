"""Record a session: its details, register and comments, written together in one transaction."""

import pandas as pd
import streamlit as st

from dashboard import inert
from dashboard.frame import enter
from dashboard.widgets import editing
from dashboard.widgets import reference as reference_ui
from dashboard.widgets.editing import SESSION_STATUSES
from dashboard.widgets.sign_in import page_user

enter()  # the frame around this page, also when Streamlit runs this file on its own (app.py)

user = page_user()
st.title("Record a session")
opts = editing.choices()
mine = [c for c in opts.communities if user.can_edit(c)]
if not mine:
    st.info("You are not a convener of any community yet. Ask an administrator.", icon=":material/info:")
    st.stop()
community = st.selectbox("Community", mine, key="record_community")
st.caption(
    "Participants are recorded by pseudonymous codes such as UI-001, never by name. "
    "Roles and organisations come from the lists; add a missing one below first."
)

with st.form("record_form"):
    left, mid, right = st.columns(3)
    number = left.number_input("Session number", min_value=1, max_value=999, value=editing.next_number(community))
    status = mid.selectbox("Status", SESSION_STATUSES)
    when = right.date_input("Date (leave empty if not known)", value=None, format="YYYY-MM-DD")
    headcount = left.number_input(
        "Headcount (leave empty when you fill in the register)",
        min_value=0,
        max_value=1000,
        value=None,
        key="record_headcount",
    )
    note = st.text_area("Note (optional)", key="record_note")
    st.subheader("Register")
    register = st.data_editor(
        pd.DataFrame(
            {
                "participant_code": pd.Series(dtype="str"),
                "role": pd.Series(dtype="str"),
                "organisation": pd.Series(dtype="str"),
            }
        ),
        num_rows="dynamic",
        key="record_register",
        width="stretch",
        column_config={
            "participant_code": st.column_config.TextColumn(
                "Participant code", required=True, help="A pseudonymous code, never a name"
            ),
            "role": st.column_config.SelectboxColumn("Role", options=opts.roles),
            "organisation": st.column_config.SelectboxColumn("Organisation", options=opts.organisations),
        },
    )
    st.subheader("Comments from the session")
    comments = st.data_editor(
        pd.DataFrame({"text": pd.Series(dtype="str"), "theme": pd.Series(dtype="str")}),
        num_rows="dynamic",
        key="record_comments",
        width="stretch",
        column_config={
            "text": st.column_config.TextColumn("Comment, as written", required=True, max_chars=5000),
            "theme": st.column_config.TextColumn("Theme (optional)"),
        },
    )
    saved = st.form_submit_button("Save session", type="primary", icon=":material/save:")

if saved:
    session = {
        "community": community,
        "number": number,
        "status": status,
        "date": when,
        "headcount": headcount,
        "note": note,
    }
    with editing.problems_shown():
        outcome = editing.record_session(user, session, editing.rows(register), editing.rows(comments))
        st.success(
            f"Saved session {number} of {inert.markdown(community)}: {outcome.rows.of('attendances')} on the "
            f"register, {outcome.rows.of('comments')} comments.",
            icon=":material/check:",
        )

st.header("Correct a session recorded here")
if done := st.session_state.pop("correction_done", None):  # said after the rerun that shows the change
    st.success(done, icon=":material/check:")
recorded = editing.recorded_sessions(community)
if not recorded:
    st.caption(
        f"No session of {inert.markdown(community)} has been recorded here yet. The report's sessions are not "
        "changed here; an imported session is put right by undoing its import on the Import page."
    )
else:
    st.caption(
        "Sessions recorded on this page can be corrected or removed. The report's sessions are not "
        "changed here; an imported session is put right by undoing its import on the Import page."
    )
    by_number = {s.number: s for s in recorded}
    picked = st.selectbox(
        "Session to correct",
        list(by_number),
        key="correct_number",
        format_func=lambda n: editing.describe_session(
            by_number[n].number, by_number[n].status, by_number[n].date, by_number[n].headcount
        ),
    )
    chosen = by_number[picked]
    with st.form(f"correct_form_{picked}"):
        left, mid, right = st.columns(3)
        status = left.selectbox("Status", SESSION_STATUSES, index=SESSION_STATUSES.index(chosen.status))
        when = mid.date_input("Date (leave empty if not known)", value=chosen.date, format="YYYY-MM-DD")
        headcount = right.number_input(
            "Headcount" + (f" (from the register: {chosen.register})" if chosen.register else ""),
            min_value=0,
            max_value=1000,
            value=chosen.headcount,
            disabled=bool(chosen.register),
            key=f"correct_headcount_{picked}",
        )
        note = st.text_area("Note (optional)", value=chosen.note or "")
        fix = st.form_submit_button("Save corrections", icon=":material/edit:")
    if fix:
        with editing.problems_shown():
            now = editing.correct_session(
                user,
                community,
                picked,
                {"status": status, "date": when, "note": note, "headcount": None if chosen.register else headcount},
            )
            st.session_state["correction_done"] = f"Corrected {inert.markdown(community)}. {now}."
            st.rerun()
    with st.expander(f"Remove session {picked}"):
        st.write(
            f"Removes session {picked} of {inert.markdown(community)} with its {chosen.register} register lines "
            f"and {chosen.comments} comments. The audit log keeps what it was."
        )
        sure = st.checkbox(f"Yes, remove session {picked}", key=f"remove_sure_{picked}")
        if st.button("Remove session", disabled=not sure, icon=":material/delete:", key=f"remove_{picked}"):
            with editing.problems_shown():
                gone = editing.remove_session(user, community, picked)
                st.session_state["correction_done"] = (
                    f"Removed session {picked} of {inert.markdown(community)}: {gone.register_lines} register lines "
                    f"and {gone.comments} comments."
                )
                st.rerun()

reference_ui.new_organisation_or_role(user, opts)
reference_ui.new_community_or_programme(user, opts)
