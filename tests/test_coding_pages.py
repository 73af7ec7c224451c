"""The coding pages through AppTest (Code evidence, Record an interview, Themes and cycles), and the
views that show coded evidence: Value stories, Member voice and their CSV downloads."""

from __future__ import annotations

import datetime as dt
import io

from pptx import Presentation
from streamlit.testing.v1 import AppTest

from dashboard.deck.build import build_deck
from dashboard.views import evidence_downloads as evidence_exports
from dashboard.views import feedback_voice
from dashboard.widgets.downloads import csv_file
from db.write import codebook_edit, coding
from tests.apptest import all_text, as_user, cannot_open, new_app, open_tables, signed_in
from tests.editors import ADMIN, CONVENER, add_editors, count
from tests.feedback_items import answer
from tests.test_deck import slide_texts

UI, OT = "Ultrasound Imaging", "Operational Teams"


def _pick(at: AppTest, key: str, starts: str) -> None:
    box = at.selectbox(key=key)
    box.set_value(next(o for o in box.options if o.startswith(starts) or starts in o)).run()


def test_convener_tags_an_approved_answer_on_an_area_and_sees_only_their_communities(engine, db_url):
    admin, _ = add_editors(engine)
    answer(engine, admin, valuable="We now share one booking list")
    answer(engine, admin, community=OT, valuable="Not for this convener")
    at = signed_in("code-the-evidence", CONVENER)
    assert not any("Not for this convener" in o for o in at.selectbox(key="coding_item").options)
    _pick(at, "coding_item", "Feedback answer")
    _pick(at, "coding_area", "Applied value · applied-1")
    at.button(key="coding_tag").click().run()
    assert "Tagged." in all_text(at)
    assert count(engine, "SELECT count(*) FROM evidence_tags WHERE feedback_answer_id IS NOT NULL") == 1
    assert "Applied value → applied-1 on Feedback answer" in all_text(at)


def test_an_intention_coded_as_applied_is_refused_with_the_rule_on_the_page(engine, db_url):
    admin, _ = add_editors(engine)
    answer(engine, admin, take_back="I will try the fishbowl")
    at = signed_in("code-the-evidence", CONVENER)
    _pick(at, "coding_item", "fishbowl")
    at.radio(key="coding_how").set_value("A theme or value cycle").run()
    _pick(at, "coding_theme", "Applied value")
    at.button(key="coding_tag").click().run()
    assert "Nothing was saved" in all_text(at)
    assert "an intention is never evidence that value was applied" in " ".join(c.value for c in at.code)
    assert count(engine, "SELECT count(*) FROM evidence_tags WHERE created_by IS NOT NULL") == 0


def test_convener_records_an_interview_and_bad_input_stores_nothing(engine, db_url):
    add_editors(engine)
    at = signed_in("convener-interview", CONVENER)
    at.text_input(key="interview_convener").input("Dana New")
    at.text_area(key="interview_q1").input("<script>x</script>")
    at.button(key="FormSubmitter:interview_form-Save the interview").click().run()
    assert "Nothing was saved" in all_text(at)
    before = count(engine, "SELECT count(*) FROM interviews")
    at.text_area(key="interview_q1").input("To bring sonographers together")
    at.text_area(key="interview_q6").input("Scans are booked once, not twice")
    at.button(key="FormSubmitter:interview_form-Save the interview").click().run()
    assert "Saved the interview with Dana New." in all_text(at)
    assert count(engine, "SELECT count(*) FROM interviews") == before + 2


def test_administrator_adds_a_theme_and_describes_a_cycle(engine, db_url):
    add_editors(engine)
    at = signed_in("codebook", ADMIN)
    at.text_input(key="theme_name").input("Peer support")
    at.button(key="FormSubmitter:theme_new-Add the theme").click().run()
    assert "Added the theme Peer support." in all_text(at)
    at.selectbox(key="cycle_choice").set_value("Applied value").run()
    at.text_area(key="cycle_text_applied").input("Practice that changed, in our words").run()
    at.button(key="cycle_save").click().run()
    assert (
        count(engine, "SELECT count(*) FROM value_cycles WHERE definition = 'Practice that changed, in our words'") == 1
    )


def test_convener_is_turned_away_from_themes_and_cycles(engine, db_url):
    add_editors(engine)
    at = as_user(CONVENER)
    at.run()
    cannot_open(at, "codebook")  # not in a convener's navigation
    assert "Themes and cycles" in [t.value for t in signed_in("codebook", ADMIN).title]


