"""The evidence queries give the report's figures: 24 areas of change over seven cycles with the
communities each names, 36 interview answers by community and by question, comments by attribution,
theme and value cycle, and a codebook whose first themes are the report's own headings."""

from __future__ import annotations

import shutil

import pytest
from sqlalchemy import insert, select

from db import models as m
from db.admin.load import COP_DATA, load_database
from db.admin.load_spec import DataFileError
from db.read import evidence as ev
from db.read import evidence_comments, evidence_interviews

PI, RPC, OT, US = (
    "Patient Involvement",
    "Rehabilitation and Personalised Care",
    "Operational Teams",
    "Ultrasound Imaging",
)
CYCLE_COUNTS = {
    "immediate": 5,
    "potential": 3,
    "applied": 4,
    "realised": 2,
    "strategic": 3,
    "enabling": 2,
    "transformative": 5,
}
# The areas whose text names a community (Achieving change > Areas of Change).
NAMED = {
    PI: ["immediate-1", "potential-1", "applied-2", "applied-3", "realised-2", "transformative-4"],
    RPC: ["immediate-1", "potential-3", "applied-2", "applied-4", "transformative-4"],
    OT: ["immediate-1", "immediate-5", "realised-1"],
    US: ["immediate-1"],
}
REPORT_THEMES = [  # the bold headings under "Overarching themes and achievements", in order
    "Delivery of commission",
    "Workforce development and wellbeing",
    "Social Learning Space",
    "Non-hierarchical working and empowering the patient and staff voice",
    "Improved working between patients and staff",
    "Connecting the system and building trust",
    "Identifying challenges and solutions, working through wicked problems",
    "Changing mindsets and practice",
]


@pytest.fixture()
def conn(engine):
    with engine.connect() as connection:
        yield connection


def test_twenty_four_areas_over_seven_cycles(conn):
    areas = ev.areas_of_change(conn)
    assert len(areas) == 24
    assert areas.groupby("cycle", sort=False).size().to_dict() == CYCLE_COUNTS


def test_value_matrix_counts_the_areas_each_community_is_named_in(conn):
    matrix = ev.value_matrix(conn)
    per_community = matrix.groupby("community")["areas"].sum().to_dict()
    assert per_community == {PI: 6, RPC: 5, OT: 3, US: 1, ev.NO_COMMUNITY: 14}
    cell = matrix.set_index(["community", "cycle"])["areas"]
    assert cell[(OT, "immediate")] == 2 and cell[(OT, "realised")] == 1 and cell[(OT, "applied")] == 0
    assert cell[(ev.NO_COMMUNITY, "transformative")] == 4
    assert len(matrix) == 7 * 5  # every cycle against every community and "no community", zeros included


@pytest.mark.parametrize("community", [PI, RPC, OT, US])
def test_areas_filtered_by_community_are_the_ones_that_name_it(conn, community):
    areas = ev.areas_of_change(conn, community=community)
    assert areas["slug"].tolist() == NAMED[community]
    assert all(community in named for named in areas["communities"])


def test_community_and_cycle_filters_narrow_together(conn):
    assert ev.areas_of_change(conn, community=OT, cycle="realised")["slug"].tolist() == ["realised-1"]
    assert ev.areas_of_change(conn, cycle="enabling")["slug"].tolist() == ["enabling-1", "enabling-2"]
    assert ev.areas_of_change(conn, community=US, cycle="transformative").empty


def test_programme_wide_areas_name_no_community(conn):
    wide = ev.areas_of_change(conn, programme_wide=True)
    assert len(wide) == 14 and wide["communities"].isna().all()
    assert "applied-1" in wide["slug"].tolist()


def test_thirty_six_answers_reachable_by_community_and_by_question(conn):
    everything = evidence_interviews.interviews(conn)
    assert len(everything) == 36
    by_community = {c: evidence_interviews.interviews(conn, community=c) for c in (PI, RPC, OT, US)}
    assert {c: len(df) for c, df in by_community.items()} == {PI: 12, RPC: 6, OT: 6, US: 12}
    by_question = {q: evidence_interviews.interviews(conn, question_number=q) for q in range(1, 7)}
    assert all(len(df) == 6 for df in by_question.values())

    def keys(frames):
        return {(r.convener_slug, r.question_number) for df in frames for r in df.itertuples()}

    assert keys(by_community.values()) == keys(by_question.values()) == keys([everything])
    assert len(keys([everything])) == 36


def test_question_and_community_filters_narrow_together(conn):
    answers = evidence_interviews.interviews(conn, community=US, question_number=6)
    assert answers["convener"].tolist() == ["Kim Robertson", "Sharon Watty"]
    assert "Slack groups created" in answers.iloc[1]["answer"]
    whole = evidence_interviews.interviews(conn, convener="roger-lang")
    assert whole["question_number"].tolist() == [1, 2, 3, 4, 5, 6]


def test_interviewees_are_conveners_of_the_community_they_answer_for(conn):
    people = evidence_interviews.interviewees(conn)
    assert people["name"].tolist() == [
        "Jannike Nordlund",
        "Roger Lang",
        "Sam Tordesillas",
        "Smitha Nathan",
        "Kim Robertson",
        "Sharon Watty",
    ]
    conveners = conn.execute(select(m.Convener.name, m.Community.name).join(m.Community)).all()
    assert set(zip(people["name"], people["community"])) <= set(conveners)


def test_codebook_starts_with_the_report_theme_headings_then_the_seven_cycles(conn):
    book = ev.codebook(conn)
    assert book["name"].tolist()[:8] == REPORT_THEMES
    cycles = book[book["kind"] == "value-cycle"]
    assert cycles["value_cycle"].tolist() == [f"{c.capitalize()} value" for c in CYCLE_COUNTS]


