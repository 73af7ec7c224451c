"""The audit log: every write, who made it and when, and for imports the file and its hash."""

import streamlit as st

from dashboard.frame import enter
from dashboard.widgets import editing
from dashboard.widgets.sign_in import page_user

enter()  # the frame around this page, also when Streamlit runs this file on its own (app.py)

user = page_user(admin=True)
st.title("Audit log")
st.caption(
    "Newest first, times in UTC. Every recorded, corrected or removed session, import, undo and new organisation, "
    "role, community or programme is listed here, written in the same transaction as the change "
    "itself; a correction or removal keeps the values it replaced. Sign-ins, sign-outs, failed "
    "sign-in tries, the first try refused while an account or address must wait, and password "
    "changes are listed too (never the password typed)."
)
st.dataframe(
    editing.audit_entries(user),
    hide_index=True,
    key="audit_table",
    column_config={
        "at": st.column_config.DatetimeColumn("When (UTC)"),
        "user_email": "Who",
        "action": "What",
        "community": "Community",
        "import_batch_id": "Import #",
        "file_name": "File",
        "file_sha256": "SHA-256",
        "detail": "Detail (JSON)",
    },
)
