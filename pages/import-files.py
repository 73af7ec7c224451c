"""Import sessions, registers, comments and feedback collected elsewhere from a CSV or XLSX file; undo a
whole import."""

import streamlit as st

from dashboard.frame import enter
from dashboard.widgets import editing
from dashboard.widgets import feedback_import as feedback_files
from dashboard.widgets.editing import KINDS, MAX_BYTES, MAX_ROWS
from dashboard.widgets.sign_in import page_user

enter()  # the frame around this page, also when Streamlit runs this file on its own (app.py)

user = page_user()
st.title("Import a file")
st.markdown(
    f"Upload a **CSV** file (sessions, register or comments, told apart by their header) or an "
    f"**Excel workbook** with sheets named `sessions`, `register` and `comments`. The whole file is "
    f"checked first; if any row is wrong nothing is written and every problem is listed. Rows already "
    f"stored are skipped and reported. At most {MAX_BYTES // (1024 * 1024)} MB and {MAX_ROWS:,} rows."
)

st.subheader("Templates")
cols = st.columns(len(KINDS) + 1)
cols[0].download_button(
    "Workbook (.xlsx)",
    editing.template_xlsx(),
    "cop-import-template.xlsx",
    icon=":material/download:",
    key="template_xlsx",
)
for col, kind in zip(cols[1:], KINDS):
    col.download_button(
        f"{kind.capitalize()} (.csv)",
        editing.template_csv(kind),
        f"cop-import-{kind}.csv",
        mime="text/csv",
        icon=":material/download:",
        key=f"template_{kind}",
    )

st.subheader("Upload")
upload = st.file_uploader(
    "File to import", type=["csv", "xlsx"], key="import_upload", max_upload_size=MAX_BYTES // (1024 * 1024) + 5
)
if upload is not None and st.button("Check and import", type="primary", icon=":material/upload:", key="import_go"):
    with editing.problems_shown():
        outcome = editing.import_file(user, upload.name, upload.getvalue())
        st.success(f"Imported as import #{outcome.batch_id}: {outcome.rows.in_words()}.", icon=":material/check:")
        if outcome.duplicates:
            st.info(
                f"{len(outcome.duplicates)} rows were already stored and were skipped.", icon=":material/content_copy:"
            )
            st.dataframe({"skipped": outcome.duplicates}, hide_index=True)

st.subheader("Feedback collected elsewhere")
st.markdown(
    "An export of another form tool (CSV or XLSX): columns `community`, `session_number`, then one "
    "column per question, named by its prompt or its key (`q1`, `q2`, ... in order; `rating`, `role`, "
    "`organisation`). Each answer gets the feedback form's checks; the responses wait on **Screen "
    "feedback** like the form's. Undo it below like any import."
)
programme = st.selectbox("Programme (its questions)", feedback_files.programmes(), key="feedback_programme")
left, right = st.columns(2)
left.download_button(
    "Feedback template (.csv)",
    feedback_files.template_csv(programme),
    feedback_files.file_name(programme, "csv"),
    mime="text/csv",
    icon=":material/download:",
    key="feedback_template_csv",
)
right.download_button(
    "Feedback template (.xlsx)",
    feedback_files.template_xlsx(programme),
    feedback_files.file_name(programme, "xlsx"),
    icon=":material/download:",
    key="feedback_template_xlsx",
)
answers = st.file_uploader(
    "Feedback file to import",
    type=["csv", "xlsx"],
    key="feedback_upload",
    max_upload_size=MAX_BYTES // (1024 * 1024) + 5,
)
if answers is not None and st.button("Check and import feedback", icon=":material/upload:", key="feedback_go"):
    with editing.problems_shown():
        batch, responses = feedback_files.import_feedback(user, answers.name, answers.getvalue())
        st.success(
            f"Imported as import #{batch}: {responses} responses, waiting for screening.", icon=":material/check:"
        )

st.subheader("Imports so far")
live = editing.live_imports(user)
if live:
    with st.form("undo_form"):
        chosen = st.selectbox("Import to undo", live, format_func=lambda i: f"import #{i}")
        sure = st.checkbox("I understand this removes every row that import wrote", key="undo_sure")
        undo = st.form_submit_button("Undo import", icon=":material/undo:")
    if undo and not sure:
        st.warning("Tick the box to confirm the undo.", icon=":material/warning:")
    elif undo:
        with editing.problems_shown():
            removed = editing.undo_import(user, chosen)
            st.success(f"Import #{chosen} undone: removed {removed.in_words()}.")
st.dataframe(
    editing.imports(user),
    hide_index=True,
    key="imports_table",
    column_config={
        "id": "Import #",
        "status": "Status",
        "created_at": st.column_config.DatetimeColumn("When (UTC)"),
        "user_email": "By",
        "file_name": "File",
        "summary": "Rows written",
        "sha256": "SHA-256",
        "undone_at": st.column_config.DatetimeColumn("Undone (UTC)"),
        "undone_by": "Undone by",
    },
)
