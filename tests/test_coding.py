"""Coding into the framework (issue 12, section 3): tagging rights, the evidence rule, the audit trail,
the report's rows kept read-only, areas of change, themes and cycles, and recorded interviews."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from db import models as m
from db.errors import ImportRejected, PermissionDenied
from db.read import evidence, evidence_interviews
from db.read.feedback_queries import answer_evidence, approved_answers
from db.write import codebook_edit, coding, interview_record, screening
from tests.editors import count
from tests.feedback_items import answer

UI, OT = "Ultrasound Imaging", "Operational Teams"


def _audit(engine, action: str) -> int:
    return count(engine, f"SELECT count(*) FROM audit_log WHERE action = '{action}'")


def test_convener_tags_an_approved_answer_as_evidence_for_a_new_area(engine, editors):
    admin, convener = editors
    ids = answer(engine, admin, valuable="We changed the referral form after last time")
    area = codebook_edit.add_area(engine, convener, "applied", "Referral forms changed across trusts", [UI])
    coding.tag(engine, convener, "answer", ids[1], area=area, rationale="says the form was changed")
    with engine.connect() as conn:
        trail = answer_evidence(conn, areas=[area])
        voice = approved_answers(conn, community=UI, cycle="applied")
    assert trail[["text", "kind", "source"]].values.tolist() == [
        ["We changed the referral form after last time", "feedback answer", "feedback form, session 1 (2026-03-10)"]
    ]
    assert voice["codes"].tolist() == ["Applied value"]
    assert _audit(engine, "tag_evidence") == 1 and _audit(engine, "add_value_area") == 1


def test_pending_and_rejected_answers_cannot_be_tagged_and_never_show(engine, editors):
    admin, _ = editors
    pending = answer(engine, admin, valuable="Still pending", status="pending")
    rejected = answer(engine, admin, valuable="Rejected one", status="rejected")
    for ids in (pending, rejected):
        with pytest.raises(ImportRejected, match="an approved feedback answer"):
            coding.tag(engine, admin, "answer", ids[1], theme="facilitation-methods")
    with engine.connect() as conn:
        assert approved_answers(conn).empty


def test_an_answer_put_back_to_pending_leaves_the_views_with_its_tag(engine, editors):
    admin, _ = editors
    ids = answer(engine, admin, valuable="Tagged, then unscreened")
    coding.tag(engine, admin, "answer", ids[1], area="immediate-1")
    with engine.connect() as conn:
        rid = conn.execute(select(m.FeedbackAnswer.response_id).where(m.FeedbackAnswer.id == ids[1])).scalar()
    screening.undo_screening(engine, admin, rid)
    with engine.connect() as conn:
        assert answer_evidence(conn).empty and approved_answers(conn, theme="immediate-value").empty


def test_convener_codes_only_their_own_communities(engine, editors):
    admin, convener = editors
    ids = answer(engine, admin, community=OT, valuable="Operational answer")
    with pytest.raises(PermissionDenied):
        coding.tag(engine, convener, "answer", ids[1], theme="facilitation-methods")
    with pytest.raises(PermissionDenied):
        codebook_edit.add_area(engine, convener, "applied", "Not mine", [OT])
    with pytest.raises(ImportRejected, match="at least one of your communities"):
        codebook_edit.add_area(engine, convener, "applied", "Programme-wide", [])
    with pytest.raises(PermissionDenied):
        coding.tag(engine, None, "answer", ids[1], theme="facilitation-methods")
    assert count(engine, "SELECT count(*) FROM evidence_tags WHERE created_by IS NOT NULL") == 0


def test_evidence_must_go_to_an_area_naming_the_items_community_or_none(engine, editors):
    admin, _ = editors
    ids = answer(engine, admin, valuable="Something")
    with pytest.raises(ImportRejected, match="an area naming Ultrasound Imaging"):
        coding.tag(engine, admin, "answer", ids[1], area="realised-1")  # names Operational Teams


def test_an_intention_is_not_applied_value_without_a_justification(engine, editors):
    admin, convener = editors
    ids = answer(engine, admin, take_back="I will try the fishbowl with my team")
    with pytest.raises(ImportRejected, match="an intention is never evidence that value was applied"):
        coding.tag(engine, convener, "answer", ids[2], theme="applied-value")
    with pytest.raises(ImportRejected, match="justification of at least 20"):
        coding.tag(engine, convener, "answer", ids[2], area="applied-1", justification="done")
    coding.tag(engine, convener, "answer", ids[2], theme="potential-value")  # what it is: potential
    tag_id = coding.tag(
        engine,
        convener,
        "answer",
        ids[2],
        theme="realised-value",
        justification="The member says elsewhere the fishbowl has already run twice",
    )
    with engine.connect() as conn:
        source = conn.execute(select(m.EvidenceTag.source).where(m.EvidenceTag.id == tag_id)).scalar()
    assert "Justified as done: The member says" in source


def test_the_reports_tags_comments_and_interviews_are_read_only(engine, editors):
    admin, _ = editors
    with engine.connect() as conn:
        report_tag = conn.execute(select(m.EvidenceTag.id).limit(1)).scalar()
        comment = conn.execute(select(m.Comment.id).limit(1)).scalar()
        interview = conn.execute(select(m.Interview.id).limit(1)).scalar()
    with pytest.raises(ImportRejected, match="the report's tags are read-only"):
        coding.untag(engine, admin, report_tag)
    with pytest.raises(ImportRejected, match="the report's own are read-only"):
        coding.tag(engine, admin, "comment", comment, theme="facilitation-methods")
    with pytest.raises(ImportRejected, match="the report's are read-only"):
        coding.tag(engine, admin, "interview", interview, theme="facilitation-methods")
    with pytest.raises(ImportRejected, match="the report's are read-only"):
        codebook_edit.remove_area(engine, admin, "applied-1")


def test_a_tag_is_removed_and_both_changes_are_audited(engine, editors):
    admin, convener = editors
    ids = answer(engine, admin)
    tag_id = coding.tag(engine, convener, "answer", ids[1], theme="facilitation-methods")
    with pytest.raises(ImportRejected, match="a tag the item does not carry yet"):
        coding.tag(engine, convener, "answer", ids[1], theme="facilitation-methods")
    coding.untag(engine, convener, tag_id)
    assert count(engine, "SELECT count(*) FROM evidence_tags WHERE created_by IS NOT NULL") == 0
    assert _audit(engine, "tag_evidence") == 1 and _audit(engine, "untag_evidence") == 1


def test_removing_an_added_area_removes_its_evidence_links(engine, editors):
    admin, convener = editors
    ids = answer(engine, admin)
    area = codebook_edit.add_area(engine, convener, "immediate", "Sonographers met across trusts", [UI])
    assert area == "immediate-6"
    coding.tag(engine, convener, "answer", ids[1], area=area)
    codebook_edit.remove_area(engine, convener, area)
    with engine.connect() as conn:
        assert area not in set(evidence.areas_of_change(conn)["slug"])
    assert count(engine, "SELECT count(*) FROM evidence_tags WHERE created_by IS NOT NULL") == 0


def test_administrators_alone_manage_themes_and_cycle_definitions(engine, editors):
    admin, convener = editors
    with pytest.raises(PermissionDenied):
        codebook_edit.add_theme(engine, convener, "Peer support")
    slug = codebook_edit.add_theme(engine, admin, "Peer support", "Members helping each other")
    with pytest.raises(ImportRejected, match="a name no code"):
        codebook_edit.add_theme(engine, admin, "peer support")
    codebook_edit.describe_cycle(engine, admin, "applied", "Changed practice, in our words")
    with pytest.raises(PermissionDenied):
        codebook_edit.describe_cycle(engine, convener, "applied", "No")
    with engine.connect() as conn:
        book = evidence.codebook(conn).set_index("slug")
        cycle = conn.execute(
            select(m.ValueCycle.name, m.ValueCycle.definition).where(m.ValueCycle.slug == "applied")
        ).one()
    assert book.loc[slug, "kind"] == "curated"
    assert tuple(cycle) == ("Applied value", "Changed practice, in our words")
    assert _audit(engine, "add_theme") == 1 and _audit(engine, "describe_value_cycle") == 1


def test_convener_records_an_interview_and_tags_its_answers(engine, editors):
    _, convener = editors
    day = dt.date(2026, 11, 20)
    written = interview_record.record_interview(
        engine, convener, UI, "Dana New", day, {1: "To bring sonographers together", 3: "A shared protocol", 4: ""}
    )
    assert written == 2
    with engine.connect() as conn:
        answers = evidence_interviews.interviews(conn, convener=None, community=UI)
        recorded = interview_record.recorded_answers(conn, [UI])
    mine = answers[answers["convener"] == "Dana New"]
    assert mine["question_number"].tolist() == [1, 3]
    assert mine["source"].str.startswith("interview (2026-11-20)").all()
    goal = int(recorded.loc[recorded["question_number"] == 3, "id"].iloc[0])
    with pytest.raises(ImportRejected, match="intention"):
        coding.tag(engine, convener, "interview", goal, theme="applied-value")
    coding.tag(engine, convener, "interview", goal, area="immediate-1")
    with engine.connect() as conn:
        trail = evidence.evidence_trail(conn, areas=["immediate-1"])
    assert trail.loc[trail["text"] == "A shared protocol", "source"].tolist() == ["interview (2026-11-20)"]
    assert _audit(engine, "record_interview") == 1


def test_interview_input_is_checked_and_nothing_is_stored_on_a_problem(engine, editors):
    admin, convener = editors
    before = count(engine, "SELECT count(*) FROM interviews")
    with pytest.raises(PermissionDenied):
        interview_record.record_interview(engine, convener, OT, "Someone", dt.date(2026, 1, 1), {1: "x"})
    for name, day, answers, message in (
        ("", dt.date(2026, 1, 1), {1: "x"}, "the convener's name"),
        ("A", dt.date.today() + dt.timedelta(days=1), {1: "x"}, "to today"),
        ("A", dt.date(2026, 1, 1), {1: "<b>bold</b>"}, "without HTML"),
        ("A", dt.date(2026, 1, 1), {1: "x" * 5001}, "at most 5000"),
        ("A", dt.date(2026, 1, 1), {}, "at least one answered question"),
    ):
        with pytest.raises(ImportRejected, match=message):
            interview_record.record_interview(engine, admin, UI, name, day, answers)
    assert count(engine, "SELECT count(*) FROM interviews") == before


def test_a_convener_is_interviewed_again_later_each_interview_kept_with_its_date(engine, editors):
    """Conveners are interviewed again as the programme goes on: several dated interviews, one a day."""
    _, convener = editors
    first, second = dt.date(2026, 3, 2), dt.date(2026, 11, 20)
    interview_record.record_interview(engine, convener, UI, "Dana New", first, {1: "To meet", 4: "Not yet"})
    interview_record.record_interview(engine, convener, UI, "dana new", second, {4: "We share one protocol now"})
    with pytest.raises(ImportRejected, match="one interview per day"):
        interview_record.record_interview(engine, convener, UI, "Dana New", second, {2: "Twice the same day"})
    with engine.connect() as conn:
        answers = evidence_interviews.interviews(conn, community=UI)
        again = int(interview_record.recorded_answers(conn, [UI]).iloc[0]["id"])  # newest first
    mine = answers[answers["convener"] == "Dana New"]
    assert mine[["interviewed_on", "question_number", "answer"]].values.tolist() == [
        [first, 1, "To meet"],
        [first, 4, "Not yet"],
        [second, 4, "We share one protocol now"],
    ]
    assert mine["origin"].tolist() == ["interview (2026-03-02)"] * 2 + ["interview (2026-11-20)"]
    assert count(engine, "SELECT count(*) FROM conveners WHERE name = 'Dana New'") == 1
    coding.tag(engine, convener, "interview", again, area="applied-1", rationale="reports a protocol in use")
    with engine.connect() as conn:  # the tag is on the later answer to Q4 only
        trail = evidence.evidence_trail(conn, areas=["applied-1"])
        coded = evidence_interviews.interviews(conn, community=UI, question_number=4)
    assert trail.loc[trail["kind"] == "interview answer", "source"].tolist()[-1] == "interview (2026-11-20)"
    assert "We share one protocol now" in trail["text"].tolist() and "Not yet" not in trail["text"].tolist()
    assert coded.set_index("answer").loc[["Not yet", "We share one protocol now"], "codes"].isna().tolist() == [
        True,
        False,
    ]
    assert _audit(engine, "record_interview") == 2


def test_a_reports_convener_can_be_interviewed_again_in_the_dashboard(engine, editors):
    admin, _ = editors
    interview_record.record_interview(engine, admin, "Patient Involvement", "Roger Lang", dt.date(2026, 6, 1), {1: "x"})
    with engine.connect() as conn:
        again = evidence_interviews.interviews(conn, convener="roger-lang")
    assert again["origin"].tolist() == ["the report"] * 6 + ["interview (2026-06-01)"]


def test_bad_input_on_the_coding_forms_is_refused_and_stores_nothing(engine, editors):
    admin, convener = editors
    ids = answer(engine, admin)
    before = count(engine, "SELECT count(*) FROM value_areas") + count(engine, "SELECT count(*) FROM themes")
    for call, message in (
        (lambda: codebook_edit.add_area(engine, convener, "applied", "   ", [UI]), "some text"),
        (lambda: codebook_edit.add_area(engine, convener, "applied", "x" * 2001, [UI]), "at most 2000"),
        (lambda: codebook_edit.add_area(engine, convener, "applied", "bell\x07", [UI]), "plain text"),
        (lambda: codebook_edit.add_area(engine, convener, "no-such-cycle", "Text", [UI]), "a value cycle"),
        (lambda: codebook_edit.add_area(engine, admin, "applied", "Text", ["Atlantis"]), "a community the"),
        (lambda: codebook_edit.add_theme(engine, admin, ""), "some text"),
        (lambda: codebook_edit.describe_cycle(engine, admin, "no-such-cycle", "Words"), "a stored"),
        (lambda: coding.tag(engine, convener, "answer", ids[1]), "either a theme or an area"),
        (lambda: coding.tag(engine, convener, "answer", ids[1], theme="x", area="applied-1"), "either a theme"),
        (lambda: coding.tag(engine, convener, "answer", ids[1], theme="no-such-code"), "a code of the codebook"),
        (lambda: coding.tag(engine, convener, "answer", 10_000, theme="facilitation-methods"), "an approved"),
        (lambda: coding.tag(engine, convener, "poster", ids[1], theme="facilitation-methods"), "one of answer"),
        (
            lambda: coding.tag(engine, convener, "answer", ids[1], theme="facilitation-methods", rationale="x" * 1001),
            "at most 1000",
        ),
    ):
        with pytest.raises(ImportRejected, match=message):
            call()
    after = count(engine, "SELECT count(*) FROM value_areas") + count(engine, "SELECT count(*) FROM themes")
    assert after == before
    assert count(engine, "SELECT count(*) FROM evidence_tags WHERE created_by IS NOT NULL") == 0


def test_the_codebook_counts_tags_on_approved_feedback_answers_and_interviews_recorded_here(engine, editors):
    admin, convener = editors
    with engine.connect() as conn:
        before = evidence.codebook(conn).set_index("slug")
    one, two = answer(engine, admin, valuable="First"), answer(engine, admin, valuable="Second")
    area = codebook_edit.add_area(engine, convener, "applied", "Shared protocols", [UI])
    coding.tag(engine, convener, "answer", one[1], theme="facilitation-methods")
    coding.tag(engine, convener, "answer", one[1], area=area, rationale="says the protocol is in use")
    coding.tag(engine, convener, "answer", two[1], theme="facilitation-methods")
    interview_record.record_interview(engine, convener, UI, "Dana New", dt.date(2026, 11, 20), {4: "In use"})
    with engine.connect() as conn:
        said = int(interview_record.recorded_answers(conn, [UI]).iloc[0]["id"])
    coding.tag(engine, convener, "interview", said, theme="facilitation-methods")
    with engine.connect() as conn:
        book = evidence.codebook(conn).set_index("slug")
    methods = book.loc["facilitation-methods"]
    assert methods["feedback"] == 2 and before.loc["facilitation-methods", "feedback"] == 0
    assert methods["interview_answers"] == before.loc["facilitation-methods", "interview_answers"] + 1
    assert book.loc["applied-value", "feedback"] == 1  # the area's cycle code, given with the area
    assert book["areas_of_change"].sum() == before["areas_of_change"].sum()  # an answer is not an area
    with engine.connect() as conn:
        rid = conn.execute(select(m.FeedbackAnswer.response_id).where(m.FeedbackAnswer.id == two[1])).scalar()
    screening.undo_screening(engine, admin, rid)  # back to pending: counted nowhere
    with engine.connect() as conn:
        assert evidence.codebook(conn).set_index("slug").loc["facilitation-methods", "feedback"] == 1


def test_a_convener_cannot_undo_untag_or_code_for_another_community(engine, editors):
    """Crafted requests (an id of another community's item, as a forged widget value would send) are
    refused inside the write functions, and nothing changes."""
    admin, convener = editors
    ids = answer(engine, admin, community=OT, valuable="Operational answer")
    area = codebook_edit.add_area(engine, admin, "applied", "Operational change", [OT])
    tag = coding.tag(engine, admin, "answer", ids[1], area=area, rationale="says it changed")
    interview_record.record_interview(engine, admin, OT, "Olu Other", dt.date(2026, 5, 5), {4: "Changed rota"})
    with engine.connect() as conn:
        said = int(interview_record.recorded_answers(conn, [OT]).iloc[0]["id"])
        rid = conn.execute(select(m.FeedbackAnswer.response_id).where(m.FeedbackAnswer.id == ids[1])).scalar()
    before = count(engine, "SELECT count(*) FROM audit_log")
    for write in (
        lambda: screening.undo_screening(engine, convener, rid),
        lambda: coding.untag(engine, convener, tag),
        lambda: coding.tag(engine, convener, "interview", said, theme="facilitation-methods"),
        lambda: codebook_edit.remove_area(engine, convener, area),
    ):
        with pytest.raises(PermissionDenied):
            write()
    assert count(engine, "SELECT count(*) FROM audit_log") == before
    assert count(engine, "SELECT count(*) FROM evidence_tags WHERE created_by IS NOT NULL") == 1
    with engine.connect() as conn:
        assert approved_answers(conn, community=OT)["text"].tolist() == ["Operational answer"]
