"""Publication mode and the texts of feedback answers: a session whose count of answers is hidden has
none of its answers listed (counting the quotes would give the hidden count away: the first question is
answered once per response), on Member voice, its download, Value stories' evidence trail and its
download, and the deck; a session whose count is shown has them all listed."""

from __future__ import annotations

import io

from pptx import Presentation

from dashboard.deck.build import build_deck
from dashboard.privacy.rule import Rule
from dashboard.views import evidence_downloads as evidence_exports
from dashboard.views import feedback_voice
from dashboard.widgets.downloads import csv_file
from db.write import codebook_edit, coding
from tests.apptest import all_text, run_page
from tests.editors import add_editors
from tests.feedback_items import answer
from tests.test_coding_pages import at_areas
from tests.test_deck import slide_texts

UI = "Ultrasound Imaging"
NOTE = "Publication mode: the answers of 1 session whose number of answers is hidden are not listed"


def _everything(engine, rule: Rule) -> dict[str, str]:
    """What Member voice, Value stories (evidence opened), their downloads and the deck show under `rule`."""
    on = {"publication": "true"} if rule.on else {}
    voice = all_text(run_page("comments-and-quotes", UI, **on)).replace("\\", "")
    stories = all_text(run_page("value-framework", UI, tables_open=True, cycle="Applied value", **on))
    return {
        "Member voice": voice,
        "Value stories": stories.replace("\\", ""),
        "answers download": csv_file(feedback_voice.download(UI, None, None, {}, rule).rows).decode("utf-8"),
        "evidence download": csv_file(evidence_exports.evidence(at_areas(engine), rule=rule).rows).decode("utf-8"),
        "deck": "\n".join(slide_texts(Presentation(io.BytesIO(build_deck(engine, [UI], rule=rule))))),
    }


def _tagged_answers(engine, n: int) -> None:
    """`n` approved responses to session 1, each answering the first question; the first one tagged as
    applied value on a new area of change."""
    admin, _ = add_editors(engine)
    ids = [answer(engine, admin, valuable=f"Answer number {i} of {n}") for i in range(1, n + 1)]
    area = codebook_edit.add_area(engine, admin, "applied", "Scans booked once across trusts", [UI])
    coding.tag(engine, admin, "answer", ids[0][1], area=area, rationale="books scans once now")


def test_a_session_with_a_hidden_count_of_answers_lists_none_of_them_in_publication_mode(db_url, engine):
    _tagged_answers(engine, 3)
    shown = _everything(engine, Rule())
    for where, text in shown.items():
        assert "Answer number 1 of 3" in text, where  # listed when publication mode is off
    assert "Answer number 3 of 3" in shown["Member voice"] and NOTE not in shown["Member voice"]
    published = _everything(engine, Rule(on=True))
    for where, text in published.items():
        assert "of 3" not in text, where  # not one of the three: their number would be counted
    assert NOTE in published["Member voice"]


def test_a_session_whose_count_of_answers_is_shown_lists_them_all_in_publication_mode(db_url, engine):
    _tagged_answers(engine, 8)  # 8 people: above the 1-7 the rule hides
    published = _everything(engine, Rule(on=True))
    assert all(f"Answer number {i} of 8" in published["Member voice"] for i in range(1, 9))
    assert all(f"Answer number {i} of 8" in published["answers download"] for i in range(1, 9))
    for where in ("Value stories", "evidence download", "deck"):
        assert "Answer number 1 of 8" in published[where], where
    assert "Publication mode: the answers of" not in published["Member voice"]
    assert "Themes: nan" not in published["Member voice"]  # an answer without codes shows none
