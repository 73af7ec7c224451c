"""Code evidence: editors tag approved feedback answers, comments and interviews recorded in the dashboard
with codes or as evidence for an area of change, add areas of change, and remove what was added here."""

import streamlit as st

from dashboard import data
from dashboard.frame import enter
from dashboard.inert import markdown as md
from dashboard.widgets import coding as ui
from dashboard.widgets import editing
from dashboard.widgets.coding import JUSTIFICATION_MIN
from dashboard.widgets.sign_in import page_user

enter()  # the frame around this page, also when Streamlit runs this file on its own (app.py)

DONE = "coding_done"
user = page_user()
st.title("Code evidence")
st.caption(
    "Tag what members and conveners said with a theme or value cycle, or as evidence for an area of "
    "change. Only approved feedback answers and what was recorded in the dashboard can be coded; the "
    "report's own items, tags and areas stay as the report has them."
)
editing.show_done(DONE)

items = ui.items(user)
st.header("Tag an item")
if items.empty:
    st.info(
        "Nothing to code yet: approve feedback answers on Screen feedback, or record an interview.",
        icon=":material/info:",
    )
else:
    label = st.selectbox("Item", items["label"], key="coding_item")
    row = items[items["label"] == label].iloc[0]
    st.markdown(md(row["text"]))
    how = st.radio(
        "Tag it as", ["Evidence for an area of change", "A theme or value cycle"], key="coding_how", horizontal=True
    )
    field, options = (
        ("theme", ui.theme_choices())
        if how == "A theme or value cycle"
        else ("area", ui.area_choices(row["community"]))
    )
    choice = st.selectbox("Code" if field == "theme" else "Area of change", list(options), key=f"coding_{field}")
    code = {field: options.get(choice)}
    rationale = st.text_input("Why (the words the tag rests on)", key="coding_rationale", max_chars=1000)
    justification = st.text_area(
        "Justification (only for an intention coded as applied value or later)",
        key="coding_justification",
        max_chars=1000,
        help="An answer saying what someone will do is potential value, never evidence that "
        f"practice changed. To code it as applied value or later, say in at least {JUSTIFICATION_MIN} characters "
        "where it reports something already done.",
    )
    if st.button("Tag", type="primary", icon=":material/sell:", key="coding_tag"):
        editing.attempt(
            ui.tag,
            user,
            row["kind"],
            int(row["id"]),
            rationale=rationale,
            justification=justification or None,
            done_key=DONE,
            said="Tagged.",
            **code,
        )

st.header("Add an area of change")
with st.form("coding_new_area"):
    cycles = ui.cycle_choices()
    cycle = st.selectbox("Value cycle", list(cycles), key="area_cycle")
    wording = st.text_area("What changed", key="area_text", max_chars=2000)
    mine = sorted(user.communities) if not user.is_admin else data.community_names()
    named = st.multiselect(
        "Communities it names" + (" (none: programme-wide)" if user.is_admin else ""),
        mine,
        default=mine[:1] if not user.is_admin else [],
        key="area_communities",
    )
    if st.form_submit_button("Add the area", icon=":material/add:"):
        editing.attempt(
            ui.add_area, user, cycles[cycle], wording, named, done_key=DONE, said="Added the area of change."
        )

st.header("Made here")
made = ui.tags(user, items)
for tag in made.itertuples():
    left, right = st.columns([5, 1])
    left.caption(md(f"{tag.label} · by {tag.created_by}"))
    if right.button("Remove", key=f"untag_{tag.id}", icon=":material/delete:"):
        editing.attempt(ui.untag, user, int(tag.id), done_key=DONE, said="Removed the tag.")
added = ui.added_areas(user)
if added:
    gone = st.selectbox("An area of change added here", list(added), key="area_remove_choice")
    if st.button("Remove this area and its evidence links", key="area_remove", icon=":material/delete:"):
        editing.attempt(ui.remove_area, user, added[gone], done_key=DONE, said="Removed the area of change.")
if made.empty and not added:
    st.caption("No tags or areas of change made in the dashboard yet.")
