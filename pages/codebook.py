"""Themes and cycles: administrators add codes to the codebook, describe them, and describe the value
cycles in their own words. The report's cycle names and theme headings stay as printed."""

import streamlit as st

from dashboard import data
from dashboard.frame import enter
from dashboard.widgets import coding as ui
from dashboard.widgets import editing
from dashboard.widgets.sign_in import page_user

enter()  # the frame around this page, also when Streamlit runs this file on its own (app.py)

DONE = "themes_done"
user = page_user(admin=True)
st.title("Themes and cycles")
st.caption(
    "The codebook editors tag evidence with. Added codes are ours; the report's theme headings and "
    "the framework's cycle names cannot be renamed here, only described."
)
editing.show_done(DONE)

st.header("Add a theme")
with st.form("theme_new"):
    name = st.text_input("Name", key="theme_name", max_chars=200)
    description = st.text_area("What it covers", key="theme_description", max_chars=2000)
    if st.form_submit_button("Add the theme", icon=":material/add:"):
        editing.attempt(ui.add_theme, user, name, description, done_key=DONE, said=f"Added the theme {name}.")

book = ui.codebook()
st.header("Describe a theme")
themes = dict(zip(book["name"], book["slug"]))
chosen = st.selectbox("Theme", list(themes), key="theme_choice")
current = book.loc[book["name"] == chosen, "description"].iloc[0] if chosen else ""
text = st.text_area("Description", value=current or "", key=f"theme_text_{themes.get(chosen)}", max_chars=2000)
if st.button("Save the description", key="theme_save", icon=":material/save:"):
    editing.attempt(ui.describe_theme, user, themes[chosen], text, done_key=DONE, said="Saved the description.")

st.header("Describe a value cycle")
cycles = ui.cycle_choices()
cycle = st.selectbox("Value cycle", list(cycles), key="cycle_choice")
definitions = data.value_cycles().set_index("slug")["definition"]
definition = st.text_area(
    "Definition (in our own words)",
    value=definitions.get(cycles[cycle]) or "",
    key=f"cycle_text_{cycles[cycle]}",
    max_chars=2000,
)
if st.button("Save the definition", key="cycle_save", icon=":material/save:"):
    editing.attempt(
        ui.describe_cycle, user, cycles[cycle], definition, done_key=DONE, said=f"Saved the definition of {cycle}."
    )
