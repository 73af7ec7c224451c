"""The evaluation loop's pages (issue 12) in a real Chromium, with hostile text in every kind of field
they hold: the public feedback form (a question's prompt, the community's name), Screen feedback
(pending answers, their flags, the editor's list of names), Code evidence, Record an interview,
Themes and cycles (a theme added through the form), Feedback questions, Feedback links, and the
viewer pages that show the loop's evidence (approved and redacted answers on Member voice, an added
area of change and a recorded interview on Value stories, the feedback chart). On each: no link made
from user text, no icon, no markup, no script run, and the text shown as typed (issue 11, item 13).

The checks are tests/test_browser_inert.py's; the server is this module's own (its own database).
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
import urllib.parse

import pytest
from playwright.sync_api import expect
from sqlalchemy import insert, select

from db import models as m
from db.auth import load_user
from db.engine import make_engine
from db.write import codebook_edit, coding, feedback, interview_record
from tests.chromium import (
    add_local_editor,
    database_copy,
    new_tab,
    require_chromium,
    serving,
    settled,
    sign_in_as_editor,
)
from tests.payloads import EVIL, PAYLOADS
from tests.test_browser_inert import FINDINGS_JS, RENDERED, _community, _normal, open_and_check

pytestmark = [
    pytest.mark.database,  # the server's own database: runs in the PostgreSQL pass too
    pytest.mark.browser,
]

EDITOR, PASSWORD = "inert.loop@nhs.example", "inert-loop-browser-test-password"
LOOP_A = f"Loop A https://{EVIL}/a :material/home: **b** <b>x</b>"
LOOP_B = f"Loop B www.{EVIL} :smile: $x^2$ :red[red text]"
PROMPT = f"Prompt [x](https://{EVIL}/p) :material/rocket_launch: <b>x</b> www.{EVIL}?"
AREA = f"Area https://{EVIL}/area :material/home: ~~s~~ <img src=x onerror=alert(1)>"
THEME = f"Theme :blue-background[on blue] https://{EVIL}/t"
THEME_TYPED = f"Typed theme www.{EVIL} :smile: **b**"
CONVENER = f"Convener [click here](https://{EVIL}) :material/home:"
INTERVIEW = f"Interview answer https://{EVIL}/i $x^2$ :material/home: **b** [x](https://{EVIL}/x)"
NAME = "Jo :material/home: Bloggs"
PENDING = f"Ask someone@{EVIL} or {NAME} at https://{EVIL}/x"
RATIONALE = f"Rationale https://{EVIL}/r :material/home:"
ANSWERS = [p for k, p in PAYLOADS.items() if k != "empty"]
_nonce = itertools.count(1)


def _session(conn, community: int) -> int:
    return conn.execute(
        insert(m.Session).values(
            community_id=community, number=1, status="held", headcount=40, date=dt.date.today(), source="test"
        )
    ).inserted_primary_key[0]


def _responses(conn, session: int, link: int, questions: list[int], texts: list[str], status: str) -> list[int]:
    """Responses to `session`, one per three of `texts` (one answer per question), all `status`."""
    ids = []
    for start in range(0, len(texts), len(questions)):
        rid = conn.execute(
            insert(m.FeedbackResponse).values(
                link_id=link,
                session_id=session,
                nonce=f"inert-loop-{next(_nonce):08d}",
                status=status,
                rating=4,
                submitted_at=feedback.utcnow() - dt.timedelta(hours=2),  # long before the form is tried
            )
        ).inserted_primary_key[0]
        conn.execute(
            insert(m.FeedbackAnswer),
            [
                {"response_id": rid, "question_id": q, "text": t, "redacted": start == 0}  # the first as redacted
                for q, t in zip(questions, texts[start : start + len(questions)])
            ],
        )
        ids += conn.execute(select(m.FeedbackAnswer.id).where(m.FeedbackAnswer.response_id == rid)).scalars().all()
    return ids


def _questions(conn) -> list[int]:
    """The default set's two text questions and a third with a hostile prompt."""
    default = conn.execute(select(m.QuestionSet.id).where(m.QuestionSet.programme_id.is_(None))).scalar_one()
    ids = (
        conn.execute(select(m.Question.id).where(m.Question.question_set_id == default, m.Question.kind == "text"))
        .scalars()
        .all()
    )
    added = conn.execute(
        insert(m.Question).values(
            question_set_id=default, position=9, kind="text", prompt=PROMPT, required=False, max_length=2000, source="t"
        )
    ).inserted_primary_key[0]
    return [*sorted(ids), added]


def _store(url: str) -> str:
    """The hostile loop: communities, a question, answers pending and approved, an area of change, a
    theme, tags and an interview; the token of an open link to Loop A's session."""
    add_local_editor(url, EDITOR, PASSWORD)
    engine = make_engine(url)
    with engine.begin() as conn:
        admin = load_user(conn, EDITOR)
        a, b = _community(conn, LOOP_A, "loop-a"), _community(conn, LOOP_B, "loop-b")
        sessions, questions = (_session(conn, a), _session(conn, b)), _questions(conn)
    now = feedback.utcnow()
    links = [
        feedback.open_link(engine, admin, s, now - dt.timedelta(hours=1), now + dt.timedelta(days=1)) for s in sessions
    ]
    with engine.begin() as conn:
        answered = {
            s: _responses(conn, s, link, questions, ANSWERS[i::2], "approved")
            for i, (s, (link, _)) in enumerate(zip(sessions, links))
        }
        _responses(conn, sessions[0], links[0][0], questions, [PENDING, f"Second {PENDING}", INTERVIEW], "pending")
    area = codebook_edit.add_area(engine, admin, "immediate", AREA, [LOOP_A])
    theme = codebook_edit.add_theme(engine, admin, THEME, f"Description {THEME}")
    first = answered[sessions[0]][0]
    coding.tag(engine, admin, "answer", first, area=area, rationale=RATIONALE)
    coding.tag(engine, admin, "answer", first, theme=theme, rationale=RATIONALE)
    with engine.connect() as conn:
        numbers = interview_record.question_set(conn)["question_number"].tolist()
    interview_record.record_interview(
        engine, admin, LOOP_A, CONVENER, dt.date.today(), dict.fromkeys(numbers, INTERVIEW)
    )
    engine.dispose()
    return links[0][1]