def test_every_report_theme_of_a_comment_is_one_of_its_tags(conn):
    comments = evidence_comments.coded_comments(conn)
    themed = comments[comments["report_theme"].notna()]
    assert len(themed) == 15  # 11 + 5 quotes printed under a heading, comment-26 printed under two
    for row in themed.itertuples():
        assert row.report_theme in row.codes.split(ev.CODE_SEPARATOR), row.slug


def test_evidence_for_an_area_is_tagged_with_that_areas_cycle(conn):
    rows = conn.execute(
        select(m.Theme.value_cycle_id, m.ValueArea.value_cycle_id)
        .join(m.EvidenceTag, m.EvidenceTag.theme_id == m.Theme.id)
        .join(m.ValueArea, m.EvidenceTag.value_area_id == m.ValueArea.id)
        .where((m.EvidenceTag.comment_id.is_not(None)) | (m.EvidenceTag.interview_id.is_not(None)))
    ).all()
    assert len(rows) > 30
    assert all(code == area for code, area in rows)


def test_evidence_trail_links_areas_to_the_answers_that_support_them(conn):
    trail = ev.evidence_trail(conn, areas=["applied-1"])
    assert trail["ref"].tolist() == ["smitha-nathan-q4"]
    assert trail.iloc[0]["attribution"] == "Smitha Nathan, Operational Teams"
    assert "Liberating Structures" in trail.iloc[0]["text"]
    enabling = ev.evidence_trail(conn, areas=["enabling-2"])
    assert set(enabling["ref"]) >= {"comment-21", "comment-34", "sam-tordesillas-q2"}
    assert set(enabling.loc[enabling["kind"] == "comment", "attribution"]) == {ev.NO_COMMUNITY}


def test_comments_show_all_without_a_community_and_attributed_ones_with_one(conn):
    assert len(evidence_comments.coded_comments(conn)) == 38
    assert evidence_comments.coded_comments(conn, community=US)["slug"].tolist() == ["comment-26"]
    assert evidence_comments.coded_comments(conn, community=OT)["slug"].tolist() == ["comment-36"]
    wide = evidence_comments.coded_comments(conn, programme_wide=True)
    assert len(wide) == 34 and wide["community"].isna().all()


def test_comment_filters_by_theme_and_cycle_narrow(conn):
    facilitation = evidence_comments.coded_comments(conn, theme="facilitation-methods")["slug"].tolist()
    assert facilitation == ["comment-03", "comment-08", "comment-13"]
    assert evidence_comments.coded_comments(conn, cycle="enabling")["slug"].tolist() == [
        "comment-08",
        "comment-21",
        "comment-34",
    ]
    selca = "connecting-the-system-across-selca"
    assert evidence_comments.coded_comments(conn, theme=selca, community=OT)["slug"].tolist() == ["comment-36"]
    assert len(evidence_comments.coded_comments(conn, theme=selca)) == 8
    assert evidence_comments.coded_comments(conn, theme="delivery-of-commission", cycle="enabling").empty


def test_comments_per_theme_counts_attribution(conn):
    counts = evidence_comments.comments_per_theme(conn)
    selca = counts[counts["theme"] == "Connecting the system across SELCA"].set_index("community")["comments"]
    assert selca.to_dict() == {ev.NO_COMMUNITY: 4, OT: 1, PI: 1, RPC: 1, US: 1}
    only_us = evidence_comments.comments_per_theme(conn, community=US)
    assert set(only_us["community"]) == {US} and only_us["comments"].sum() == 2


def test_a_tag_on_a_missing_item_is_refused_by_the_database(engine):
    from sqlalchemy.exc import IntegrityError

    with pytest.raises(IntegrityError), engine.begin() as conn:
        conn.execute(insert(m.EvidenceTag).values(theme_id=1, interview_id=99_999, source="x"))


def _data_dir_with(tmp_path, filename, replace):
    folder = tmp_path / "data"
    shutil.copytree(COP_DATA, folder)
    path = folder / filename
    old, new = replace
    path.write_text(path.read_text().replace(old, new, 1))
    return folder


def test_a_tag_row_with_a_convener_but_no_question_names_its_line(engine, tmp_path):
    folder = _data_dir_with(tmp_path, "evidence_tags.csv", (",jannike-nordlund,1,", ",jannike-nordlund,,"))
    with pytest.raises(DataFileError) as err:
        load_database(engine, folder)
    assert err.value.file == "evidence_tags.csv" and err.value.column == "question_number"
    assert "a convener and a question number together" in str(err.value)
    with engine.connect() as conn:  # nothing written
        assert len(evidence_interviews.interviews(conn)) == 36


def test_a_value_cycle_code_without_its_cycle_is_refused(engine, tmp_path):
    folder = _data_dir_with(tmp_path, "themes.csv", ("value-cycle,immediate,", "value-cycle,,"))
    with pytest.raises(DataFileError) as err:
        load_database(engine, folder)
    assert err.value.file == "themes.csv" and err.value.column == "value_cycle"


def test_a_tag_row_naming_a_question_the_convener_was_not_asked_names_its_line(engine, tmp_path):
    folder = _data_dir_with(tmp_path, "evidence_tags.csv", (",jannike-nordlund,1,", ",jannike-nordlund,9,"))
    with pytest.raises(DataFileError) as err:
        load_database(engine, folder)
    assert err.value.file == "evidence_tags.csv" and err.value.column == "question_number"
    assert "a question of that convener's interview" in str(err.value) and err.value.line == 70
    with engine.connect() as conn:  # nothing written
        assert len(evidence_interviews.interviews(conn)) == 36
