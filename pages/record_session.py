"""Record a session: its details, register and comments, written together in one transaction."""

import pandas as pd
import streamlit as st

from dashboard import editing, reference_ui
from dashboard.auth import page_user
from db.auth import PermissionDenied
from db.importfile import ImportRejected
from db.models import SESSION_STATUSES

user = page_user()
st.title("Record a session")
opts = editing.choices()
mine = [c for c in opts["communities"] if user.can_edit(c)]
if not mine:
    st.info("You are not a convener of any community yet. Ask an administrator.", icon=":material/info:")
    st.stop()
community = st.selectbox("Community", mine, key="record_community")
st.caption("Participants are recorded by pseudonymous codes such as UI-001, never by name. "
           "Roles and organisations come from the lists; add a missing one below first.")

with st.form("record_form"):
    left, mid, right = st.columns(3)
    number = left.number_input("Session number", min_value=1, max_value=999,
                               value=editing.next_number(community))
    status = mid.selectbox("Status", SESSION_STATUSES)
    when = right.date_input("Date (leave empty if not known)", value=None, format="YYYY-MM-DD")
    headcount = left.number_input("Headcount (leave empty when you fill in the register)",
                                  min_value=0, max_value=1000, value=None)
    note = st.text_area("Note (optional)")
    st.subheader("Register")
    register = st.data_editor(
        pd.DataFrame({"participant_code": pd.Series(dtype="str"), "role": pd.Series(dtype="str"),
                      "organisation": pd.Series(dtype="str")}),
        num_rows="dynamic", key="record_register", width="stretch",
        column_config={
            "participant_code": st.column_config.TextColumn("Participant code", required=True,
                                                            help="A pseudonymous code, never a name"),
            "role": st.column_config.SelectboxColumn("Role", options=opts["roles"]),
            "organisation": st.column_config.SelectboxColumn("Organisation", options=opts["organisations"]),
        })
    st.subheader("Comments from the session")
    comments = st.data_editor(
        pd.DataFrame({"text": pd.Series(dtype="str"), "theme": pd.Series(dtype="str")}),
        num_rows="dynamic", key="record_comments", width="stretch",
        column_config={"text": st.column_config.TextColumn("Comment, as written", required=True,
                                                           max_chars=5000),
                       "theme": st.column_config.TextColumn("Theme (optional)")})
    saved = st.form_submit_button("Save session", type="primary", icon=":material/save:")

if saved:
    session = {"community": community, "number": number, "status": status, "date": when,
               "headcount": headcount, "note": note}
    try:
        outcome = editing.record_session(user, session, editing.rows(register), editing.rows(comments))
    except (ImportRejected, PermissionDenied) as exc:
        editing.show_problems(exc)
    else:
        st.success(f"Saved session {number} of {community}: {outcome.written['attendances']} on the "
                   f"register, {outcome.written['comments']} comments.", icon=":material/check:")

reference_ui.new_organisation_or_role(user, opts)
reference_ui.new_community_or_programme(user, opts)
