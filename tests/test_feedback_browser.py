"""The feedback loop in a real Chromium (issue 12, "Done means"): an editor opens a session's link; a
member with no account answers it in another browser context; a closed link takes no answers; the
editor screens (one answer flagged for an e-mail address, redacted and approved, one rejected), adds an
area of change and tags the approved answer as its applied-value evidence; Member voice, Value stories
(under that area), the evidence CSV and the deck then show the approved answer with its source, and
neither the rejected one nor the original anywhere."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.chromium import (
    TIMEOUT_MS,
    add_local_editor,
    axe_violations,
    database_copy,
    described,
    download_from,
    free_port,
    new_tab,
    require_chromium,
    serving,
    settled,
    sign_in_as_editor,
)

pytestmark = [
    pytest.mark.database,  # the server's own database: runs in the PostgreSQL pass too
    pytest.mark.browser,
]

EDITOR, PASSWORD = "feedback.admin@nhs.example", "feedback-browser-test-password"
SECRET = "Ask jo.bloggs@nhs.net for the booking sheet"
REDACTED = "Ask [the convener] for the booking sheet"
AREA = "Booking sheets shared across the trusts' ultrasound departments"
SOURCE = "feedback form, session 1"


@pytest.fixture(scope="module")
def server(request, tmp_path_factory):
    require_chromium()
    folder = tmp_path_factory.mktemp("feedback-server")
    url = database_copy(request, folder)
    add_local_editor(url, EDITOR, PASSWORD)
    port = free_port()
    with serving(url, folder, port=port, env={"COP_PUBLIC_URL": f"http://127.0.0.1:{port}"}) as base:
        yield base


def _editor_goes_to(page, title: str) -> None:
    nav = page.get_by_test_id("stSidebarNav")
    more = nav.get_by_role("button", name=re.compile(r"View .*more"))
    if not nav.get_by_role("link", name=title).count() and more.count():
        more.click()  # a long list of pages shows its first ten until asked
    nav.get_by_role("link", name=title).click()  # a reload would sign out
    expect(page.get_by_test_id("stMain").locator("h1").first).to_contain_text(title)
    settled(page)


def _member_answers(browser, server, url: str, text: str) -> None:
    member = new_tab(browser, server, width=1300)
    member.goto(url)
    settled(member)
    assert member.get_by_test_id("stSidebar").count() == 0  # nothing else of the dashboard
    found = axe_violations(member)  # members answer on their own phones: WCAG 2.2 AA
    assert not found, described(found)
    member.get_by_label("What was most valuable about today?").fill(text)
    member.get_by_role("button", name="Send my answers").click()
    expect(member.get_by_text("Thank you: your answers have been received")).to_be_visible()
    member.context.close()


def test_feedback_from_link_to_member_voice_value_stories_and_the_deck(browser, server):
    editor = new_tab(browser, server, width=1300)
    editor.goto("/")
    sign_in_as_editor(
        editor, EDITOR, PASSWORD, editor.get_by_test_id("stSidebarNav").get_by_role("link", name="Feedback links")
    )
    _editor_goes_to(editor, "Feedback links")
    editor.get_by_role("combobox", name="Session").click()
    editor.get_by_role("option", name="Ultrasound Imaging: Session 1: held, undated, 15 attending").click()
    settled(editor)
    editor.get_by_role("button", name="Open a new link").click()
    expect(editor.get_by_text("New link opened.")).to_be_visible(timeout=TIMEOUT_MS)
    link = editor.get_by_test_id("stCode").first
    expect(link).to_contain_text(f"{server}/feedback?token=")
    url = link.inner_text().strip()
    expect(editor.get_by_test_id("stImage")).to_have_count(1)  # the QR code
    settled(editor)
    assert not (found := axe_violations(editor)), described(found)

    _member_answers(browser, server, url, SECRET)
    _member_answers(browser, server, url, "Rejected words")
    editor.get_by_role("button", name="Close link").click()
    settled(editor)
    late = new_tab(browser, server, width=1300)
    late.goto(url)
    expect(late.get_by_text("This feedback link is closed.")).to_be_visible()
    assert late.get_by_role("button", name="Send my answers").count() == 0
    late.context.close()

    _editor_goes_to(editor, "Screen feedback")
    expect(editor.get_by_text("Looks like personal data: e-mail address:")).to_be_visible()
    assert not (found := axe_violations(editor)), described(found)
    first, _second = editor.get_by_test_id("stForm").all()
    first.get_by_role("textbox").fill(REDACTED)
    first.get_by_role("button", name="Approve (with my edits)").click()
    expect(editor.get_by_text("Approved the answers of response #1.")).to_be_visible()
    settled(editor)
    editor.get_by_test_id("stForm").first.get_by_role("button", name="Reject").click()
    expect(editor.get_by_text("Rejected response #2: it is shown nowhere.")).to_be_visible()

    viewer = new_tab(browser, server, width=1300)
    viewer.goto("/comments-and-quotes?community=Ultrasound+Imaging")
    settled(viewer)
    main = viewer.get_by_test_id("stMain")
    expect(main).to_contain_text(REDACTED)
    expect(main).to_contain_text("feedback form, session 1")
    text = main.inner_text().replace("\u2060", "")
    assert "jo.bloggs@nhs.net" not in text and "Rejected words" not in text

    _editor_codes_the_answer(editor)
    _coded_answer_shows_with_its_source(browser, server)


def _pick(page, box: str, typed: str, within=None) -> None:
    """Choose in a selectbox (a combobox) by typing part of the option and pressing Enter."""
    combo = (within or page).get_by_role("combobox", name=box, exact=True)
    combo.click()
    combo.fill(typed)
    page.get_by_role("option").filter(has_text=typed).first.wait_for()
    combo.press("Enter")
    settled(page)


def _editor_codes_the_answer(editor) -> None:
    """A new area of change, then the approved answer tagged as its applied-value evidence."""
    _editor_goes_to(editor, "Code evidence")
    assert not (found := axe_violations(editor)), described(found)
    form = editor.get_by_test_id("stForm")
    _pick(editor, "Value cycle", "Applied value", within=form)
    form.get_by_label("What changed").fill(AREA)
    form.get_by_role("button", name="Add the area").click()
    expect(editor.get_by_text("Added the area of change.")).to_be_visible()
    settled(editor)
    expect(editor.get_by_test_id("stMain")).to_contain_text(REDACTED)  # the one item to code, shown whole
    _pick(editor, "Area of change", "applied-5: Booking sheets")
    editor.get_by_label("Why (the words the tag rests on)").fill("the sheet is shared already")
    editor.get_by_role("button", name=re.compile(r"(^|\s)Tag$")).click()
    expect(editor.get_by_text("Tagged.", exact=True)).to_be_visible()


def _coded_answer_shows_with_its_source(browser, server) -> None:
    from pptx import Presentation

    from tests.test_deck import slide_texts

    viewer = new_tab(browser, server, width=1300)
    viewer.goto("/value-framework?cycle=Applied+value")
    settled(viewer)
    expect(viewer.get_by_test_id("stMain")).to_contain_text(AREA)
    # the new area's evidence: the expander after its text, whose trail is built when it is opened
    evidence = viewer.get_by_text(AREA, exact=True).first.locator("xpath=following::*[@data-testid='stExpander'][1]")
    evidence.get_by_text("Evidence: 1 tagged item").click()
    expect(evidence).to_contain_text(REDACTED)
    expect(evidence).to_contain_text(f"from {SOURCE}")
    csv = download_from(viewer, viewer.get_by_role("button", name="Download the evidence for these areas (CSV)"))
    rows = Path(csv.path()).read_text(encoding="utf-8")
    assert REDACTED in rows and SOURCE in rows and AREA in rows
    viewer.goto("/build-a-deck")
    settled(viewer)
    deck = download_from(viewer, viewer.get_by_role("button", name="Build and download the deck (.pptx)"))
    slides = "\n".join(slide_texts(Presentation(io.BytesIO(Path(deck.path()).read_bytes()))))
    assert REDACTED in slides and SOURCE in slides
    for shown in (viewer.get_by_test_id("stMain").inner_text(), rows, slides):
        text = shown.replace("\u2060", "")
        assert "jo.bloggs@nhs.net" not in text and "Rejected words" not in text
