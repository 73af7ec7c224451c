"""The "Tell us what you got from today" slide (issue 12): the QR code of a feedback link as a picture,
with the link as text, offered on the Feedback links page when a link is opened and at the end of a
deck when an editor pastes the link on the Slide deck page."""

from __future__ import annotations

import io

from pptx import Presentation

from dashboard.deck.build import build_deck
from dashboard.deck.feedback_slide import HEADING, one_slide_deck, qr_png, valid_url
from dashboard.privacy.rule import Rule
from tests.apptest import run_page

URL = "https://cop.example.nhs.uk/feedback?token=" + "abcDEF123_-" * 4


def _texts(slide) -> str:
    return " ".join(s.text_frame.text for s in slide.shapes if s.has_text_frame)


def _pictures(slide) -> list:
    return [s for s in slide.shapes if s.shape_type == 13]


def test_the_one_slide_deck_holds_the_qr_code_of_the_link_and_the_link_as_text():
    prs = Presentation(io.BytesIO(one_slide_deck(URL, "Ultrasound Imaging, session 4")))
    (slide,) = prs.slides
    assert slide.shapes.title.text == HEADING
    (picture,) = _pictures(slide)
    assert picture.image.blob == qr_png(URL)  # the code is of this very address
    assert URL in picture._element.nvPicPr.cNvPr.get("descr")  # alt text
    assert URL in _texts(slide) and "Ultrasound Imaging, session 4" in _texts(slide)


def test_a_deck_built_with_a_feedback_link_ends_with_its_slide(engine):
    prs = Presentation(io.BytesIO(build_deck(engine, ["Ultrasound Imaging"], ["quotes"], Rule(), feedback_url=URL)))
    last = list(prs.slides)[-1]
    assert last.shapes.title.text == HEADING and URL in _texts(last) and _pictures(last)
    without = Presentation(io.BytesIO(build_deck(engine, ["Ultrasound Imaging"], ["quotes"], Rule())))
    assert all(s.shapes.title is None or s.shapes.title.text != HEADING for s in without.slides)


def test_only_a_whole_web_address_is_taken_as_a_link():
    assert valid_url(f"  {URL} ") == URL
    assert [valid_url(t) for t in ("", "javascript:alert(1)", "cop.example/feedback", "https://a b")] == [None] * 4


def test_the_slide_deck_page_warns_about_a_link_that_is_not_one(db_url):
    at = run_page("build-a-deck")
    at.text_input(key="deck-feedback-link").input("not a link").run()
    assert not at.exception
    assert any("whole address" in w.value for w in at.warning)


def test_the_feedback_links_page_offers_the_slide_right_after_opening_a_link(engine, db_url):
    from tests.apptest import signed_in
    from tests.editors import add_editors

    add_editors(engine)
    at = signed_in("feedback-links")
    assert not any("Tell us what" in b.proto.label for b in at.get("download_button"))
    at.button(key="FormSubmitter:open_link_form-Open a new link").click().run()
    assert not at.exception
    assert any("Tell us what you got from today" in b.proto.label for b in at.get("download_button"))