@pytest.fixture(scope="module")
def server(request, tmp_path_factory):
    require_chromium()
    folder = tmp_path_factory.mktemp("inert-loop-server")
    url = database_copy(request, folder, suffix="_inert_loop")
    token = _store(url)
    with serving(url, folder) as base:
        yield base, token


@pytest.fixture()
def page(browser, server):
    tab = new_tab(browser, server[0], width=1300)
    yield tab
    tab.context.close()


def _check(page, shown: list[str]) -> None:
    """No link, icon, markup or script from user text on the page as it is now, and each of `shown` visible."""
    page.wait_for_timeout(300)
    assert page.evaluate(FINDINGS_JS, RENDERED) == []
    assert page.dialogs == [], f"a payload ran script: {page.dialogs}"
    text = _normal(page.locator("body").inner_text())
    for said in shown:
        for line in filter(None, (part.strip() for part in _normal(said).split("\n"))):
            assert line in text, f"{line!r} is not shown as text"


def _editor_opens(page, title: str) -> None:
    """Go to an editors' page through the sidebar (a reload would sign the editor out)."""
    page.get_by_test_id("stSidebarNav").get_by_role("link", name=title).click()
    expect(page.get_by_test_id("stMain").locator("h1").first).to_contain_text(title)
    settled(page)


@pytest.fixture()
def editor(page):
    page.goto("/")
    sign_in_as_editor(
        page, EDITOR, PASSWORD, page.get_by_test_id("stSidebarNav").get_by_role("link", name="Screen feedback")
    )
    return page


def test_the_public_form_shows_a_hostile_question_and_community_as_text(page, server):
    page.goto(f"/feedback?token={server[1]}")
    settled(page)
    _check(page, [LOOP_A, PROMPT])
    page.get_by_label("What was most valuable about today?").fill(PAYLOADS["html-script"])
    page.get_by_role("button", name="Send my answers").click()
    settled(page)  # refused (markup) with the answer's question named, as plain text
    _check(page, ["Nothing was sent", "What was most valuable about today?"])


def test_a_forged_token_is_refused_without_echoing_it_as_markup(page):
    page.goto(f"/feedback?token={PAYLOADS['md-link']}")
    settled(page)
    _check(page, [])


def test_screening_shows_pending_answers_flags_and_the_typed_names_as_text(editor):
    _editor_opens(editor, "Screen feedback")
    names = editor.get_by_label(re.compile("Names to look out for"))
    names.fill(f"{NAME}\nwww.{EVIL}")
    names.press("Tab")  # a text area sends its value when it loses focus
    expect(editor.get_by_text("name on your list", exact=False).first).to_be_visible()
    settled(editor)
    _check(editor, [LOOP_A, PROMPT, f"e-mail address: someone@{EVIL}", f"name on your list: {NAME}"])


def test_code_evidence_shows_items_tags_and_areas_as_text(editor):
    _editor_opens(editor, "Code evidence")
    _check(editor, [THEME])


def test_themes_and_cycles_show_a_theme_typed_in_the_form_as_text(editor):
    _editor_opens(editor, "Themes and cycles")
    _check(editor, [])
    editor.get_by_label("Name").fill(THEME_TYPED)
    editor.get_by_role("button", name="Add the theme").click()
    expect(editor.get_by_text("Added the theme", exact=False)).to_be_visible()
    settled(editor)
    _check(editor, [f"Added the theme {THEME_TYPED}."])


@pytest.mark.parametrize("title", ["Record an interview", "Feedback questions", "Feedback links"])
def test_the_other_loop_pages_make_nothing_of_stored_text(editor, title):
    _editor_opens(editor, title)
    _check(editor, [])


@pytest.mark.parametrize("community", [LOOP_A, LOOP_B], ids=["A", "B"])
def test_member_voice_shows_every_approved_answer_as_text(page, community):
    answers = ANSWERS[0::2] if community == LOOP_A else ANSWERS[1::2]
    open_and_check(page, "/comments-and-quotes", community, [*answers, community, PROMPT])


def test_value_stories_show_an_added_area_and_a_recorded_interview_as_text(page):
    open_and_check(page, "/value-framework", LOOP_A, [AREA, INTERVIEW, CONVENER])


@pytest.mark.parametrize("path", ["/", "/attendance-trends"])
def test_the_feedback_chart_names_a_hostile_community_as_text(page, path):
    open_and_check(page, path, LOOP_A, [LOOP_A] + ([CONVENER] if path == "/" else []))
    chart = page.get_by_test_id("stPlotlyChart").filter(has_text="Approved responses")
    expect(chart).to_have_count(1)  # the feedback chart (plotly's code may arrive after the run ends)
    _check(page, [LOOP_A])


@pytest.mark.parametrize(
    "query", [f"Area https://{EVIL}/area", f"[click](https://{EVIL}/q) :material/home: www.{EVIL} nothing-matches"]
)
def test_a_hostile_search_in_the_address_is_echoed_as_text(page, query):
    """Member voice's search is kept in the address (?q=): a crafted link's words are shown, never made live."""
    page.goto(f"/comments-and-quotes?q={urllib.parse.quote(query)}")
    settled(page)
    _check(page, [f"“{query}”"])
