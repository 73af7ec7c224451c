"""Feedback imported from a form tool's export (db.write.feedback_import) is read by the same safe reader as
sessions, registers and comments: every file-level kind of the hostile corpus is refused by it with the same
message, and the database is left as it was."""

from __future__ import annotations

import pytest

from db.errors import ImportRejected
from db.write.feedback_import import import_feedback
from tests.editors import snapshot
from tests.hostile_corpus import KINDS
from tests.hostile_files import UI, Raw, sheet_book, sheet_xml, strings_xml, with_strings

# Kinds refused for the file itself (size, encoding, archive, XML, element counts, columns), before any
# header of a kind is matched: a feedback file gets the same refusal.
FILE_LEVEL = [
    "empty-file",
    "over-20-mb",
    "nul-after-4-kb",
    "utf-16-with-bom",
    "latin-1",
    "file-name-of-301-characters",
    "file-name-with-nul",
    "xls-extension",
    "header-of-200k-columns",
    "workbook-header-of-201-columns",
    "sheet-cut-in-half",
    "corrupt-deflate-stream",
    "wrong-checksum",
    "zip-bomb-2-gib-declared",
    "zip-bomb-declared-small",
    "shared-strings-of-60-mb",
    "billion-laughs-in-shared-strings",
    "external-entity-file",
    "strict-open-xml-workbook",
    "two-sheets-of-one-name",
    "doctype-in-a-sheet-part-with-another-name",
    "row-of-8-million-empty-cells",
    "nine-million-styles",
    "seven-million-empty-rows",
    "rich-text-of-2-million-runs",
    "legacy-xls-named-xlsx",
]
BY_NAME = {kind.name: kind for kind in KINDS}


def test_every_kind_named_here_is_in_the_corpus_and_refused_there():
    assert all(name in BY_NAME and BY_NAME[name].refused for name in FILE_LEVEL)


@pytest.mark.parametrize("name", FILE_LEVEL)
def test_a_feedback_import_refuses_a_hostile_file_as_the_import_does(engine, editors, name):
    admin, _ = editors
    kind = BY_NAME[name]
    before = snapshot(engine)
    with pytest.raises(ImportRejected) as err:
        import_feedback(engine, admin, kind.file_name, kind.make())
    messages = [str(p) for p in err.value.problems]
    assert any(kind.refused in message for message in messages), messages
    assert snapshot(engine) == before


FEEDBACK_HEADER = ["community", "session_number", "rating"]


@pytest.mark.parametrize(
    "make, words",
    [
        (lambda: sheet_book(sheet_xml([FEEDBACK_HEADER, [UI, 1, 4], [UI, 1, 5]], numbers=[1, 3, 2])), "in order"),
        (
            lambda: with_strings(
                sheet_book(sheet_xml([FEEDBACK_HEADER, [UI, 1, Raw("<v>-1</v>", ' t="s"')]])), strings_xml("5")
            ),
            "shared string -1 does not exist",
        ),
        (lambda: sheet_book(sheet_xml([FEEDBACK_HEADER, [UI, 1, Raw("<v>INF</v>")]])), "damaged"),
    ],
    ids=["rows-out-of-order", "shared-string-index-negative", "inf-in-a-number-cell"],
)
def test_a_feedback_workbook_damaged_below_its_header_is_refused(engine, editors, make, words):
    admin, _ = editors
    before = snapshot(engine)
    with pytest.raises(ImportRejected) as err:
        import_feedback(engine, admin, "form.xlsx", make())
    assert any(words in str(p) for p in err.value.problems), err.value.problems
    assert snapshot(engine) == before
