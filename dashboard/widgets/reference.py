"""Small forms for new reference rows: an organisation or role (any editor, close matches offered
first), a community or programme (administrators)."""

from __future__ import annotations

import streamlit as st

from dashboard import inert
from dashboard.widgets import editing
from db.auth import User
from db.write.lookup import Choices
from db.write.reference import CloseMatches


def _add(kind: str, user: User, name: str, *args, **kwargs) -> None:
    """Try the write; on close matches show them and ask for a confirming tick."""
    confirm_key = f"confirm_{kind}"
    with editing.problems_shown():
        try:
            made = editing.add(kind, user, name, *args, confirmed=st.session_state.get(confirm_key, False), **kwargs)
        except CloseMatches as exc:
            st.warning(
                f"“{inert.markdown(exc.name)}” looks like "
                f"{', '.join('“' + inert.markdown(x) + '”' for x in exc.matches)}. "
                "If it is one of these, choose it from the list instead. If it really is new, tick "
                "the box below and add it again.",
                icon=":material/help:",
            )
            return
        st.session_state.pop(confirm_key, None)
        st.success(f"Added {kind} “{inert.markdown(made)}”.", icon=":material/check:")


def new_organisation_or_role(user: User, opts: Choices) -> None:
    with st.expander("An organisation or role that is not in the lists", icon=":material/add:"):
        org_col, role_col = st.columns(2)
        with org_col.form("new_organisation"):
            name = st.text_input("New organisation's full name")
            kind = st.selectbox("Organisation type", opts.organisation_types)
            st.checkbox("None of the close matches: add it as new", key="confirm_organisation")
            if st.form_submit_button("Add organisation"):
                _add("organisation", user, name, kind)
        with role_col.form("new_role"):
            title = st.text_input("New role title")
            group = st.selectbox("Professional group", opts.professional_groups)
            st.checkbox("None of the close matches: add it as new", key="confirm_role")
            if st.form_submit_button("Add role"):
                _add("role", user, title, group)


def new_community_or_programme(user: User, opts: Choices) -> None:
    if not user.is_admin:
        return
    with st.expander("A new community or programme (administrators)", icon=":material/domain_add:"):
        left, right = st.columns(2)
        with left.form("new_community"):
            name = st.text_input("Community name", key="new_community_name")
            programme = st.selectbox("Programme", opts.programmes)
            description = st.text_area("Description (optional)")
            st.checkbox("None of the close matches: add it as new", key="confirm_community")
            if st.form_submit_button("Add community"):
                _add("community", user, name, programme, description=description)
        with right.form("new_programme"):
            pname = st.text_input("Programme name")
            commissioner = st.text_input("Commissioner (optional)")
            delivered_by = st.text_input("Delivered by (optional)")
            st.checkbox("None of the close matches: add it as new", key="confirm_programme")
            if st.form_submit_button("Add programme"):
                _add("programme", user, pname, commissioner=commissioner, delivered_by=delivered_by)