def test_coded_answer_shows_under_its_area_in_member_voice_and_downloads_and_unscreened_ones_nowhere(engine, db_url):
    admin, convener = add_editors(engine)
    ids = answer(engine, admin, valuable="We now book scans once across trusts")
    answer(engine, admin, valuable="Rejected words", status="rejected")
    answer(engine, admin, valuable="Pending words", status="pending")
    area = codebook_edit.add_area(engine, convener, "applied", "Scans booked once across trusts", [UI])
    coding.tag(engine, convener, "answer", ids[1], area=area, rationale="books scans once now")
    source = "feedback form, session 1 (2026-03-10)"

    at = new_app()
    at.query_params["community"] = UI
    at.query_params["cycle"] = "Applied value"
    at.run()
    at.switch_page("pages/value-framework.py").run()
    text = all_text(open_tables(at))  # an area's evidence trail is built when its expander is opened
    assert "Scans booked once across trusts" in text and "We now book scans once across trusts" in text
    assert f"Feedback answer · {UI} · from {source}" in text
    at.switch_page("pages/comments-and-quotes.py").run()
    voice = all_text(at)
    assert "We now book scans once across trusts" in voice and "Themes: Applied value" in voice
    for page_text in (text, voice):
        assert "Rejected words" not in page_text and "Pending words" not in page_text

    evidence_csv = csv_file(evidence_exports.evidence(at_areas(engine)).rows).decode("utf-8")
    answers_csv = csv_file(feedback_voice.download(UI, None, "applied", {}).rows).decode("utf-8")
    for csv in (evidence_csv, answers_csv):
        assert "We now book scans once across trusts" in csv and source in csv
        assert "Rejected words" not in csv and "Pending words" not in csv

    deck = "\n".join(slide_texts(Presentation(io.BytesIO(build_deck(engine, [UI])))))
    assert "“We now book scans once across trusts”" in deck
    assert f"Community member, {UI}  ·  {source}  ·  evidence of Applied value: Scans booked" in deck
    assert "Rejected words" not in deck and "Pending words" not in deck


def at_areas(engine):
    from db.read import evidence

    with engine.connect() as conn:
        return evidence.areas_of_change(conn, community=UI)


def test_tagged_interview_answers_show_beside_the_reports_with_their_date(engine, db_url):
    _, convener = add_editors(engine)
    from db.write import interview_record

    interview_record.record_interview(
        engine, convener, UI, "Dana New", dt.date(2026, 11, 20), {6: "Scans are booked once, not twice"}
    )
    at = new_app()
    at.query_params["community"] = UI
    at.run()
    at.switch_page("pages/value-framework.py").run()
    at.selectbox(key="question").set_value(
        next(o for o in at.selectbox(key="question").options if o.startswith("Q6."))
    ).run()
    text = all_text(at)
    assert "Scans are booked once, not twice" in text and "Dana New" in text
    assert "From an interview (2026-11-20), recorded in the dashboard" in text


def test_a_convener_interviewed_twice_shows_each_interview_with_its_date(engine, db_url):
    _, convener = add_editors(engine)
    from db.write import interview_record

    interview_record.record_interview(engine, convener, UI, "Dana New", dt.date(2026, 3, 2), {4: "Not yet"})
    interview_record.record_interview(engine, convener, UI, "Dana New", dt.date(2026, 11, 20), {4: "One protocol now"})
    at = new_app()
    at.query_params["community"] = UI
    at.run()
    at.switch_page("pages/value-framework.py").run()
    at.segmented_control(key="read").set_value("One interview whole").run()
    _pick(at, "convener", "Dana New")
    headings = [h.value for h in at.subheader]
    assert headings.index("Interview of 2 March 2026") < headings.index("Interview of 20 November 2026")
    text = all_text(at)
    assert text.index("Not yet") < text.index("One protocol now")
    assert "From an interview (2026-03-02), recorded in the dashboard" in text
    at.segmented_control(key="read").set_value("One question, every convener").run()
    _pick(at, "question", "Q4.")
    text = all_text(at)
    assert "Not yet" in text and "One protocol now" in text and "From an interview (2026-11-20)" in text
    rows = evidence_exports.answers(community=UI, question_number=4, label="Q4").rows()
    dana = rows[rows["Convener"] == "Dana New"]
    assert dana[["Interview date", "Answer"]].values.tolist() == [
        [dt.date(2026, 3, 2), "Not yet"],
        [dt.date(2026, 11, 20), "One protocol now"],
    ]


def test_made_here_lists_a_theme_tag_beside_an_area_tag(engine, db_url):
    """A tag with no area of change beside one with an area (their area column then holds a missing
    value, not None): the page lists both and does not fail."""
    admin, _ = add_editors(engine)
    ids = answer(engine, admin, valuable="We now share one booking list")
    area = codebook_edit.add_area(engine, admin, "applied", "Booking lists shared", [UI])
    coding.tag(engine, admin, "answer", ids[1], area=area, rationale="we now share one")
    coding.tag(engine, admin, "answer", ids[1], theme="facilitation-methods")
    at = signed_in("code-the-evidence", CONVENER)
    assert not at.exception
    made = [c.value.replace("\\", "") for c in at.caption if "· by admin" in c.value]
    assert len(made) == 2, made
    assert any(c.startswith(f"Applied value → {area} on Feedback answer") for c in made), made
    assert any(c.startswith("Facilitation methods on Feedback answer") for c in made), made
